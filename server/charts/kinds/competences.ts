/**
 * Transition competences of one team: per competence the mean grade now ("ik beschik
 * over") and aimed at ("ik wil toewerken naar"), side by side so the gap shows, and the
 * gap itself (computed per respondent by the engine) in the label and the table. The
 * competences are the `gap` constructs of the definition's `tc_gap` group.
 */
import type { TGapConstructReport } from '../../../analysis/index.ts';
import { barChart, describe, type TBarCategory } from '../bars.ts';
import { constructLabel, lookup, withN } from '../lookup.ts';
import { num, signed, t, tr } from '../text.ts';
import type { TTeamChartInput, TTeamChartKind } from '../types.ts';

function itemMean(input: TTeamChartInput, id: string): number | null {
  const cell = lookup(input).items.get(id)?.teams[input.team];
  return cell && !cell.suppressed ? cell.mean : null;
}

export const competences: TTeamChartKind = {
  kind: 'competences',
  scope: 'team',
  build(input) {
    const { team, lang } = input;
    const { groups, constructs } = lookup(input);
    const group = groups.get('tc_gap');
    if (!group) return [];
    const gaps = group.constructs.map((id) => constructs.get(id)).filter((c): c is TGapConstructReport => c?.kind === 'gap');
    let n: number | undefined;
    const gapCells = gaps.map((c) => c.teams[team]);
    const categories: TBarCategory[] = gaps.map((c, i) => {
      const gap = gapCells[i];
      if (gap && !gap.suppressed) n = Math.max(n ?? 0, gap.n);
      const name = constructLabel(input, c.id);
      return {
        label: gap && !gap.suppressed ? `${name} (${signed(gap.mean, 2, lang)})` : name,
        values: [itemMean(input, c.now), itemMean(input, c.target)],
      };
    });
    const series = lang === 'en' ? ['Current level', 'Level aimed at'] : ['Ik beschik over', 'Ik wil toewerken naar'];
    const title = withN(`${lang === 'en' ? 'Transition competences' : 'Transitiecompetenties'} ${team}`, n);
    const fmtGap = (cell: TGapConstructReport['teams'][string] | TGapConstructReport['overall']['meanOfTeams'] | undefined) =>
      !cell || cell.suppressed ? '–' : num(cell.mean, 2, lang);
    return [
      barChart(input, {
        id: 'competenties',
        kind: 'competences',
        title,
        subtitle: `${t('gap', lang)} (${lang === 'en' ? 'target − now, in brackets' : 'doel − nu, tussen haakjes'})`,
        series,
        categories,
        horizontal: true,
        min: 0,
        max: 10,
        step: 1,
        axisTitle: t('grade', lang),
        decimals: 1,
        caption: title,
        firstColumn: lang === 'en' ? 'Competence' : 'Competentie',
        note: tr(group.description ?? { nl: '' }, lang) || undefined,
        extraColumns: [
          { header: t('gap', lang), cells: gapCells.map(fmtGap) },
          {
            header: `${t('gap', lang)}: ${t('meanOfTeams', lang).toLowerCase()}`,
            cells: gaps.map((c) => fmtGap(c.overall.meanOfTeams)),
          },
        ],
        alt: describe(title, categories, series, 1, input),
      }),
    ];
  },
};
