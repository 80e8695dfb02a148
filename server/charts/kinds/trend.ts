/**
 * The trend chart: one construct over the waves (x-axis, oldest first), one line for
 * the overall and one per team, mean per-respondent score on 0–1. Plain chart.js data.
 * A point that is suppressed (too few respondents) or not comparable is `null`: the line
 * breaks there (no value is drawn or interpolated) and the table says why. Series differ
 * in colour, point shape and dash, never in colour alone.
 */
import type { ChartConfiguration } from 'chart.js';
import type { TTrend } from '../../../analysis/index.ts';
import type { TLanguage } from '../../../survey-definitions/index.ts';
import type { TChangeChartResult } from './chart-types.ts';
import { chartSlug } from './change.ts';

const SERIES = ['#0072B2', '#E69F00', '#009E73', '#D55E00', '#56B4E9', '#CC79A7'] as const;
const POINTS = ['circle', 'rect', 'triangle', 'rectRot', 'star', 'crossRot'] as const;
const DASHES = [[], [6, 3], [2, 3], [8, 3, 2, 3]] as const;

const TEXT = {
  nl: {
    title: (construct: string) => `Trend: ${construct}`,
    overall: 'Alle teams',
    axis: 'Gemiddelde score op 0–1',
    wave: 'Meting',
    notice: 'te weinig respondenten om resultaten te tonen',
    reasons: { too_few: 'n te klein', not_comparable: 'niet vergelijkbaar', no_team: 'team bestond niet' },
    note: 'Gemiddelde score per respondent op 0–1. “Alle teams”: alle respondenten van de getoonde teams.',
    alt: (construct: string, waves: number, lines: number) =>
      `Lijngrafiek van ${construct} over ${waves} metingen, ${lines} lijnen (alle teams en per team).`,
  },
  en: {
    title: (construct: string) => `Trend: ${construct}`,
    overall: 'All teams',
    axis: 'Mean score on 0–1',
    wave: 'Wave',
    notice: 'too few respondents to show results',
    reasons: { too_few: 'n too small', not_comparable: 'not comparable', no_team: 'team did not exist' },
    note: 'Mean per-respondent score on 0–1. “All teams”: all respondents of the teams shown.',
    alt: (construct: string, waves: number, lines: number) =>
      `Line chart of ${construct} over ${waves} waves, ${lines} lines (all teams and per team).`,
  },
};

/**
 * The trend chart of one construct. `teams` limits the team lines (default: every team
 * with at least one shown point); the overall line always comes first.
 */
export function trendChart(trend: TTrend, constructId: string, lang: TLanguage, teams?: readonly string[]): TChangeChartResult {
  const w = TEXT[lang];
  const construct = trend.constructs.find((c) => c.id === constructId);
  const label = construct ? construct.label[lang] : constructId;
  const id = `trend-${chartSlug(constructId)}`;
  const title = w.title(label);
  if (!construct) return { id, kind: 'trend', title, status: 'suppressed', notice: w.notice };
  const lines = [
    { name: w.overall, points: construct.overall },
    ...construct.teams.filter((t) => (teams ? teams.includes(t.team) : true)).map((t) => ({ name: t.team, points: t.points })),
  ].filter((l) => l.points.some((p) => !p.suppressed));
  if (lines.length === 0) return { id, kind: 'trend', title, status: 'suppressed', notice: w.notice };
  const fmt = (x: number) =>
    x.toLocaleString(lang === 'nl' ? 'nl-NL' : 'en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const config: ChartConfiguration = {
    type: 'line',
    data: {
      labels: trend.waves.map((wave) => wave.label),
      datasets: lines.map((line, i) => {
        const colour = i === 0 ? '#000000' : SERIES[(i - 1) % SERIES.length]!;
        return {
          label: line.name,
          data: line.points.map((p) => (p.suppressed ? null : p.mean01)),
          borderColor: colour,
          backgroundColor: colour,
          borderWidth: i === 0 ? 3 : 2,
          borderDash: i === 0 ? [] : [...DASHES[(i - 1) % DASHES.length]!],
          pointStyle: i === 0 ? 'circle' : POINTS[(i - 1) % POINTS.length]!,
          pointRadius: 5,
          spanGaps: false,
        };
      }),
    },
    options: {
      responsive: false,
      animation: false,
      maintainAspectRatio: false,
      locale: lang === 'nl' ? 'nl-NL' : 'en-GB',
      scales: {
        y: {
          min: 0,
          max: 1,
          title: { display: true, text: w.axis, color: '#000000' },
          grid: { color: '#d9d9d9' },
          ticks: { color: '#000000' },
        },
        x: { title: { display: true, text: w.wave, color: '#000000' }, grid: { display: false }, ticks: { color: '#000000' } },
      },
      plugins: {
        title: { display: true, text: title, color: '#000000', font: { size: 15, weight: 'bold' }, align: 'start' },
        legend: { display: true, position: 'bottom', labels: { color: '#000000', usePointStyle: true } },
      },
    },
  };
  return {
    id,
    kind: 'trend',
    title,
    status: 'shown',
    config,
    table: {
      caption: title,
      columns: ['', ...trend.waves.map((wave) => wave.label)],
      rows: lines.map((line) => [
        line.name,
        ...line.points.map((p) => (p.suppressed ? `– (${w.reasons[p.reason]})` : `${fmt(p.mean01)} (n = ${p.n})`)),
      ]),
      note: w.note,
    },
    alt: w.alt(label, trend.waves.length, lines.length),
    width: 760,
    height: 420,
  };
}
