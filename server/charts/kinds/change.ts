/**
 * The change chart: for each construct of a group (the overall, or one team) the
 * difference current − nulmeting on 0–1 with its 95% confidence interval, and a line at 0.
 * A forest plot in plain chart.js data (no callbacks): the interval is a thin floating
 * bar with a black outline (the whisker), the difference a black diamond, the zero line
 * a black grid line over the full height (and a dashed series for the legend).
 * A construct that is suppressed or not compared has no bar and "–" in the table; a
 * group below the threshold in either wave gets a notice and no figure at all.
 *
 * Fed by `TChartInput.change` (the wave against its baseline wave): the wave gets the
 * overall, every shown team its own. The compare page calls `changeChart` directly for
 * the waves a person picked.
 */
import type { ChartConfiguration } from 'chart.js';
import type { TChange, TWaveConstruct } from '../../../analysis/index.ts';
import type { TDefinition, TLanguage } from '../../../survey-definitions/index.ts';
import { baseOptions } from '../style.ts';
import { signed, slug, t as tx, tr, wrap } from '../text.ts';
import type { TChartResult, TTeamChartKind, TWaveChartKind } from '../types.ts';

const TEXT = {
  nl: {
    title: (current: string, baseline: string, group: string) => `Verandering ${baseline} – ${current}: ${group}`,
    overall: 'alle teams',
    axis: 'Verschil op 0–1 (huidige meting − nulmeting), met 95%-betrouwbaarheidsinterval',
    interval: '95%-betrouwbaarheidsinterval',
    low: '95%-BI van',
    high: '95%-BI tot',
    and: 'en',
    difference: 'Verschil',
    zero: 'Geen verschil (0)',
    construct: 'Construct',
    reading: 'Lezing',
    noBaseline: 'geen team in de nulmeting om mee te vergelijken',
    note: 'Verschil van de gemiddelde score per respondent op 0–1, met het 95%-betrouwbaarheidsinterval (BI); N in de titel: het grootste aantal respondenten per meting. “–”: niet te vergelijken of te weinig respondenten; †: anders geformuleerd dan in de nulmeting.',
    alt: (n: number, higher: number, lower: number) =>
      `Horizontale grafiek met ${n} constructen: per construct het verschil met de nulmeting en het 95%-betrouwbaarheidsinterval. ${higher} hoger, ${lower} lager, de rest geen aantoonbaar verschil.`,
  },
  en: {
    title: (current: string, baseline: string, group: string) => `Change ${baseline} – ${current}: ${group}`,
    overall: 'all teams',
    axis: 'Difference on 0–1 (current wave − baseline), with 95% confidence interval',
    interval: '95% confidence interval',
    low: '95% CI from',
    high: '95% CI to',
    and: 'and',
    difference: 'Difference',
    zero: 'No difference (0)',
    construct: 'Construct',
    reading: 'Reading',
    noBaseline: 'no team in the baseline to compare with',
    note: 'Difference of the mean per-respondent score on 0–1, with its 95% confidence interval (CI); N in the title: the largest number of respondents per wave. “–”: not comparable or too few respondents; †: worded differently from the baseline.',
    alt: (n: number, higher: number, lower: number) =>
      `Horizontal chart of ${n} constructs: for each, the difference from the baseline with its 95% confidence interval. ${higher} higher, ${lower} lower, the rest no demonstrable difference.`,
  },
};

/** The id of a group's change chart: the file stem in the ZIP, the URL segment. */
export function changeChartId(team?: string): string {
  return `verandering-${team === undefined ? 'alle-teams' : slug(team)}`;
}

/**
 * The change chart of one group: `team` undefined is the overall.
 * Constructs in the order of the current version's construct groups.
 */
