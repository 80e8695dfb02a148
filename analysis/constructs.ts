/**
 * Construct scores, per team and overall, and their reliability.
 *
 * A `mean` construct's score for a group is the mean over its items of the group's
 * 0–1 item mean (as the reports compute phase and baken scores). A team's score is
 * shown only when every item cell of the construct is shown for that team — otherwise
 * the score and the shown items would give the hidden item's mean away.
 *
 * A `gap` construct is target − now per respondent (both answered), averaged, in scale
 * points. A team's gap is shown when at least `threshold` respondents answered both and
 * the respondents who answered only one of the two are either none or at least
 * `threshold`: with, say, one person answering only the target, the target mean, the
 * now mean and the gap together would reveal that person's answer.
 */
import { itemsOfConstruct } from '../survey-definitions/index.ts';
import type { TGapConstruct, TMeanConstruct } from '../survey-definitions/schema.ts';
import type { TDataset, TScoredColumn } from './dataset.ts';
import { orNull, split, SUPPRESSED } from './cells.ts';
import type { TItemTally } from './items.ts';
import { mean } from './stats/descriptive.ts';
import type { TGapConstructReport, TMeanConstructReport } from './report-schema.ts';
import { alphaFromVariances } from './stats/cronbach.ts';

/** The scored columns of a mean construct's items (definition order). */
export function constructColumns(data: TDataset, construct: TMeanConstruct): TScoredColumn[] {
  return itemsOfConstruct(data.definition, construct.id).map((item) => data.scored.get(item.id)!);
}

export function gapColumns(data: TDataset, construct: TGapConstruct): { now: TScoredColumn; target: TScoredColumn } {
  const now = data.scored.get(construct.now);
  const target = data.scored.get(construct.target);
  if (!now || !target) {
    throw new Error(`${construct.id}: now/target moeten items op een schaal zijn (${construct.now}, ${construct.target}).`);
  }
  return { now, target };
}

/** Whether team t shows a mean construct: the team is shown and so is every item cell. */
function meanConstructVisible(data: TDataset, tallies: readonly TItemTally[]): boolean[] {
  return data.teams.map((_, t) => data.shown[t]! && tallies.length > 0 && tallies.every((tally) => tally.visible[t]));
}

/** Per team, whether its cell of the construct is shown (and so counts in the overall). */
export function constructVisible(
  data: TDataset,
  construct: TMeanConstruct | TGapConstruct,
  tallyOf: (id: string) => TItemTally,
): boolean[] {
  if (construct.kind === 'mean') {
    return meanConstructVisible(
      data,
      constructColumns(data, construct).map((c) => tallyOf(c.item.id)),
    );
  }
  const { now, target } = gapColumns(data, construct);
  return tallyGap(data, now, target).visible;
}

