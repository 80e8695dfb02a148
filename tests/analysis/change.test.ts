/**
 * Change between two waves per team: a team against itself, a merged team against the
 * union of its shown predecessors, the stricter threshold of the two waves, no figures
 * for a team below it on either side; and the plain reading of each difference.
 */
import { describe, expect, it } from 'vitest';
import {
  compareWaves,
  readDifference,
  READING_RULE,
  ZChange,
  type TAnalysisResponse,
  type TComparedWave,
} from '../../analysis/index.ts';
import { moments } from '../../analysis/stats/descriptive.ts';
import { holm } from '../../analysis/stats/holm.ts';
import { mannWhitneyU } from '../../analysis/stats/mann-whitney.ts';
import { hedgesG, welchTTest } from '../../analysis/stats/t-tests.ts';
import { prng } from '../../bench/synthetic.ts';
import { currentDefinition } from './fixtures/definitions.ts';

const random = prng(2017);
const pick = (max: number) => Math.floor(random() * (max + 1));

function responses(teams: Record<string, number>, shift: number, prefix: string): TAnalysisResponse[] {
  return Object.entries(teams).flatMap(([team, size]) =>
    Array.from({ length: size }, (_, i) => {
      const grades = i % 7 === 3 ? {} : { 'g.now': 4 + pick(3), 'g.target': 6 + pick(4) };
      return {
        id: `${prefix}-${team}-${i}`,
        team,
        status: 'complete' as const,
        answers: {
          'l.a': Math.min(4, pick(2) + shift),
          'l.b': i % 5 === 0 ? null : Math.min(4, pick(3) + shift),
          // The same spread in both waves: no difference to find.
          'l.c': i % 5,
          ...grades,
        },
      };
    }),
  );
}

// Baseline: A and B merge into M; C carries on; B (3) is below any threshold; F has 5,
// enough for its own wave (threshold 5) but not for the stricter threshold 6.
const baselineResponses = [
  ...responses({ A: 14, B: 3, C: 12, F: 5 }, 0, 'b'),
  // A partial response is not analysed.
  { id: 'b-partial', team: 'C', status: 'partial' as const, answers: { 'l.a': 4 } },
];
const currentResponses = responses({ M: 16, C: 11, D: 9, E: 2, F: 8 }, 2, 'c');
const baseline: TComparedWave = {
  key: '1',
  label: 'Nulmeting 2015',
  definition: currentDefinition,
  threshold: 5,
  responses: baselineResponses,
};
const current: TComparedWave = {
  key: '2',
  label: 'Meting 2016',
  definition: currentDefinition,
  threshold: 6,
  responses: currentResponses,
};
const change = compareWaves(baseline, current, {
  teams: [
    { team: 'C', baselineTeams: ['C'] },
    { team: 'D', baselineTeams: [] },
    { team: 'E', baselineTeams: ['C'] },
    { team: 'F', baselineTeams: ['F'] },
    { team: 'M', baselineTeams: ['A', 'B'] },
  ],
});

const scores = (data: TAnalysisResponse[], teams: string[], id: string, max: number) =>
  data
    .filter((r) => teams.includes(r.team) && r.status === 'complete')
    .map((r) => r.answers[id])
    .filter((v): v is number => typeof v === 'number')
    .map((v) => v / max);

