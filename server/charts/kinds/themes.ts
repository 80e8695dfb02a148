/**
 * The theme chart: how often each theme was coded in the open answers (final codes), a
 * horizontal bar per theme, as a percentage of the group's coded answers, with the count
 * in the table. Fed by `TChartInput.themes` (analysis/theme-counts.ts, which applies the
 * anonymity rule): the wave gets the overall of the shown teams, a shown team its own
 * cell. A suppressed cell (too few coded answers) gets a notice and no figure. Theme
 * counts are aggregates: managers see them; the answers themselves are never in a chart.
 */
import type { TThemeCounts } from '../../../analysis/theme-counts.ts';
import type { TLanguage } from '../../../survey-definitions/index.ts';
import { barChart } from '../bars.ts';
import { num } from '../text.ts';
import type { TChartInput, TChartResult, TTeamChartKind, TWaveChartKind } from '../types.ts';

export const THEMES_CHART_ID = 'themas';

const TEXT = {
  nl: {
    title: (group: string, n: number) => `Genoemde thema's: ${group} (N=${n})`,
    bare: (group: string) => `Genoemde thema's: ${group}`,
    overall: 'alle teams',
    axis: '% van de gecodeerde antwoorden',
    notice: 'te weinig gecodeerde antwoorden om resultaten te tonen',
    theme: 'Thema',
    count: 'Aantal',
    percent: '% van de gecodeerde antwoorden',
    note: (n: number) =>
      `N = ${n} respondenten met gecodeerde antwoorden (vastgestelde codes). Een antwoord kan meer thema's hebben: de percentages tellen niet op tot 100.`,
    alt: (group: string, n: number, parts: string) =>
      `Staafgrafiek van de thema's in de open antwoorden, ${group}, N=${n}. ${parts}.`,
  },
  en: {
    title: (group: string, n: number) => `Themes mentioned: ${group} (N=${n})`,
    bare: (group: string) => `Themes mentioned: ${group}`,
    overall: 'all teams',
    axis: '% of coded answers',
    notice: 'too few coded answers to show results',
    theme: 'Theme',
    count: 'Count',
    percent: '% of coded answers',
    note: (n: number) =>
      `N = ${n} respondents with coded answers (final codes). An answer can carry several themes: the percentages do not add up to 100.`,
    alt: (group: string, n: number, parts: string) => `Bar chart of the themes in the open answers, ${group}, N=${n}. ${parts}.`,
  },
};

/** The theme chart of the wave (`team` undefined: the shown teams together) or of one team. */
export function themeChart(counts: TThemeCounts, lang: TLanguage, team?: string): TChartResult {
  const w = TEXT[lang];
  const group = team ?? w.overall;
  const cell = team === undefined ? counts.overall : counts.teams.find((x) => x.name === team)?.cell;
  if (!cell || cell.suppressed || cell.themes.length === 0) {
    return { id: THEMES_CHART_ID, kind: 'themes', title: w.bare(group), status: 'suppressed', notice: w.notice };
  }
  const title = w.title(group, cell.n);
  const parts = cell.themes.map((f) => `${f.label}: ${f.count} (${num(f.percent, 0, lang)}%)`).join('; ');
  return barChart({ lang } as TChartInput, {
    id: THEMES_CHART_ID,
    kind: 'themes',
    title,
    series: [w.percent],
    categories: cell.themes.map((f) => ({ label: f.label, values: [f.percent] })),
    horizontal: true,
    min: 0,
    max: 100,
    step: 10,
    axisTitle: w.axis,
    decimals: 0,
    valueSuffix: '%',
    caption: title,
    firstColumn: w.theme,
    extraColumns: [{ header: w.count, cells: cell.themes.map((f) => String(f.count)) }],
    note: w.note(cell.n),
    alt: w.alt(group, cell.n, parts),
  });
}

export const themesOverall: TWaveChartKind = {
  kind: 'themes',
  scope: 'wave',
  build: ({ themes, lang }) => (themes ? [themeChart(themes, lang)] : []),
};

export const themesTeam: TTeamChartKind = {
  kind: 'themes',
  scope: 'team',
  build: ({ themes, lang, team }) => (themes ? [themeChart(themes, lang, team)] : []),
};
