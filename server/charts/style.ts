/**
 * The look shared by every chart: a colour-blind-safe palette (Okabe & Ito) whose
 * series also differ in lightness and pattern, so a greyscale print still tells them
 * apart; a sequential palette for answer distributions (lightness rises with the
 * answer); and the base options every configuration starts from.
 */
import type { ChartConfiguration, ChartDataset } from 'chart.js';
import type { TLanguage } from '../../survey-definitions/index.ts';

/** Series colours: dark blue, orange (lighter in grey), bluish green, vermillion, sky blue. */
export const SERIES = ['#0072B2', '#E69F00', '#009E73', '#D55E00', '#56B4E9', '#CC79A7'] as const;
/** The second, third, … series carry a pattern too: colour is never the only cue. */
export const PATTERNS = ['none', 'diagonal', 'dots', 'cross', 'none', 'diagonal'] as const;
export const REFERENCE = '#000000';

/**
 * Sequential blues (ColorBrewer "Blues", colour-blind safe, monotone in lightness) from
 * the lowest to the highest answer; `count` steps picked evenly.
 */
const BLUES = ['#f7fbff', '#deebf7', '#c6dbef', '#9ecae1', '#6baed6', '#4292c6', '#2171b5', '#08519c', '#08306b'];
export function sequential(count: number): string[] {
  if (count <= 1) return [BLUES[5]!];
  return Array.from({ length: count }, (_, i) => BLUES[Math.round(1 + (i * (BLUES.length - 2)) / (count - 1))]!);
}

export function seriesStyle(index: number): Partial<ChartDataset<'bar'>> & { pattern: string } {
  const colour = SERIES[index % SERIES.length]!;
  return {
    backgroundColor: colour,
    borderColor: '#000000',
    borderWidth: 1,
    pointStyle: 'rect',
    pattern: PATTERNS[index % PATTERNS.length]!,
  };
}

/** The mean of all teams as a black marker with its own shape, drawn over the bars. */
export function referenceStyle(): Record<string, unknown> {
  return {
    type: 'line',
    showLine: false,
    pointStyle: 'rectRot',
    pointRadius: 6,
    pointHoverRadius: 7,
    pointBackgroundColor: '#ffffff',
    pointBorderColor: REFERENCE,
    pointBorderWidth: 2,
    backgroundColor: '#ffffff',
    borderColor: REFERENCE,
  };
}

export interface TBaseOptions {
  lang: TLanguage;
  title: string;
  subtitle?: string;
  horizontal?: boolean;
  stacked?: boolean;
  legend?: boolean;
  /** Value axis. */
  min?: number;
  max?: number;
  step?: number;
  axisTitle?: string;
  valueLabels?: { decimals: number; suffix?: string; inside?: boolean; insideEnd?: boolean; minInside?: number } | false;
}

/** Options every chart starts from; kinds add their data and may extend the result. */
export function baseOptions(o: TBaseOptions): ChartConfiguration['options'] {
  const valueAxis = o.horizontal ? 'x' : 'y';
  const categoryAxis = o.horizontal ? 'y' : 'x';
  const grid = { color: '#d9d9d9' };
  const ticks = { color: '#000000', font: { size: 12 } };
  return {
    responsive: false,
    animation: false,
    maintainAspectRatio: false,
    locale: o.lang === 'nl' ? 'nl-NL' : 'en-GB',
    indexAxis: o.horizontal ? 'y' : 'x',
    layout: { padding: { top: 4, right: o.horizontal ? 40 : 12, bottom: 4, left: 8 } },
    font: { family: 'Inter' },
    color: '#000000',
    scales: {
      [valueAxis]: {
        min: o.min,
        max: o.max,
        stacked: o.stacked ?? false,
        grid,
        ticks: { ...ticks, ...(o.step !== undefined ? { stepSize: o.step } : {}) },
        title: o.axisTitle ? { display: true, text: o.axisTitle, color: '#000000', font: { size: 12 } } : { display: false },
      },
      [categoryAxis]: {
        stacked: o.stacked ?? false,
        grid: { display: false },
        ticks: { ...ticks, autoSkip: false },
      },
    },
    plugins: {
      title: {
        display: true,
        text: o.title,
        color: '#000000',
        font: { size: 16, weight: 'bold' },
        padding: { bottom: o.subtitle ? 4 : 12 },
      },
      subtitle: {
        display: Boolean(o.subtitle),
        text: o.subtitle ?? '',
        color: '#333333',
        font: { size: 12 },
        padding: { bottom: 10 },
      },
      legend: {
        display: o.legend ?? true,
        position: 'bottom',
        labels: { color: '#000000', font: { size: 12 }, boxWidth: 28, boxHeight: 14, usePointStyle: true, pointStyleWidth: 28 },
      },
      tooltip: { enabled: true },
      wijkValueLabels: o.valueLabels ? { display: true, decimalComma: o.lang === 'nl', ...o.valueLabels } : { display: false },
    } as never,
  };
}
