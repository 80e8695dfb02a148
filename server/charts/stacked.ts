/**
 * Answer distributions as 100% stacked horizontal bars: one bar per statement, one
 * segment per scale value (labels from the scale), the percentage printed in every
 * segment wide enough for it. Lightness rises with the answer, so the order reads in
 * greyscale too, and the legend follows the stack order.
 */
import type { ChartConfiguration } from 'chart.js';
import type { TDistributionEntry } from './distribution-types.ts';
import type { TScale } from '../../survey-definitions/index.ts';
import { notice } from './lookup.ts';
import { baseOptions, sequential } from './style.ts';
import { num, t, tr, wrap } from './text.ts';
import type { TChart, TChartInput, TChartNotice } from './types.ts';

export interface TStackedRow {
  label: string;
  /** The item's distribution in this group, or null when its cell is suppressed. */
  distribution: readonly TDistributionEntry[] | null;
  n: number | null;
}

export function stackedChart(
  input: TChartInput,
  spec: { id: string; kind: string; title: string; subtitle?: string; scale: TScale; rows: TStackedRow[]; caption: string },
): TChart | TChartNotice {
  const { lang } = input;
  if (!spec.rows.some((r) => r.distribution !== null)) return notice(spec.id, spec.kind, spec.title, lang);
  const values = [...spec.scale.values].sort((a, b) => a.value - b.value);
  const colours = sequential(values.length);
  const percent = (row: TStackedRow, value: number) => row.distribution?.find((d) => d.value === value)?.percent ?? null;
  const datasets = values.map((v, i) => ({
    label: tr(v.label, lang),
    data: spec.rows.map((r) => (r.distribution === null ? null : percent(r, v.value))),
    backgroundColor: colours[i],
    borderColor: '#ffffff',
    borderWidth: 1,
    pointStyle: 'rect',
  }));
  const options = baseOptions({
    lang,
    title: spec.title,
    subtitle: spec.subtitle,
    horizontal: true,
    stacked: true,
    min: 0,
    max: 100,
    step: 20,
    axisTitle: `${t('percent', lang)} (%)`,
    valueLabels: { decimals: 0, suffix: '%', inside: true, minInside: 4 },
  });
  const labels = spec.rows.map((r) => wrap(r.label, 48));
  const config = { type: 'bar', data: { labels, datasets }, options } as unknown as ChartConfiguration;
  const columns = [t('statement', lang), ...values.map((v) => tr(v.label, lang)), 'n'];
  const rows = spec.rows.map((r) => [
    r.label,
    ...values.map((v) => {
      const p = percent(r, v.value);
      return p === null ? '–' : `${num(p, 0, lang)}%`;
    }),
    r.n === null ? '–' : String(r.n),
  ]);
  const blank = spec.rows.some((r) => r.distribution === null);
  const note = [
    lang === 'en' ? 'Percentages of those who answered the statement.' : 'Percentages van wie de stelling beantwoordde.',
    blank ? `–: ${t('suppressed', lang)}.` : '',
  ]
    .filter(Boolean)
    .join(' ');
  return {
    id: spec.id,
    kind: spec.kind,
    title: spec.title,
    status: 'shown',
    config,
    table: { caption: spec.caption, columns, rows, note },
    alt: `${spec.title}. ${rows.map((r) => `${r[0]}: ${values.map((v, i) => `${tr(v.label, lang)} ${r[i + 1]}`).join(', ')}`).join('; ')}.`,
    width: 860,
    height: Math.max(300, 170 + labels.reduce((sum, l) => sum + Math.max(34, l.length * 16 + 8), 0)),
  };
}