export function changeChart(change: TChange, definition: TDefinition, lang: TLanguage, team?: string): TChartResult {
  const w = TEXT[lang];
  const id = changeChartId(team);
  const baseTitle = w.title(change.current.label, change.baseline.label, team ?? w.overall);
  const figures = team === undefined ? change.overall : change.teams.find((x) => x.team === team);
  const suppressed = (text: string): TChartResult => ({
    id,
    kind: 'change',
    title: baseTitle,
    status: 'suppressed',
    notice: text,
  });
  if (!figures) return suppressed(tx('suppressed', lang));
  if ('suppressed' in figures && figures.suppressed)
    return suppressed(figures.reason === 'no_baseline' ? w.noBaseline : tx('suppressed', lang));
  const byId = new Map<string, TWaveConstruct>(figures.constructs.map((c) => [c.id, c]));
  const order = definition.constructGroups.flatMap((g) => g.constructs).filter((cid, i, all) => all.indexOf(cid) === i);
  const constructs = order.flatMap((cid) => {
    const def = definition.constructs.find((c) => c.id === cid);
    const compared = byId.get(cid);
    return def && compared ? [{ label: tr(def.label, lang), compared }] : [];
  });
  const shown = constructs.map(({ compared: { result: r } }) =>
    r.suppressed || r.ci95 === null
      ? null
      : { d: r.difference01, ci: r.ci95, reading: r.reading, nBase: r.baseline.n, nCur: r.current.n },
  );
  if (shown.every((s) => s === null)) return suppressed(tx('suppressed', lang));
  // The title's N: the largest n of the cells shown, per wave.
  const nBase = Math.max(...shown.map((s) => s?.nBase ?? 0));
  const nCur = Math.max(...shown.map((s) => s?.nCur ?? 0));
  const title = `${baseTitle} (N=${nBase} ${w.and} ${nCur})`;
  const labels = constructs.map((c) => (c.compared.reworded ? `${c.label} †` : c.label));
  const extent = Math.max(0.1, ...shown.flatMap((s) => (s ? [Math.abs(s.ci[0]), Math.abs(s.ci[1])] : [])));
  const step = extent > 0.6 ? 0.2 : 0.1;
  const steps = Math.ceil(extent / step - 1e-9);
  const limit = Math.round(steps * step * 10) / 10;
  // One grid line per step from −limit to +limit; the one at 0 is black and thicker.
  const gridColours = Array.from({ length: 2 * steps + 1 }, (_, i) => (i === steps ? '#000000' : '#d9d9d9'));
  const gridWidths = Array.from({ length: 2 * steps + 1 }, (_, i) => (i === steps ? 2 : 1));
  const options = baseOptions({
    lang,
    title,
    horizontal: true,
    min: -limit,
    max: limit,
    step,
    axisTitle: w.axis,
    valueLabels: false,
  });
  const scales = options!.scales as Record<string, Record<string, unknown>>;
  scales.x!.grid = { color: gridColours, lineWidth: gridWidths };
  const config = {
    type: 'bar',
    data: {
      labels: labels.map((l) => wrap(l, 56)),
      datasets: [
        {
          type: 'bar',
          label: w.interval,
          data: shown.map((s) => (s ? [s.ci[0], s.ci[1]] : null)),
          backgroundColor: '#9ecae1',
          borderColor: '#000000',
          borderWidth: 1.5,
          borderSkipped: false,
          barThickness: 10,
          pointStyle: 'rect',
          order: 3,
        },
        {
          type: 'line',
          label: w.difference,
          data: shown.map((s) => (s ? s.d : null)),
          showLine: false,
          pointStyle: 'rectRot',
          pointRadius: 7,
          pointHoverRadius: 8,
          pointBackgroundColor: '#000000',
          pointBorderColor: '#ffffff',
          pointBorderWidth: 1,
          borderColor: '#000000',
          backgroundColor: '#000000',
          order: 1,
        },
        {
          type: 'line',
          label: w.zero,
          data: labels.map(() => 0),
          pointRadius: 0,
          pointHoverRadius: 0,
          pointStyle: 'line',
          borderColor: '#000000',
          borderWidth: 1.5,
          borderDash: [6, 4],
          backgroundColor: '#000000',
          order: 2,
        },
      ],
    },
    options,
  } as unknown as ChartConfiguration;
  const higher = shown.filter((s) => s?.reading.verdict === 'higher').length;
  const lower = shown.filter((s) => s?.reading.verdict === 'lower').length;
  const dash = '–';
  return {
    id,
    kind: 'change',
    title,
    status: 'shown',
    config,
    table: {
      caption: title,
      columns: [w.construct, w.difference, w.low, w.high, w.reading],
      rows: labels.map((label, i) => {
        const s = shown[i];
        if (!s) return [label, dash, dash, dash, dash];
        return [label, signed(s.d, 2, lang), signed(s.ci[0], 2, lang), signed(s.ci[1], 2, lang), s.reading.text[lang]];
      }),
      note: w.note,
    },
    alt: w.alt(constructs.length, higher, lower),
    width: 860,
    height: Math.max(260, 150 + labels.reduce((sum, l) => sum + Math.max(26, wrap(l, 56).length * 16 + 10), 0)),
  };
}

/** The wave against its baseline wave: all teams. */
export const changeOverall: TWaveChartKind = {
  kind: 'change',
  scope: 'wave',
  build: ({ change, definition, lang }) => (change ? [changeChart(change, definition, lang)] : []),
};

/** The wave against its baseline wave: one shown team (the teams it continues, when recorded). */
export const changeTeam: TTeamChartKind = {
  kind: 'change',
  scope: 'team',
  build: ({ change, definition, lang, team }) => (change ? [changeChart(change, definition, lang, team)] : []),
};