describe('change between two waves, per team', () => {
  it('is a valid change object under the stricter threshold', () => {
    expect(ZChange.safeParse(change).success).toBe(true);
    expect(change.threshold).toBe(6);
    expect(change.path).toEqual(['test@1']);
    expect(change.overall.excludedTeams).toEqual({ baseline: ['B', 'F'], current: ['E'] });
  });

  it('compares a merged team with the union of its shown predecessors only', () => {
    const m = change.teams.find((t) => t.team === 'M')!;
    if (m.suppressed) throw new Error('M should be compared');
    expect(m.baselineTeams).toEqual(['A']);
    expect(m.excludedBaselineTeams).toEqual(['B']);
    const item = m.items.find((i) => i.id === 'l.a')!.result;
    if (item.suppressed) throw new Error('l.a should be shown');
    const cur = scores(currentResponses, ['M'], 'l.a', 4);
    const base = scores(baselineResponses, ['A'], 'l.a', 4);
    const expected = mannWhitneyU(cur, base);
    expect(item.current.n).toBe(16);
    expect(item.baseline.n).toBe(14);
    expect(item.p).toBeCloseTo(expected.p, 14);
    expect(item.rankBiserial).toBeCloseTo(expected.rankBiserial, 14);
    expect(item.ci95![0]).toBeCloseTo(welchTTest(cur, base).ci95[0], 12);
  });

  it('compares constructs per team with Welch and Hedges g, Holm over the team’s own family', () => {
    const c = change.teams.find((t) => t.team === 'C')!;
    if (c.suppressed) throw new Error('C should be compared');
    const phase = (data: TAnalysisResponse[]) =>
      data
        .filter((r) => r.team === 'C' && r.status === 'complete')
        .map((r) => [r.answers['l.a'], r.answers['l.b']].filter((v): v is number => typeof v === 'number').map((v) => v / 4))
        .map((vs) => vs.reduce((s, v) => s + v, 0) / vs.length);
    const result = c.constructs.find((k) => k.id === 'phase.one')!.result;
    if (result.suppressed) throw new Error('phase.one should be shown');
    const cur = phase(currentResponses);
    const base = phase(baselineResponses);
    expect(result.current.n).toBe(11);
    expect(result.baseline.n).toBe(12);
    expect(result.t).toBeCloseTo(welchTTest(cur, base).t, 12);
    expect(result.hedgesG).toBeCloseTo(hedgesG(moments(cur), moments(base)), 12);
    const results = [...c.items.map((i) => i.result), ...c.constructs.map((k) => k.result)];
    const p = results.map((r) => (r.suppressed || r.p === null ? Number.NaN : r.p));
    expect(results.map((r) => (r.suppressed ? Number.NaN : r.pHolm))).toEqual(holm(p));
    expect(c.familySize).toBe(p.filter((x) => !Number.isNaN(x)).length);
  });

  it('gives a team below the threshold in either wave no figures at all', () => {
    const byTeam = new Map(change.teams.map((t) => [t.team, t]));
    // E has 2 now; F has 5 in the baseline, below the stricter threshold 6; D has no baseline.
    expect(byTeam.get('E')).toEqual({ team: 'E', baselineTeams: ['C'], suppressed: true, reason: 'too_few' });
    expect(byTeam.get('F')).toEqual({ team: 'F', baselineTeams: ['F'], suppressed: true, reason: 'too_few' });
    expect(byTeam.get('D')).toEqual({ team: 'D', baselineTeams: [], suppressed: true, reason: 'no_baseline' });
    // Nor does any overall figure count them.
    const overall = change.overall.items.find((i) => i.id === 'l.a')!.result;
    if (overall.suppressed) throw new Error('overall l.a should be shown');
    expect(overall.baseline.n).toBe(14 + 12);
    expect(overall.current.n).toBe(16 + 11 + 9 + 8);
  });

  it('pairs teams by name when no pairing is given', () => {
    const byName = compareWaves(baseline, current);
    expect(byName.teams.map((t) => [t.team, t.suppressed, t.baselineTeams])).toEqual([
      ['C', false, ['C']],
      ['D', true, []],
      ['E', true, []],
      ['F', true, ['F']],
      ['M', true, []],
    ]);
  });

  it('reads a clear rise as “hoger” and a shown but small or uncertain one as no demonstrable difference', () => {
    const overall = change.overall.constructs.find((c) => c.id === 'phase.one')!.result;
    if (overall.suppressed) throw new Error('shown');
    // The current wave answers two points higher by construction.
    expect(overall.reading).toEqual({ verdict: 'higher', text: { nl: 'hoger', en: 'higher' } });
    const lc = change.overall.items.find((i) => i.id === 'l.c')!.result;
    if (lc.suppressed) throw new Error('shown');
    // l.c cycles through 0–4 in both waves.
    expect(lc.reading.verdict).toBe('no_difference');
  });
});

describe('the reading rule', () => {
  const ci = (a: number, b: number) => [a, b] as [number, number];
  it('needs the interval to exclude 0', () => {
    expect(readDifference(ci(-0.01, 0.2), 0.4, 'rank_biserial', 0.001).verdict).toBe('no_difference');
    expect(readDifference(ci(0.01, 0.2), 0.4, 'rank_biserial', 0.001).verdict).toBe('higher');
    expect(readDifference(ci(-0.2, -0.01), -0.4, 'hedges_g', 0.001).verdict).toBe('lower');
  });
  it('needs an effect that is not negligible, with the documented thresholds', () => {
    expect(READING_RULE).toEqual({ alpha: 0.05, minRankBiserial: 0.1, minHedgesG: 0.2 });
    expect(readDifference(ci(0.01, 0.02), 0.09, 'rank_biserial', 0.001).verdict).toBe('no_difference');
    expect(readDifference(ci(0.01, 0.02), 0.1, 'rank_biserial', 0.001).verdict).toBe('higher');
    expect(readDifference(ci(0.01, 0.02), 0.19, 'hedges_g', 0.001).verdict).toBe('no_difference');
    expect(readDifference(ci(0.01, 0.02), -0.5, 'hedges_g', 0.001).verdict).toBe('no_difference');
  });
  it('needs the Holm-adjusted p below .05', () => {
    expect(readDifference(ci(0.01, 0.2), 0.4, 'rank_biserial', 0.05).verdict).toBe('no_difference');
    expect(readDifference(ci(0.01, 0.2), 0.4, 'rank_biserial', null).verdict).toBe('no_difference');
    expect(readDifference(null, 0.4, 'rank_biserial', 0.01).text).toEqual({
      nl: 'geen aantoonbaar verschil',
      en: 'no demonstrable difference',
    });
  });
});
