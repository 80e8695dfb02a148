/**
 * The change chart: for each construct of a group (the overall, or one team) the
 * difference current − nulmeting on 0–1 with its 95% confidence interval, and a line at 0.
 * A forest plot in plain chart.js data (no callbacks, no plugins): the interval is a
 * floating horizontal bar, the difference a diamond, the zero line a dashed line series.
 * A construct that is suppressed or not compared has no bar and "–" in the table; a
 * group below the threshold gets a notice and no figure at all.
 */
import type { ChartConfiguration } from 'chart.js';
import type { TChange, TWaveConstruct } from '../../../analysis/index.ts';
import type { TDefinition, TLanguage } from '../../../survey-definitions/index.ts';
import type { TChangeChartResult } from './chart-types.ts';

const TEXT = {
  nl: {
    title: (current: string, baseline: string, group: string) => `Verandering ${baseline} → ${current}: ${group}`,
    overall: 'alle teams',
    axis: 'Verschil op 0–1 (huidige meting − nulmeting), met 95%-betrouwbaarheidsinterval',
    interval: '95%-betrouwbaarheidsinterval',
    difference: 'Verschil',
    zero: 'Geen verschil',
    construct: 'Construct',
    reading: 'Lezing',
    notice: 'te weinig respondenten om resultaten te tonen',
    note: 'Verschil van de gemiddelde score per respondent op 0–1; “–”: niet te vergelijken of te weinig respondenten.',
    alt: (n: number, higher: number, lower: number) =>
      `Horizontale grafiek met ${n} constructen: per construct het verschil met de nulmeting en het 95%-betrouwbaarheidsinterval. ${higher} hoger, ${lower} lager, de rest geen aantoonbaar verschil.`,
  },
  en: {
    title: (current: string, baseline: string, group: string) => `Change ${baseline} → ${current}: ${group}`,
    overall: 'all teams',
    axis: 'Difference on 0–1 (current wave − baseline), with 95% confidence interval',
    interval: '95% confidence interval',
    difference: 'Difference',
    zero: 'No difference',
    construct: 'Construct',
    reading: 'Reading',
    notice: 'too few respondents to show results',
    note: 'Difference of the mean per-respondent score on 0–1; “–”: not comparable or too few respondents.',
    alt: (n: number, higher: number, lower: number) =>
      `Horizontal chart of ${n} constructs: for each, the difference from the baseline with its 95% confidence interval. ${higher} higher, ${lower} lower, the rest no demonstrable difference.`,
  },
};

