/**
 * Collaboration with specialist care providers (wijkteam@2016): per provider category
 * how often the team works with it (stacked percentages on the frequency scale) and the
 * mean report grade given to that collaboration. Pairs are found in the definition: a
 * grade item asked only when a likert item of its block is above some value is that
 * item's grade. Category names: the frequency questions with their shared wording
 * ("Hoe vaak werkt u samen met …?") taken off.
 */
import type { TScaledItemReport } from '../../../analysis/index.ts';
import type { TDefinition, TScaledItem } from '../../../survey-definitions/index.ts';
import { barChart, describe, type TBarCategory } from '../bars.ts';
import { itemText, lookup, withN } from '../lookup.ts';
import { stackedChart } from '../stacked.ts';
import { t, tr } from '../text.ts';
import type { TChartResult, TTeamChartInput, TTeamChartKind } from '../types.ts';

interface TPair {
  frequency: TScaledItem;
  grade: TScaledItem;
  blockTitle: { nl: string; en?: string | undefined };
}

export function collaborationPairs(definition: TDefinition): TPair[] {
  const pairs: TPair[] = [];
  for (const block of definition.blocks) {
    for (const item of block.items) {
      if (item.kind !== 'grade' || item.condition?.op !== 'gt') continue;
      const trigger = block.items.find((i) => i.id === item.condition!.item);
      if (trigger?.kind === 'likert') pairs.push({ frequency: trigger, grade: item, blockTitle: block.title });
    }
  }
  return pairs;
}

/** Takes the wording all labels share at the start and the end off each label. */
export function distinctive(labels: string[]): string[] {
  if (labels.length < 2) return labels;
  let prefix = labels[0]!;
  let suffix = labels[0]!;
  for (const l of labels) {
    while (!l.startsWith(prefix)) prefix = prefix.slice(0, -1);
    while (!l.endsWith(suffix)) suffix = suffix.slice(1);
  }
  prefix = prefix.slice(0, prefix.lastIndexOf(' ') + 1);
  return labels.map((l) => {
    const core = l.slice(prefix.length, l.length - suffix.length).trim();
    return core ? core.charAt(0).toUpperCase() + core.slice(1) : l;
  });
}

export const collaboration: TTeamChartKind = {
  kind: 'collaboration',
  scope: 'team',
  build(input: TTeamChartInput): TChartResult[] {
    const { team, lang, definition } = input;
    const pairs = collaborationPairs(definition);
    if (pairs.length === 0) return [];
    const { items, scales } = lookup(input);
    const names = distinctive(pairs.map((p) => itemText(input, p.frequency.id)));
    const cellOf = (id: string) => items.get(id)?.teams[team] as TScaledItemReport['teams'][string] | undefined;
    const block = tr(pairs[0]!.blockTitle, lang);

    let nFrequency: number | undefined;
    const rows = pairs.map((p, i) => {
      const cell = cellOf(p.frequency.id);
      if (!cell || cell.suppressed) return { label: names[i]!, distribution: null, n: null };
      nFrequency = Math.max(nFrequency ?? 0, cell.n);
      return { label: names[i]!, distribution: cell.distribution, n: cell.n };
    });
    const frequencyTitle = withN(`${block}: ${lang === 'en' ? 'how often' : 'hoe vaak'} ${team}`, nFrequency);
    const scale = scales.get(pairs[0]!.frequency.scale)!;
    const frequency = stackedChart(input, {
      id: 'samenwerking-frequentie',
      kind: 'collaboration',
      title: frequencyTitle,
      scale,
      rows,
      caption: frequencyTitle,
    });

    const categories: TBarCategory[] = pairs.map((p, i) => {
      const cell = cellOf(p.grade.id);
      const ref = items.get(p.grade.id)?.overall.meanOfTeams;
      return {
        label: names[i]!,
        values: [cell && !cell.suppressed ? cell.mean : null],
        reference: !ref || ref.suppressed || ref.mean === undefined ? null : ref.mean,
      };
    });
    const nCells = pairs.map((p) => cellOf(p.grade.id)).map((c) => (c && !c.suppressed ? String(c.n) : '–'));
    const gradeTitle = `${block}: ${lang === 'en' ? 'grade' : 'rapportcijfer'} ${team}`;
    const grade = barChart(input, {
      id: 'samenwerking-cijfer',
      kind: 'collaboration',
      title: gradeTitle,
      subtitle:
        lang === 'en' ? 'Asked only of those who work with the provider' : 'Alleen gevraagd aan wie met de aanbieder samenwerkt',
      series: [team],
      referenceLabel: t('meanOfTeams', lang),
      categories,
      horizontal: true,
      min: 0,
      max: 10,
      step: 1,
      axisTitle: t('grade', lang),
      decimals: 1,
      caption: gradeTitle,
      firstColumn: lang === 'en' ? 'Provider' : 'Aanbieder',
      extraColumns: [{ header: 'n', cells: nCells }],
      alt: describe(gradeTitle, categories, [team], 1, input),
    });
    return [frequency, grade];
  },
};