export function meanConstructReport(
  data: TDataset,
  construct: TMeanConstruct,
  tallyOf: (id: string) => TItemTally,
): TMeanConstructReport {
  const columns = constructColumns(data, construct);
  const tallies = columns.map((c) => tallyOf(c.item.id));
  const visible = meanConstructVisible(data, tallies);
  // Respondents per team who answered at least one of the items.
  const answering = new Int32Array(data.teams.length);
  const answeredAny = new Uint8Array(data.rows);
  for (const { codes, k } of columns)
    for (let r = 0; r < data.rows; r++) answeredAny[r] = answeredAny[r]! | (codes[r] !== k ? 1 : 0);
  data.teams.forEach((_, t) => {
    if (!visible[t]) return;
    for (let r = data.teamStart[t]!; r < data.teamStart[t + 1]!; r++) answering[t]! += answeredAny[r]!;
  });
  const teams: TMeanConstructReport['teams'] = {};
  const score01 = data.teams.map((_, t) => (visible[t] ? mean(tallies.map((tally) => tally.mean01[t]!)) : Number.NaN));
  data.teams.forEach((team, t) => {
    teams[team] = visible[t] ? { suppressed: false, score01: score01[t]!, n: answering[t]! } : SUPPRESSED;
  });
  const { included, excludedTeams } = split(data, visible);
  const pooledItemMeans01 = tallies.map((tally) => {
    let sum = 0;
    let n = 0;
    for (const t of included) {
      sum += tally.sum[t]!;
      n += tally.n[t]!;
    }
    const { min, max } = tally.column.scale;
    return (sum / n - min) / (max - min);
  });
  const report: TMeanConstructReport = {
    id: construct.id,
    kind: 'mean',
    group: construct.group,
    items: columns.map((c) => c.item.id),
    overall: {
      pooled:
        included.length > 0
          ? { suppressed: false, score01: mean(pooledItemMeans01), n: included.reduce((s, t) => s + answering[t]!, 0) }
          : SUPPRESSED,
      meanOfTeams:
        included.length > 0
          ? { suppressed: false, mean01: mean(included.map((t) => score01[t]!)), teams: included.length }
          : SUPPRESSED,
      excludedTeams,
    },
    teams,
  };
  if (columns.length >= 2) report.reliability = reliability(data, columns, included);
  return report;
}

/**
 * Cronbach's alpha over the complete cases of the included teams, on the raw scale
 * values. One pass over the codes: with whole-number answers the sums are exact
 * integers, so variances formed from them lose nothing (n·Σx² − (Σx)² is exact).
 */
function reliability(
  data: TDataset,
  columns: readonly TScoredColumn[],
  included: readonly number[],
): TMeanConstructReport['reliability'] {
  const k = columns.length;
  const sums = new Float64Array(k);
  const squares = new Float64Array(k);
  let n = 0;
  let totalSum = 0;
  let totalSquares = 0;
  for (const t of included) {
    rows: for (let r = data.teamStart[t]!; r < data.teamStart[t + 1]!; r++) {
      for (let a = 0; a < k; a++) if (columns[a]!.codes[r] === columns[a]!.k) continue rows;
      let total = 0;
      for (let a = 0; a < k; a++) {
        const x = columns[a]!.codes[r]! + columns[a]!.scale.min;
        sums[a] = sums[a]! + x;
        squares[a] = squares[a]! + x * x;
        total += x;
      }
      n++;
      totalSum += total;
      totalSquares += total * total;
    }
  }
  if (n < data.threshold) return SUPPRESSED;
  const variance = (sum: number, sumSquares: number) => (n * sumSquares - sum * sum) / (n * (n - 1));
  const itemVariances = Array.from(sums, (sum, a) => variance(sum, squares[a]!));
  const alpha = alphaFromVariances(itemVariances, variance(totalSum, totalSquares));
  return { suppressed: false, alpha: orNull(alpha), n, k };
}

interface TGapTally {
  pairs: Int32Array;
  sum: Float64Array;
  sumSquares: Float64Array;
  visible: boolean[];
}

function tallyGap(data: TDataset, now: TScoredColumn, target: TScoredColumn): TGapTally {
  const teamCount = data.teams.length;
  const pairs = new Int32Array(teamCount);
  const sum = new Float64Array(teamCount);
  const sumSquares = new Float64Array(teamCount);
  const visible: boolean[] = [];
  for (let t = 0; t < teamCount; t++) {
    let nowOnly = 0;
    let targetOnly = 0;
    for (let r = data.teamStart[t]!; r < data.teamStart[t + 1]!; r++) {
      const a = now.codes[r]!;
      const b = target.codes[r]!;
      if (a === now.k) {
        if (b !== target.k) targetOnly++;
        continue;
      }
      if (b === target.k) {
        nowOnly++;
        continue;
      }
      const d = b + target.scale.min - (a + now.scale.min);
      pairs[t]!++;
      sum[t]! += d;
      sumSquares[t]! += d * d;
    }
    const differenceSetSafe = (count: number) => count === 0 || count >= data.threshold;
    visible.push(data.shown[t]! && pairs[t]! >= data.threshold && differenceSetSafe(nowOnly) && differenceSetSafe(targetOnly));
  }
  return { pairs, sum, sumSquares, visible };
}

