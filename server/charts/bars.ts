/**
 * The bar chart most kinds draw: categories (phases, beacons, statements, teams), one
 * to three series of values, optionally the mean of all teams as a marker. Values are
 * passed in from the report; a `null` is a suppressed cell and draws no bar.
 */
import type { ChartConfiguration } from 'chart.js';
import { baseOptions, referenceStyle, seriesStyle } from './style.ts';
import { num, t, wrap } from './text.ts';
import type { TChart, TChartInput, TChartNotice } from './types.ts';
import { notice } from './lookup.ts';

export interface TBarCategory {
  label: string;
  values: (number | null)[];
  /** The mean of all teams for this category (marker), when the chart shows one. */
  reference?: number | null;
}

export interface TBarSpec {
  id: string;
  kind: string;
  title: string;
  subtitle?: string;
  series: string[];
  referenceLabel?: string;
  categories: TBarCategory[];
  horizontal?: boolean;
  min: number;
  max: number;
  step?: number;
  axisTitle: string;
  decimals: number;
  /** After each bar's printed value, e.g. "%". */
  valueSuffix?: string;
  /** Table caption and note; the first column's header. */
  caption: string;
  firstColumn: string;
  note?: string;
  /** Extra table columns after the series (already formatted), e.g. n or a gap. */
  extraColumns?: { header: string; cells: string[] }[];
  alt: string;
}

const DASH = '–';

export function barChart(input: TChartInput, spec: TBarSpec): TChart | TChartNotice {
  const { lang } = input;
  const anyValue = spec.categories.some((c) => c.values.some((v) => v !== null));
  if (!anyValue) return notice(spec.id, spec.kind, spec.title, lang);
  const hasReference = spec.referenceLabel !== undefined;
  const labels = spec.categories.map((c) => (spec.horizontal ? wrap(c.label, 44) : wrap(c.label, 16)));
  const datasets: Record<string, unknown>[] = spec.series.map((name, s) => ({
    label: name,
    data: spec.categories.map((c) => c.values[s] ?? null),
    ...seriesStyle(s),
    order: 2,
  }));
  if (hasReference) {
    datasets.push({
      label: spec.referenceLabel,
      data: spec.categories.map((c) => c.reference ?? null),
      ...referenceStyle(),
      order: 1,
    });
  }
  const rowHeight = (lines: number) => Math.max(26, 18 * spec.series.length + 10, lines * 16 + 10);
  const height = spec.horizontal ? Math.max(320, 170 + labels.reduce((sum, l) => sum + rowHeight(l.length), 0)) : 460;
  const config = {
    type: 'bar',
    data: { labels, datasets },
    options: baseOptions({
      lang,
      title: spec.title,
      subtitle: spec.subtitle,
      horizontal: spec.horizontal,
      min: spec.min,
      max: spec.max,
      step: spec.step,
      axisTitle: spec.axisTitle,
      legend: spec.series.length > 1 || hasReference,
      valueLabels: {
        decimals: spec.decimals,
        ...(spec.valueSuffix ? { suffix: spec.valueSuffix } : {}),
        insideEnd: Boolean(spec.horizontal && hasReference),
      },
    }),
  } as unknown as ChartConfiguration;

  const fmt = (v: number | null | undefined) => (v === null || v === undefined ? DASH : num(v, spec.decimals, lang));
  const columns = [
    spec.firstColumn,
    ...spec.series,
    ...(hasReference ? [spec.referenceLabel!] : []),
    ...(spec.extraColumns ?? []).map((e) => e.header),
  ];
  const tableRows = spec.categories.map((c, i) => [
    c.label,
    ...spec.series.map((_, s) => fmt(c.values[s])),
    ...(hasReference ? [fmt(c.reference)] : []),
    ...(spec.extraColumns ?? []).map((e) => e.cells[i] ?? ''),
  ]);
  const blank = tableRows.some((r) => r.includes(DASH));
  const note = [spec.note, blank ? `${DASH}: ${t('suppressed', lang)}.` : undefined].filter(Boolean).join(' ');
  return {
    id: spec.id,
    kind: spec.kind,
    title: spec.title,
    status: 'shown',
    config,
    table: { caption: spec.caption, columns, rows: tableRows, ...(note ? { note } : {}) },
    alt: spec.alt,
    width: spec.horizontal ? 860 : 800,
    height,
  };
}

/** Alt text listing each category's values, for downloads without the page's table. */
export function describe(
  lead: string,
  categories: TBarCategory[],
  series: string[],
  decimals: number,
  input: TChartInput,
): string {
  const parts = categories.map((c) => {
    const values = c.values.map((v, s) => `${series[s]} ${v === null ? DASH : num(v, decimals, input.lang)}`).join(', ');
    return `${c.label}: ${values}`;
  });
  return `${lead}. ${parts.join('; ')}.`;
}
