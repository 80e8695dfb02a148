/**
 * Open-answer pages, part 2: the coding screen (one answer at a time, or a list), the
 * agreement between two coders with the settling forms, and the theme results. The
 * keyboard shortcuts come from /static/coding.js; without it every form still works.
 */
import type { TThemeCell, TThemeCounts } from '../../../analysis/theme-counts.ts';
import type { TAgreement, TCoder } from '../../services/coding.ts';
import type { TOpenAnswer, TOpenItem } from '../../services/open-answers.ts';
import type { TTheme } from '../../services/themes.ts';
import { tr } from '../../lib/i18n.ts';
import type { TChartResult } from '../../charts/types.ts';
import { CHART_SCRIPTS, chartFigure } from '../../reports/html.ts';
import { html, type SafeHtml } from '../html.ts';
import { formatDecimal } from './messages-open-answers.ts';
import { base, csrfField, flash, formError, oaPage, t, type TOaContext } from './open-answers-read.ts';

/** A coder's codes for one answer: undefined = not coded yet, an empty set = coded, no theme. */
export type TMine = ReadonlySet<number> | undefined;

/** The digit that toggles the i-th theme (1–9), none after the ninth. */
const keyFor = (i: number): string | undefined => (i < 9 ? String(i + 1) : undefined);

function themeBoxes(ctx: TOaContext, ref: string, themes: readonly TTheme[], mine: TMine, legend: string): SafeHtml {
  const m = t(ctx);
  return html`<fieldset class="field themes-pick" data-ref="${ref}"><legend>${legend}</legend>
<div class="opts">${themes.map((theme, i) => {
    const key = keyFor(i);
    const id = `c-${ref}-${theme.id}`;
    return html`<label class="opt" for="${id}"><input type="checkbox" id="${id}" name="thema_${ref}" value="${theme.id}"${key ? html` data-key="${key}"` : ''}${mine?.has(theme.id) ? html` checked` : ''}>
${key ? html`<kbd aria-hidden="true">${key}</kbd>` : ''}<span>${theme.label}${theme.description ? html`<span class="hint-inline"> — ${theme.description}</span>` : ''}</span></label>`;
  })}
<label class="opt none" for="c-${ref}-none"><input type="checkbox" id="c-${ref}-none" name="geen_${ref}" value="1" data-key="0"${mine !== undefined && mine.size === 0 ? html` checked` : ''}>
<kbd aria-hidden="true">0</kbd><span>${m.noneTheme}</span></label>
</div></fieldset>`;
}

function progress(ctx: TOaContext, done: number, total: number): SafeHtml {
  const label = t(ctx).progress(done, total);
  return html`<div class="progress"><p class="progress-label" id="coding-progress">${label}</p>
<progress max="${Math.max(total, 1)}" value="${done}" aria-labelledby="coding-progress"></progress></div>`;
}

function modeSwitch(ctx: TOaContext, list: boolean): SafeHtml {
  const m = t(ctx);
  const root = `${base(ctx.waveId)}/coderen`;
  return html`<p class="oa-modes">${list ? html`<a href="${root}">${m.oneAtATime}</a> · <strong>${m.asList}</strong>` : html`<strong>${m.oneAtATime}</strong> · <a href="${root}?weergave=lijst">${m.asList}</a>`}</p>`;
}

export interface TCodeOneView {
  themes: TTheme[];
  item: TOpenItem | undefined;
  answer: TOpenAnswer | undefined;
  nr: number;
  total: number;
  done: number;
  mine: TMine;
  firstUncoded: number | undefined;
  flash?: string | undefined;
  error?: string | undefined;
}

