/**
 * The questionnaire pages, rendered on the server as plain HTML forms: they work without
 * JavaScript, and web/survey.js only adds autosave and live show/hide of follow-up
 * questions. Dutch first; English when the respondent switches.
 */
import { scaleOf } from '../../survey-definitions/index.ts';
import type { TBlock, TCondition, TDefinition, TItem } from '../../survey-definitions/schema.ts';
import { FIELD_PREFIX, pageItems, type Answers, type FormContext } from './form.ts';
import { html, paragraphs, type SafeHtml } from '../views/html.ts';
import { messages, tr, type Lang, type Messages } from './i18n.ts';

export interface Chrome {
  lang: Lang;
  /** Programme name shown in the header, when known. */
  programme?: string;
  title: string;
  /** URL that switches the language (same page). */
  switchLanguageUrl?: string;
}

function icon(name: 'lock' | 'check' | 'info'): SafeHtml {
  const paths = {
    lock: 'M7 10V7a5 5 0 0 1 10 0v3h1a1 1 0 0 1 1 1v9a1 1 0 0 1-1 1H6a1 1 0 0 1-1-1v-9a1 1 0 0 1 1-1h1zm2 0h6V7a3 3 0 0 0-6 0v3z',
    check: 'M9.5 16.2 5.3 12l-1.4 1.4 5.6 5.6 11-11-1.4-1.4z',
    info: 'M11 7h2v2h-2zm0 4h2v6h-2zm1-9a10 10 0 1 0 0 20 10 10 0 0 0 0-20z',
  } as const;
  return html`<svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="${paths[name]}"/></svg>`;
}

export function layout(chrome: Chrome, body: SafeHtml, options: { status?: 'error' } = {}): string {
  const t = messages(chrome.lang);
  return html`<!doctype html>
<html lang="${chrome.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<meta name="referrer" content="no-referrer">
<title>${chrome.title} – ${t.pageTitleSuffix}</title>
<link rel="stylesheet" href="/static/survey.css">
<script src="/static/survey.js" defer></script>
</head>
<body${options.status === 'error' ? html` class="is-error"` : ''}>
<a class="skip" href="#main">${t.skip}</a>
<header class="top">
  <div class="wrap top-inner">
    <span class="brand" aria-label="wijkmeter"><span class="brand-mark" aria-hidden="true"></span>wijkmeter</span>
    ${chrome.programme ? html`<span class="programme">${chrome.programme}</span>` : ''}
    ${chrome.switchLanguageUrl
      ? html`<a class="lang" href="${chrome.switchLanguageUrl}" lang="${t.languageCode}" hreflang="${t.languageCode}">${t.language}</a>`
      : ''}
  </div>
</header>
<main id="main" class="wrap" tabindex="-1">
${body}
</main>
<footer class="foot wrap">
  <p>${icon('lock')} ${t.anonymousBadge}: ${chrome.lang === 'en' ? 'no name, e-mail, IP address or time of day is stored with your answers.' : 'bij uw antwoorden wordt geen naam, e-mailadres, IP-adres of tijdstip bewaard.'}</p>
</footer>
</body>
</html>`.value;
}

export interface LandingView {
  chrome: Chrome;
  def: TDefinition;
  waveLabel: string;
  threshold: number;
  teamName: string | null;
  startUrl: string;
  resumeAction: string;
  csrf: string;
  /** Set when this device already has a partial response. */
  continueUrl?: string;
  /** Set when this device already sent the questionnaire. */
  alreadySent?: { newUrl: string };
  resumeError?: boolean;
  resumeInput?: string;
}

