/**
 * The wave comparison end to end against SciPy 1.17: two waves of `test@1` with ties
 * and missing answers (fixtures/scipy-extra.json, section `wave_comparison`, made by
 * fixtures/make-scipy-extra.py) go through `compareWaves`, and every Mann–Whitney p,
 * rank-biserial r, Welch t / df / p / interval and Hedges' g equals SciPy's:
 * statistics to 1e-12, p-values to 1e-9 (as the other reference tests).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareWaves, type TAnalysisResponse } from '../../analysis/index.ts';
import { currentDefinition } from './fixtures/definitions.ts';

interface TWelchRef {
  n_current: number;
  n_baseline: number;
  difference: number;
  t: number;
  df: number;
  p: number;
  ci95: [number, number];
  hedges_g: number;
}
interface TItemRef {
  n_current: number;
  n_baseline: number;
  u: number;
  p: number;
  rank_biserial: number;
  difference: number;
  ci95: [number, number];
}
const reference = JSON.parse(readFileSync(resolve(process.cwd(), 'tests/analysis/fixtures/scipy-extra.json'), 'utf8'))
  .wave_comparison as {
  definition: string;
  baseline: TAnalysisResponse[];
  current: TAnalysisResponse[];
  items: Record<string, TItemRef>;
  constructs: Record<string, TWelchRef>;
};

const change = compareWaves(
  { key: 'b', label: 'nulmeting', definition: currentDefinition, threshold: 5, responses: reference.baseline },
  { key: 'c', label: 'later', definition: currentDefinition, threshold: 5, responses: reference.current },
);
const close = (digits: number) => (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThan(10 ** -digits);
const stat = close(12);
const pValue = close(9);

describe('wave comparison equals SciPy on data with ties and missing answers', () => {
  it('has missing answers and ties in the reference data', () => {
    expect(reference.definition).toBe('test@1');
    expect(reference.baseline.some((r) => r.answers['l.b'] === null)).toBe(true);
    expect(reference.items['l.c']!.n_baseline).toBeLessThan(reference.baseline.length);
  });

  it.each(Object.entries(reference.items))('item %s: Mann–Whitney U, p, rank-biserial r, Welch interval', (id, ref) => {
    const result = change.overall.items.find((i) => i.id === id)!.result;
    if (result.suppressed) throw new Error('shown');
    expect(result.current.n).toBe(ref.n_current);
    expect(result.baseline.n).toBe(ref.n_baseline);
    stat(result.u, ref.u);
    pValue(result.p, ref.p);
    stat(result.rankBiserial, ref.rank_biserial);
    stat(result.difference01, ref.difference);
    stat(result.ci95![0], ref.ci95[0]);
    stat(result.ci95![1], ref.ci95[1]);
  });

  it.each(Object.entries(reference.constructs))("construct %s: Welch's t, df, p, interval, Hedges' g", (id, ref) => {
    const result = change.overall.constructs.find((c) => c.id === id)!.result;
    if (result.suppressed) throw new Error('shown');
    expect(result.current.n).toBe(ref.n_current);
    expect(result.baseline.n).toBe(ref.n_baseline);
    stat(result.difference01, ref.difference);
    stat(result.t!, ref.t);
    close(10)(result.df!, ref.df);
    pValue(result.p!, ref.p);
    stat(result.ci95![0], ref.ci95[0]);
    stat(result.ci95![1], ref.ci95[1]);
    stat(result.hedgesG!, ref.hedges_g);
  });
});
