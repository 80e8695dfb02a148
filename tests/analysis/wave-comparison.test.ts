/**
 * Comparing a wave with its baseline on constructed data: which items and constructs
 * are compared (lineage same, reworded flagged, new ones not), the tests against the
 * statistics module, Holm over the whole family, and anonymity of the baseline.
 */
import { describe, expect, it } from 'vitest';
import { analyse, ZReport, type TAnalysisResponse } from '../../analysis/index.ts';
import { moments } from '../../analysis/stats/descriptive.ts';
import { holm } from '../../analysis/stats/holm.ts';
import { mannWhitneyU } from '../../analysis/stats/mann-whitney.ts';
import { hedgesG, welchTTest } from '../../analysis/stats/t-tests.ts';
import { prng } from '../../bench/synthetic.ts';
import { baselineDefinition, currentDefinition } from './fixtures/definitions.ts';

const random = prng(2015);
const pick = (max: number) => Math.floor(random() * (max + 1));

function wave(
  teams: readonly (readonly [string, number])[],
  ids: { b: string; withC: boolean },
  shift: number,
): TAnalysisResponse[] {
  return teams.flatMap(([team, size]) =>
    Array.from({ length: size }, (_, i) => {
      const level = Math.min(4, pick(3) + shift);
      const answers: Record<string, number | null> = {
        'l.a': level,
        [ids.b]: i % 9 === 0 ? null : Math.min(4, pick(4)),
        // Both competence questions skipped together: a lone "now only" answer would
        // (rightly) hide the team's gap.
        'g.now': i % 11 === 0 ? null : 5 + pick(3),
        'g.target': i % 11 === 0 ? null : 6 + pick(4),
      };
      if (ids.withC) answers['l.c'] = pick(4);
      return { id: `${team}-${i}`, team, status: 'complete' as const, answers };
    }),
  );
}

const baselineResponses = wave(
  [
    ['X', 18],
    ['Y', 14],
    ['Z', 2],
  ],
  { b: 'l.b_old', withC: false },
  0,
);
const currentResponses = wave(
  [
    ['X', 20],
    ['Y', 25],
  ],
  { b: 'l.b', withC: true },
  1,
);
const report = analyse(currentDefinition, currentResponses, {
  baseline: { definition: baselineDefinition, responses: baselineResponses },
});
const comparison = report.waveComparison!;

/** 0–1 scores of one item in a wave, teams left out of the overall excluded. */
function scores(data: TAnalysisResponse[], id: string, max: number): number[] {
  return data
    .filter((r) => r.team !== 'Z')
    .map((r) => r.answers[id])
    .filter((v): v is number => typeof v === 'number')
    .map((v) => v / max);
}

