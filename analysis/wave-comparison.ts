/**
 * Comparing a group in this wave with a group in an earlier one (usually the
 * nulmeting) as independent samples — the respondents are anonymous, so nobody can be
 * paired across waves. A group is the whole wave (the overall) or one team, possibly
 * against the union of the earlier teams it continues (see change.ts).
 *
 * What is compared: the scored items the lineage between the two versions links (see
 * lineage.ts; `reworded` flagged), and constructs that exist under the same id in both
 * versions and are built from linked items.
 *
 * - Items: Mann–Whitney U on the 0–1 scores (a rank test: answers are ordinal), with the
 *   rank-biserial correlation as effect size. The difference of the 0–1 means comes with
 *   a 95% interval from Welch's t (unequal variances, Welch–Satterthwaite df).
 * - Constructs: per-respondent scores (mean of the items answered, none below half),
 *   Welch's t test, its 95% interval, and Hedges' g.
 * - Every p-value is Holm-adjusted over the family of tests of the group, and the
 *   family size is reported; every difference gets a plain reading (reading.ts).
 *
 * Anonymity: each side is made of the cells that are shown in that wave's own report —
 * a team counts only if it is shown and its cell for that item (construct) is — so a
 * figure here is a function of shown cells only; a side with fewer than `threshold`
 * respondents suppresses the comparison.
 */
import { itemsOfConstruct } from '../survey-definitions/index.ts';
import { definitionKey, type TConstruct, type TDefinition } from '../survey-definitions/schema.ts';
import { constructVisible, respondentScores } from './constructs.ts';
import { rowsOfTeams, shownCounts, suppressedTeams, type TDataset } from './dataset.ts';
import { orNull, SUPPRESSED } from './cells.ts';
import type { TItemTally } from './items.ts';
import type { TResolvedLineage } from './lineage.ts';
import { readDifference } from './reading.ts';
import type { TWaveComparison, TWaveConstruct, TWaveItem } from './report-schema.ts';
import { moments, momentsFromCounts, type TMoments } from './stats/descriptive.ts';
import { holm } from './stats/holm.ts';
import { mannWhitneyFromCounts } from './stats/mann-whitney.ts';
import { hedgesG, welchFromMoments } from './stats/t-tests.ts';

export interface TWaveData {
  data: TDataset;
  tallyOf: (id: string) => TItemTally;
}

/** One side of a comparison: a wave and the teams (indices) whose shown cells count. */
export interface TSide {
  wave: TWaveData;
  teams: readonly number[];
}

export function allTeams(wave: TWaveData): TSide {
  return { wave, teams: wave.data.teams.map((_, t) => t) };
}

const REASONS = {
  constructMissing: { nl: 'Dit construct bestaat niet in de nulmeting.', en: 'This construct does not exist in the baseline.' },
  constructChanged: {
    nl: 'Het construct bestaat uit andere (of nieuwe) items dan in de nulmeting.',
    en: 'The construct is built from other (or new) items than in the baseline.',
  },
};

/** What is compared between two versions: decided once, applied to every group. */
export interface TComparisonPlan {
  lineage: TResolvedLineage;
  items: { id: string; baselineId: string; lineage: 'same' | 'reworded'; notes: TWaveItem['notes'] }[];
  constructs: { current: TConstruct; baseline: TConstruct; reworded: boolean }[];
  notCompared: TWaveComparison['notCompared'];
}

function values01(tally: TItemTally): number[] {
  const { k, scale } = tally.column;
  return Array.from({ length: k }, (_, v) => v / (scale.max - scale.min));
}

function rawMean(tally: TItemTally, counts: Float64Array): number {
  const { k, scale } = tally.column;
  return momentsFromCounts(
    Array.from({ length: k }, (_, v) => scale.min + v),
    counts,
  ).mean;
}

/** Counts per scale value over the side's teams whose cell of this item is shown. */
function sideCounts(side: TSide, tally: TItemTally): { counts: Float64Array; n: number } {
  const { k } = tally.column;
  const counts = new Float64Array(k);
  let n = 0;
  for (const t of side.teams) {
    if (!tally.visible[t]) continue;
    for (let v = 0; v < k; v++) counts[v]! += tally.counts[t * (k + 1) + v]!;
    n += tally.n[t]!;
  }
  return { counts, n };
}

function ciOrNull(ci: [number, number]): [number, number] | null {
  return Number.isFinite(ci[0]) && Number.isFinite(ci[1]) ? ci : null;
}