export function codeOnePage(ctx: TOaContext, view: TCodeOneView): SafeHtml {
  const m = t(ctx);
  const root = `${base(ctx.waveId)}/coderen`;
  if (view.themes.length === 0 || !view.answer) {
    const body = html`${progress(ctx, view.done, view.total)}<p>${view.themes.length === 0 ? html`<a href="${base(ctx.waveId)}/themas">${m.needThemes}</a>` : m.noAnswers}</p>`;
    return oaPage(ctx, { title: m.codeTitle, tab: 'code', body });
  }
  const a = view.answer;
  const body = html`${flash(view.flash)}${formError(view.error)}
<p class="field-hint">${m.codeIntro}</p>
${modeSwitch(ctx, false)}
${progress(ctx, view.done, view.total)}
<form class="panel coding one" method="post" action="${root}">${csrfField(ctx)}
<input type="hidden" name="ref" value="${a.ref}"><input type="hidden" name="nr" value="${view.nr}">
<p class="eyebrow">${m.position(view.nr, view.total)} · ${view.mine === undefined ? m.notCoded : m.coded}</p>
<h2 class="oa-question">${view.item ? tr(view.item.text, ctx.lang) : m.answer}</h2>
<blockquote class="oa-text">${a.text}</blockquote>
${themeBoxes(ctx, a.ref, view.themes, view.mine, m.themesFor)}
<div class="form-actions oa-nav">
${view.nr > 1 ? html`<a class="btn btn--secondary" id="prev" href="${root}?nr=${view.nr - 1}"><kbd aria-hidden="true">p</kbd> ${m.previous}</a>` : ''}
<button class="btn" type="submit" name="ga" value="volgende" id="save-next"><kbd aria-hidden="true">n</kbd> ${m.saveNext}</button>
</div>
<p class="oa-aside">${view.nr < view.total ? html`<a href="${root}?nr=${view.nr + 1}">${m.skip}</a>` : ''}${view.firstUncoded !== undefined && view.firstUncoded !== view.nr ? html` · <a href="${root}?nr=${view.firstUncoded}">${m.firstUncoded}</a>` : ''}</p>
</form>`;
  return oaPage(ctx, { title: m.codeTitle, tab: 'code', body, scripts: ['/static/coding.js'] });
}

export interface TCodeListView {
  themes: TTheme[];
  entries: { answer: TOpenAnswer; nr: number; mine: TMine }[];
  total: number;
  done: number;
  page: number;
  pages: number;
  flash?: string | undefined;
  error?: string | undefined;
}

export function codeListPage(ctx: TOaContext, view: TCodeListView): SafeHtml {
  const m = t(ctx);
  const root = `${base(ctx.waveId)}/coderen`;
  if (view.themes.length === 0) {
    return oaPage(ctx, {
      title: m.codeTitle,
      tab: 'code',
      body: html`<p><a href="${base(ctx.waveId)}/themas">${m.needThemes}</a></p>`,
    });
  }
  const pager =
    view.pages <= 1
      ? html``
      : html`<nav class="pagination" aria-label="${m.pageOf(view.page, view.pages)}">${view.page > 1 ? html`<a class="btn btn--secondary" href="${root}?weergave=lijst&amp;pagina=${view.page - 1}">${m.previousPage}</a>` : ''}
<span>${m.pageOf(view.page, view.pages)}</span>${view.page < view.pages ? html`<a class="btn btn--secondary" href="${root}?weergave=lijst&amp;pagina=${view.page + 1}">${m.nextPage}</a>` : ''}</nav>`;
  const body = html`${flash(view.flash)}${formError(view.error)}
<p class="field-hint">${m.codeIntro}</p>
${modeSwitch(ctx, true)}
${progress(ctx, view.done, view.total)}
<form class="coding list" method="post" action="${root}">${csrfField(ctx)}
<input type="hidden" name="weergave" value="lijst"><input type="hidden" name="pagina" value="${view.page}">
${view.entries.map(
  (e) => html`<section class="panel" aria-labelledby="a-${e.answer.ref}">
<input type="hidden" name="ref" value="${e.answer.ref}">
<p class="eyebrow" id="a-${e.answer.ref}">${m.answerNr(e.nr)} · ${e.mine === undefined ? m.notCoded : m.coded}</p>
<blockquote class="oa-text">${e.answer.text}</blockquote>
${themeBoxes(ctx, e.answer.ref, view.themes, e.mine, `${m.themesFor} (${m.answerNr(e.nr)})`)}
</section>`,
)}
<button class="btn" type="submit" name="ga" value="opslaan">${m.saveList}</button>
</form>
${pager}`;
  return oaPage(ctx, { title: m.codeTitle, tab: 'code', body, scripts: ['/static/coding.js'] });
}

