/**
 * The page a resume link opens. It changes nothing by itself (mail scanners open links
 * before people do): a button continues, and only then is the response given a new code
 * and the old one retired — so whoever handed out the link can no longer open what is
 * entered after. A browser that has its own questionnaire in progress is asked which one
 * to continue, with how far each has got.
 */
import type { TLanguage } from '../../../survey-definitions/schema.ts';
import { hiddenField } from '../components.ts';
import { html, type SafeHtml, type SafeUrl } from '../html.ts';
import { publicPage, type Chrome } from '../layout.ts';

export interface TProgress {
  answered: number;
  asked: number;
}

export interface ResumeChoiceView {
  chrome: Chrome;
  action: SafeUrl;
  csrf: string;
  code: string;
  linked: TProgress;
  /** This browser's own response in progress, when it has one (and it is another). */
  own?: TProgress | undefined;
}

const TEXT: Record<
  TLanguage,
  {
    title: string;
    intro: string;
    choose: string;
    progress: (p: TProgress) => string;
    linked: string;
    own: string;
    continueLinked: string;
    continueOwn: string;
    note: string;
  }
> = {
  nl: {
    title: 'Verder met de vragenlijst',
    intro: 'Deze link hoort bij een vragenlijst die al is begonnen.',
    choose: 'In deze browser is ook al een andere vragenlijst in uitvoering. Met welke wilt u verder?',
    progress: (p) => `${p.answered} van ${p.asked} vragen beantwoord`,
    linked: 'De vragenlijst van deze link',
    own: 'De vragenlijst die u in deze browser invulde',
    continueLinked: 'Verder met de vragenlijst van deze link',
    continueOwn: 'Verder met mijn eigen vragenlijst',
    note: 'U krijgt een nieuwe code om later verder te gaan; de oude code en link werken daarna niet meer. Gebruik alleen een link die u zelf hebt bewaard.',
  },
  en: {
    title: 'Continue the questionnaire',
    intro: 'This link belongs to a questionnaire that was already started.',
    choose: 'This browser also has another questionnaire in progress. Which one do you want to continue?',
    progress: (p) => `${p.answered} of ${p.asked} questions answered`,
    linked: 'The questionnaire of this link',
    own: 'The questionnaire you filled in in this browser',
    continueLinked: 'Continue the questionnaire of this link',
    continueOwn: 'Continue my own questionnaire',
    note: 'You get a new code to continue later; the old code and link stop working. Only use a link you saved yourself.',
  },
};

export function resumeChoicePage(view: ResumeChoiceView): SafeHtml {
  const t = TEXT[view.chrome.lang];
  const linkedForm = html`<form method="post" action="${view.action}">
  ${hiddenField('_csrf', view.csrf)}${hiddenField('code', view.code)}${hiddenField('confirm', '1')}
  <button class="button" type="submit">${t.continueLinked}</button>
</form>`;
  const body = view.own
    ? html`<section class="card message"><h1>${t.title}</h1><p>${t.choose}</p>
<h2>${t.linked}</h2><p>${t.progress(view.linked)}</p>${linkedForm}
<h2>${t.own}</h2><p>${t.progress(view.own)}</p>
<form method="post" action="${view.action}">${hiddenField('_csrf', view.csrf)}${hiddenField('keep', 'own')}<button class="button secondary" type="submit">${t.continueOwn}</button></form>
<p class="muted">${t.note}</p></section>`
    : html`<section class="card message"><h1>${t.title}</h1><p>${t.intro}</p><p>${t.progress(view.linked)}</p>${linkedForm}<p class="muted">${t.note}</p></section>`;
  return publicPage(view.chrome, body);
}
