/**
 * Interpersonal self-efficacy of one team: each statement of the construct now and its
 * importance (0–1), and the construct's score first. The construct is found as the
 * `mean` construct of the `gd` group that is not the group's total (its items are a
 * strict subset of the total's); with no such group the kind draws nothing.
 */
import type { TMeanConstructReport } from '../../../analysis/index.ts';
import { allItems } from '../../../survey-definitions/index.ts';
import { barChart, describe, type TBarCategory } from '../bars.ts';
import { constructLabel, importanceTwin, itemText, lookup, withN } from '../lookup.ts';
import { t } from '../text.ts';
import type { TTeamChartInput, TTeamChartKind } from '../types.ts';

export const SELF_EFFICACY = 'gd.self_efficacy';

function itemValue(input: TTeamChartInput, id: string | undefined): number | null {
  const cell = id ? lookup(input).items.get(id)?.teams[input.team] : undefined;
  return cell && !cell.suppressed ? cell.mean01 : null;
}

export const selfEfficacy: TTeamChartKind = {
  kind: 'self-efficacy',
  scope: 'team',
  build(input) {
    const { team, lang, definition } = input;
    const { constructs, defItems } = lookup(input);
    const construct = constructs.get(SELF_EFFICACY);
    if (construct?.kind !== 'mean') return [];
    const importance = constructs.get(importanceTwin(definition, input, SELF_EFFICACY) ?? '') as TMeanConstructReport | undefined;
    const score = (c: TMeanConstructReport | undefined) => {
      const cell = c?.teams[team];
      return cell && !cell.suppressed ? cell.score01 : null;
    };
    const own = construct.teams[team];
    const n = own && !own.suppressed ? own.n : undefined;
    const categories: TBarCategory[] = [
      {
        label: `${constructLabel(input, SELF_EFFICACY)} (${lang === 'en' ? 'score' : 'score'})`,
        values: [score(construct), score(importance)],
        reference: construct.overall.meanOfTeams.suppressed ? null : construct.overall.meanOfTeams.mean01,
      },
      ...allItems(definition)
        .filter((i) => i.constructs.includes(SELF_EFFICACY))
        .map((item) => {
          const twin = item.twin && defItems.get(item.twin.item);
          const ref = lookup(input).items.get(item.id)?.overall.meanOfTeams;
          return {
            label: itemText(input, item.id),
            values: [itemValue(input, item.id), itemValue(input, twin?.id)],
            reference: !ref || ref.suppressed ? null : ref.mean01,
          };
        }),
    ];
    const series = [t('now', lang), t('importance', lang)];
    const title = withN(`${constructLabel(input, SELF_EFFICACY)} ${team}`, n);
    return [
      barChart(input, {
        id: 'self-efficacy',
        kind: 'self-efficacy',
        title,
        series,
        referenceLabel: `${t('meanOfTeams', lang)} (${t('now', lang).toLowerCase()})`,
        categories,
        horizontal: true,
        min: 0,
        max: 1,
        step: 0.2,
        axisTitle: t('score01', lang),
        decimals: 2,
        caption: title,
        firstColumn: t('statement', lang),
        note: t('scoreNote', lang),
        alt: describe(title, categories, series, 2, input),
      }),
    ];
  },
};
