/**
 * Pages that only say something: the HTML error page of the public routes, and the
 * one-message page ("not available", "already sent") they share with it. The status and
 * the public message of an error are decided in plugins/error-handler.ts; this only words
 * them for people. A 5xx page shows the request id as a reference and nothing else.
 */
import { html, paragraphs, type SafeHtml } from './html.ts';
import { publicPage, type Chrome } from './layout.ts';
import { messages } from './messages.ts';

export function messagePage(chrome: Chrome, title: string, text: string, extra?: SafeHtml): SafeHtml {
  return publicPage(chrome, html`<section class="card message"><h1>${title}</h1>${paragraphs(text)}${extra ?? ''}</section>`);
}

/** The page for an error status on a public route. */
export function errorPage(chrome: Chrome, status: number, requestId: string): SafeHtml {
  const t = messages(chrome.lang);
  if (status >= 500) return messagePage(chrome, t.serverErrorTitle, t.serverErrorText(requestId));
  if (status === 413) return messagePage(chrome, t.invalidTitle, t.tooLargeText);
  return messagePage(chrome, t.invalidTitle, t.invalidText);
}
