/**
 * Trend of each construct over several waves (nulmeting, 2016, 2017, …), overall and
 * per team: for every wave the mean per-respondent score on 0–1 with its 95% interval —
 * the same score the wave comparison tests, so a trend line and a comparison agree.
 *
 * - Constructs are those of the latest wave's version. An earlier wave contributes a
 *   point only where its version has the construct built from the items the latest
 *   one continues (lineage followed through every version in between, lineage.ts);
 *   otherwise the point says `not_comparable`, with the reason in `lineage`.
 * - Teams are those of the latest wave. Per wave, a team stands for the teams the
 *   caller lists (itself, or the teams it continues after a merger or split); default:
 *   the team of the same name.
 * - Anonymity: the strictest threshold of all waves. A point counts only the cells
 *   shown in that wave at that threshold (see change.ts for why a union of shown
 *   predecessors is safe), and a point over fewer than `threshold` respondents carries
 *   no figures.
 *
 * Pure, serialisable input: can run in a worker.
 */
import type { TConstruct, TDefinition } from '../survey-definitions/schema.ts';
import { OVERALL_LABEL, checkedJson, encodeCompared, strictestThreshold, waveRef, type TComparedWave } from './change.ts';
import { ZTrend, type TTrend, type TTrendPoint } from './change-schema.ts';
import { AnalysisInputError } from './input.ts';
import { resolveLineage, type TResolvedLineage } from './lineage.ts';
import type { TText } from './reading.ts';
import { moments } from './stats/descriptive.ts';
import { studentTQuantile } from './stats/distributions.ts';
import { constructSample, matchConstruct, type TSide, type TWaveData } from './wave-comparison.ts';

/** A team of the latest wave and, per wave (oldest first), the teams that count for it. */
export interface TTrendTeam {
  team: string;
  perWave: readonly (readonly string[])[];
}

export interface TTrendOptions {
  versions?: readonly TDefinition[];
  /** Default: every team of the latest wave, standing for the team of the same name in each wave. */
  teams?: readonly TTrendTeam[];
}

const REASONS = {
  missing: { nl: 'Dit construct bestaat niet in deze meting.', en: 'This construct does not exist in this wave.' },
  changed: {
    nl: 'In deze meting bestaat het construct uit andere items.',
    en: 'In this wave the construct is built from other items.',
  },
};

function point(side: TSide, construct: TConstruct, threshold: number): TTrendPoint {
  const { score01 } = constructSample(side, construct);
  if (score01.length < threshold) return { suppressed: true, reason: 'too_few' };
  const m = moments(score01);
  const half = studentTQuantile(0.975, m.n - 1) * Math.sqrt(m.variance / m.n);
  return { suppressed: false, n: m.n, mean01: m.mean, ci95: Number.isFinite(half) ? [m.mean - half, m.mean + half] : null };
}

/**
 * The trend over `waves`, oldest first (at least two; usually three or more).
 *
 * @throws AnalysisInputError when a wave's version is not an earlier version of the latest's
 */
export function trend(waves: readonly TComparedWave[], options: TTrendOptions = {}): TTrend {
  if (waves.length < 2) throw new AnalysisInputError('Een trend heeft minstens twee metingen nodig.');
  const threshold = strictestThreshold(waves);
  const latest = waves[waves.length - 1]!;
  const encoded: TWaveData[] = waves.map((w) => encodeCompared(w, threshold));
  const lineages: TResolvedLineage[] = waves.map((w) => resolveLineage(w.definition, latest.definition, options.versions));
  const latestTeams = encoded[encoded.length - 1]!.data.teams;
  const trendTeams = options.teams ?? latestTeams.map((team) => ({ team, perWave: waves.map(() => [team]) }));
  for (const t of trendTeams) {
    if (t.perWave.length !== waves.length) throw new AnalysisInputError(`Team ${t.team}: geef per meting de teams op.`);
  }

  const constructs = latest.definition.constructs.map((cc) => {
    const matched = waves.map((w, i): { construct?: TConstruct; reworded: boolean; reason?: TText } => {
      const bc = w.definition.constructs.find((c) => c.id === cc.id);
      if (!bc) return { reworded: false, reason: REASONS.missing };
      const match = matchConstruct(latest.definition, w.definition, cc, bc, lineages[i]!);
      return match.ok ? { construct: bc, reworded: match.reworded } : { reworded: false, reason: REASONS.changed };
    });
    const pointFor = (i: number, teams: readonly number[]): TTrendPoint => {
      const bc = matched[i]!.construct;
      if (!bc) return { suppressed: true, reason: 'not_comparable' };
      if (teams.length === 0) return { suppressed: true, reason: 'no_team' };
      return point({ wave: encoded[i]!, teams }, bc, threshold);
    };
    const indexOf = encoded.map((e) => new Map(e.data.teams.map((team, t) => [team, t])));
    return {
      id: cc.id,
      kind: cc.kind,
      label: { nl: cc.label.nl, en: cc.label.en ?? cc.label.nl },
      group: cc.group,
      lineage: matched.map((m) => ({
        comparable: m.construct !== undefined,
        reworded: m.reworded,
        ...(m.reason && { reason: m.reason }),
      })),
      overall: encoded.map((e, i) =>
        pointFor(
          i,
          e.data.teams.map((_, t) => t),
        ),
      ),
      teams: trendTeams.map((tt) => {
        const perWave = tt.perWave.map((names, i) => names.filter((n) => indexOf[i]!.has(n)));
        return {
          team: tt.team,
          teamsPerWave: perWave,
          points: perWave.map((names, i) =>
            pointFor(
              i,
              names.map((n) => indexOf[i]!.get(n)!),
            ),
          ),
        };
      }),
    };
  });
  return { waves: waves.map(waveRef), threshold, overallLabel: OVERALL_LABEL, constructs };
}

/** The trend as JSON, checked against `ZTrend` first (see compareWavesJson). */
export function trendJson(input: { waves: readonly TComparedWave[]; options?: TTrendOptions }): string {
  return checkedJson(ZTrend, trend(input.waves, input.options));
}
