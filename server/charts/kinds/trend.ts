/**
 * The trend chart: one construct over the waves (x-axis, oldest first), one line for
 * the overall and one per team, mean per-respondent score on 0–1. Plain chart.js data.
 * A point that is suppressed (too few respondents) or not comparable is `null`: the line
 * breaks there (no value is drawn or interpolated) and the table says why. Series differ
 * in colour, point shape and dash, never in colour alone; the overall is a thick black line.
 *
 * Fed by `TChartInput.trend` (the programme's waves up to this one, three or more): the
 * wave gets one chart per construct. The compare page calls `trendChart` directly.
 */
import type { ChartConfiguration } from 'chart.js';
import type { TTrend } from '../../../analysis/index.ts';
import type { TLanguage } from '../../../survey-definitions/index.ts';
import { baseOptions, SERIES } from '../style.ts';
import { num, slug, t as tx } from '../text.ts';
import type { TChartResult, TWaveChartKind } from '../types.ts';

const POINTS = ['rect', 'triangle', 'rectRot', 'star', 'crossRot', 'rectRounded'] as const;
const DASHES = [[6, 3], [2, 3], [10, 3, 2, 3], []] as const;
/** More team lines than this are unreadable: the chart then shows the overall only. */
export const MAX_TEAM_LINES = 6;

const TEXT = {
  nl: {
    title: (construct: string) => `Trend: ${construct}`,
    overall: 'Alle teams',
    axis: 'Gemiddelde score op 0–1',
    gapAxis: 'Verschilscore (doel − nu) op 0–1',
    wave: 'Meting',
    reasons: { too_few: 'n te klein', not_comparable: 'niet vergelijkbaar', no_team: 'team bestond niet' },
    note: 'Gemiddelde score per respondent op 0–1, met tussen haakjes het aantal respondenten. “Alle teams”: alle respondenten van de getoonde teams. Een onderbroken lijn: geen cijfer in die meting.',
    onlyOverall: (teams: number) =>
      ` Bij meer dan ${MAX_TEAM_LINES} teams alleen de lijn van alle teams (${teams} teams niet getekend); de cijfers per team staan op de vergelijkingspagina.`,
    alt: (construct: string, waves: number, lines: number) =>
      `Lijngrafiek van ${construct} over ${waves} metingen, ${lines} ${lines === 1 ? 'lijn' : 'lijnen'} (alle teams${lines > 1 ? ' en per team' : ''}).`,
  },
  en: {
    title: (construct: string) => `Trend: ${construct}`,
    overall: 'All teams',
    axis: 'Mean score on 0–1',
    gapAxis: 'Gap score (target − now) on 0–1',
    wave: 'Wave',
    reasons: { too_few: 'n too small', not_comparable: 'not comparable', no_team: 'team did not exist' },
    note: 'Mean per-respondent score on 0–1, with the number of respondents in brackets. “All teams”: all respondents of the teams shown. A broken line: no figure in that wave.',
    onlyOverall: (teams: number) =>
      ` With more than ${MAX_TEAM_LINES} teams only the line of all teams (${teams} teams not drawn); the figures per team are on the comparison page.`,
    alt: (construct: string, waves: number, lines: number) =>
      `Line chart of ${construct} over ${waves} waves, ${lines} ${lines === 1 ? 'line' : 'lines'} (all teams${lines > 1 ? ' and per team' : ''}).`,
  },
};

export function trendChartId(constructId: string): string {
  return `trend-${slug(constructId)}`;
}

/**
 * The trend chart of one construct. `teams` limits the team lines (default: every team
 * with at least one shown point); the overall line always comes first.
 */
export function trendChart(trend: TTrend, constructId: string, lang: TLanguage, teams?: readonly string[]): TChartResult {
  const w = TEXT[lang];
  const construct = trend.constructs.find((c) => c.id === constructId);
  const label = construct ? construct.label[lang] : constructId;
  const id = trendChartId(constructId);
  const baseTitle = w.title(label);
  const suppressed: TChartResult = { id, kind: 'trend', title: baseTitle, status: 'suppressed', notice: tx('suppressed', lang) };
  if (!construct) return suppressed;
  const teamLines = construct.teams
    .filter((x) => (teams ? teams.includes(x.team) : true))
    .map((x) => ({ name: x.team, points: x.points }))
    .filter((l) => l.points.some((p) => !p.suppressed));
  const lines = [{ name: w.overall, points: construct.overall }, ...teamLines].filter((l) => l.points.some((p) => !p.suppressed));
  if (lines.length === 0) return suppressed;
  // The title's N: the overall's n per wave ("–" where it has none).
  const overallN = construct.overall.map((p) => (p.suppressed ? '–' : String(p.n))).join(' · ');
  const title = `${baseTitle} (N=${overallN})`;
  const values = lines.flatMap((l) => l.points.flatMap((p) => (p.suppressed ? [] : [p.mean01])));
  const gap = construct.kind === 'gap';
  const min = gap ? Math.min(0, Math.floor(Math.min(...values) * 10) / 10) : 0;
  const max = gap ? Math.max(0.1, Math.ceil(Math.max(...values) * 10) / 10) : 1;
  const config = {
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
          borderWidth: i === 0 ? 3.5 : 2,
          borderDash: i === 0 ? [] : [...DASHES[(i - 1) % DASHES.length]!],
          pointStyle: i === 0 ? 'circle' : POINTS[(i - 1) % POINTS.length]!,
          pointRadius: i === 0 ? 6 : 5,
          pointBorderColor: '#000000',
          pointBorderWidth: 1,
          spanGaps: false,
        };
      }),
    },
    options: baseOptions({
      lang,
      title,
      min,
      max,
      step: 0.1,
      axisTitle: gap ? w.gapAxis : w.axis,
      valueLabels: false,
    }),
  } as unknown as ChartConfiguration;
  const scales = config.options!.scales as Record<string, Record<string, unknown>>;
  scales.x!.title = { display: true, text: w.wave, color: '#000000', font: { size: 12 } };
  // Half a category of room at both ends: the first and last wave's points are not cut off.
  scales.x!.offset = true;
  if (gap) {
    // A gap score crosses 0 (target below now): the grid line at 0 is black.
    const ticks = Math.round((max - min) * 10) + 1;
    const zero = Math.round(-min * 10);
    scales.y!.grid = {
      color: Array.from({ length: ticks }, (_, i) => (i === zero ? '#000000' : '#d9d9d9')),
      lineWidth: Array.from({ length: ticks }, (_, i) => (i === zero ? 2 : 1)),
    };
  }
  const hiddenTeams = construct.teams.length - teamLines.length;
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
        ...line.points.map((p) => (p.suppressed ? `– (${w.reasons[p.reason]})` : `${num(p.mean01, 2, lang)} (n = ${p.n})`)),
      ]),
      note: w.note + (teams !== undefined && hiddenTeams > 0 ? w.onlyOverall(hiddenTeams) : ''),
    },
    alt: w.alt(label, trend.waves.length, lines.length),
    width: 800,
    height: 460,
  };
}

/** The wave's trend: one chart per construct, team lines when there are few enough teams. */
export const trendKind: TWaveChartKind = {
  kind: 'trend',
  scope: 'wave',
  build: ({ trend, lang }) => {
    if (!trend) return [];
    return trend.constructs.flatMap((c) => {
      const teams = c.teams.length <= MAX_TEAM_LINES ? undefined : [];
      const chart = trendChart(trend, c.id, lang, teams);
      // A construct with no figure in any wave is not a chart the wave has.
      return chart.status === 'shown' ? [chart] : [];
    });
  },
};
