/**
 * "Check and send": every asked question with the answer as a person reads it, links to
 * change a page, and the send button (disabled while required answers are missing).
 */
import { scaleOf, type TAnswers, type TAnswerValue } from '../../../survey-definitions/index.ts';
import type { TBlock, TItem, TLanguage } from '../../../survey-definitions/schema.ts';
import type { FormContext } from '../../survey/form.ts';
import { hiddenField, progress } from '../components.ts';
import { attrs, html, type SafeHtml, type SafeUrl } from '../html.ts';
import { tr } from '../../lib/i18n.ts';
import { publicPage, type Chrome } from '../layout.ts';
import { messages } from '../messages.ts';
import { itemText, resumeBox, shortText, type TResumeInfo } from './parts.ts';

export interface ReviewView {
  chrome: Chrome;
  ctx: FormContext;
  pages: { block: TBlock; url: SafeUrl; items: TItem[] }[];
  answers: TAnswers;
  missing: { item: TItem; url: SafeUrl }[];
  action: SafeUrl;
  backUrl: SafeUrl;
  csrf: string;
  code: string;
  steps: number;
  resume: TResumeInfo;
}

/** A stored answer as a person reads it: the label, not the code. */
export function answerLabel(ctx: FormContext, item: TItem, value: TAnswerValue | undefined, lang: TLanguage): string | undefined {
  if (value === undefined) return undefined;
  switch (item.kind) {
    case 'likert':
      return tr(scaleOf(ctx.def, item).values.find((s) => s.value === Number(value))?.label, lang) || String(value);
    case 'grade':
      return String(value);
    case 'single_choice':
      return tr(item.options.find((o) => o.value === String(value))?.label, lang) || String(value);
    case 'team':
      return ctx.teams.find((team) => String(team.id) === String(value))?.name ?? String(value);
    default:
      return String(value);
  }
}

export function reviewPage(v: ReviewView): SafeHtml {
  const t = messages(v.chrome.lang);
  const lang = v.chrome.lang;
  const body = html`
${progress(t.stepOf(v.steps, v.steps), v.steps, v.steps)}
<section class="card review">
  <h1>${t.reviewTitle}</h1>
  <p>${t.reviewIntro}</p>
  ${
    v.missing.length > 0
      ? html`<div class="error-summary" role="alert">
        <h2>${t.reviewMissing}</h2>
        <p>${t.reviewMissingIntro}</p>
        <ul>${v.missing.map((m) => html`<li><a href="${m.url}">${shortText(itemText(m.item, lang))}</a></li>`)}</ul>
      </div>`
      : ''
  }
  ${v.pages.map(
    (p) => html`
  <section class="review-block">
    <div class="review-head"><h2>${tr(p.block.title, lang)}</h2><a href="${p.url}" class="edit">${t.edit}<span class="sr-only">: ${tr(p.block.title, lang)}</span></a></div>
    <dl>
      ${p.items.map((item) => {
        const label = answerLabel(v.ctx, item, v.answers[item.id], lang);
        return html`<div class="row"><dt>${itemText(item, lang)}</dt><dd${attrs({ class: label === undefined ? 'none' : undefined })}>${label ?? t.notAnswered}</dd></div>`;
      })}
    </dl>
  </section>`,
  )}
  <form method="post" action="${v.action}" class="send-form">
    ${hiddenField('_csrf', v.csrf)}
    ${hiddenField('r', v.code)}
    <div class="nav">
      <a class="button secondary" href="${v.backUrl}">${t.back}</a>
      <button type="submit" class="button"${attrs({ disabled: v.missing.length > 0, 'aria-disabled': v.missing.length > 0 ? 'true' : undefined })}>${t.send}</button>
    </div>
  </form>
</section>
${resumeBox(v.resume, t)}`;
  return publicPage(v.chrome, body);
}
