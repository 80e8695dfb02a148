/**
 * Open-answer pages, part 1: the frame shared by every open-answer page, reading and
 * redacting, and the theme list. Pages are plain forms (CSRF token in each), so they
 * work without JavaScript and without a mouse.
 */
import type { TPrincipal } from '../../auth/access.ts';
import type { TOpenAnswer, TOpenItem, TTeamAvailability } from '../../services/open-answers.ts';
import type { TFieldErrors, TTheme } from '../../services/themes.ts';
import type { TLanguage as Lang } from '../../../survey-definitions/schema.ts';
import { tr } from '../../lib/i18n.ts';
import { html, type SafeHtml } from '../html.ts';
import { workspacePage } from './layout.ts';
import { openAnswerMessages, type TOpenAnswerMessages } from './messages-open-answers.ts';

export interface TOaContext {
  lang: Lang;
  principal: TPrincipal;
  waveId: number;
  waveLabel: string;
  csrf: string;
  /** request.url: the language switch returns here. */
  path: string;
}

export type TOaTab = 'read' | 'themes' | 'code' | 'agreement' | 'results';

export const base = (waveId: number) => `/werkruimte/metingen/${waveId}/open-antwoorden`;

export function t(ctx: { lang: Lang }): TOpenAnswerMessages {
  return openAnswerMessages(ctx.lang);
}

export function csrfField(ctx: TOaContext): SafeHtml {
  return html`<input type="hidden" name="_csrf" value="${ctx.csrf}">`;
}

export function flash(message: string | undefined): SafeHtml {
  return message ? html`<p class="notice" role="status">${message}</p>` : html``;
}

export function formError(message: string | undefined): SafeHtml {
  return message ? html`<div class="error-summary" role="alert"><p>${message}</p></div>` : html``;
}

export function fieldError(id: string, message: string | undefined): SafeHtml {
  return message ? html`<p class="field-error" id="${id}-err">${message}</p>` : html``;
}

export function oaPage(
  ctx: TOaContext,
  page: { title: string; tab: TOaTab; body: SafeHtml; scripts?: readonly string[] },
): SafeHtml {
  const m = t(ctx);
  const root = base(ctx.waveId);
  const tabs: [TOaTab, string, string][] = [
    ['read', m.navRead, root],
    ['themes', m.navThemes, `${root}/themas`],
    ['code', m.navCode, `${root}/coderen`],
    ['agreement', m.navAgreement, `${root}/overeenstemming`],
    ['results', m.navResults, `${root}/resultaten`],
  ];
  return workspacePage({
    lang: ctx.lang,
    title: `${page.title} · ${ctx.waveLabel}`,
    principal: ctx.principal,
    crumbs: [
      { label: m.workspace, href: '/werkruimte' },
      { label: `${m.wave} ${ctx.waveLabel}`, href: `/werkruimte/metingen/${ctx.waveId}` },
      { label: m.area },
    ],
    styles: ['/static/open-answers.css'],
    path: ctx.path,
    csrf: ctx.csrf,
    wide: page.tab === 'agreement' || page.tab === 'results',
    scripts: page.scripts ?? [],
    body: html`<div class="oa">
<nav class="oa-tabs" aria-label="${m.area}"><ul>${tabs.map(
      ([id, label, href]) => html`<li><a href="${href}"${id === page.tab ? html` aria-current="page"` : ''}>${label}</a></li>`,
    )}</ul></nav>
<h1>${page.title}</h1>
${page.body}
</div>`,
  });
}

export interface TReadView {
  items: TOpenItem[];
  itemId: string | undefined;
  teams: TTeamAvailability[];
  teamId: number | undefined;
  threshold: number;
  answers: TOpenAnswer[];
  /** Index of the first answer on this page in the whole list. */
  offset: number;
  total: number;
  page: number;
  pages: number;
  flash?: string | undefined;
  error?: string | undefined;
}

function pageLinks(ctx: TOaContext, view: { page: number; pages: number }, href: (page: number) => string): SafeHtml {
  const m = t(ctx);
  if (view.pages <= 1) return html``;
  return html`<nav class="pagination" aria-label="${m.pageOf(view.page, view.pages)}">
${view.page > 1 ? html`<a class="btn btn--secondary" rel="prev" href="${href(view.page - 1)}">${m.previousPage}</a>` : ''}
<span>${m.pageOf(view.page, view.pages)}</span>
${view.page < view.pages ? html`<a class="btn btn--secondary" rel="next" href="${href(view.page + 1)}">${m.nextPage}</a>` : ''}
</nav>`;
}