export function landingPage(v: LandingView): string {
  const t = messages(v.chrome.lang);
  const lang = v.chrome.lang;
  const body = html`
<section class="card intro">
  <p class="eyebrow">${v.waveLabel}</p>
  <h1>${tr(v.def.title, lang)}</h1>
  ${v.def.description ? paragraphs(tr(v.def.description, lang)) : ''}
  ${v.teamName ? html`<p class="team-fixed">${t.teamFixed(v.teamName)}</p>` : ''}
  <ul class="facts">
    <li>${icon('info')} <span>${t.minutes}</span></li>
    <li>${icon('lock')} <span>${t.landingAnonymity.replace('{threshold}', String(v.threshold))}</span></li>
    <li>${icon('check')} <span>${t.landingSaving}</span></li>
  </ul>
  ${v.alreadySent
    ? html`<div class="notice" role="status"><h2>${t.alreadySentTitle}</h2><p>${t.alreadySentText}</p></div>
      <p class="muted">${t.newForColleague}</p>
      <p><a class="button secondary" href="${v.alreadySent.newUrl}">${t.newForColleagueButton}</a></p>`
    : v.continueUrl
      ? html`<div class="notice" role="status"><h2>${t.welcomeBack}</h2><p>${t.welcomeBackText}</p></div>
        <p><a class="button" href="${v.continueUrl}">${t.continue}</a></p>`
      : html`<p><a class="button" href="${v.startUrl}">${t.start}</a></p>`}
</section>
<section class="card resume">
  <h2>${t.resumeWithCode}</h2>
  <form method="post" action="${v.resumeAction}" class="resume-form">
    <input type="hidden" name="_csrf" value="${v.csrf}">
    <label for="resume-code">${t.resumeCodeInput}</label>
    <p class="hint" id="resume-hint">${t.resumeCodeHint}</p>
    ${v.resumeError ? html`<p class="err" id="resume-err">${t.resumeUnknown}</p>` : ''}
    <div class="inline">
      <input id="resume-code" name="code" type="text" autocomplete="off" autocapitalize="characters" spellcheck="false"
        inputmode="text" maxlength="40" value="${v.resumeInput ?? ''}"
        aria-describedby="resume-hint${v.resumeError ? ' resume-err' : ''}"${v.resumeError ? html` aria-invalid="true"` : ''}>
      <button type="submit" class="button secondary">${t.resumeButton}</button>
    </div>
  </form>
</section>`;
  return layout(v.chrome, body);
}

export interface PageView {
  chrome: Chrome;
  ctx: FormContext;
  block: TBlock;
  step: number;
  steps: number;
  action: string;
  backUrl?: string;
  csrf: string;
  code: string;
  /** Values to show: stored answers, overlaid with what was just typed. */
  values: Record<string, string>;
  errors: Record<string, string>;
  resume?: { code: string; url: string };
  isLast: boolean;
}

export function questionPage(v: PageView): string {
  const t = messages(v.chrome.lang);
  const lang = v.chrome.lang;
  const items = pageItems(v.ctx, v.block);
  const errorIds = items.filter((i) => v.errors[i.id]).map((i) => i.id);
  const body = html`
<div class="progress">
  <p class="progress-label" id="progress-label">${t.stepOf(v.step, v.steps)}</p>
  <progress max="${v.steps}" value="${v.step}" aria-labelledby="progress-label"></progress>
</div>
<form method="post" action="${v.action}" class="card page" novalidate data-autosave data-saved="${t.saved}" data-saving="${t.saving}" data-save-failed="${t.saveFailed}">
  <input type="hidden" name="_csrf" value="${v.csrf}">
  <input type="hidden" name="r" value="${v.code}">
  <h1>${tr(v.block.title, lang)}</h1>
  ${v.errors._ ? html`<div class="notice" role="alert"><p>${v.errors._}</p></div>` : ''}
  ${errorIds.length > 0
    ? html`<div class="error-summary" role="alert" tabindex="-1" id="error-summary">
        <h2>${t.errorSummary}</h2>
        <ul>${errorIds.map((id) => html`<li><a href="#q-${anchor(id)}">${shortText(itemText(items.find((i) => i.id === id)!, lang))}: ${v.errors[id]}</a></li>`)}</ul>
      </div>`
    : ''}
  <div class="block-intro">${paragraphs(tr(v.block.intro, lang))}</div>
  ${groupTwins(items, lang).map((entry) =>
    entry.kind === 'single'
      ? question(v, entry.item, t)
      : html`<fieldset class="twin-group"><legend class="twin-title">${entry.title}</legend>
          ${question(v, entry.first, t, entry.firstLabel)}${question(v, entry.second, t, entry.secondLabel)}
        </fieldset>`,
  )}
  <p class="save-status" role="status" aria-live="polite"></p>
  <div class="nav">
    ${v.backUrl ? html`<button type="submit" name="nav" value="back" class="button secondary" formnovalidate>${t.back}</button>` : ''}
    <button type="submit" name="nav" value="next" class="button">${v.isLast ? t.toReview : t.next}</button>
  </div>
</form>
${v.resume ? resumeBox(v.resume, t) : ''}`;
  return layout(v.chrome, body, errorIds.length > 0 ? { status: 'error' } : {});
}

