/**
 * Cohen's kappa for two coders who each decided, per answer, whether a theme applies:
 * agreement beyond chance, κ = (pₒ − pₑ) / (1 − pₑ). Pure: booleans in, numbers out.
 *
 * When chance agreement is already perfect (pₑ = 1: both coders gave every answer the
 * same single value, e.g. nobody ever used the theme), κ is 0/0 and undefined: NaN, which
 * pages show as "n.v.t." rather than a made-up 1 or 0. No answers at all: NaN as well.
 */

export interface TKappa {
  /** Cohen's kappa; NaN when undefined (pₑ = 1, or no answers). */
  kappa: number;
  /** Observed agreement (share of answers on which both coders decided the same). */
  observed: number;
  /** Agreement expected by chance from each coder's own rate. */
  expected: number;
  /** Number of answers both coders coded. */
  n: number;
  /** The 2 × 2 table: both yes, only the first, only the second, both no. */
  table: { both: number; firstOnly: number; secondOnly: number; neither: number };
}

export function cohensKappa(first: readonly boolean[], second: readonly boolean[]): TKappa {
  if (first.length !== second.length) {
    throw new RangeError(`cohensKappa: both coders must code the same answers (${first.length} vs ${second.length})`);
  }
  const table = { both: 0, firstOnly: 0, secondOnly: 0, neither: 0 };
  for (let i = 0; i < first.length; i++) {
    if (first[i] && second[i]) table.both++;
    else if (first[i]) table.firstOnly++;
    else if (second[i]) table.secondOnly++;
    else table.neither++;
  }
  const n = first.length;
  if (n === 0) return { kappa: Number.NaN, observed: Number.NaN, expected: Number.NaN, n, table };
  const observed = (table.both + table.neither) / n;
  const firstYes = (table.both + table.firstOnly) / n;
  const secondYes = (table.both + table.secondOnly) / n;
  const expected = firstYes * secondYes + (1 - firstYes) * (1 - secondYes);
  // Compared on counts, not floats: pₑ = 1 exactly when each coder gave one value throughout.
  const degenerate = (firstYes === 0 || firstYes === 1) && firstYes === secondYes;
  const kappa = degenerate ? Number.NaN : (observed - expected) / (1 - expected);
  return { kappa, observed, expected, n, table };
}