export function readPage(ctx: TOaContext, view: TReadView): SafeHtml {
  const m = t(ctx);
  const root = base(ctx.waveId);
  const shownTeams = view.teams.filter((team) => team.shown);
  const query = (page: number) => {
    const q = new URLSearchParams();
    if (view.itemId) q.set('vraag', view.itemId);
    if (view.teamId !== undefined) q.set('team', String(view.teamId));
    q.set('pagina', String(page));
    return `${root}?${q.toString()}`;
  };
  const body = html`${flash(view.flash)}${formError(view.error)}
<p class="lead">${m.readIntro}</p>
<form class="oa-filter panel" method="get" action="${root}">
${
  view.items.length > 1
    ? html`<p><label for="vraag">${m.question}</label>
<select class="input" id="vraag" name="vraag">${view.items.map((item) => html`<option value="${item.id}"${item.id === view.itemId ? html` selected` : ''}>${tr(item.text, ctx.lang)}</option>`)}</select></p>`
    : html`<p class="oa-question">${view.items[0] ? tr(view.items[0].text, ctx.lang) : ''}</p>`
}
<p><label for="team">${m.team}</label>
<select class="input" id="team" name="team" aria-describedby="team-note"><option value="">${m.allTeams}</option>${shownTeams.map(
    (team) => html`<option value="${team.id}"${team.id === view.teamId ? html` selected` : ''}>${team.name}</option>`,
  )}</select></p>
<p class="field-hint" id="team-note">${m.teamsNote(view.threshold)}</p>
<button class="btn btn--secondary" type="submit">${m.filter}</button>
</form>
<p class="count">${m.answersCount(view.total)}</p>
${
  view.answers.length === 0
    ? html`<p>${m.noAnswers}</p>`
    : html`<ol class="oa-list" start="${view.offset + 1}">${view.answers.map(
        (
          a,
        ) => html`<li class="panel oa-answer">${a.partial ? html`<p class="eyebrow">${m.partialMark}</p>` : ''}<p class="oa-text">${a.text}</p>
<p><a href="${root}/antwoord/${a.ref}">${m.openAnswer}<span class="sr-only"> (${m.answerNr(view.offset + view.answers.indexOf(a) + 1)})</span></a></p></li>`,
      )}</ol>`
}
${pageLinks(ctx, view, query)}`;
  return oaPage(ctx, { title: m.readTitle, tab: 'read', body });
}

export function answerPage(
  ctx: TOaContext,
  view: {
    answer: TOpenAnswer;
    item: TOpenItem | undefined;
    passage?: string;
    error?: string | undefined;
    flash?: string | undefined;
  },
): SafeHtml {
  const m = t(ctx);
  const root = base(ctx.waveId);
  const invalid = view.error !== undefined;
  const body = html`${flash(view.flash)}
<section class="panel">
<h2>${view.item ? tr(view.item.text, ctx.lang) : m.answer}</h2>
<blockquote class="oa-text" id="answer-text">${view.answer.text}</blockquote>
</section>
<form class="panel" method="post" action="${root}/antwoord/${view.answer.ref}/verwijderen" novalidate>
${csrfField(ctx)}
<h2>${m.redactTitle}</h2>
<p class="field-hint" id="passage-hint">${m.redactIntro}</p>
<div class="field${invalid ? ' field--error' : ''}">
<label class="field-label" for="passage">${m.passage}</label>
${fieldError('passage', view.error)}
<input type="text" class="input" id="passage" name="passage" value="${view.passage ?? ''}" autocomplete="off" aria-describedby="passage-hint${invalid ? ' passage-err' : ''}"${invalid ? html` aria-invalid="true"` : ''}>
</div>
<button class="btn" type="submit">${m.redact}</button>
</form>
<p><a href="${root}">${m.backToList}</a></p>`;
  return oaPage(ctx, { title: m.redactTitle, tab: 'read', body });
}

