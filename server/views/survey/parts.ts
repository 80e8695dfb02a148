/**
 * Pieces the questionnaire pages share: the resume box, item texts, anchors.
 */
import type { TLanguage } from '../../../survey-definitions/schema.ts';
import type { TItem } from '../../../survey-definitions/schema.ts';
import { html, type SafeHtml } from '../html.ts';
import { tr } from '../../lib/i18n.ts';
import type { Messages } from '../messages.ts';

export interface TResumeInfo {
  code: string;
  url: string;
}

export function resumeBox(resume: TResumeInfo, t: Messages): SafeHtml {
  return html`<details class="card resume-box">
  <summary>${t.resumeTitle}</summary>
  <p>${t.resumeText}</p>
  <dl>
    <dt>${t.resumeCodeLabel}</dt><dd><code class="code">${resume.code}</code></dd>
    <dt>${t.resumeLinkLabel}</dt><dd><a href="${resume.url}" class="break">${resume.url}</a></dd>
  </dl>
</details>`;
}

/** An item id as an element id and fragment (`q-<anchor>`): dots become dashes. */
export function anchor(id: string): string {
  return id.replace(/[^a-z0-9_-]/gi, '-');
}

export function itemText(item: TItem, lang: TLanguage): string {
  return tr(item.text, lang);
}

/** A question as a link text in a list: the first 60 characters. */
export function shortText(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}
