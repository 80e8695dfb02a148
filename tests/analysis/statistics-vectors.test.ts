/**
 * Every value of the shared reference vectors (computed with SciPy 1.17 and R), so the
 * statistics module agrees with the tools researchers check us against.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cronbachAlpha } from '../../analysis/stats/cronbach.ts';
import { kendallTau } from '../../analysis/stats/kendall.ts';
import { mannWhitneyU } from '../../analysis/stats/mann-whitney.ts';
import { moments } from '../../analysis/stats/descriptive.ts';
import { studentTTest, welchTTest } from '../../analysis/stats/t-tests.ts';

interface TKendallTiesVector {
  n: number;
  x: number[];
  y: number[];
  tau_b: number;
  tau_c: number;
  p_two_sided_asymptotic: number;
  concordant: number;
  discordant: number;
  S: number;
  pairs_total: number;
  ties_x: number;
  ties_y: number;
  var_S: number;
  z: number;
  p_one_sided_greater: number;
  R_continuity_TRUE_p: number;
}
interface TMannWhitneyVector {
  x: number[];
  y: number[];
  n1: number;
  n2: number;
  U1_statistic_for_x: number;
  U2: number;
  tie_counts: number[];
  sigma_U_tie_corrected: number;
  z_with_cc: number;
  p_two_sided: number;
  p_two_sided_no_continuity: number;
  method_chosen: string;
  rank_biserial_x_vs_y: number;
  common_language_effect_P_x_gt_y_plus_half_ties: number;
  mean_x: number;
  mean_y: number;
  welch_t: number;
  welch_df: number;
  welch_p: number;
  student_t: number;
  student_df: number;
  student_p: number;
}
interface TVectors {
  kendall_tau_b_ties: TKendallTiesVector[];
  kendall_no_ties_exact: {
    n: number;
    x: number[];
    y: number[];
    tau: number;
    p_two_sided_exact: number;
    concordant: number;
    discordant: number;
    p_two_sided_asymptotic_for_comparison: number;
    p_greater_exact: number;
  };
  mann_whitney: TMannWhitneyVector[];
  cronbach_alpha: {
    matrix_rows_respondents: number[][];
    k: number;
    n: number;
    item_variances_ddof1: number[];
    total_score_variance_ddof1: number;
    alpha: number;
    standardized_alpha: number;
    mean_interitem_r: number;
  };
}

// A copy of the team's shared reference (computed with SciPy 1.17), kept in the repository
// so that a fresh clone can run the tests on its own.
const fixture = resolve(import.meta.dirname, 'fixtures/statistics-vectors.json');
const vectors = JSON.parse(readFileSync(fixture, 'utf8')) as TVectors;

// Where the shared reference sits beside the repository, the copy must not drift from it.
const shared = resolve(process.cwd(), '../shared/reference/statistics-vectors.json');
if (existsSync(shared)) {
  it('the fixture is an exact copy of ../shared/reference/statistics-vectors.json', () => {
    expect(JSON.parse(readFileSync(shared, 'utf8'))).toEqual(vectors);
  });
}

const STAT = 1e-12;
const P = 1e-9;

function close(actual: number, expected: number, tolerance: number): void {
  expect(Math.abs(actual - expected), `${actual} vs ${expected}`).toBeLessThanOrEqual(tolerance);
}

describe('Kendall tau-b with ties (asymptotic)', () => {
  it.each(vectors.kendall_tau_b_ties.map((v) => [v.n, v] as const))('n = %i', (_n, v) => {
    const r = kendallTau(v.x, v.y);
    expect(r.n).toBe(v.n);
    expect(r.method).toBe('asymptotic');
    expect(r.concordant).toBe(v.concordant);
    expect(r.discordant).toBe(v.discordant);
    expect(r.s).toBe(v.S);
    expect(r.pairsTotal).toBe(v.pairs_total);
    expect(r.tiesX).toBe(v.ties_x);
    expect(r.tiesY).toBe(v.ties_y);
    close(r.tauB, v.tau_b, STAT);
    close(r.tauC, v.tau_c, STAT);
    close(r.varS, v.var_S, STAT * v.var_S);
    close(r.z, v.z, STAT);
    close(r.p, v.p_two_sided_asymptotic, P);
    close(kendallTau(v.x, v.y, { alternative: 'greater' }).p, v.p_one_sided_greater, P);
    close(kendallTau(v.x, v.y, { continuity: true }).p, v.R_continuity_TRUE_p, P);
  });
});

describe('Kendall tau without ties (exact)', () => {
  const v = vectors.kendall_no_ties_exact;
  it('reproduces tau, pair counts and the exact p-values', () => {
    const r = kendallTau(v.x, v.y);
    expect(r.method).toBe('exact');
    expect(r.n).toBe(v.n);
    expect(r.concordant).toBe(v.concordant);
    expect(r.discordant).toBe(v.discordant);
    close(r.tauB, v.tau, STAT);
    close(r.p, v.p_two_sided_exact, P);
    close(kendallTau(v.x, v.y, { alternative: 'greater' }).p, v.p_greater_exact, P);
  });
  it('gives the asymptotic p-value when asked', () => {
    const r = kendallTau(v.x, v.y, { method: 'asymptotic' });
    expect(r.method).toBe('asymptotic');
    close(r.p, v.p_two_sided_asymptotic_for_comparison, P);
  });
});

describe('Mann–Whitney U, effect sizes and t tests', () => {
  it.each(vectors.mann_whitney.map((v) => [`${v.n1} vs ${v.n2}`, v] as const))('%s', (_label, v) => {
    const r = mannWhitneyU(v.x, v.y);
    expect(r.n1).toBe(v.n1);
    expect(r.n2).toBe(v.n2);
    expect(r.method).toBe('asymptotic');
    expect(v.method_chosen).toMatch(/^asymptotic/);
    close(r.u1, v.U1_statistic_for_x, STAT);
    close(r.u2, v.U2, STAT);
    expect(r.tieCounts).toEqual(v.tie_counts);
    close(r.sigma, v.sigma_U_tie_corrected, STAT);
    close(r.z, v.z_with_cc, STAT);
    close(r.p, v.p_two_sided, P);
    close(mannWhitneyU(v.x, v.y, { continuity: false }).p, v.p_two_sided_no_continuity, P);
    close(r.rankBiserial, v.rank_biserial_x_vs_y, STAT);
    close(r.commonLanguage, v.common_language_effect_P_x_gt_y_plus_half_ties, STAT);

    close(moments(v.x).mean, v.mean_x, STAT);
    close(moments(v.y).mean, v.mean_y, STAT);
    const welch = welchTTest(v.x, v.y);
    close(welch.t, v.welch_t, STAT);
    close(welch.df, v.welch_df, STAT * v.welch_df);
    close(welch.p, v.welch_p, P);
    const student = studentTTest(v.x, v.y);
    close(student.t, v.student_t, STAT);
    close(student.df, v.student_df, STAT);
    close(student.p, v.student_p, P);
  });
});

describe("Cronbach's alpha", () => {
  const v = vectors.cronbach_alpha;
  it('reproduces alpha, the variances and the standardised alpha', () => {
    const columns = Array.from({ length: v.k }, (_, j) => v.matrix_rows_respondents.map((row) => row[j]!));
    const r = cronbachAlpha(columns);
    expect(r.n).toBe(v.n);
    expect(r.k).toBe(v.k);
    r.itemVariances.forEach((variance, j) => close(variance, v.item_variances_ddof1[j]!, STAT));
    close(r.totalVariance, v.total_score_variance_ddof1, STAT);
    close(r.alpha, v.alpha, STAT);
    close(r.standardizedAlpha, v.standardized_alpha, STAT);
    close(r.meanInterItemR, v.mean_interitem_r, STAT);
  });
  it('uses complete cases only', () => {
    const columns = Array.from({ length: v.k }, (_, j) => [
      ...v.matrix_rows_respondents.map((row) => row[j]!),
      j === 1 ? Number.NaN : 4,
    ]);
    const r = cronbachAlpha(columns);
    expect(r.n).toBe(v.n);
    close(r.alpha, v.alpha, STAT);
  });
});
