/**
 * One question on a page, rendered by its kind. The table `KINDS` is typed against the
 * item kinds of the definition schema: a new kind in survey-definitions/schema.ts does
 * not compile until it has a renderer here.
 */
import { scaleOf } from '../../../survey-definitions/index.ts';
import type { TBlock, TCondition, TDefinition, TItem, TItemKind, TLanguage } from '../../../survey-definitions/schema.ts';
import { FIELD_PREFIX } from '../../survey/form.ts';
import type { TSurveyTeam } from '../../services/responses.ts';
import { attrs, html, type SafeHtml } from '../html.ts';
import { tr } from '../../lib/i18n.ts';
import type { Messages } from '../messages.ts';
import { anchor, itemText } from './parts.ts';

/** What every question needs from its page. */
export interface TQuestionContext {
  lang: TLanguage;
  t: Messages;
  def: TDefinition;
  teams: readonly TSurveyTeam[];
  block: TBlock;
  values: Readonly<Record<string, string>>;
  errors: Readonly<Record<string, string>>;
}

/** The parts of a question every kind lays out the same way. */
interface TQuestionParts {
  q: TQuestionContext;
  text: string;
  id: string;
  name: string;
  value: string;
  error: string | undefined;
  sameConditional: SafeHtml | '';
  requiredMark: SafeHtml;
  /** Help, the "only if this applies" hint and the error, in that order. */
  notes: SafeHtml;
  described: SafeHtml;
}

type TItemOf<K extends TItemKind> = Extract<TItem, { kind: K }>;
type TRenderer<K extends TItemKind> = (p: TQuestionParts, item: TItemOf<K>) => SafeHtml;

function radios(p: TQuestionParts, item: TItem, options: { value: string; label: string }[], cls: string): SafeHtml {
  return html`
<fieldset class="q ${cls}${p.error ? ' has-error' : ''}" id="q-${p.id}"${p.sameConditional}${p.described}>
  <legend><span class="q-text">${p.text}</span> ${p.requiredMark}</legend>
  ${p.notes}
  <div class="opts">
    ${options.map(
      (o, i) =>
        html`<label class="opt"><input type="radio" name="${p.name}" value="${o.value}" id="q-${p.id}-${i}"${attrs({
          checked: p.value === o.value,
          required: item.required,
        })}><span>${o.label}</span></label>`,
    )}
  </div>
</fieldset>`;
}

const KINDS: { [K in TItemKind]: TRenderer<K> } = {
  likert: (p, item) => {
    const scale = scaleOf(p.q.def, item);
    return radios(
      p,
      item,
      scale.values.map((s) => ({ value: String(s.value), label: tr(s.label, p.q.lang) })),
      `likert n${scale.values.length}`,
    );
  },
  grade: (p, item) => {
    const lang = p.q.lang;
    const scale = scaleOf(p.q.def, item);
    // The ends as words ("1 zeer slecht" … "10 uitmuntend"): the first and last values
    // whose label says more than the number itself.
    const worded = scale.values.filter((s) => tr(s.label, lang).trim() !== String(s.value));
    const low = worded[0];
    const high = worded[worded.length - 1];
    return html`
<fieldset class="q grade${p.error ? ' has-error' : ''}" id="q-${p.id}"${p.sameConditional}${p.described}>
  <legend><span class="q-text">${p.text}</span> ${p.requiredMark}</legend>
  ${p.notes}
  <div class="opts grade-opts">
    ${scale.values.map(
      (s, i) =>
        html`<label class="opt grade-opt"><input type="radio" name="${p.name}" value="${s.value}" id="q-${p.id}-${i}"${attrs({
          checked: p.value === String(s.value),
        })}><span>${s.value}</span><span class="sr-only"> – ${tr(s.label, lang)}</span></label>`,
    )}
  </div>
  ${
    low && high && low !== high
      ? html`<p class="grade-ends" aria-hidden="true"><span>${tr(low.label, lang)}</span><span>${tr(high.label, lang)}</span></p>`
      : ''
  }
</fieldset>`;
  },
  single_choice: (p, item) =>
    radios(
      p,
      item,
      item.options.map((o) => ({ value: o.value, label: tr(o.label, p.q.lang) })),
      'choice',
    ),
  team: (p, item) =>
    radios(
      p,
      item,
      p.q.teams.map((team) => ({ value: String(team.id), label: team.name })),
      'choice team',
    ),
  number: (p, item) => html`
<div class="q number${p.error ? ' has-error' : ''}" id="q-${p.id}"${p.sameConditional}>
  <label for="f-${p.id}" class="q-text">${p.text} ${p.requiredMark}</label>
  ${p.notes}
  <div class="inline"><input id="f-${p.id}" name="${p.name}" type="text" inputmode="numeric" pattern="[0-9]*" autocomplete="off"
    class="short" value="${p.value}"${invalid(p)}${p.described}>${item.unit ? html`<span class="unit">${tr(item.unit, p.q.lang)}</span>` : ''}</div>
</div>`,
  text: (p, item) => html`
<div class="q text${p.error ? ' has-error' : ''}" id="q-${p.id}"${p.sameConditional}>
  <label for="f-${p.id}" class="q-text">${p.text} ${p.requiredMark}</label>
  ${p.notes}
  ${
    item.multiline
      ? html`<textarea id="f-${p.id}" name="${p.name}" rows="6" maxlength="${item.maxLength}" data-counter="${p.q.t.charactersLeft}"${invalid(p)}${p.described}>${p.value}</textarea>`
      : html`<input id="f-${p.id}" name="${p.name}" type="text" maxlength="${item.maxLength}" value="${p.value}"${invalid(p)}${p.described}>`
  }
</div>`,
};

function invalid(p: TQuestionParts): SafeHtml {
  return attrs({ 'aria-invalid': p.error ? 'true' : undefined });
}

function conditionAttr(item: TItem, block: TBlock): SafeHtml | '' {
  const c: TCondition | undefined = item.condition;
  // Only conditions on this page need live handling; earlier pages are decided already.
  if (!c || !block.items.some((i) => i.id === c.item)) return '';
  return attrs({ 'data-show-if': JSON.stringify({ ...c, item: FIELD_PREFIX + c.item }) });
}

/** A question; `shownText` replaces the item's wording (the half of a pair under a shared title). */
export function question(q: TQuestionContext, item: TItem, shownText?: string): SafeHtml {
  const t = q.t;
  const id = anchor(item.id);
  const error = q.errors[item.id];
  const sameConditional = conditionAttr(item, q.block);
  const describedBy = [item.help ? `help-${id}` : '', error ? `err-${id}` : ''].filter(Boolean).join(' ');
  const parts: TQuestionParts = {
    q,
    text: shownText ?? itemText(item, q.lang),
    id,
    name: FIELD_PREFIX + item.id,
    value: q.values[item.id] ?? '',
    error,
    sameConditional,
    requiredMark: item.required
      ? html`<span class="req">(${t.required})</span>`
      : html`<span class="opt-mark">(${t.optional})</span>`,
    notes: html`${item.help ? html`<p class="hint" id="help-${id}">${tr(item.help, q.lang)}</p>` : ''}${
      sameConditional ? html`<p class="hint cond-hint">${t.conditionalHint}</p>` : ''
    }${error ? html`<p class="err" id="err-${id}">${error}</p>` : ''}`,
    described: attrs({ 'aria-describedby': describedBy || undefined }),
  };
  // The table is keyed by kind, so this renderer takes exactly this item's type.
  const render = KINDS[item.kind] as TRenderer<TItemKind>;
  return render(parts, item);
}
