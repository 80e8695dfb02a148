/**
 * One page of the questionnaire: a block of questions as a plain HTML form. It works
 * without JavaScript; web/survey.js only adds autosave and the live show/hide of
 * follow-up questions (`data-show-if`).
 */
import type { TBlock, TItem, TLanguage } from '../../../survey-definitions/schema.ts';
import { pageItems, type FormContext } from '../../survey/form.ts';
import { hiddenField, progress } from '../components.ts';
import { attrs, html, paragraphs, type SafeHtml, type SafeUrl } from '../html.ts';
import { tr } from '../../lib/i18n.ts';
import { publicPage, type Chrome } from '../layout.ts';
import { messages } from '../messages.ts';
import { itemText, resumeBox, shortText, anchor, type TResumeInfo } from './parts.ts';
import { question, type TQuestionContext } from './questions.ts';

export interface PageView {
  chrome: Chrome;
  ctx: FormContext;
  block: TBlock;
  step: number;
  steps: number;
  action: SafeUrl;
  backUrl?: SafeUrl | undefined;
  csrf: string;
  code: string;
  /** Values to show: stored answers, overlaid with what was just typed. */
  values: Record<string, string>;
  errors: Record<string, string>;
  resume?: TResumeInfo | undefined;
  isLast: boolean;
}

export function questionPage(v: PageView): SafeHtml {
  const t = messages(v.chrome.lang);
  const lang = v.chrome.lang;
  const items = pageItems(v.ctx, v.block);
  const errorIds = items.filter((i) => v.errors[i.id]).map((i) => i.id);
  const q: TQuestionContext = { lang, t, def: v.ctx.def, teams: v.ctx.teams, block: v.block, values: v.values, errors: v.errors };
  const body = html`
${progress(t.stepOf(v.step, v.steps), v.step, v.steps)}
<form method="post"${attrs({ action: v.action })} class="card page" novalidate data-autosave${attrs({
    'data-saved': t.saved,
    'data-saving': t.saving,
    'data-save-failed': t.saveFailed,
  })}>
  ${hiddenField('_csrf', v.csrf)}
  ${hiddenField('r', v.code)}
  <h1>${tr(v.block.title, lang)}</h1>
  ${v.errors._ ? html`<div class="notice" role="alert"><p>${v.errors._}</p></div>` : ''}
  ${
    errorIds.length > 0
      ? html`<div class="error-summary" role="alert" tabindex="-1" id="error-summary">
        <h2>${t.errorSummary}</h2>
        <ul>${errorIds.map(
          (id) =>
            html`<li><a href="#q-${anchor(id)}">${shortText(
              itemText(
                items.find((i) => i.id === id)!,
                lang,
              ),
            )}: ${v.errors[id]}</a></li>`,
        )}</ul>
      </div>`
      : ''
  }
  <div class="block-intro">${paragraphs(tr(v.block.intro, lang))}</div>
  ${groupTwins(items, lang).map((entry) =>
    entry.kind === 'single'
      ? question(q, entry.item)
      : html`<fieldset class="twin-group"><legend class="twin-title">${entry.title}</legend>
          ${question(q, entry.first, entry.firstLabel)}${question(q, entry.second, entry.secondLabel)}
        </fieldset>`,
  )}
  <p class="save-status" role="status" aria-live="polite"></p>
  <div class="nav">
    ${v.backUrl ? html`<button type="submit" name="nav" value="back" class="button secondary" formnovalidate>${t.back}</button>` : ''}
    <button type="submit" name="nav" value="next" class="button">${v.isLast ? t.toReview : t.next}</button>
  </div>
</form>
${v.resume ? resumeBox(v.resume, t) : ''}`;
  return publicPage(v.chrome, body, errorIds.length > 0 ? { status: 'error' } : {});
}

type PageEntry =
  | { kind: 'single'; item: TItem }
  | { kind: 'twins'; title: string; first: TItem; firstLabel: string; second: TItem; secondLabel: string };

/**
 * Twins asked one after the other whose wordings share a subject before a colon
 * ("Nieuwsgierig zijn: het niveau waarover ik nu beschik" / "…: het niveau waar ik naartoe
 * wil werken") are shown as one group under that subject, so 28 grades read as 14 pairs.
 */
function groupTwins(items: TItem[], lang: TLanguage): PageEntry[] {
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
