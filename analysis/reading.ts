/**
 * The plain reading next to every difference, written so that it never over-reads a
 * small or uncertain difference. "Hoger" / "lager" needs all three of:
 * 1. the 95% confidence interval of the difference excludes 0;
 * 2. the effect is not negligible: |rank-biserial r| ≥ 0.1 for an item (Mann–Whitney),
 *    |Hedges' g| ≥ 0.2 for a construct score (Welch) — Cohen's "small" effect;
 * 3. the Holm-adjusted p-value is below .05: with a hundred or more tests per
 *    comparison, an unadjusted interval that misses 0 turns up by chance about once in
 *    twenty tests, so the reading takes the number of tests into account too.
 * Anything else reads "geen aantoonbaar verschil" (no demonstrable difference) — which
 * says the data do not show a difference, not that there is none.
 */
/** Both languages, always (the report's texts). */
export interface TText {
  nl: string;
  en: string;
}

export const READING_RULE = {
  alpha: 0.05,
  /** |rank-biserial r| at or above this is not negligible (items). */
  minRankBiserial: 0.1,
  /** |Hedges' g| at or above this is not negligible (construct scores). */
  minHedgesG: 0.2,
} as const;

export type TVerdict = 'higher' | 'lower' | 'no_difference';

export interface TReading {
  verdict: TVerdict;
  text: TText;
}

export const READINGS: Record<TVerdict, TText> = {
  higher: { nl: 'hoger', en: 'higher' },
  lower: { nl: 'lager', en: 'lower' },
  no_difference: { nl: 'geen aantoonbaar verschil', en: 'no demonstrable difference' },
};

export const READING_RULE_TEXT: TText = {
  nl:
    '“Hoger” of “lager” staat er alleen als het 95%-betrouwbaarheidsinterval van het verschil 0 niet bevat, ' +
    `het effect niet verwaarloosbaar is (|r| ≥ ${READING_RULE.minRankBiserial} bij een item, |g| ≥ ${READING_RULE.minHedgesG} ` +
    `bij een construct) én de Holm-gecorrigeerde p kleiner is dan ${READING_RULE.alpha}. Anders: “geen aantoonbaar verschil”.`,
  en:
    '“Higher” or “lower” appears only when the 95% confidence interval of the difference excludes 0, ' +
    `the effect is not negligible (|r| ≥ ${READING_RULE.minRankBiserial} for an item, |g| ≥ ${READING_RULE.minHedgesG} ` +
    `for a construct) and the Holm-adjusted p is below ${READING_RULE.alpha}. Otherwise: “no demonstrable difference”.`,
};

/**
 * The reading of one difference.
 *
 * @param ci95   95% interval of current − baseline (null: not computable → no difference)
 * @param effect rank-biserial r or Hedges' g, signed like the difference
 * @param kind   which effect size (sets the negligible threshold)
 * @param pHolm  Holm-adjusted p-value (null: not computable)
 */
export function readDifference(
  ci95: readonly [number, number] | null,
  effect: number | null,
  kind: 'rank_biserial' | 'hedges_g',
  pHolm: number | null,
): TReading {
  const minimum = kind === 'rank_biserial' ? READING_RULE.minRankBiserial : READING_RULE.minHedgesG;
  const clear =
    ci95 !== null &&
    effect !== null &&
    pHolm !== null &&
    pHolm < READING_RULE.alpha &&
    Math.abs(effect) >= minimum &&
    (ci95[0] > 0 || ci95[1] < 0) &&
    // The interval and the effect must point the same way (they could disagree only in
    // odd samples: the interval is on means, the rank effect on the whole distribution).
    Math.sign(effect) === (ci95[0] > 0 ? 1 : -1);
  const verdict: TVerdict = !clear ? 'no_difference' : ci95![0] > 0 ? 'higher' : 'lower';
  return { verdict, text: READINGS[verdict] };
}
