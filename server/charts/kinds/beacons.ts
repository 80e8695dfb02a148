/**
 * The beacon profile of one team: each beacon of Welzijn Nieuwe Stijl (0–1, how often
 * the team works along it), with the mean of all teams as a marker. The beacons are
 * the constructs of the definition's `baken` group, numbered as there.
 */
import { barChart, describe, type TBarCategory } from '../bars.ts';
import { constructLabel, lookup, withN } from '../lookup.ts';
import { t, tr } from '../text.ts';
import type { TTeamChartKind } from '../types.ts';

export const beacons: TTeamChartKind = {
  kind: 'beacons',
  scope: 'team',
  build(input) {
    const { team, lang } = input;
    const { groups, constructs } = lookup(input);
    const group = groups.get('baken');
    if (!group) return [];
    let n: number | undefined;
    const categories: TBarCategory[] = group.constructs.flatMap((id) => {
      const c = constructs.get(id);
      if (c?.kind !== 'mean') return [];
      const cell = c.teams[team];
      if (cell && !cell.suppressed) n = Math.max(n ?? 0, cell.n);
      const ref = c.overall.meanOfTeams;
      return [
        {
          label: constructLabel(input, id),
          values: [cell && !cell.suppressed ? cell.score01 : null],
          reference: ref.suppressed ? null : ref.mean01,
        },
      ];
    });
    const series = [team];
    const title = withN(`${tr(group.label, lang)} ${team}`, n);
    return [
      barChart(input, {
        id: 'bakens',
        kind: 'beacons',
        title,
        subtitle: lang === 'en' ? '0 = never, 1 = always' : '0 = nooit, 1 = altijd',
        series,
        referenceLabel: t('meanOfTeams', lang),
        categories,
        horizontal: true,
        min: 0,
        max: 1,
        step: 0.2,
        axisTitle: t('score01', lang),
        decimals: 2,
        caption: title,
        firstColumn: lang === 'en' ? 'Beacon' : 'Baken',
        note: t('scoreNote', lang),
        alt: describe(title, categories, series, 2, input),
      }),
    ];
  },
};
