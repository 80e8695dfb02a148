/**
 * The parts of the comparison page: one section per compared wave (overall, per team,
 * lineage) and the trend. Every figure comes from the analysis (`TChange`, `TTrend`);
 * a suppressed group or cell shows a notice or "n te klein", never a number.
 */
import type { TChange, TTrend, TWaveConstruct, TWaveItem } from '../../../analysis/index.ts';
import { allItems, type TDefinition, type TLanguage } from '../../../survey-definitions/index.ts';
import { changeChart } from '../../charts/kinds/change.ts';
import { trendChart } from '../../charts/kinds/trend.ts';
import type { TChartResult } from '../../charts/types.ts';
import { chartFigure as pageChart } from '../../reports/html.ts';
import { html, type SafeHtml } from '../../views/html.ts';
import { facts, notice, table } from '../../views/workspace/components.ts';
import { compareTexts, dec, pValue, signed, type TCompareTexts } from './compare-texts.ts';

export interface TViewContext {
  lang: TLanguage;
  t: TCompareTexts;
  /** The programme compared: its chart images live under /api/programmes/:id/…/charts. */
  programmeId: number;
}

const label = (text: { nl: string; en?: string | undefined }, lang: TLanguage) =>
  lang === 'en' ? (text.en ?? text.nl) : text.nl;

/**
 * A chart: the interactive picture (same configuration as the PNG), PNG and SVG
 * downloads for exactly the waves on the page, and its data table (folded: the full
 * tables with tests and effect sizes follow it).
 */
function chartFigure(ctx: TViewContext, chart: TChartResult, where: 'comparison' | 'trend', query: string, level: 4 | 5) {
  return pageChart(chart, `/api/programmes/${ctx.programmeId}/${where}/charts`, ctx.lang === 'en', { level, query });
}

function resultRow(
  ctx: TViewContext,
  name: SafeHtml | string,
  result: TWaveItem['result'] | TWaveConstruct['result'],
): (SafeHtml | string)[] {
  const { t, lang } = ctx;
  if (result.suppressed) return [name, t.suppressedCell, '', '', '', '', ''];
  const ci = result.ci95
    ? html`<br><span class="ci">[${signed(result.ci95[0], lang)}; ${signed(result.ci95[1], lang)}]</span>`
    : '';
  const effect =
    result.test === 'mann_whitney_u'
      ? `r = ${signed(result.rankBiserial, lang)}`
      : result.hedgesG === null
        ? '–'
        : `g = ${signed(result.hedgesG, lang)}`;
  const test = result.test === 'mann_whitney_u' ? t.mwu : t.welch;
  const p = result.pHolm === null ? '–' : pValue(result.pHolm, lang);
  const verdict = result.reading.verdict;
  return [
    name,
    dec(result.baseline.mean01, lang),
    dec(result.current.mean01, lang),
    html`${signed(result.difference01, lang)}${ci}`,
    html`${test}<br><span class="ci">${effect}</span>`,
    p,
    html`<span class="reading reading--${verdict}">${result.reading.text[lang]}</span>`,
  ];
}

const head = (t: TCompareTexts) => [
  t.col.name,
  t.col.baseline,
  t.col.current,
  t.col.difference,
  t.col.test,
  t.col.pHolm,
  t.col.reading,
];

/** Constructs and items of one group (the overall or a team). */
function groupTables(
  ctx: TViewContext,
  definition: TDefinition,
  group: { familySize: number; items: TWaveItem[]; constructs: TWaveConstruct[] },
  caption: string,
): SafeHtml {
  const { t, lang } = ctx;
  const constructs = new Map(definition.constructs.map((c) => [c.id, c]));
  const itemText = new Map(allItems(definition).map((i) => [i.id, label(i.text, lang)]));
  const byId = new Map(group.constructs.map((c) => [c.id, c]));
  const tables = definition.constructGroups.map((g) => {
    const rows = g.constructs.flatMap((id) => {
      const c = byId.get(id);
      return c ? [resultRow(ctx, `${label(constructs.get(id)!.label, lang)}${c.reworded ? ' †' : ''}`, c.result)] : [];
    });
    return rows.length === 0
      ? ''
      : table({
          caption: `${caption} — ${label(g.label, lang)}. ${t.familyCaption(group.familySize)}`,
          head: head(t),
          rows,
          empty: '',
          numeric: [1, 2, 3, 5],
        });
  });
  const items = group.items.map((i) =>
    resultRow(ctx, html`<span title="${i.id}">${itemText.get(i.id) ?? i.id}${i.reworded ? ' †' : ''}</span>`, i.result),
  );
  return html`${tables}
<details class="items"><summary>${t.items(items.length)}</summary>
${table({ caption: `${caption} — items. ${t.familyCaption(group.familySize)}`, head: head(t), rows: items, empty: '', numeric: [1, 2, 3, 5] })}
</details>
<p class="muted">${t.reworded}</p>`;
}

