/** The page after sending: thanks, and what was (not) stored. */
import { icon } from '../components.ts';
import { html, type SafeHtml } from '../html.ts';
import { publicPage, type Chrome } from '../layout.ts';
import { messages } from '../messages.ts';

export function thanksPage(chrome: Chrome): SafeHtml {
  const t = messages(chrome.lang);
  return publicPage(
    chrome,
    html`<section class="card message thanks">
  <div class="thanks-mark" aria-hidden="true">${icon('check')}</div>
  <h1>${t.thanksTitle}</h1>
  <p>${t.thanksText}</p>
  <p class="muted">${t.thanksClose}</p>
</section>`,
  );
}