type PageEntry =
  | { kind: 'single'; item: TItem }
  | { kind: 'twins'; title: string; first: TItem; firstLabel: string; second: TItem; secondLabel: string };

/**
 * Twins asked one after the other whose wordings share a subject before a colon
 * ("Nieuwsgierig zijn: het niveau waarover ik nu beschik" / "…: het niveau waar ik naartoe
 * wil werken") are shown as one group under that subject, so 28 grades read as 14 pairs.
 */
function groupTwins(items: TItem[], lang: Lang): PageEntry[] {
  const out: PageEntry[] = [];
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    const next = items[i + 1];
    const a = itemText(item, lang);
    const b = next ? itemText(next, lang) : '';
    const colon = a.indexOf(': ');
    if (next && item.twin?.item === next.id && next.twin?.item === item.id && colon > 0 && b.startsWith(a.slice(0, colon + 2))) {
      const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
      out.push({
        kind: 'twins',
        title: a.slice(0, colon),
        first: item,
        firstLabel: capital(a.slice(colon + 2)),
        second: next,
        secondLabel: capital(b.slice(colon + 2)),
      });
      i++;
    } else {
      out.push({ kind: 'single', item });
    }
  }
  return out;
}

function resumeBox(resume: { code: string; url: string }, t: Messages): SafeHtml {
  return html`<details class="card resume-box">
  <summary>${t.resumeTitle}</summary>
  <p>${t.resumeText}</p>
  <dl>
    <dt>${t.resumeCodeLabel}</dt><dd><code class="code">${resume.code}</code></dd>
    <dt>${t.resumeLinkLabel}</dt><dd><a href="${resume.url}" class="break">${resume.url}</a></dd>
  </dl>
</details>`;
}

function anchor(id: string): string {
  return id.replace(/[^a-z0-9_-]/gi, '-');
}

function itemText(item: TItem, lang: Lang): string {
  return tr(item.text, lang);
}

