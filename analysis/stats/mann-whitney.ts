/**
 * Mann–Whitney U test for two independent samples, as SciPy 1.17's
 * `mannwhitneyu(x, y, use_continuity=True, alternative='two-sided', method='auto')`:
 * - 'auto' takes the exact null distribution when there are no ties and at least one
 *   sample has at most 8 values, else the normal approximation with tie-corrected
 *   variance and a continuity correction of ½ towards the mean;
 * - the statistic reported is U of the first sample (x).
 *
 * Scale answers have few distinct values, so the core works on counts per value:
 * ranks are midranks of each value's block, found in one pass over the values.
 */
import { normalSf } from './distributions.ts';
import type { TAlternative } from './kendall.ts';

export interface TMannWhitneyOptions {
  alternative?: TAlternative;
  method?: 'auto' | 'exact' | 'asymptotic';
  continuity?: boolean;
}

export interface TMannWhitneyResult {
  n1: number;
  n2: number;
  /** U of sample x: the number of (x, y) pairs with x > y, ties counting ½. */
  u1: number;
  u2: number;
  /** Size of each block of equal values, in increasing order of value. */
  tieCounts: number[];
  /** Tie-corrected standard deviation of U under the null hypothesis. */
  sigma: number;
  /**
   * Standardised statistic of the U used for the p-value (the larger of U1 and U2 when
   * two-sided), continuity-corrected if used; NaN for the exact method.
   */
  z: number;
  p: number;
  method: 'exact' | 'asymptotic';
  /** Rank-biserial correlation 2·U1/(n1·n2) − 1: > 0 when x tends to be larger. */
  rankBiserial: number;
  /** Common-language effect size U1/(n1·n2) = P(X > Y) + ½·P(X = Y). */
  commonLanguage: number;
}

/**
 * Mann–Whitney from counts: `countsX[i]` and `countsY[i]` are how often the i-th
 * distinct value (values in increasing order) occurs in each sample.
 */
export function mannWhitneyFromCounts(
  countsX: ArrayLike<number>,
  countsY: ArrayLike<number>,
  options: TMannWhitneyOptions = {},
): TMannWhitneyResult {
  const { alternative = 'two-sided', method = 'auto', continuity = true } = options;
  let n1 = 0;
  let n2 = 0;
  let rankSumX = 0;
  let tieTerm = 0;
  let below = 0;
  const tieCounts: number[] = [];
  for (let i = 0; i < countsX.length; i++) {
    const cx = countsX[i]!;
    const cy = countsY[i]!;
    const t = cx + cy;
    if (t === 0) continue;
    const midrank = below + (t + 1) / 2;
    rankSumX += cx * midrank;
    tieTerm += t * t * t - t;
    tieCounts.push(t);
    below += t;
    n1 += cx;
    n2 += cy;
  }
  if (n1 === 0 || n2 === 0) throw new RangeError('Mann–Whitney: beide steekproeven moeten waarden bevatten.');
  const u1 = rankSumX - (n1 * (n1 + 1)) / 2;
  const u2 = n1 * n2 - u1;
  const n = n1 + n2;
  const sigma = Math.sqrt(((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1))));
  const ties = tieCounts.some((t) => t > 1);
  const useExact = method === 'exact' || (method === 'auto' && !(n1 > 8 && n2 > 8) && !ties);
  const effect = { rankBiserial: (2 * u1) / (n1 * n2) - 1, commonLanguage: u1 / (n1 * n2) };
  // As SciPy 1.17: the upper tail of U1 ('greater'), of U2 ('less'), or twice the upper
  // tail of the larger of the two (two-sided).
  const u = alternative === 'greater' ? u1 : alternative === 'less' ? u2 : Math.max(u1, u2);
  const factor = alternative === 'two-sided' ? 2 : 1;
  if (useExact) {
    const p = clamp01(factor * mannWhitneyExactSf(u, n1, n2));
    return { n1, n2, u1, u2, tieCounts, sigma, z: Number.NaN, p, method: 'exact', ...effect };
  }
  // The continuity correction moves U half a unit towards the mean, which always makes
  // the p-value larger (it accounts for the probability mass at U itself).
  const z = (u - (n1 * n2) / 2 - (continuity ? 0.5 : 0)) / sigma;
  const p = clamp01(factor * normalSf(z));
  return { n1, n2, u1, u2, tieCounts, sigma, z, p, method: 'asymptotic', ...effect };
}

function clamp01(p: number): number {
  return Math.min(1, Math.max(0, p));
}

/** Mann–Whitney of two samples of numbers (NaN values are left out). */
export function mannWhitneyU(x: ArrayLike<number>, y: ArrayLike<number>, options: TMannWhitneyOptions = {}): TMannWhitneyResult {
  const xs = Array.from(x).filter((v) => !Number.isNaN(v));
  const ys = Array.from(y).filter((v) => !Number.isNaN(v));
  const values = [...new Set([...xs, ...ys])].sort((a, b) => a - b);
  const index = new Map(values.map((v, i) => [v, i]));
  const countsX = new Float64Array(values.length);
  const countsY = new Float64Array(values.length);
  for (const v of xs) countsX[index.get(v)!]! += 1;
  for (const v of ys) countsY[index.get(v)!]! += 1;
  return mannWhitneyFromCounts(countsX, countsY, options);
}

/**
 * P(U ≥ u) under the null hypothesis without ties. The number of arrangements with
 * U = k is the coefficient of q^k in the Gaussian binomial [n1+n2 choose n1]_q =
 * ∏_{i=1..m} (1 − q^{n+i}) / (1 − q^i) with m = min(n1, n2), n = max(n1, n2); the
 * distribution is symmetric, so only the lower half is built and the upper tail is
 * read as a lower one, as SciPy does.
 */
export function mannWhitneyExactSf(u: number, n1: number, n2: number): number {
  const m = Math.min(n1, n2);
  const n = Math.max(n1, n2);
  const uc = m * n - u;
  // Lower tail value needed: P(U ≥ u) = P(U ≤ m·n − u) by symmetry.
  if (uc <= u) return lowerTail(Math.floor(uc), m, n).cdf;
  const { cdf, pmf } = lowerTail(Math.floor(u), m, n);
  return 1 - cdf + pmf;
}

function lowerTail(k: number, m: number, n: number): { cdf: number; pmf: number } {
  if (k < 0) return { cdf: 0, pmf: 0 };
  const coefficients = new Float64Array(k + 1);
  coefficients[0] = 1;
  let total = 1; // C(m + n, m), built alongside as a float like scipy.special.binom
  for (let i = 1; i <= m; i++) {
    const drop = n + i;
    for (let j = k; j >= drop; j--) coefficients[j] = coefficients[j]! - coefficients[j - drop]!;
    for (let j = i; j <= k; j++) coefficients[j] = coefficients[j]! + coefficients[j - i]!;
    total = (total * (n + i)) / i;
  }
  let cdf = 0;
  for (let j = 0; j <= k; j++) cdf += coefficients[j]!;
  return { cdf: cdf / total, pmf: coefficients[k]! / total };
}
