/**
 * The frame of every public page — the questionnaire, the home page and the error pages
 * people see: header with the language switch, main content, the anonymity footer.
 * Workspace pages have their own frame (workspace/layout.ts).
 */
import type { TLanguage } from '../../survey-definitions/schema.ts';
import { icon } from './components.ts';
import { attrs, html, type SafeHtml, type SafeUrl } from './html.ts';
import { messages } from './messages.ts';

export interface Chrome {
  lang: TLanguage;
  /** Programme name shown in the header, when known. */
  programme?: string | undefined;
  title: string;
  /** URL that switches the language (same page). */
  switchLanguageUrl?: SafeUrl | undefined;
}

export function publicPage(chrome: Chrome, body: SafeHtml, options: { status?: 'error' } = {}): SafeHtml {
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
<body${attrs({ class: options.status === 'error' ? 'is-error' : undefined })}>
<a class="skip" href="#main">${t.skip}</a>
<header class="top">
  <div class="wrap top-inner">
    <span class="brand" aria-label="wijkmeter"><span class="brand-mark" aria-hidden="true"></span>wijkmeter</span>
    ${chrome.programme ? html`<span class="programme">${chrome.programme}</span>` : ''}
    ${
      chrome.switchLanguageUrl
        ? html`<a class="lang"${attrs({ href: chrome.switchLanguageUrl, lang: t.languageCode, hreflang: t.languageCode })}>${t.language}</a>`
        : ''
    }
  </div>
</header>
<main id="main" class="wrap" tabindex="-1">
${body}
</main>
<footer class="foot wrap">
  <p>${icon('lock')} ${t.anonymousBadge}: ${t.footerPrivacy}</p>
</footer>
</body>
</html>`;
}