describe('wave comparison', () => {
  it('is part of a valid report', () => {
    expect(ZReport.safeParse(report).success).toBe(true);
    expect(comparison.baseline).toBe('test@0');
    expect(comparison.current).toBe('test@1');
  });

  it('compares same-lineage items and flags reworded ones', () => {
    expect(comparison.items.map((i) => [i.id, i.baselineId, i.lineage, i.reworded])).toEqual([
      ['l.a', 'l.a', 'same', false],
      ['l.b', 'l.b_old', 'reworded', true],
      ['g.now', 'g.now', 'same', false],
      ['g.target', 'g.target', 'same', false],
    ]);
  });

  it('compares constructs built from matching items, flags rewording, and lists what it skipped', () => {
    expect(comparison.constructs.map((c) => [c.id, c.kind, c.reworded])).toEqual([
      ['phase.one', 'mean', true],
      ['gap.g', 'gap', false],
    ]);
    expect(comparison.notCompared.map((n) => n.id)).toEqual(['l.c', 'phase.two']);
    expect(comparison.notCompared[0]!.reason.nl).toMatch(/Nieuw/);
  });

  it('tests items with Mann–Whitney U on 0–1 scores, with a Welch interval and rank-biserial r', () => {
    for (const [id, baselineId, max] of [
      ['l.a', 'l.a', 4],
      ['l.b', 'l.b_old', 4],
      ['g.target', 'g.target', 10],
    ] as const) {
      const current = scores(currentResponses, id, max);
      const baseline = scores(baselineResponses, baselineId, max);
      const expected = mannWhitneyU(current, baseline);
      const welch = welchTTest(current, baseline);
      const result = comparison.items.find((i) => i.id === id)!.result;
      if (result.suppressed) throw new Error(`${id} should be shown`);
      expect(result.current.n).toBe(current.length);
      expect(result.baseline.n).toBe(baseline.length);
      expect(result.u).toBe(expected.u1);
      expect(result.p).toBeCloseTo(expected.p, 14);
      expect(result.rankBiserial).toBeCloseTo(expected.rankBiserial, 14);
      expect(result.difference01).toBeCloseTo(welch.difference, 14);
      expect(result.ci95![0]).toBeCloseTo(welch.ci95[0], 12);
      expect(result.ci95![1]).toBeCloseTo(welch.ci95[1], 12);
      expect(result.current.mean).toBeCloseTo(moments(current).mean * max, 12);
    }
  });

  it("tests constructs with Welch's t on per-respondent scores, with Hedges' g", () => {
    // phase.one per respondent: mean of the answered items' 0–1 scores (one of two is enough).
    const phase = (data: TAnalysisResponse[], b: string) =>
      data
        .filter((r) => r.team !== 'Z')
        .map((r) => [r.answers['l.a'], r.answers[b]].filter((v): v is number => typeof v === 'number').map((v) => v / 4))
        .filter((vs) => vs.length >= 1)
        .map((vs) => vs.reduce((s, v) => s + v, 0) / vs.length);
    const current = phase(currentResponses, 'l.b');
    const baseline = phase(baselineResponses, 'l.b_old');
    const welch = welchTTest(current, baseline);
    const result = comparison.constructs.find((c) => c.id === 'phase.one')!.result;
    if (result.suppressed) throw new Error('phase.one should be shown');
    expect(result.current.n).toBe(current.length);
    expect(result.t).toBeCloseTo(welch.t, 12);
    expect(result.df).toBeCloseTo(welch.df, 10);
    expect(result.p).toBeCloseTo(welch.p, 14);
    expect(result.hedgesG).toBeCloseTo(hedgesG(moments(current), moments(baseline)), 12);
    expect(result.current.mean).toBeCloseTo(moments(current).mean * 4, 12);

    const gap = comparison.constructs.find((c) => c.id === 'gap.g')!.result;
    if (gap.suppressed) throw new Error('gap.g should be shown');
    const gaps = (data: TAnalysisResponse[]) =>
      data
        .filter((r) => r.team !== 'Z' && typeof r.answers['g.target'] === 'number')
        .map((r) => (r.answers['g.target'] as number) - (r.answers['g.now'] as number));
    expect(gap.current.mean).toBeCloseTo(moments(gaps(currentResponses)).mean, 12);
    expect(gap.current.mean01).toBeCloseTo(moments(gaps(currentResponses)).mean / 10, 12);
    expect(gap.p).toBeCloseTo(welchTTest(gaps(currentResponses), gaps(baselineResponses)).p, 12);
  });

  it('Holm-adjusts over the whole family of tests and reports its size', () => {
    const pValues = [...comparison.items.map((i) => i.result), ...comparison.constructs.map((c) => c.result)].map((r) =>
      r.suppressed || r.p === null ? Number.NaN : r.p,
    );
    expect(comparison.familySize).toBe(6);
    expect(comparison.adjustment).toBe('holm');
    const expected = holm(pValues);
    const adjusted = [...comparison.items.map((i) => i.result), ...comparison.constructs.map((c) => c.result)].map((r) =>
      r.suppressed ? Number.NaN : r.pHolm,
    );
    expect(adjusted).toEqual(expected);
    adjusted.forEach((p, i) => expect(p).toBeGreaterThanOrEqual(pValues[i]!));
    // The smallest p-value is multiplied by the family size.
    const smallest = Math.min(...pValues);
    expect(Math.min(...(adjusted as number[]))).toBeCloseTo(Math.min(1, 6 * smallest), 14);
  });

  it("leaves the baseline's small team out of its sample and says so", () => {
    expect(comparison.baselineSuppressedTeams).toEqual(['Z']);
    expect(comparison.baselineCounts).toEqual({ complete: 32, partial: 0, analysed: 32 });
  });

  it('suppresses a comparison when a wave has fewer respondents than the threshold', () => {
    const tiny = analyse(currentDefinition, currentResponses, {
      baseline: { definition: baselineDefinition, responses: baselineResponses.filter((r) => r.team === 'Z') },
    }).waveComparison!;
    expect(tiny.items.every((i) => i.result.suppressed)).toBe(true);
    expect(tiny.constructs.every((c) => c.result.suppressed)).toBe(true);
    expect(tiny.familySize).toBe(0);
  });
});