function shortText(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

function conditionAttr(item: TItem, block: TBlock): SafeHtml | '' {
  const c: TCondition | undefined = item.condition;
  // Only conditions on this page need live handling; earlier pages are decided already.
  if (!c || !block.items.some((i) => i.id === c.item)) return '';
  return html` data-show-if="${JSON.stringify({ ...c, item: FIELD_PREFIX + c.item })}"`;
}

function question(v: PageView, item: TItem, t: Messages, shownText?: string): SafeHtml {
  const lang = v.chrome.lang;
  const text = shownText ?? itemText(item, lang);
  const id = anchor(item.id);
  const error = v.errors[item.id];
  const value = v.values[item.id] ?? '';
  const name = FIELD_PREFIX + item.id;
  const describedBy = [item.help ? `help-${id}` : '', error ? `err-${id}` : ''].filter(Boolean).join(' ');
  const sameConditional = conditionAttr(item, v.block);
  const requiredMark = item.required
    ? html`<span class="req">(${t.required})</span>`
    : html`<span class="opt-mark">(${t.optional})</span>`;
  const help = item.help ? html`<p class="hint" id="help-${id}">${tr(item.help, lang)}</p>` : '';
  const condHint = sameConditional ? html`<p class="hint cond-hint">${t.conditionalHint}</p>` : '';
  const err = error ? html`<p class="err" id="err-${id}">${error}</p>` : '';
  const invalid = error ? html` aria-invalid="true"` : '';
  const described = describedBy ? html` aria-describedby="${describedBy}"` : '';

  const radios = (options: { value: string; label: string }[], cls: string) => html`
<fieldset class="q ${cls}${error ? ' has-error' : ''}" id="q-${id}"${sameConditional}${described}>
  <legend><span class="q-text">${text}</span> ${requiredMark}</legend>
  ${help}${condHint}${err}
  <div class="opts">
    ${options.map(
      (o, i) => html`<label class="opt"><input type="radio" name="${name}" value="${o.value}" id="q-${id}-${i}"${
        value === o.value ? html` checked` : ''
      }${item.required ? html` required` : ''}><span>${o.label}</span></label>`,
    )}
  </div>
</fieldset>`;

  switch (item.kind) {
    case 'likert': {
      const scale = scaleOf(v.ctx.def, item);
      return radios(
        scale.values.map((s) => ({ value: String(s.value), label: tr(s.label, lang) })),
        `likert n${scale.values.length}`,
      );
    }
    case 'grade': {
      const scale = scaleOf(v.ctx.def, item);
      // The ends as words ("1 zeer slecht" … "10 uitmuntend"): the first and last values
      // whose label says more than the number itself.
      const worded = scale.values.filter((s) => tr(s.label, lang).trim() !== String(s.value));
      const low = worded[0];
      const high = worded[worded.length - 1];
      return html`
<fieldset class="q grade${error ? ' has-error' : ''}" id="q-${id}"${sameConditional}${described}>
  <legend><span class="q-text">${text}</span> ${requiredMark}</legend>
  ${help}${condHint}${err}
  <div class="opts grade-opts">
    ${scale.values.map(
      (s, i) => html`<label class="opt grade-opt"><input type="radio" name="${name}" value="${s.value}" id="q-${id}-${i}"${
        value === String(s.value) ? html` checked` : ''
      }><span>${s.value}</span><span class="sr-only"> – ${tr(s.label, lang)}</span></label>`,
    )}
  </div>
  ${low && high && low !== high
    ? html`<p class="grade-ends" aria-hidden="true"><span>${tr(low.label, lang)}</span><span>${tr(high.label, lang)}</span></p>`
    : ''}
</fieldset>`;
    }
    case 'single_choice':
      return radios(
        item.options.map((o) => ({ value: o.value, label: tr(o.label, lang) })),
        'choice',
      );
    case 'team':
      return radios(
        v.ctx.teams.map((team) => ({ value: String(team.id), label: team.name })),
        'choice team',
      );
    case 'number':
      return html`
<div class="q number${error ? ' has-error' : ''}" id="q-${id}"${sameConditional}>
  <label for="f-${id}" class="q-text">${text} ${requiredMark}</label>
  ${help}${condHint}${err}
  <div class="inline"><input id="f-${id}" name="${name}" type="text" inputmode="numeric" pattern="[0-9]*" autocomplete="off"
    class="short" value="${value}"${invalid}${described}>${item.unit ? html`<span class="unit">${tr(item.unit, lang)}</span>` : ''}</div>
</div>`;
    case 'text':
      return html`
<div class="q text${error ? ' has-error' : ''}" id="q-${id}"${sameConditional}>
  <label for="f-${id}" class="q-text">${text} ${requiredMark}</label>
  ${help}${condHint}${err}
  ${item.multiline
    ? html`<textarea id="f-${id}" name="${name}" rows="6" maxlength="${item.maxLength}" data-counter="${t.charactersLeft}"${invalid}${described}>${value}</textarea>`
    : html`<input id="f-${id}" name="${name}" type="text" maxlength="${item.maxLength}" value="${value}"${invalid}${described}>`}
</div>`;
  }
}

/** A stored answer as a person reads it: the label, not the code. */
export function answerLabel(ctx: FormContext, item: TItem, value: string | number | undefined, lang: Lang): string | undefined {
  if (value === undefined) return undefined;
  switch (item.kind) {
    case 'likert':
    case 'grade': {
      const scale = scaleOf(ctx.def, item);
      const label = scale.values.find((s) => s.value === Number(value));
      if (item.kind === 'grade') return String(value);
      return label ? tr(label.label, lang) : String(value);
    }
    case 'single_choice':
      return tr(item.options.find((o) => o.value === String(value))?.label, lang) || String(value);
    case 'team':
      return ctx.teams.find((team) => String(team.id) === String(value))?.name ?? String(value);
    default:
      return String(value);
  }
}

export interface ReviewView {
  chrome: Chrome;
  ctx: FormContext;
  pages: { block: TBlock; url: string; items: TItem[] }[];
  answers: Answers;
  missing: { item: TItem; url: string }[];
  action: string;
  backUrl: string;
  csrf: string;
  code: string;
  steps: number;
  resume: { code: string; url: string };
}

export function reviewPage(v: ReviewView): string {
  const t = messages(v.chrome.lang);
  const lang = v.chrome.lang;
  const body = html`
<div class="progress">
  <p class="progress-label" id="progress-label">${t.stepOf(v.steps, v.steps)}</p>
  <progress max="${v.steps}" value="${v.steps}" aria-labelledby="progress-label"></progress>
</div>
<section class="card review">
  <h1>${t.reviewTitle}</h1>
  <p>${t.reviewIntro}</p>
  ${v.missing.length > 0
    ? html`<div class="error-summary" role="alert">
        <h2>${t.reviewMissing}</h2>
        <p>${t.reviewMissingIntro}</p>
        <ul>${v.missing.map((m) => html`<li><a href="${m.url}">${shortText(itemText(m.item, lang))}</a></li>`)}</ul>
      </div>`
    : ''}
  ${v.pages.map(
    (p) => html`
  <section class="review-block">
    <div class="review-head"><h2>${tr(p.block.title, lang)}</h2><a href="${p.url}" class="edit">${t.edit}<span class="sr-only">: ${tr(p.block.title, lang)}</span></a></div>
    <dl>
      ${p.items.map((item) => {
        const label = answerLabel(v.ctx, item, v.answers[item.id], lang);
        return html`<div class="row"><dt>${itemText(item, lang)}</dt><dd${label === undefined ? html` class="none"` : ''}>${label ?? t.notAnswered}</dd></div>`;
      })}
    </dl>
  </section>`,
  )}
  <form method="post" action="${v.action}" class="send-form">
    <input type="hidden" name="_csrf" value="${v.csrf}">
    <input type="hidden" name="r" value="${v.code}">
    <div class="nav">
      <a class="button secondary" href="${v.backUrl}">${t.back}</a>
      <button type="submit" class="button"${v.missing.length > 0 ? html` disabled aria-disabled="true"` : ''}>${t.send}</button>
    </div>
  </form>
</section>
${resumeBox(v.resume, t)}`;
  return layout(v.chrome, body);
}

export function messagePage(chrome: Chrome, title: string, text: string, extra?: SafeHtml): string {
  return layout(
    chrome,
    html`<section class="card message"><h1>${title}</h1>${paragraphs(text)}${extra ?? ''}</section>`,
  );
}

export function thanksPage(chrome: Chrome): string {
  const t = messages(chrome.lang);
  return layout(
    chrome,
    html`<section class="card message thanks">
  <div class="thanks-mark" aria-hidden="true">${icon('check')}</div>
  <h1>${t.thanksTitle}</h1>
  <p>${t.thanksText}</p>
  <p class="muted">${t.thanksClose}</p>
</section>`,
  );
}