function compareItem(current: TSide, baseline: TSide, id: string, baselineId: string, threshold: number): TWaveItem['result'] {
  const currentTally = current.wave.tallyOf(id);
  const baselineTally = baseline.wave.tallyOf(baselineId);
  const cur = sideCounts(current, currentTally);
  const base = sideCounts(baseline, baselineTally);
  if (cur.n < threshold || base.n < threshold) return SUPPRESSED;
  // One value axis for both waves: the union of their 0–1 values (identical when the
  // scale is the same, merged when a reworded item changed scale).
  const curValues = values01(currentTally);
  const baseValues = values01(baselineTally);
  const axis = [...new Set([...curValues, ...baseValues])].sort((a, b) => a - b);
  const position = new Map(axis.map((v, i) => [v, i]));
  const countsCur = new Float64Array(axis.length);
  const countsBase = new Float64Array(axis.length);
  curValues.forEach((v, i) => (countsCur[position.get(v)!]! += cur.counts[i]!));
  baseValues.forEach((v, i) => (countsBase[position.get(v)!]! += base.counts[i]!));
  const mwu = mannWhitneyFromCounts(countsCur, countsBase);
  const mCur = momentsFromCounts(curValues, cur.counts);
  const mBase = momentsFromCounts(baseValues, base.counts);
  const welch = welchFromMoments(mCur, mBase);
  return {
    suppressed: false,
    baseline: { n: base.n, mean: rawMean(baselineTally, base.counts), mean01: mBase.mean },
    current: { n: cur.n, mean: rawMean(currentTally, cur.counts), mean01: mCur.mean },
    difference01: mCur.mean - mBase.mean,
    ci95: ciOrNull(welch.ci95),
    test: 'mann_whitney_u',
    u: mwu.u1,
    z: orNull(mwu.z),
    method: mwu.method,
    p: mwu.p,
    pHolm: Number.NaN, // filled in once the family is known
    rankBiserial: mwu.rankBiserial,
    reading: readDifference(null, null, 'rank_biserial', null), // likewise
  };
}

interface TConstructData {
  visible: boolean[];
  score01: Float64Array;
  raw: Float64Array | undefined;
}

/**
 * Per wave and construct, worked out once: which team cells are shown and every row's
 * score. A comparison asks for them once per group (the overall and each team), so
 * without this each team would cost a pass over the whole wave.
 */
const constructCache = new WeakMap<TWaveData, Map<string, TConstructData>>();

function constructData(wave: TWaveData, construct: TConstruct): TConstructData {
  let cache = constructCache.get(wave);
  if (!cache) constructCache.set(wave, (cache = new Map()));
  let entry = cache.get(construct.id);
  if (!entry) {
    const { data } = wave;
    const all = new Int32Array(data.rows);
    for (let r = 0; r < data.rows; r++) all[r] = r;
    entry = { visible: constructVisible(data, construct, wave.tallyOf), ...respondentScores(data, construct, all) };
    cache.set(construct.id, entry);
  }
  return entry;
}

/** The scores of the given rows that are not NaN (plain loops: TypedArray#filter is slow at this size). */
function finiteAt(values: Float64Array, rows: Int32Array): Float64Array {
  let count = 0;
  for (let i = 0; i < rows.length; i++) if (values[rows[i]!] === values[rows[i]!]) count++;
  const out = new Float64Array(count);
  let at = 0;
  for (let i = 0; i < rows.length; i++) {
    const v = values[rows[i]!]!;
    if (v === v) out[at++] = v;
  }
  return out;
}

/** Per-respondent construct scores of the side's teams whose construct cell is shown. */
export function constructSample(side: TSide, construct: TConstruct) {
  const { data } = side.wave;
  const { visible, score01, raw } = constructData(side.wave, construct);
  const rows = rowsOfTeams(
    data,
    side.teams.filter((t) => visible[t]),
  );
  return { score01: finiteAt(score01, rows), raw: raw ? finiteAt(raw, rows) : undefined };
}

function compareConstruct(
  current: TSide,
  baseline: TSide,
  cc: TConstruct,
  bc: TConstruct,
  threshold: number,
): TWaveConstruct['result'] {
  const cur = constructSample(current, cc);
  const base = constructSample(baseline, bc);
  if (cur.score01.length < threshold || base.score01.length < threshold) return SUPPRESSED;
  const mCur: TMoments = moments(cur.score01);
  const mBase: TMoments = moments(base.score01);
  const welch = welchFromMoments(mCur, mBase);
  // A mean on the items' own scale only when both waves have one (a shared scale).
  const side = (m: TMoments, raw: Float64Array | undefined) =>
    cur.raw && base.raw && raw ? { n: m.n, mean: moments(raw).mean, mean01: m.mean } : { n: m.n, mean01: m.mean };
  return {
    suppressed: false,
    baseline: side(mBase, base.raw),
    current: side(mCur, cur.raw),
    difference01: mCur.mean - mBase.mean,
    ci95: ciOrNull(welch.ci95),
    test: 'welch_t',
    t: orNull(welch.t),
    df: orNull(welch.df),
    p: orNull(welch.p),
    pHolm: null,
    hedgesG: orNull(hedgesG(mCur, mBase)),
    reading: readDifference(null, null, 'hedges_g', null),
  };
}

