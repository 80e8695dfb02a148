/**
 * Small pieces shared by pages: icons, hidden form fields, the progress bar, notices.
 * Each returns `SafeHtml`; texts come in already translated.
 */
import { attrs, html, type SafeHtml } from './html.ts';

const ICONS = {
  lock: 'M7 10V7a5 5 0 0 1 10 0v3h1a1 1 0 0 1 1 1v9a1 1 0 0 1-1 1H6a1 1 0 0 1-1-1v-9a1 1 0 0 1 1-1h1zm2 0h6V7a3 3 0 0 0-6 0v3z',
  check: 'M9.5 16.2 5.3 12l-1.4 1.4 5.6 5.6 11-11-1.4-1.4z',
  info: 'M11 7h2v2h-2zm0 4h2v6h-2zm1-9a10 10 0 1 0 0 20 10 10 0 0 0 0-20z',
} as const;

export type TIconName = keyof typeof ICONS;

/** A decorative icon; the text next to it carries the meaning. */
export function icon(name: TIconName): SafeHtml {
  return html`<svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="${ICONS[name]}"/></svg>`;
}

/** A hidden form field (`_csrf` on every form of ours, `r` for the resume code). */
export function hiddenField(name: string, value: string): SafeHtml {
  return html`<input type="hidden"${attrs({ name, value })}>`;
}

/** "Step 3 of 8" with a progress bar that announces the same. */
export function progress(label: string, step: number, steps: number): SafeHtml {
  return html`<div class="progress">
  <p class="progress-label" id="progress-label">${label}</p>
  <progress max="${steps}" value="${step}" aria-labelledby="progress-label"></progress>
</div>`;
}

/** A highlighted message with a heading, e.g. "Welcome back". */
export function notice(role: 'status' | 'alert', title: string, text: string): SafeHtml {
  return html`<div class="notice" role="${role}"><h2>${title}</h2><p>${text}</p></div>`;
}
