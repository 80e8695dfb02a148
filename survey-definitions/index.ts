/**
 * The questionnaire versions the platform knows, validated when this module loads (a
 * broken definition throws here, long before a respondent sees it), and the small
 * functions every other part uses to read them.
 */
import { definitionKey, type TCondition, type TDefinition, type TItem, type TScale, type TScaledItem } from './schema.ts';
import type { TAnswers } from './answers.ts';
import { loadDefinitions } from './validate.ts';
import { wijkteam2015 } from './wijkteam-2015.ts';
import { wijkteam2016 } from './wijkteam-2016.ts';

export * from './schema.ts';
export * from './answers.ts';
export { DefinitionError, loadDefinitions, parseDefinition, validateLineage, type TDefinitionProblem } from './validate.ts';
export { codebookCsv, codebookMarkdown, type TCodebookCsvOptions } from './codebook.ts';
export { contentHash } from './hash.ts';

/** Every version, oldest first. Deep-frozen: a published version does not change. */
export const definitions: readonly TDefinition[] = loadDefinitions([wijkteam2015, wijkteam2016]);

/** A version by its key, e.g. `wijkteam@2016`. */
export function getDefinition(key: string): TDefinition | undefined {
  return definitions.find((d) => definitionKey(d) === key);
}

/** Every item in the order the respondent meets them. */
export function allItems(def: TDefinition): TItem[] {
  return def.blocks.flatMap((b) => b.items);
}

export function isScaledItem(item: TItem): item is TScaledItem {
  return item.kind === 'likert' || item.kind === 'grade';
}

/** The items whose answer is a value on a scale: the ones that are scored and analysed. */
export function scaledItems(def: TDefinition): TScaledItem[] {
  return allItems(def).filter(isScaledItem);
}

/** A fresh map on every call, so a caller that changes it changes nothing else. */
export function itemById(def: TDefinition): Map<string, TItem> {
  return new Map(allItems(def).map((i) => [i.id, i]));
}

/** The block an item is asked in. */
export function blockOf(def: TDefinition, itemId: string): TDefinition['blocks'][number] | undefined {
  return def.blocks.find((b) => b.items.some((i) => i.id === itemId));
}

/**
 * The scale of a scaled item. Validation guarantees it exists, so a miss means the item
 * is not from `def` — a programming error, hence the throw.
 */
export function scaleOf(def: TDefinition, item: TScaledItem): TScale;
export function scaleOf(def: TDefinition, item: TItem): TScale | undefined;
export function scaleOf(def: TDefinition, item: TItem): TScale | undefined {
  if (!isScaledItem(item)) return undefined;
  const scale = def.scales.find((s) => s.id === item.scale);
  if (!scale) throw new Error(`${definitionKey(def)}: item "${item.id}" has scale "${item.scale}", which it does not define`);
  return scale;
}

/**
 * Whether a condition holds for the answers so far. No condition: shown. A condition on
 * an item without an answer (missing, or an empty string from a form) is not met, so a
 * follow-up question stays hidden until its trigger is answered. Numbers may arrive as
 * strings from a form; they compare by value.
 */
export function isShown(condition: TCondition | undefined, answers: Readonly<Partial<TAnswers>>): boolean {
  if (!condition) return true;
  const answer = answers[condition.item];
  if (answer === undefined || answer === '') return false;
  switch (condition.op) {
    case 'eq':
      return matches(answer, condition.value);
    case 'in':
      return condition.values.some((v) => matches(answer, v));
    case 'gt': {
      const n = asNumber(answer);
      return n !== undefined && n > condition.value;
    }
  }
}

/** Whether an item is shown: its block's condition and its own both hold. */
export function isItemShown(def: TDefinition, item: TItem, answers: Readonly<Partial<TAnswers>>): boolean {
  const block = blockOf(def, item.id);
  return isShown(block?.condition, answers) && isShown(item.condition, answers);
}

function matches(answer: string | number, expected: string | number): boolean {
  return typeof expected === 'number' ? asNumber(answer) === expected : String(answer) === expected;
}

function asNumber(answer: string | number): number | undefined {
  const n = typeof answer === 'number' ? answer : answer.trim() === '' ? Number.NaN : Number(answer);
  return Number.isFinite(n) ? n : undefined;
}

/**
 * The items a construct is computed from, in definition order: for a mean construct the
 * items that list it, for a gap construct its now and target item. Unknown id: none.
 */
export function itemsOfConstruct(def: TDefinition, constructId: string): TScaledItem[] {
  const construct = def.constructs.find((c) => c.id === constructId);
  if (!construct) return [];
  const scaled = scaledItems(def);
  if (construct.kind === 'mean') return scaled.filter((i) => i.constructs.includes(constructId));
  return [construct.now, construct.target].flatMap((id) => scaled.filter((i) => i.id === id));
}

/**
 * An answer on the 0–1 scale the reports use: (value − min) / (max − min). Works for
 * means too. A value outside the scale is a data error, not something to clamp quietly.
 */
export function normalise(scale: Pick<TScale, 'id' | 'min' | 'max'>, value: number): number {
  if (!Number.isFinite(value) || value < scale.min || value > scale.max) {
    throw new RangeError(`value ${value} is outside scale "${scale.id}" (${scale.min}..${scale.max})`);
  }
  return (value - scale.min) / (scale.max - scale.min);
}