export interface TAgreementView {
  themes: TTheme[];
  coders: TCoder[];
  first: number | undefined;
  second: number | undefined;
  result: TAgreement | undefined;
  flash?: string | undefined;
  error?: string | undefined;
}

export function agreementPage(ctx: TOaContext, view: TAgreementView): SafeHtml {
  const m = t(ctx);
  const root = `${base(ctx.waveId)}/overeenstemming`;
  const label = new Map(view.themes.map((th) => [th.id, th.label]));
  const names = (ids: readonly number[]) =>
    ids.length === 0
      ? m.noThemeChosen
      : view.themes
          .filter((th) => ids.includes(th.id))
          .map((th) => label.get(th.id))
          .join(', ');
  const coderSelect = (name: string, id: string, text: string, selected: number | undefined) =>
    html`<p><label for="${id}">${text}</label> <select class="input" id="${id}" name="${name}">${view.coders.map(
      (c) =>
        html`<option value="${c.userId}"${c.userId === selected ? html` selected` : ''}>${c.displayName} (${c.coded})</option>`,
    )}</select></p>`;
  const r = view.result;
  const body = html`${flash(view.flash)}${formError(view.error)}
<p class="lead">${m.agreementIntro}</p>
${
  view.coders.length < 2
    ? html`<p>${m.needTwoCoders}</p>`
    : html`<form class="panel oa-filter" method="get" action="${root}">${coderSelect('a', 'coder-a', m.coderFirst, view.first)}${coderSelect('b', 'coder-b', m.coderSecond, view.second)}
<button class="btn btn--secondary" type="submit">${m.compare}</button></form>`
}
${
  r
    ? html`<section class="panel"><p>${m.bothCoded(r.n)}</p>
<div class="table-wrap" role="region" tabindex="0" aria-label="${m.agreementTitle}"><table class="table kappa"><caption class="sr-only">${m.agreementTitle}</caption>
<thead><tr><th scope="col">${m.theme}</th><th scope="col">${m.both}</th><th scope="col">${m.firstOnly}</th><th scope="col">${m.secondOnly}</th><th scope="col">${m.neither}</th><th scope="col">${m.observed}</th><th scope="col">${m.kappa}</th></tr></thead>
<tbody>${r.perTheme.map(
        ({
          theme,
          kappa,
        }) => html`<tr data-theme="${theme.code}"><th scope="row">${theme.label}</th><td>${kappa.table.both}</td><td>${kappa.table.firstOnly}</td><td>${kappa.table.secondOnly}</td><td>${kappa.table.neither}</td>
<td>${Number.isNaN(kappa.observed) ? m.notApplicable : `${formatDecimal(100 * kappa.observed, ctx.lang, 0)}%`}</td><td class="kappa-value">${Number.isNaN(kappa.kappa) ? m.notApplicable : formatDecimal(kappa.kappa, ctx.lang, 3)}</td></tr>`,
      )}</tbody></table></div></section>
<h2>${m.disagreementsTitle}</h2>
${
  r.disagreements.length === 0
    ? html`<p>${m.noDisagreements}</p>`
    : r.disagreements.map(
        (
          d,
          i,
        ) => html`<form class="panel disagreement" method="post" action="${root}/${d.ref}" data-ref="${d.ref}">${csrfField(ctx)}
<input type="hidden" name="a" value="${view.first}"><input type="hidden" name="b" value="${view.second}">
<p class="eyebrow">${m.answerNr(i + 1)}${d.settled ? html` · <span class="settled">${m.settledMark}</span>` : ''}</p>
<blockquote class="oa-text">${d.text}</blockquote>
<dl class="codes"><div><dt>${m.firstCodes}</dt><dd>${names(d.first)}</dd></div><div><dt>${m.secondCodes}</dt><dd>${names(d.second)}</dd></div></dl>
<fieldset class="field themes-pick"><legend>${m.finalCodes} (${m.answerNr(i + 1)})</legend><div class="opts">${view.themes.map(
          (th) => {
            const checked = d.settled ? d.settled.includes(th.id) : d.first.includes(th.id) && d.second.includes(th.id);
            const id = `s-${d.ref}-${th.id}`;
            return html`<label class="opt" for="${id}"><input type="checkbox" id="${id}" name="thema" value="${th.id}"${checked ? html` checked` : ''}><span>${th.label}</span></label>`;
          },
        )}</div></fieldset>
<button class="btn" type="submit">${m.settle}<span class="sr-only"> (${m.answerNr(i + 1)})</span></button>
</form>`,
      )
}`
    : ''
}`;
  return oaPage(ctx, { title: m.agreementTitle, tab: 'agreement', body });
}

