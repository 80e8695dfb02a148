/**
 * The results pages' body: tables from tables.ts and charts from the chart engine, each
 * chart as an interactive chart.js canvas (its configuration in a JSON island, started
 * by /static/charts.js — no inline script, so the strict CSP stays), its data table,
 * and PNG / SVG downloads. Numbers come from the report; a suppressed team or cell
 * shows the notice and nothing else.
 */
import { html, SafeHtml } from '../views/html.ts';
import { linkButton, notice, pageHeader, panel, table } from '../views/workspace/components.ts';
import { teamCharts, waveCharts } from '../charts/index.ts';
import { t as tx, tr } from '../charts/text.ts';
import type { TChartResult, TChartTable } from '../charts/types.ts';
import {
  competenceTable,
  correlationTable,
  isMeanGroup,
  overviewTable,
  reliabilityTable,
  responseOverview,
  teamConstructTable,
  waveConstructTable,
} from './tables.ts';
import type { TWaveReport } from './load.ts';

/** The scripts a page with interactive charts loads (all from our own origin: the strict CSP stays). */
export const CHART_SCRIPTS = ['/werkruimte/grafieken/chart.umd.min.js', '/static/chart-plugins.js', '/static/charts.js'] as const;

/** JSON inside <script type="application/json">: only "<" needs escaping there. */
function jsonIsland(id: string, value: unknown): SafeHtml {
  return new SafeHtml(`<script type="application/json" id="${id}">${JSON.stringify(value).replace(/</g, '\\u003c')}</script>`);
}

function dataTable(t: TChartTable, hiddenCaption = false): SafeHtml {
  return html`${table({ caption: t.caption, captionHidden: hiddenCaption, head: t.columns, rows: t.rows, empty: '–', numeric: t.columns.map((_, i) => i).slice(1) })}${
    t.note ? html`<p class="muted small">${t.note}</p>` : ''
  }`;
}

/**
 * A chart on a page: its title, the interactive chart (canvas + JSON island), PNG and SVG
 * downloads from `imageBase/<id>.png|svg` (plus `query`, e.g. the waves compared), and
 * its data table. A suppressed chart is its title and the notice, nothing else.
 */
export function chartFigure(
  c: TChartResult,
  imageBase: string,
  en: boolean,
  options: { level?: 3 | 4 | 5; query?: string; openTable?: boolean } = {},
): SafeHtml {
  const level = options.level ?? 3;
  const h = (id: string | undefined, text: string) =>
    new SafeHtml(`<h${level}${id ? ` id="${id}"` : ''}>${html`${text}`.value}</h${level}>`);
  if (c.status === 'suppressed') {
    return html`<section class="chart" data-chart-kind="${c.kind}">${h(undefined, c.title)}${notice('info', c.notice)}</section>`;
  }
  const id = `grafiek-${c.id}`;
  const params = [options.query, en ? 'lang=en' : undefined].filter(Boolean).join('&');
  const src = (format: string) => `${imageBase}/${c.id}.${format}${params ? `?${params}` : ''}`;
  return html`<section class="chart" data-chart-kind="${c.kind}" aria-labelledby="${id}-titel">
${h(`${id}-titel`, c.title)}
<figure>
<canvas data-chart="${id}-config" width="${c.width}" height="${c.height}" role="img" aria-label="${c.alt}"></canvas>
${jsonIsland(`${id}-config`, c.config)}
<figcaption class="sr-only">${c.alt}</figcaption>
</figure>
<p class="chart-downloads">${linkButton(src('png'), en ? 'Download PNG' : 'Download PNG')} ${linkButton(src('svg'), en ? 'Download SVG' : 'Download SVG')}</p>
<details${options.openTable ? html` open` : ''}><summary>${en ? 'Data table' : 'Tabel met de cijfers'}</summary>${dataTable(c.table, true)}</details>
</section>`;
}

function zipButton(input: TWaveReport, en: boolean): SafeHtml {
  const url = `/api/waves/${input.wave.id}/charts.zip${en ? '?lang=en' : ''}`;
  // One folder per team of the report, and the wave's own (server/reports/zip.ts): the page
  // counts the folders as they arrive.
  return html`<div class="zip-download" data-zip-url="${url}" data-zip-folders="${input.report.meta.teams.length + 1}">
${linkButton(url, en ? 'All charts of all teams (ZIP)' : 'Alle grafieken van alle teams (ZIP)', 'primary')}
<p class="zip-progress muted" aria-live="polite" hidden><progress aria-label="${en ? 'Progress of the ZIP' : 'Voortgang van de ZIP'}"></progress> <span></span></p>
</div>`;
}