function lineageSection(ctx: TViewContext, change: TChange, current: TDefinition, baseline: TDefinition): SafeHtml {
  const { t, lang } = ctx;
  const text = new Map([...allItems(baseline), ...allItems(current)].map((i) => [i.id, label(i.text, lang)]));
  const constructLabel = new Map(current.constructs.map((c) => [c.id, label(c.label, lang)]));
  const reworded = change.overall.items.filter((i) => i.reworded);
  return html`<details class="lineage"><summary>${t.lineage}</summary>
<h4>${t.rewordedList} (${reworded.length})</h4>
${reworded.length === 0 ? html`<p>${t.none}</p>` : html`<ul>${reworded.map((i) => html`<li>${text.get(i.id) ?? i.id}${i.notes.map((n) => html` <span class="muted">(${n.version}${n.note ? `: ${label(n.note, lang)}` : ''})</span>`)}</li>`)}</ul>`}
<h4>${t.notComparable} (${change.notCompared.length})</h4>
${change.notCompared.length === 0 ? html`<p>${t.none}</p>` : html`<ul>${change.notCompared.map((n) => html`<li><span title="${n.id}">${constructLabel.get(n.id) ?? text.get(n.id) ?? n.id}</span> (${n.side === 'current' ? t.sideCurrent : t.sideBaseline}): ${n.reason[lang]}</li>`)}</ul>`}
</details>`;
}

/** One compared wave: facts, the overall, every team, the lineage. */
export function changeSection(ctx: TViewContext, change: TChange, current: TDefinition, baseline: TDefinition): SafeHtml {
  const { t, lang } = ctx;
  const overall = change.overall;
  const excluded = [...new Set([...overall.excludedTeams.baseline, ...overall.excludedTeams.current])];
  const pair = `baseline=${change.baseline.key}&wave=${change.current.key}`;
  return html`<section class="panel change" id="meting-${change.current.key}" aria-labelledby="meting-${change.current.key}-title">
<h2 id="meting-${change.current.key}-title">${t.heading(change.current.label, change.baseline.label)}</h2>
${facts([
  [t.versions, change.path.join(' → ')],
  [t.threshold, t.threshold_value(change.threshold)],
  [t.tests, t.tests_value(overall.familySize)],
  [t.readingRule, change.readingRule.text[lang]],
])}
<h3>${t.overall}</h3>
<p class="muted">${t.overallNote}${excluded.length > 0 ? ` ${t.excluded(excluded.join(', '))}` : ''}</p>
${chartFigure(ctx, changeChart(change, current, lang), 'comparison', pair, 4)}
${groupTables(ctx, current, overall, t.overall)}
<h3>${t.perTeam}</h3>
${change.teams.map((team) => {
  if (team.suppressed) {
    return html`<section class="team team--suppressed"><h4>${team.team}</h4>${notice('info', team.reason === 'no_baseline' ? t.noBaseline : t.tooFew)}</section>`;
  }
  return html`<section class="team"><h4>${team.team}</h4>
<p class="muted">${t.teamVs(team.baselineTeams.join(' + '))}${team.excludedBaselineTeams.length > 0 ? ` ${t.teamExcluded(team.excludedBaselineTeams.join(', '))}` : ''}</p>
${chartFigure(ctx, changeChart(change, current, lang, team.team), 'comparison', pair, 5)}
${groupTables(ctx, current, team, team.team)}
</section>`;
})}
${lineageSection(ctx, change, current, baseline)}
</section>`;
}

/** The trend: the chart of one construct, the table of every construct, per team in a fold. */
export function trendSection(ctx: TViewContext, trend: TTrend, constructId: string, chooser: SafeHtml): SafeHtml {
  const { t, lang } = ctx;
  const cell = (p: TTrend['constructs'][number]['overall'][number]) =>
    p.suppressed ? (p.reason === 'not_comparable' ? t.notCompared : t.suppressedCell) : `${dec(p.mean01, lang)} (${p.n})`;
  const heads = ['', ...trend.waves.map((w) => w.label)];
  return html`<section class="panel trend" id="trend" aria-labelledby="trend-title">
<h2 id="trend-title">${t.trend}</h2>
${chooser}
${chartFigure(ctx, trendChart(trend, constructId, lang), 'trend', `waves=${trend.waves.map((w) => w.key).join(',')}`, 4)}
${table({ caption: t.trendTable, head: heads, rows: trend.constructs.map((c) => [c.label[lang], ...c.overall.map(cell)]), empty: '', numeric: trend.waves.map((_, i) => i + 1) })}
<details><summary>${t.trendTeams}</summary>
${trend.constructs[0]?.teams.map((team, ti) =>
  table({
    caption: team.team,
    head: heads,
    rows: trend.constructs.map((c) => [c.label[lang], ...c.teams[ti]!.points.map(cell)]),
    empty: '',
    numeric: trend.waves.map((_, i) => i + 1),
  }),
)}
</details>
</section>`;
}

export { compareTexts };
