/**
 * The theme chart: how often each theme was coded in the open answers (final codes), as
 * a horizontal bar per theme, percentage of the coded answers of the teams shown. Plain
 * chart.js data in the shape the other chart kinds share (chart-types.ts); a suppressed
 * wave figure gives a notice instead of a chart.
 */
import type { ChartConfiguration } from 'chart.js';
import type { TThemeCounts } from '../../../analysis/theme-counts.ts';
import type { TLanguage } from '../../../survey-definitions/index.ts';
import type { TChangeChartResult } from './chart-types.ts';

const TEXT = {
  nl: {
    title: 'Genoemde thema’s (% van de gecodeerde antwoorden)',
    axis: '% van de gecodeerde antwoorden',
    notice: 'te weinig gecodeerde antwoorden om resultaten te tonen',
    theme: 'Thema',
    count: 'Aantal',
    percent: '%',
    note: (n: number) => `${n} gecodeerde antwoorden van de getoonde teams.`,
    alt: (themes: number, n: number) => `Staafgrafiek van ${themes} thema’s over ${n} gecodeerde antwoorden.`,
  },
  en: {
    title: 'Themes mentioned (% of coded answers)',
    axis: '% of coded answers',
    notice: 'too few coded answers to show results',
    theme: 'Theme',
    count: 'Count',
    percent: '%',
    note: (n: number) => `${n} coded answers of the teams shown.`,
    alt: (themes: number, n: number) => `Bar chart of ${themes} themes over ${n} coded answers.`,
  },
};

export function themeChart(counts: TThemeCounts, lang: TLanguage, waveId: number): TChangeChartResult {
  const t = TEXT[lang];
  const id = `wave-${waveId}-themes`;
  const overall = counts.overall;
  if (overall.suppressed) return { id, kind: 'themes', title: t.title, status: 'suppressed', notice: t.notice };
  const height = Math.max(160, 60 + 36 * overall.themes.length);
  const config: ChartConfiguration = {
    type: 'bar',
    data: {
      labels: overall.themes.map((f) => f.label),
      datasets: [
        { label: t.title, data: overall.themes.map((f) => Math.round(f.percent * 10) / 10), backgroundColor: '#0072B2' },
      ],
    },
    options: {
      indexAxis: 'y',
      responsive: false,
      animation: false,
      scales: { x: { min: 0, max: 100, title: { display: true, text: t.axis } } },
      plugins: { legend: { display: false }, title: { display: true, text: t.title } },
    },
  };
  return {
    id,
    kind: 'themes',
    title: t.title,
    status: 'shown',
    config,
    table: {
      caption: t.title,
      columns: [t.theme, t.count, t.percent],
      rows: overall.themes.map((f) => [
        f.label,
        String(f.count),
        (Math.round(f.percent * 10) / 10).toLocaleString(lang === 'en' ? 'en-GB' : 'nl-NL'),
      ]),
      note: t.note(overall.n),
    },
    alt: t.alt(overall.themes.length, overall.n),
    width: 800,
    height,
  };
}
