import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cohensKappa } from '../../analysis/kappa.ts';

/** Two coders' decisions from the cells of a 2 × 2 table, in a scrambled order. */
function fromTable(both: number, firstOnly: number, secondOnly: number, neither: number): [boolean[], boolean[]] {
  const pairs: [boolean, boolean][] = [
    ...Array.from({ length: both }, (): [boolean, boolean] => [true, true]),
    ...Array.from({ length: firstOnly }, (): [boolean, boolean] => [true, false]),
    ...Array.from({ length: secondOnly }, (): [boolean, boolean] => [false, true]),
    ...Array.from({ length: neither }, (): [boolean, boolean] => [false, false]),
  ];
  // Order does not matter to kappa; interleave to make sure nothing depends on it.
  const shuffled = pairs
    .map((p, i) => ({ p, k: (i * 7919) % pairs.length }))
    .sort((a, b) => a.k - b.k)
    .map((x) => x.p);
  return [shuffled.map((p) => p[0]), shuffled.map((p) => p[1])];
}

describe("Cohen's kappa", () => {
  it('matches the textbook example (20/5/10/15 → κ = 0.4)', () => {
    // Wikipedia, "Cohen's kappa", simple example: pₒ = 0.7, pₑ = 0.5.
    const [a, b] = fromTable(20, 5, 10, 15);
    const k = cohensKappa(a, b);
    expect(k.n).toBe(50);
    expect(k.table).toEqual({ both: 20, firstOnly: 5, secondOnly: 10, neither: 15 });
    expect(k.observed).toBeCloseTo(0.7, 12);
    expect(k.expected).toBeCloseTo(0.5, 12);
    expect(k.kappa).toBeCloseTo(0.4, 12);
  });

  it('matches a second worked example (45/15/25/15 → κ ≈ 0.1304)', () => {
    // pₒ = 0.6; pₑ = 0.6·0.7 + 0.4·0.3 = 0.54; κ = 0.06 / 0.46.
    const [a, b] = fromTable(45, 15, 25, 15);
    expect(cohensKappa(a, b).kappa).toBeCloseTo(0.06 / 0.46, 12);
  });

  it('is 1 for perfect agreement with variation, and can be negative', () => {
    const [a, b] = fromTable(3, 0, 0, 7);
    expect(cohensKappa(a, b).kappa).toBe(1);
    // Always opposite, half and half: pₒ = 0, pₑ = 0.5 → κ = −1.
    const [c, d] = fromTable(0, 5, 5, 0);
    expect(cohensKappa(c, d).kappa).toBeCloseTo(-1, 12);
  });

  it('is undefined (NaN) when both coders gave every answer the same single value', () => {
    const none = cohensKappa([false, false, false], [false, false, false]);
    expect(none.kappa).toBeNaN();
    expect(none.observed).toBe(1);
    expect(none.expected).toBe(1);
    expect(cohensKappa([true, true], [true, true]).kappa).toBeNaN();
  });

  it('is 0, not NaN, when one coder never used the theme and the other always did', () => {
    // pₒ = 0 and pₑ = 0: kappa is defined (and 0).
    expect(cohensKappa([false, false], [true, true]).kappa).toBe(0);
  });

  it('is NaN for no answers, and refuses answer lists of different lengths', () => {
    const empty = cohensKappa([], []);
    expect(empty.kappa).toBeNaN();
    expect(empty.n).toBe(0);
    expect(() => cohensKappa([true], [true, false])).toThrow(RangeError);
  });

  it('is symmetric in the coders and never above 1', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), fc.boolean()), { minLength: 1, maxLength: 60 }), (pairs) => {
        const a = pairs.map((p) => p[0]);
        const b = pairs.map((p) => p[1]);
        const ab = cohensKappa(a, b).kappa;
        const ba = cohensKappa(b, a).kappa;
        if (Number.isNaN(ab)) return Number.isNaN(ba);
        return Math.abs(ab - ba) < 1e-12 && ab <= 1 + 1e-12 && ab >= -1 - 1e-12;
      }),
    );
  });
});