function cellText(ctx: TOaContext, cell: TThemeCell, code: string, threshold: number): SafeHtml {
  if (cell.suppressed) return html`<span class="suppressed">${t(ctx).suppressed(threshold)}</span>`;
  const f = cell.themes.find((x) => x.code === code)!;
  return html`${f.count} <span class="muted">(${formatDecimal(f.percent, ctx.lang, 0)}%)</span>`;
}

export function resultsPage(ctx: TOaContext, view: { counts: TThemeCounts; chart: TChartResult }): SafeHtml {
  const m = t(ctx);
  const { counts } = view;
  const overall = counts.overall;
  const themesOf = overall.suppressed
    ? (counts.teams.find((x) => !x.cell.suppressed)?.cell as Extract<TThemeCell, { suppressed: false }> | undefined)?.themes
    : overall.themes;
  const themes = themesOf ?? [];
  const cell = (c: TThemeCell) =>
    c.suppressed ? html`<span class="suppressed">${m.suppressed(counts.threshold)}</span>` : String(c.n);
  const body = html`<p class="lead">${m.resultsIntro(counts.threshold)}</p>
${
  overall.suppressed
    ? html`<p>${m.nothingToShow}</p>`
    : html`<section class="panel" aria-labelledby="chart-h"><h2 id="chart-h">${m.chartTitle}</h2>
<p class="field-hint">${m.chartNote}</p>
${chartFigure(view.chart, `/api/waves/${ctx.waveId}/charts`, ctx.lang === 'en')}
</section>`
}
<div class="table-wrap" role="region" tabindex="0" aria-label="${m.resultsTitle}"><table class="table theme-counts"><caption>${m.resultsTitle}</caption>
<thead><tr><th scope="col">${m.theme}</th><th scope="col">${m.waveTotal}</th>${counts.teams.map((team) => html`<th scope="col">${team.name}</th>`)}</tr></thead>
<tbody><tr><th scope="row">${m.codedResponses}</th><td>${cell(overall)}</td>${counts.teams.map((team) => html`<td>${cell(team.cell)}</td>`)}</tr>
${themes.map((f) => html`<tr data-theme="${f.code}"><th scope="row">${f.label}</th><td>${cellText(ctx, overall, f.code, counts.threshold)}</td>${counts.teams.map((team) => html`<td data-team="${team.name}">${cellText(ctx, team.cell, f.code, counts.threshold)}</td>`)}</tr>`)}
</tbody></table>
${overall.excludedTeams.length > 0 ? html`<p class="field-hint">${m.excluded(overall.excludedTeams.join(', '))}</p>` : ''}</div>`;
  return oaPage(ctx, { title: m.resultsTitle, tab: 'results', body, scripts: CHART_SCRIPTS });
}