export interface TThemesView {
  themes: TTheme[];
  sources: { id: number; label: string; themes: number }[];
  /** A rejected add/edit: which form, what was typed, and the messages per field. */
  rejected?:
    { themeId: number | 'new'; values: { code: string; label: string; description: string }; fields: TFieldErrors } | undefined;
  flash?: string | undefined;
  error?: string | undefined;
}

function themeFields(
  ctx: TOaContext,
  prefix: string,
  values: { code: string; label: string; description: string },
  fields: TFieldErrors,
): SafeHtml {
  const m = t(ctx);
  const field = (name: 'code' | 'label' | 'description', label: string, hint?: string) => {
    const id = `${prefix}-${name}`;
    const err = fields[name];
    const describedBy = [hint ? `${id}-hint` : '', err ? `${id}-err` : ''].filter(Boolean).join(' ');
    const attrs = html`id="${id}" name="${name}"${describedBy ? html` aria-describedby="${describedBy}"` : ''}${err ? html` aria-invalid="true"` : ''}`;
    return html`<div class="field${err ? ' field--error' : ''}"><label class="field-label" for="${id}">${label}</label>
${hint ? html`<p class="field-hint" id="${id}-hint">${hint}</p>` : ''}${fieldError(id, err)}
${name === 'description' ? html`<textarea class="input" ${attrs} rows="2">${values[name]}</textarea>` : html`<input type="text" class="input${name === 'code' ? ' input--short' : ''}" ${attrs} value="${values[name]}"${name === 'code' ? html` autocapitalize="off" spellcheck="false"` : ''}>`}</div>`;
  };
  return html`${field('code', m.code, m.codeHint)}${field('label', m.label)}${field('description', m.description)}`;
}

export function themesPage(ctx: TOaContext, view: TThemesView): SafeHtml {
  const m = t(ctx);
  const root = base(ctx.waveId);
  const rejected = view.rejected;
  const empty = { code: '', label: '', description: '' };
  const body = html`${flash(view.flash)}${formError(view.error ?? (rejected ? m.fieldErrors : undefined))}
<p class="lead">${m.themesIntro}</p>
${view.themes.length === 0 ? html`<p>${m.noThemes}</p>` : ''}
${view.themes.map((theme, i) => {
  const mine = rejected?.themeId === theme.id ? rejected : undefined;
  return html`<section class="panel theme" aria-labelledby="theme-${theme.id}-h">
<h2 id="theme-${theme.id}-h"><span class="key">${i < 9 ? String(i + 1) : ''}</span> ${theme.label} <span class="muted">(${theme.code})</span></h2>
${theme.description ? html`<p>${theme.description}</p>` : ''}
<details${mine ? html` open` : ''}><summary>${m.editTheme(theme.label)}</summary>
<form method="post" action="${root}/themas/${theme.id}" novalidate>${csrfField(ctx)}
${themeFields(ctx, `t${theme.id}`, mine?.values ?? theme, mine?.fields ?? {})}
<button class="btn" type="submit">${m.saveTheme}</button>
</form>
<form method="post" action="${root}/themas/${theme.id}/verwijderen">${csrfField(ctx)}
<p class="field-hint">${m.deleteThemeNote}</p>
<button class="btn btn--secondary" type="submit">${m.deleteTheme}<span class="sr-only"> ${theme.label}</span></button>
</form></details>
</section>`;
})}
<form class="panel" method="post" action="${root}/themas" novalidate>${csrfField(ctx)}
<h2>${m.addTheme}</h2>
${themeFields(ctx, 'new', rejected?.themeId === 'new' ? rejected.values : empty, rejected?.themeId === 'new' ? rejected.fields : {})}
<button class="btn" type="submit">${m.addTheme}</button>
</form>
${
  view.sources.length > 0
    ? html`<form class="panel" method="post" action="${root}/themas/overnemen">${csrfField(ctx)}
<h2>${m.copyTitle}</h2>
<p><label for="from">${m.copyFrom}</label>
<select class="input" id="from" name="from">${view.sources.map((s) => html`<option value="${s.id}">${s.label} (${s.themes})</option>`)}</select></p>
<button class="btn btn--secondary" type="submit">${m.copy}</button>
</form>`
    : ''
}`;
  return oaPage(ctx, { title: m.themesTitle, tab: 'themes', body });
}
