/**
 * Building blocks for workspace pages, so that every form, table and message looks and
 * behaves the same (and passes axe): use these instead of hand-written markup.
 *
 * Forms, the pattern every page follows:
 *   1. GET renders the form with `form({ action, csrf: reply.generateCsrf(), body })`.
 *   2. POST parses `request.body` with a zod schema whose messages are catalogue keys
 *      (`z.string().max(120, 'errNameTooLong')`); on failure `fieldErrors(t, error)` gives
 *      `{ field: 'Dutch message' }` and the page is rendered again with status 400, the
 *      typed values (`values`) and the errors: `errorSummary()` on top, each message next
 *      to its field (`textField({ ..., error: errors.name })`). Nothing is changed.
 *   3. On success: do the work, then `reply.redirect(url + '?gedaan=…', 303)` and show a
 *      `notice()` on the page it lands on.
 * Field ids are `f-<name>`, so the summary links to the field.
 */
import type { z } from 'zod';
import { html, type SafeHtml } from '../html.ts';
import { translateError, type Messages } from './messages.ts';

export type TFieldErrors = Record<string, string>;

/** The first message per field of a failed zod parse, translated through the catalogue. */
export function fieldErrors(t: Messages, error: z.ZodError): TFieldErrors {
  const out: TFieldErrors = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? '_form');
    if (!(field in out)) out[field] = translateError(t, issue.message);
  }
  return out;
}

export const fieldId = (name: string) => `f-${name.replace(/[^a-zA-Z0-9_-]/g, '-')}`;

interface TFieldBase {
  name: string;
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  required?: boolean;
}

function describedBy(id: string, f: TFieldBase): string {
  return [f.hint ? `${id}-hint` : '', f.error ? `${id}-error` : ''].filter(Boolean).join(' ');
}

/** The catalogue entry that marks a field optional in its label. */
type TOptionalText = Pick<Messages, 'optional'>;

function labelAndMessages(id: string, f: TFieldBase, t?: TOptionalText): SafeHtml {
  return html`<label class="field-label" for="${id}">${f.label}${
    f.required === false && t ? html` <span class="field-optional">(${t.optional})</span>` : ''
  }</label>
${f.hint ? html`<p class="field-hint" id="${id}-hint">${f.hint}</p>` : ''}
${f.error ? html`<p class="field-error" id="${id}-error"><span class="sr-only">Fout: </span>${f.error}</p>` : ''}`;
}

export interface TTextField extends TFieldBase {
  value?: string | undefined;
  type?: 'text' | 'email' | 'password' | 'date' | 'number' | 'search';
  autocomplete?: string;
  maxLength?: number;
  inputmode?: 'numeric' | 'email' | 'text';
  /** Marks the field optional in its label (with `required: false`; needs the catalogue). */
  t?: TOptionalText;
  width?: 'short' | 'medium' | 'full';
  /** Bounds of a number field. */
  min?: number;
  max?: number;
}

/** A labelled input with its hint and its error message right above the input. */
export function textField(f: TTextField): SafeHtml {
  const id = fieldId(f.name);
  const described = describedBy(id, f);
  // Passwords are never written back into the page, even after an error.
  const value = f.type === 'password' ? '' : (f.value ?? '');
  const inputmode = f.inputmode ?? (f.type === 'number' ? 'numeric' : undefined);
  return html`<div class="field${f.error ? ' field--error' : ''}">
${labelAndMessages(id, f, f.t)}
<input class="input input--${f.width ?? 'full'}" id="${id}" name="${f.name}" type="${f.type ?? 'text'}" value="${value}"${
    f.autocomplete ? html` autocomplete="${f.autocomplete}"` : ''
  }${f.maxLength ? html` maxlength="${f.maxLength}"` : ''}${f.min !== undefined ? html` min="${f.min}"` : ''}${
    f.max !== undefined ? html` max="${f.max}"` : ''
  }${inputmode ? html` inputmode="${inputmode}"` : ''}${f.required ? html` required` : ''}${described ? html` aria-describedby="${described}"` : ''}${f.error ? html` aria-invalid="true"` : ''}>
</div>`;
}

export interface TOption {
  value: string;
  label: string;
}

export interface TSelectField extends TFieldBase {
  options: readonly TOption[];
  value?: string | undefined;
  /** A first, empty choice such as "Alle handelingen". */
  placeholder?: string;
  width?: 'short' | 'medium' | 'full';
}

