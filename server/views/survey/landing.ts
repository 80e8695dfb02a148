/**
 * The welcome page of a questionnaire link: what it is about, how anonymous it is, and
 * the way in — start, continue (this device has a partial response), or "already sent".
 * Below it, continuing with a resume code.
 */
import type { TDefinition } from '../../../survey-definitions/schema.ts';
import { hiddenField, icon, notice } from '../components.ts';
import { attrs, html, paragraphs, type SafeHtml, type SafeUrl } from '../html.ts';
import { tr } from '../../lib/i18n.ts';
import { publicPage, type Chrome } from '../layout.ts';
import { messages } from '../messages.ts';

export interface LandingView {
  chrome: Chrome;
  def: TDefinition;
  waveLabel: string;
  threshold: number;
  teamName: string | null;
  startUrl: SafeUrl;
  resumeAction: SafeUrl;
  csrf: string;
  /** Set when this device already has a partial response. */
  continueUrl?: SafeUrl | undefined;
  /** Set when this device already sent the questionnaire. */
  alreadySent?: { newUrl: SafeUrl } | undefined;
  resumeError?: boolean | undefined;
  resumeInput?: string | undefined;
}

export function landingPage(v: LandingView): SafeHtml {
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
  ${
    v.alreadySent
      ? html`${notice('status', t.alreadySentTitle, t.alreadySentText)}
      <p class="muted">${t.newForColleague}</p>
      <p><a class="button secondary" href="${v.alreadySent.newUrl}">${t.newForColleagueButton}</a></p>`
      : v.continueUrl
        ? html`${notice('status', t.welcomeBack, t.welcomeBackText)}
        <p><a class="button" href="${v.continueUrl}">${t.continue}</a></p>`
        : html`<p><a class="button" href="${v.startUrl}">${t.start}</a></p>`
  }
</section>
<section class="card resume">
  <h2>${t.resumeWithCode}</h2>
  <form method="post" action="${v.resumeAction}" class="resume-form">
    ${hiddenField('_csrf', v.csrf)}
    <label for="resume-code">${t.resumeCodeInput}</label>
    <p class="hint" id="resume-hint">${t.resumeCodeHint}</p>
    ${v.resumeError ? html`<p class="err" id="resume-err">${t.resumeUnknown}</p>` : ''}
    <div class="inline">
      <input id="resume-code" name="code" type="text" autocomplete="off" autocapitalize="characters" spellcheck="false"
        inputmode="text" maxlength="40" value="${v.resumeInput ?? ''}"
        aria-describedby="resume-hint${v.resumeError ? ' resume-err' : ''}"${attrs({ 'aria-invalid': v.resumeError ? 'true' : undefined })}>
      <button type="submit" class="button secondary">${t.resumeButton}</button>
    </div>
  </form>
</section>`;
  return publicPage(v.chrome, body);
}