export function waveResultsBody(input: TWaveReport): SafeHtml {
  const en = input.lang === 'en';
  const waveId = input.wave.id!;
  const teamLinks = input.teams.map((team) => {
    const row = responseOverview(input).find((r) => r.team === team.name);
    return html`<li><a href="/werkruimte/metingen/${waveId}/teams/${team.id}">${team.name}</a>${row?.shown ? '' : html` <span class="muted">(${tx('suppressed', input.lang)})</span>`}</li>`;
  });
  const groups = input.definition.constructGroups.filter((g) => isMeanGroup(input, g));
  const competences = competenceTable(input, undefined);
  const charts = waveCharts(input);
  return html`${pageHeader({
    title: `${en ? 'Results' : 'Resultaten'}: ${input.wave.label}`,
    intro: `${input.wave.programme ?? ''} · ${input.report.meta.definition}`,
    actions: html`${linkButton(`/api/waves/${waveId}/report.pdf${en ? '?lang=en' : ''}`, en ? 'Report (PDF)' : 'Rapport (PDF)')}`,
  })}
${zipButton(input, en)}
${panel(dataTable(overviewTable(input)), en ? 'Response' : 'Respons', 'respons')}
${panel(html`<ul class="link-list">${teamLinks}</ul>`, en ? 'Teams' : 'Teams', 'teams')}
${groups.map((g) => {
  const t = waveConstructTable(input, g);
  return t ? panel(dataTable(t, true), tr(g.label, input.lang), `groep-${g.id.replace(/[^a-z0-9]/g, '-')}`) : '';
})}
${competences ? panel(dataTable(competences, true), competences.caption, 'competenties') : ''}
${panel(dataTable(reliabilityTable(input), true), en ? "Reliability (Cronbach's alpha)" : "Betrouwbaarheid (Cronbach's alpha)", 'betrouwbaarheid')}
${panel(dataTable(correlationTable(input, undefined), true), en ? 'Significant correlations (Kendall’s tau-b)' : 'Significante samenhang (Kendalls tau-b)', 'samenhang')}
${panel(html`${charts.map((c) => chartFigure(c, `/api/waves/${waveId}/charts`, en))}`, en ? 'Charts: all teams' : 'Grafieken: alle teams', 'grafieken')}`;
}

export function teamResultsBody(input: TWaveReport, team: { id: number; name: string }): SafeHtml {
  const en = input.lang === 'en';
  const waveId = input.wave.id!;
  const row = responseOverview(input).find((r) => r.team === team.name);
  const header = pageHeader({
    title: `${team.name} — ${input.wave.label}`,
    intro: `${input.wave.programme ?? ''} · ${input.report.meta.definition}`,
    actions: linkButton(
      `/api/waves/${waveId}/teams/${team.id}/report.pdf${en ? '?lang=en' : ''}`,
      en ? 'Team report (PDF)' : 'Teamrapport (PDF)',
    ),
  });
  if (!row?.shown) return html`${header}${notice('info', tx('suppressed', input.lang))}`;
  const facts = html`<ul class="link-list">
<li>${en ? 'Complete responses (N)' : 'Volledige responses (N)'}: ${row.analysed}</li>
${row.rate !== undefined ? html`<li>${en ? 'Response rate' : 'Respons'}: ${Math.round(row.rate * 100)}% (${row.complete} ${en ? 'of' : 'van'} ${row.members})</li>` : ''}
<li>${en ? 'Anonymity threshold' : 'Anonimiteitsdrempel'}: ${input.report.meta.threshold}</li></ul>`;
  const groups = input.definition.constructGroups.filter((g) => isMeanGroup(input, g));
  const competences = competenceTable(input, team.name);
  const correlations = correlationTable(input, team.name);
  return html`${header}
${panel(facts, en ? 'Response' : 'Respons', 'respons')}
${groups.map((g) => {
  const t = teamConstructTable(input, g, team.name);
  return t ? panel(dataTable(t, true), tr(g.label, input.lang), `groep-${g.id.replace(/[^a-z0-9]/g, '-')}`) : '';
})}
${competences ? panel(dataTable(competences, true), competences.caption, 'competenties') : ''}
${panel(dataTable(correlations, true), correlations.caption, 'samenhang')}
${panel(html`${teamCharts(input, team.name).map((c) => chartFigure(c, `/api/waves/${waveId}/teams/${team.id}/charts`, en))}`, en ? 'Charts' : 'Grafieken', 'grafieken')}`;
}