export function selectField(f: TSelectField): SafeHtml {
  const id = fieldId(f.name);
  const described = describedBy(id, f);
  return html`<div class="field${f.error ? ' field--error' : ''}">
${labelAndMessages(id, f)}
<select class="input${f.width ? ` input--${f.width}` : ''}" id="${id}" name="${f.name}"${described ? html` aria-describedby="${described}"` : ''}${
    f.error ? html` aria-invalid="true"` : ''
  }>${f.placeholder !== undefined ? html`<option value="">${f.placeholder}</option>` : ''}${f.options.map(
    (o) => html`<option value="${o.value}"${o.value === f.value ? html` selected` : ''}>${o.label}</option>`,
  )}</select>
</div>`;
}

export interface TChoiceGroup extends TFieldBase {
  options: readonly (TOption & { hint?: string })[];
  /** Checked values. */
  values?: readonly string[];
  kind: 'checkbox' | 'radio';
  /** Shown instead of the group when there are no options. */
  empty?: string;
}

/** Checkboxes or radio buttons in a fieldset; the error sits under the legend. */
export function choiceGroup(f: TChoiceGroup): SafeHtml {
  const id = fieldId(f.name);
  const described = describedBy(id, f);
  const checked = new Set(f.values ?? []);
  return html`<fieldset class="field choices${f.error ? ' field--error' : ''}" id="${id}"${
    described ? html` aria-describedby="${described}"` : ''
  }>
<legend class="field-label">${f.label}</legend>
${f.hint ? html`<p class="field-hint" id="${id}-hint">${f.hint}</p>` : ''}
${f.error ? html`<p class="field-error" id="${id}-error"><span class="sr-only">Fout: </span>${f.error}</p>` : ''}
${
  f.options.length === 0 && f.empty
    ? html`<p class="muted">${f.empty}</p>`
    : f.options.map(
        (o, i) =>
          html`<div class="choice"><input type="${f.kind}" id="${id}-${i}" name="${f.name}" value="${o.value}"${
            checked.has(o.value) ? html` checked` : ''
          }><label for="${id}-${i}">${o.label}${o.hint ? html` <span class="choice-hint">${o.hint}</span>` : ''}</label></div>`,
      )
}
</fieldset>`;
}

/** The list of problems at the top of a form, each linking to its field. */
export function errorSummary(t: Pick<Messages, 'errorSummary'>, errors: TFieldErrors, labels: Record<string, string>): SafeHtml {
  // In the order of the form (the order of `labels`), form-wide problems first.
  const order = ['_form', ...Object.keys(labels)];
  const rank = (field: string) => (order.includes(field) ? order.indexOf(field) : order.length);
  const entries = Object.entries(errors).sort(([a], [b]) => rank(a) - rank(b));
  if (entries.length === 0) return html``;
  return html`<div class="error-summary" role="alert" tabindex="-1">
<h2>${t.errorSummary}</h2>
<ul>${entries.map(([field, message]) =>
    field === '_form' || !labels[field]
      ? html`<li>${message}</li>`
      : html`<li><a href="#${fieldId(field)}">${labels[field]}: ${message}</a></li>`,
  )}</ul>
</div>`;
}

export type TButtonVariant = 'primary' | 'secondary' | 'danger' | 'link';

export interface TButtonOptions {
  variant?: TButtonVariant;
  name?: string;
  value?: string;
  /** The name a screen reader hears when the visible label repeats in a list ("Intrekken: laptop"). */
  ariaLabel?: string;
}

export function button(label: string, options: TButtonOptions = {}): SafeHtml {
  return html`<button class="btn btn--${options.variant ?? 'primary'}" type="submit"${
    options.name ? html` name="${options.name}" value="${options.value ?? ''}"` : ''
  }${options.ariaLabel ? html` aria-label="${options.ariaLabel}"` : ''}>${label}</button>`;
}

export function linkButton(href: string, label: string, variant: TButtonVariant = 'secondary'): SafeHtml {
  return html`<a class="btn btn--${variant}" href="${href}">${label}</a>`;
}

/** A form with its CSRF field. GET forms (filters) pass `method: 'get'` and no csrf. */
export function form(f: {
  action: string;
  csrf?: string;
  body: SafeHtml;
  method?: 'get' | 'post';
  className?: string;
  label?: string;
}): SafeHtml {
  return html`<form class="form${f.className ? ` ${f.className}` : ''}" method="${f.method ?? 'post'}" action="${f.action}" novalidate${
    f.label ? html` aria-label="${f.label}"` : ''
  }>${f.csrf ? html`<input type="hidden" name="_csrf" value="${f.csrf}">` : ''}
${f.body}
</form>`;
}

