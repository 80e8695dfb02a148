/**
 * Small building blocks for the programme, wave and monitor pages. They write the same
 * markup (and class names) as the workspace components in ./components.ts, so the pages
 * look alike; the lead may fold them into those components.
 */
import { html, type SafeHtml } from '../html.ts';
import type { TWaveMessages } from './messages-waves.ts';

/** field → Dutch (or English) message, shown next to the field. */
export type TErrors = Record<string, string>;

export const fieldId = (name: string) => `f-${name.replace(/[^a-zA-Z0-9_-]/g, '-')}`;

interface TField {
  name: string;
  label: string;
  value?: string | undefined;
  hint?: string | undefined;
  error?: string | undefined;
  type?: 'text' | 'date' | 'number';
  width?: 'short' | 'medium' | 'full';
  maxLength?: number;
  optional?: string;
  /** Extra attributes such as min/max for numbers. */
  min?: number;
  max?: number;
}

export function textField(f: TField): SafeHtml {
  const id = fieldId(f.name);
  const described = [f.hint ? `${id}-hint` : '', f.error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return html`<div class="field${f.error ? ' field--error' : ''}">
<label class="field-label" for="${id}">${f.label}${f.optional ? html` <span class="field-optional">(${f.optional})</span>` : ''}</label>
${f.hint ? html`<p class="field-hint" id="${id}-hint">${f.hint}</p>` : ''}
${f.error ? html`<p class="field-error" id="${id}-error">${f.error}</p>` : ''}
<input class="input input--${f.width ?? 'full'}" id="${id}" name="${f.name}" type="${f.type ?? 'text'}" value="${f.value ?? ''}"${
    f.maxLength ? html` maxlength="${f.maxLength}"` : ''
  }${f.min !== undefined ? html` min="${f.min}"` : ''}${f.max !== undefined ? html` max="${f.max}"` : ''}${
    f.type === 'number' ? html` inputmode="numeric"` : ''
  }${described ? html` aria-describedby="${described}"` : ''}${f.error ? html` aria-invalid="true"` : ''}>
</div>`;
}

export function selectField(f: TField & { options: readonly { value: string; label: string }[] }): SafeHtml {
  const id = fieldId(f.name);
  const described = [f.hint ? `${id}-hint` : '', f.error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return html`<div class="field${f.error ? ' field--error' : ''}">
<label class="field-label" for="${id}">${f.label}</label>
${f.hint ? html`<p class="field-hint" id="${id}-hint">${f.hint}</p>` : ''}
${f.error ? html`<p class="field-error" id="${id}-error">${f.error}</p>` : ''}
<select class="input input--${f.width ?? 'medium'}" id="${id}" name="${f.name}"${described ? html` aria-describedby="${described}"` : ''}${
    f.error ? html` aria-invalid="true"` : ''
  }>${f.options.map((o) => html`<option value="${o.value}"${o.value === f.value ? html` selected` : ''}>${o.label}</option>`)}</select>
</div>`;
}

/** The problems at the top of a form, each linking to its field. */
export function errorSummary(t: TWaveMessages, errors: TErrors, labels: Record<string, string>): SafeHtml {
  // In the order of the form (the order of `labels`), form-wide problems first.
  const order = ['_form', ...Object.keys(labels)];
  const rank = (field: string) => (order.includes(field) ? order.indexOf(field) : order.length);
  const entries = Object.entries(errors).sort(([a], [b]) => rank(a) - rank(b));
  if (entries.length === 0) return html``;
  return html`<div class="error-summary" role="alert" tabindex="-1">
<h2>${t.errorSummary}</h2>
<ul>${entries.map(([field, message]) =>
    labels[field] ? html`<li><a href="#${fieldId(field)}">${labels[field]}: ${message}</a></li>` : html`<li>${message}</li>`,
  )}</ul>
</div>`;
}

export function button(label: string, variant: 'primary' | 'secondary' | 'danger' = 'primary'): SafeHtml {
  return html`<button class="btn btn--${variant}" type="submit">${label}</button>`;
}

export function linkButton(href: string, label: string, variant: 'primary' | 'secondary' = 'secondary'): SafeHtml {
  return html`<a class="btn btn--${variant}" href="${href}">${label}</a>`;
}

export function form(action: string, csrf: string, body: SafeHtml, label?: string): SafeHtml {
  return html`<form class="form" method="post" action="${action}" novalidate${label ? html` aria-label="${label}"` : ''}><input type="hidden" name="_csrf" value="${csrf}">
${body}
</form>`;
}

/** One POST button on its own (archive, close, reissue), with CSRF. */
export function actionButton(
  action: string,
  csrf: string,
  label: string,
  variant: 'primary' | 'secondary' | 'danger' = 'secondary',
): SafeHtml {
  return html`<form class="inline-form" method="post" action="${action}"><input type="hidden" name="_csrf" value="${csrf}">${button(label, variant)}</form>`;
}

export function notice(kind: 'info' | 'success' | 'warning', text: string): SafeHtml {
  return html`<div class="notice notice--${kind}" role="${kind === 'warning' ? 'alert' : 'status'}"><div class="notice-body"><p>${text}</p></div></div>`;
}

export function pageHeader(title: string, intro?: string, actions?: SafeHtml): SafeHtml {
  return html`<div class="page-header"><div><h1>${title}</h1>${intro ? html`<p class="lead">${intro}</p>` : ''}</div>${
    actions ? html`<div class="page-actions">${actions}</div>` : ''
  }</div>`;
}

export function panel(title: string, id: string, body: SafeHtml): SafeHtml {
  return html`<section class="panel" aria-labelledby="${id}"><h2 id="${id}">${title}</h2>${body}</section>`;
}

export function table(t: {
  caption: string;
  head: readonly string[];
  rows: readonly (readonly (SafeHtml | string | number)[])[];
  numeric?: readonly number[];
}): SafeHtml {
  const num = new Set(t.numeric ?? []);
  const cls = (i: number) => (num.has(i) ? html` class="num"` : '');
  return html`<div class="table-wrap" role="region" aria-label="${t.caption}" tabindex="0"><table class="table">
<caption class="sr-only">${t.caption}</caption>
<thead><tr>${t.head.map((h, i) => html`<th scope="col"${cls(i)}>${h}</th>`)}</tr></thead>
<tbody>${t.rows.map((r) => html`<tr>${r.map((c, i) => html`<td${cls(i)}>${c}</td>`)}</tr>`)}</tbody>
</table></div>`;
}

export function badge(label: string, tone: 'neutral' | 'ok' | 'warn' | 'off' = 'neutral'): SafeHtml {
  return html`<span class="badge badge--${tone}">${label}</span>`;
}

export function facts(items: readonly [string, SafeHtml | string][]): SafeHtml {
  return html`<dl class="facts-list">${items.map(([k, v]) => html`<div><dt>${k}</dt><dd>${v}</dd></div>`)}</dl>`;
}