/** Whether construct `cc` of the current version continues `bc`, item for item. */
export function matchConstruct(
  current: TDefinition,
  baseline: TDefinition,
  cc: TConstruct,
  bc: TConstruct,
  lineage: TResolvedLineage,
): { ok: true; reworded: boolean } | { ok: false } {
  if (cc.kind !== bc.kind) return { ok: false };
  const currentItems = itemsOfConstruct(current, cc.id);
  const links = currentItems.map((item) => lineage.items.get(item.id));
  if (links.length === 0 || links.some((l) => !l)) return { ok: false };
  const from = links.map((l) => l!.baselineId);
  const reworded = links.some((l) => l!.lineage === 'reworded');
  if (cc.kind === 'gap' && bc.kind === 'gap') {
    const [nowFrom, targetFrom] = [cc.now, cc.target].map((id) => from[currentItems.findIndex((i) => i.id === id)]);
    return nowFrom === bc.now && targetFrom === bc.target ? { ok: true, reworded } : { ok: false };
  }
  const baselineItems = new Set(itemsOfConstruct(baseline, bc.id).map((i) => i.id));
  const same = from.length === baselineItems.size && from.every((id) => baselineItems.has(id));
  return same ? { ok: true, reworded } : { ok: false };
}

/** Which items and constructs are compared between the two versions, and which not and why. */
export function comparisonPlan(current: TDefinition, baseline: TDefinition, lineage: TResolvedLineage): TComparisonPlan {
  const notCompared: TWaveComparison['notCompared'] = lineage.notComparable.map((n) => ({ ...n }));
  const items = [...lineage.items.values()].map((l) => ({
    id: l.id,
    baselineId: l.baselineId,
    lineage: l.lineage,
    notes: l.notes,
  }));
  const constructs: TComparisonPlan['constructs'] = [];
  for (const cc of current.constructs) {
    const bc = baseline.constructs.find((c) => c.id === cc.id);
    if (!bc) {
      notCompared.push({ id: cc.id, side: 'current', reason: REASONS.constructMissing });
      continue;
    }
    const match = matchConstruct(current, baseline, cc, bc, lineage);
    if (!match.ok) {
      notCompared.push({ id: cc.id, side: 'current', reason: REASONS.constructChanged });
      continue;
    }
    constructs.push({ current: cc, baseline: bc, reworded: match.reworded });
  }
  return { lineage, items, constructs, notCompared };
}

/** Items and constructs of one group, Holm-adjusted over the group's family, with readings. */
export function compareGroup(
  plan: TComparisonPlan,
  current: TSide,
  baseline: TSide,
  threshold: number,
): { items: TWaveItem[]; constructs: TWaveConstruct[]; familySize: number } {
  const items: TWaveItem[] = plan.items.map((l) => ({
    id: l.id,
    baselineId: l.baselineId,
    lineage: l.lineage,
    reworded: l.lineage === 'reworded',
    notes: l.notes,
    result: compareItem(current, baseline, l.id, l.baselineId, threshold),
  }));
  const constructs: TWaveConstruct[] = plan.constructs.map((c) => ({
    id: c.current.id,
    kind: c.current.kind,
    reworded: c.reworded,
    result: compareConstruct(current, baseline, c.current, c.baseline, threshold),
  }));

  // Holm over every test that produced a p-value.
  const pValues = [
    ...items.map(({ result: r }) => (r.suppressed ? Number.NaN : r.p)),
    ...constructs.map(({ result: r }) => (r.suppressed || r.p === null ? Number.NaN : r.p)),
  ];
  const adjusted = holm(pValues);
  items.forEach(({ result: r }, i) => {
    if (r.suppressed) return;
    r.pHolm = adjusted[i]!;
    r.reading = readDifference(r.ci95, r.rankBiserial, 'rank_biserial', r.pHolm);
  });
  constructs.forEach(({ result: r }, i) => {
    if (r.suppressed) return;
    r.pHolm = orNull(adjusted[items.length + i]!);
    r.reading = readDifference(r.ci95, r.hedgesG, 'hedges_g', r.pHolm);
  });
  return { items, constructs, familySize: pValues.filter((p) => !Number.isNaN(p)).length };
}

/** The overall comparison of a wave with its baseline, as `analyse()` reports it. */
export function waveComparison(current: TWaveData, baseline: TWaveData, lineage: TResolvedLineage): TWaveComparison {
  const currentDef = current.data.definition;
  const baselineDef = baseline.data.definition;
  const plan = comparisonPlan(currentDef, baselineDef, lineage);
  const group = compareGroup(plan, allTeams(current), allTeams(baseline), current.data.threshold);
  return {
    baseline: definitionKey(baselineDef),
    current: definitionKey(currentDef),
    path: lineage.path,
    baselineCounts: shownCounts(baseline.data),
    baselineSuppressedTeams: suppressedTeams(baseline.data),
    familySize: group.familySize,
    adjustment: 'holm',
    items: group.items,
    constructs: group.constructs,
    notCompared: plan.notCompared,
  };
}