/** One POST button on its own (revoke, archive, close, log out), with CSRF. */
export function actionButton(a: {
  action: string;
  csrf: string;
  label: string;
  variant?: TButtonVariant;
  ariaLabel?: string;
  fields?: Record<string, string>;
}): SafeHtml {
  return html`<form class="inline-form" method="post" action="${a.action}"><input type="hidden" name="_csrf" value="${a.csrf}">${Object.entries(
    a.fields ?? {},
  ).map(
    ([k, v]) => html`<input type="hidden" name="${k}" value="${v}">`,
  )}${button(a.label, { variant: a.variant ?? 'secondary', ...(a.ariaLabel && { ariaLabel: a.ariaLabel }) })}</form>`;
}

export type TNoticeKind = 'info' | 'success' | 'warning' | 'error';

/** A message box; success and info are announced politely, warnings and errors at once. */
export function notice(kind: TNoticeKind, body: SafeHtml | string, title?: string): SafeHtml {
  const role = kind === 'error' || kind === 'warning' ? 'alert' : 'status';
  return html`<div class="notice notice--${kind}" role="${role}">${title ? html`<h2 class="notice-title">${title}</h2>` : ''}<div class="notice-body">${
    typeof body === 'string' ? html`<p>${body}</p>` : body
  }</div></div>`;
}

/** A secret or link shown once, in a field that is easy to select and copy. */
export function secretValue(label: string, value: string, id = 'secret'): SafeHtml {
  return html`<div class="secret"><label class="field-label" for="${id}">${label}</label><input class="input secret-value" id="${id}" type="text" readonly value="${value}"></div>`;
}

export interface TTable {
  caption: string;
  /** Hide the caption visually (when a heading right above says the same). */
  captionHidden?: boolean;
  head: readonly string[];
  rows: readonly (readonly (SafeHtml | string | number)[])[];
  empty: string;
  /** Columns (by index) with figures: right-aligned, tabular digits. */
  numeric?: readonly number[];
}

/** A data table that scrolls sideways on a phone instead of widening the page. */
export function table(tb: TTable): SafeHtml {
  if (tb.rows.length === 0) return html`<p class="empty">${tb.empty}</p>`;
  const num = new Set(tb.numeric ?? []);
  const cls = (i: number) => (num.has(i) ? html` class="num"` : '');
  return html`<div class="table-wrap" role="region" aria-label="${tb.caption}" tabindex="0"><table class="table">
<caption${tb.captionHidden ? html` class="sr-only"` : ''}>${tb.caption}</caption>
<thead><tr>${tb.head.map((h, i) => html`<th scope="col"${cls(i)}>${h}</th>`)}</tr></thead>
<tbody>${tb.rows.map((r) => html`<tr>${r.map((c, i) => html`<td${cls(i)}>${c}</td>`)}</tr>`)}</tbody>
</table></div>`;
}

/** Previous / next links with "Pagina 2 van 5"; `hrefFor(page)` keeps the filters. */
export function pagination(t: Messages, p: { page: number; pages: number; hrefFor: (page: number) => string }): SafeHtml {
  if (p.pages <= 1) return html``;
  return html`<nav class="pagination" aria-label="${t.pagination}">
${p.page > 1 ? html`<a class="btn btn--secondary" href="${p.hrefFor(p.page - 1)}" rel="prev">${t.previous}</a>` : ''}
<span class="pagination-label">${t.pageOf(p.page, p.pages)}</span>
${p.page < p.pages ? html`<a class="btn btn--secondary" href="${p.hrefFor(p.page + 1)}" rel="next">${t.next}</a>` : ''}
</nav>`;
}

/** The title of a page, an optional lead paragraph and actions on the right. */
export function pageHeader(h: { title: string; intro?: string; actions?: SafeHtml }): SafeHtml {
  return html`<div class="page-header"><div><h1>${h.title}</h1>${h.intro ? html`<p class="lead">${h.intro}</p>` : ''}</div>${
    h.actions ? html`<div class="page-actions">${h.actions}</div>` : ''
  }</div>`;
}

/** A white panel with an optional heading (h2). */
export function panel(body: SafeHtml, title?: string, id?: string): SafeHtml {
  const headingId = id ? `${id}-title` : undefined;
  return html`<section class="panel"${id ? html` id="${id}"` : ''}${headingId && title ? html` aria-labelledby="${headingId}"` : ''}>${
    title ? html`<h2${headingId ? html` id="${headingId}"` : ''}>${title}</h2>` : ''
  }${body}</section>`;
}

/** A small coloured label (status, role). */
export function badge(label: string, tone: 'neutral' | 'ok' | 'warn' | 'off' = 'neutral'): SafeHtml {
  return html`<span class="badge badge--${tone}">${label}</span>`;
}

/** Definition list of facts (label → value). */
export function facts(items: readonly [string, SafeHtml | string][]): SafeHtml {
  return html`<dl class="facts-list">${items.map(([k, v]) => html`<div><dt>${k}</dt><dd>${v}</dd></div>`)}</dl>`;
}
