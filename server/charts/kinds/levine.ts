/**
 * The group-dynamics profile of one team: each Levine phase now and its importance
 * (0–1), with the mean of all teams as a marker — "Indruk groepsdynamica <team> (N=…)".
 * The phases are the constructs of the definition's `levine` group, in its order; the
 * importance series is each phase's importance twin.
 */
import type { TMeanConstructReport } from '../../../analysis/index.ts';
import { barChart, describe, type TBarCategory } from '../bars.ts';
import { constructLabel, importanceTwin, lookup, withN } from '../lookup.ts';
import { t, tr } from '../text.ts';
import type { TTeamChartKind } from '../types.ts';

export const GROUP = 'levine';

export const levine: TTeamChartKind = {
  kind: 'levine',
  scope: 'team',
  build(input) {
    const { team, lang, definition } = input;
    const { groups, constructs } = lookup(input);
    const group = groups.get(GROUP);
    if (!group) return [];
    const mean = (id: string | undefined) => {
      const c = id ? constructs.get(id) : undefined;
      return c?.kind === 'mean' ? c : undefined;
    };
    const score = (c: TMeanConstructReport | undefined) => {
      const cell = c?.teams[team];
      return cell && !cell.suppressed ? cell.score01 : null;
    };
    let n: number | undefined;
    const categories: TBarCategory[] = group.constructs.flatMap((id) => {
      const now = mean(id);
      if (!now) return [];
      const cell = now.teams[team];
      if (cell && !cell.suppressed) n = Math.max(n ?? 0, cell.n);
      const importance = mean(importanceTwin(definition, input, id));
      const ref = now.overall.meanOfTeams;
      return [
        {
          label: constructLabel(input, id),
          values: [score(now), score(importance)],
          reference: ref.suppressed ? null : ref.mean01,
        },
      ];
    });
    const series = [t('now', lang), t('importance', lang)];
    const heading = lang === 'en' ? `Impression of group dynamics ${team}` : `Indruk groepsdynamica ${team}`;
    return [
      barChart(input, {
        id: 'groepsdynamica',
        kind: 'levine',
        title: withN(heading, n),
        subtitle: tr(group.label, lang),
        series,
        referenceLabel: `${t('meanOfTeams', lang)} (${t('now', lang).toLowerCase()})`,
        categories,
        min: 0,
        max: 1,
        step: 0.2,
        axisTitle: t('score01', lang),
        decimals: 2,
        caption: withN(heading, n),
        firstColumn: lang === 'en' ? 'Phase' : 'Fase',
        note: t('scoreNote', lang),
        alt: describe(withN(heading, n), categories, series, 2, input),
      }),
    ];
  },
};
