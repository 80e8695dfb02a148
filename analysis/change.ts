/**
 * Change between two stored waves of a programme, overall and per team: the figures a
 * programme manager reads ("did the teams develop since the nulmeting?").
 *
 * - Lineage between the two versions compared (lineage.ts), followed through the
 *   versions in between.
 * - Teams: a team is compared with the baseline teams it is paired with — itself (a
 *   team keeps its identity across waves; the caller keys teams by that identity), or
 *   the teams it continues after a merger or split. The caller works the pairing out
 *   (the server from its `team_continuation` records); by default a team is paired
 *   with the baseline team of the same name.
 * - Anonymity: one threshold, the stricter of the two waves'. A side counts only the
 *   cells shown in that wave at that threshold, so a merged team compared with the
 *   union of its predecessors counts only the predecessors that are shown themselves
 *   (`excludedBaselineTeams` names the others): the union is then a sum of shown
 *   cells, and subtracting the shown predecessors from it reveals nothing. A team below
 *   the threshold on either side gets no figures at all.
 * - Holm: each group (the overall, each team) is one family; its size is reported.
 *
 * Pure, serialisable input: can run in a worker.
 */
import { definitionKey, type TDefinition } from '../survey-definitions/schema.ts';
import type { z } from 'zod';
import { ZChange, type TChange, type TTeamChange, type TWaveRef } from './change-schema.ts';
import { encodeCompact, type TCompactResponses } from './compact.ts';
import { encodeWave, suppressedTeams } from './dataset.ts';
import { AnalysisInputError, type TAnalysisResponse } from './input.ts';
import { resolveLineage } from './lineage.ts';
import { READING_RULE, READING_RULE_TEXT } from './reading.ts';
import { allTeams, compareGroup, comparisonPlan, type TWaveData } from './wave-comparison.ts';
import { waveData } from './analyse.ts';

/**
 * A stored wave as the comparison takes it: complete responses are analysed. The answers
 * come either as objects or as codes (compact.ts: what the server loads, a few typed
 * arrays that cross into a worker thread cheaply); both give the same figures.
 */
export type TComparedWave = {
  /** The wave's id (as text) or another stable key. */
  key: string;
  label: string;
  definition: TDefinition;
  /** The wave's own anonymity threshold (≥ 3). */
  threshold: number;
} & (
  | {
      /** `team`: the team's identity (the server passes its current name, unique in a programme). */
      responses: readonly TAnalysisResponse[];
      compact?: undefined;
    }
  | { compact: TCompactResponses; responses?: undefined }
);

/** Which baseline teams a current team is compared with. */
export interface TTeamPairing {
  team: string;
  baselineTeams: readonly string[];
}

export interface TChangeOptions {
  /** Versions that may lie between the two (default: the registered ones). */
  versions?: readonly TDefinition[];
  /** Per current team; default: every current team paired with the baseline team of the same name. */
  teams?: readonly TTeamPairing[];
}

export const OVERALL_LABEL = {
  nl: 'Alle respondenten van de getoonde teams',
  en: 'All respondents of the teams shown (pooled)',
};

export function waveRef(wave: TComparedWave): TWaveRef {
  return { key: wave.key, label: wave.label, definition: definitionKey(wave.definition), threshold: wave.threshold };
}

/** The stricter of the waves' thresholds; a threshold below 3 is refused. */
export function strictestThreshold(waves: readonly TComparedWave[]): number {
  const threshold = Math.max(...waves.map((w) => w.threshold));
  if (!Number.isInteger(threshold) || waves.some((w) => !Number.isInteger(w.threshold) || w.threshold < 3)) {
    throw new AnalysisInputError('De anonimiteitsdrempel is een geheel getal en nooit lager dan 3.');
  }
  return threshold;
}

export function encodeCompared(wave: TComparedWave, threshold: number): TWaveData {
  return waveData(
    wave.compact
      ? encodeCompact(wave.definition, wave.compact, threshold, false)
      : encodeWave(wave.definition, wave.responses, threshold, false),
  );
}

/**
 * Compare `current` with `baseline` (an earlier wave), overall and per team.
 *
 * @throws AnalysisInputError when the baseline's version is not an earlier version of the
 *         current's, or answers do not fit their version
 */
export function compareWaves(baseline: TComparedWave, current: TComparedWave, options: TChangeOptions = {}): TChange {
  const threshold = strictestThreshold([baseline, current]);
  const lineage = resolveLineage(baseline.definition, current.definition, options.versions);
  const plan = comparisonPlan(current.definition, baseline.definition, lineage);
  const cur = encodeCompared(current, threshold);
  const base = encodeCompared(baseline, threshold);
  const overall = compareGroup(plan, allTeams(cur), allTeams(base), threshold);

  const baselineIndex = new Map(base.data.teams.map((team, t) => [team, t]));
  const pairings =
    options.teams ?? cur.data.teams.map((team) => ({ team, baselineTeams: baselineIndex.has(team) ? [team] : [] }));
  const teams: TTeamChange[] = pairings.map(({ team, baselineTeams }) => {
    const known = baselineTeams.filter((b) => baselineIndex.has(b));
    const t = cur.data.teams.indexOf(team);
    if (known.length === 0) return { team, baselineTeams: [...baselineTeams], suppressed: true, reason: 'no_baseline' };
    const shown = known.filter((b) => base.data.shown[baselineIndex.get(b)!]);
    if (t < 0 || !cur.data.shown[t] || shown.length === 0) {
      return { team, baselineTeams: known, suppressed: true, reason: 'too_few' };
    }
    const group = compareGroup(
      plan,
      { wave: cur, teams: [t] },
      { wave: base, teams: shown.map((b) => baselineIndex.get(b)!) },
      threshold,
    );
    return {
      team,
      baselineTeams: shown,
      excludedBaselineTeams: known.filter((b) => !shown.includes(b)),
      suppressed: false,
      ...group,
    };
  });

  return {
    baseline: waveRef(baseline),
    current: waveRef(current),
    threshold,
    path: lineage.path,
    notCompared: plan.notCompared,
    readingRule: { ...READING_RULE, text: READING_RULE_TEXT },
    overall: {
      label: OVERALL_LABEL,
      excludedTeams: { baseline: suppressedTeams(base.data), current: suppressedTeams(cur.data) },
      ...overall,
    },
    teams,
  };
}

/**
 * The comparison as JSON, checked against `ZChange` first: what the API sends, made in
 * the worker thread so that neither the check nor the serialising of a 50-team
 * comparison (megabytes) runs on the event loop.
 */
export function compareWavesJson(input: { baseline: TComparedWave; current: TComparedWave; options?: TChangeOptions }): string {
  return checkedJson(ZChange, compareWaves(input.baseline, input.current, input.options));
}

export function checkedJson(schema: z.ZodType, value: unknown): string {
  const checked = schema.safeParse(value);
  // A shape the schema does not allow is a bug here, not bad input: a 500, as Fastify's
  // response check would give.
  if (!checked.success) throw new Error(`Uitvoer past niet bij het schema: ${checked.error.issues[0]?.message ?? ''}`);
  return JSON.stringify(value);
}