function gapCell(n: number, sum: number, sumSquares: number) {
  // Differences of whole scale values: the sums are exact integers.
  const variance = (sumSquares - (sum * sum) / n) / (n - 1);
  return { suppressed: false as const, mean: sum / n, sd: orNull(Math.sqrt(variance)), n };
}

export function gapConstructReport(data: TDataset, construct: TGapConstruct): TGapConstructReport {
  const { now, target } = gapColumns(data, construct);
  const tally = tallyGap(data, now, target);
  const teams: TGapConstructReport['teams'] = {};
  data.teams.forEach((team, t) => {
    teams[team] = tally.visible[t] ? gapCell(tally.pairs[t]!, tally.sum[t]!, tally.sumSquares[t]!) : SUPPRESSED;
  });
  const { included, excludedTeams } = split(data, tally.visible);
  let n = 0;
  let sum = 0;
  let sumSquares = 0;
  for (const t of included) {
    n += tally.pairs[t]!;
    sum += tally.sum[t]!;
    sumSquares += tally.sumSquares[t]!;
  }
  return {
    id: construct.id,
    kind: 'gap',
    group: construct.group,
    now: construct.now,
    target: construct.target,
    unit: 'scale_points',
    overall: {
      pooled: included.length > 0 ? gapCell(n, sum, sumSquares) : SUPPRESSED,
      meanOfTeams:
        included.length > 0
          ? { suppressed: false, mean: mean(included.map((t) => tally.sum[t]! / tally.pairs[t]!)), teams: included.length }
          : SUPPRESSED,
      excludedTeams,
    },
    teams,
  };
}

/**
 * Per-respondent construct scores over the given rows (NaN = no score), for comparing
 * waves. Mean construct: the mean 0–1 score of the items the respondent answered, none
 * if fewer than half answered; `raw` is the same on the items' own scale when they all
 * share one. Gap construct: target − now (both answered), raw in scale points and as
 * the difference of the two 0–1 scores.
 */
export function respondentScores(
  data: TDataset,
  construct: TMeanConstruct | TGapConstruct,
  rows: Int32Array,
): { score01: Float64Array; raw: Float64Array | undefined } {
  const score01 = new Float64Array(rows.length);
  if (construct.kind === 'gap') {
    const { now, target } = gapColumns(data, construct);
    const raw = new Float64Array(rows.length);
    rows.forEach((r, i) => {
      const a = now.codes[r]!;
      const b = target.codes[r]!;
      if (a === now.k || b === target.k) {
        score01[i] = raw[i] = Number.NaN;
        return;
      }
      raw[i] = b + target.scale.min - (a + now.scale.min);
      score01[i] = b / (target.scale.max - target.scale.min) - a / (now.scale.max - now.scale.min);
    });
    return { score01, raw };
  }
  const columns = constructColumns(data, construct);
  const sharedScale = columns.every((c) => c.scale.min === columns[0]?.scale.min && c.scale.max === columns[0]?.scale.max);
  const raw = sharedScale && columns.length > 0 ? new Float64Array(rows.length) : undefined;
  rows.forEach((r, i) => {
    let answered = 0;
    let sum01 = 0;
    for (const c of columns) {
      const code = c.codes[r]!;
      if (code === c.k) continue;
      answered++;
      sum01 += code / (c.scale.max - c.scale.min);
    }
    const score = answered * 2 >= columns.length && answered > 0 ? sum01 / answered : Number.NaN;
    score01[i] = score;
    if (raw) raw[i] = score * (columns[0]!.scale.max - columns[0]!.scale.min) + columns[0]!.scale.min;
  });
  return { score01, raw };
}