// One formatter per language: toLocaleString with options builds one per call, which a
// 50-team comparison page (thousands of labels) feels as seconds on the event loop.
const formats = {
  nl: new Intl.NumberFormat('nl-NL', { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
  en: new Intl.NumberFormat('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
};
const fmt = (x: number, lang: TLanguage) =>
  `${x > 0 ? '+' : x < 0 ? '−' : ''}${formats[lang === 'nl' ? 'nl' : 'en'].format(Math.abs(x))}`;

/** ASCII id: file name in a ZIP and URL segment. */
export function chartSlug(s: string): string {
  return (
    s
      .normalize('NFKD')
      .replace(/[^\x20-\x7e]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'x'
  );
}

/**
 * The change chart of one group: `team` undefined is the overall.
 * Constructs in the order of the current version's construct groups.
 */
export function changeChart(change: TChange, definition: TDefinition, lang: TLanguage, team?: string): TChangeChartResult {
  const w = TEXT[lang];
  const group = team ?? w.overall;
  const id = `verandering-${team ? chartSlug(team) : 'alle-teams'}`;
  const title = w.title(change.current.label, change.baseline.label, group);
  const figures = team === undefined ? change.overall : change.teams.find((t) => t.team === team);
  if (!figures || ('suppressed' in figures && figures.suppressed))
    return { id, kind: 'change', title, status: 'suppressed', notice: w.notice };
  const byId = new Map<string, TWaveConstruct>(figures.constructs.map((c) => [c.id, c]));
  const order = definition.constructGroups.flatMap((g) => g.constructs).filter((id, i, all) => all.indexOf(id) === i);
  const constructs = order.flatMap((cid) => {
    const def = definition.constructs.find((c) => c.id === cid);
    const compared = byId.get(cid);
    return def && compared ? [{ label: lang === 'en' ? (def.label.en ?? def.label.nl) : def.label.nl, compared }] : [];
  });
  const shown = constructs.map(({ compared: { result: r } }) =>
    r.suppressed || r.ci95 === null ? null : { d: r.difference01, ci: r.ci95, reading: r.reading },
  );
  if (shown.every((s) => s === null)) return { id, kind: 'change', title, status: 'suppressed', notice: w.notice };
  const labels = constructs.map((c) => (c.compared.reworded ? `${c.label} †` : c.label));
  const extent = Math.max(0.1, ...shown.flatMap((s) => (s ? [Math.abs(s.ci[0]), Math.abs(s.ci[1])] : [])));
  const limit = Math.ceil(extent * 10) / 10;
  const config: ChartConfiguration = {
    type: 'bar',
    data: {
      labels,
      datasets: [
        {
          type: 'bar',
          label: w.interval,
          data: shown.map((s) => (s ? [s.ci[0], s.ci[1]] : null)) as unknown as number[],
          backgroundColor: '#9ecae1',
          borderColor: '#08519c',
          borderWidth: 1,
          barPercentage: 0.5,
          categoryPercentage: 0.9,
        },
        {
          type: 'line',
          label: w.difference,
          data: shown.map((s) => (s ? s.d : null)),
          showLine: false,
          pointStyle: 'rectRot',
          pointRadius: 6,
          pointBackgroundColor: '#000000',
          pointBorderColor: '#000000',
          borderColor: '#000000',
          backgroundColor: '#000000',
        },
        {
          type: 'line',
          label: w.zero,
          data: labels.map(() => 0),
          pointRadius: 0,
          borderColor: '#000000',
          borderWidth: 1.5,
          borderDash: [6, 4],
          backgroundColor: '#000000',
        },
      ],
    } as ChartConfiguration['data'],
    options: {
      responsive: false,
      animation: false,
      maintainAspectRatio: false,
      indexAxis: 'y',
      locale: lang === 'nl' ? 'nl-NL' : 'en-GB',
      layout: { padding: { top: 4, right: 24, bottom: 4, left: 8 } },
      scales: {
        x: {
          min: -limit,
          max: limit,
          title: { display: true, text: w.axis, color: '#000000' },
          grid: { color: '#d9d9d9' },
          ticks: { color: '#000000' },
        },
        y: { grid: { display: false }, ticks: { color: '#000000', autoSkip: false } },
      },
      plugins: {
        title: { display: true, text: title, color: '#000000', font: { size: 15, weight: 'bold' }, align: 'start' },
        legend: { display: true, position: 'bottom', labels: { color: '#000000', usePointStyle: true } },
        tooltip: { enabled: true },
      },
    },
  };
  const higher = shown.filter((s) => s?.reading.verdict === 'higher').length;
  const lower = shown.filter((s) => s?.reading.verdict === 'lower').length;
  return {
    id,
    kind: 'change',
    title,
    status: 'shown',
    config,
    table: {
      caption: title,
      columns: [w.construct, w.difference, w.interval, w.reading],
      rows: labels.map((label, i) => {
        const s = shown[i];
        const to = lang === 'en' ? 'to' : 'tot';
        return [
          label,
          s ? fmt(s.d, lang) : '–',
          s ? `${fmt(s.ci[0], lang)} ${to} ${fmt(s.ci[1], lang)}` : '–',
          s ? s.reading.text[lang] : '–',
        ];
      }),
      note: w.note,
    },
    alt: w.alt(constructs.length, higher, lower),
    width: 760,
    height: Math.max(220, 90 + constructs.length * 24),
  };
}
