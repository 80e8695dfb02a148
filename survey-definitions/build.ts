/**
 * Small helpers for writing definition files. They only save typing: what they return
 * is plain definition data, and the definition is validated as a whole when it loads.
 * Generic on purpose — nothing here knows about a particular questionnaire.
 */
import type { TConstructGroupInput, TConstructInput, TItemInput, TLineage, TScaleInput, TText } from './schema.ts';

/** A text in both languages. Every respondent-facing text carries its translation. */
export function t(nl: string, en: string): TText {
  return { nl, en };
}

/** A scale whose values are `min`, `min + 1`, … labelled in the order given. */
export function labelledScale(
  id: string,
  labels: readonly TText[],
  options: { min?: number; presentation?: 'labels' | 'grade' } = {},
): TScaleInput {
  const min = options.min ?? 0;
  return {
    id,
    min,
    max: min + labels.length - 1,
    values: labels.map((label, i) => ({ value: min + i, label })),
    presentation: options.presentation ?? 'labels',
  };
}

/**
 * How the items of a block continue the previous version. A block shared between
 * versions is built once per version with the policy of that version, so the same
 * wording is never typed twice.
 */
export type TLineagePolicy = (itemId: string) => TLineage;
/** First version of a questionnaire: nothing to continue. */
export const asNew: TLineagePolicy = () => ({ kind: 'new' });
/** Asked unchanged in the previous version under the same id. */
export const asSame: TLineagePolicy = (itemId) => ({ kind: 'same', from: itemId });

/** An item before its lineage is known: a block shared between versions is written as drafts. */
export type TItemDraft = TItemInput extends infer I ? (I extends unknown ? Omit<I, 'lineage'> : never) : never;

/** Gives each draft the lineage the version's policy assigns to its id. */
export function withLineage(drafts: readonly TItemDraft[], lineage: TLineagePolicy): TItemInput[] {
  return drafts.map((d) => ({ ...d, lineage: lineage(d.id) }) as TItemInput);
}

type TTwinRole = 'now' | 'importance' | 'target';

/**
 * Links two items that ask the same thing twice (now / importance, now / target).
 * Returns copies with `twin` set on both, each naming the other.
 */
export function twins<A extends TItemInput, B extends TItemInput>(
  first: A,
  firstRole: TTwinRole,
  second: B,
  secondRole: TTwinRole,
): [A, B] {
  return [
    { ...first, twin: { item: second.id, role: firstRole } },
    { ...second, twin: { item: first.id, role: secondRole } },
  ];
}

/** A construct scored as the mean of the 0–1 scores of the items that list it. */
export function meanConstruct(id: string, group: string, label: TText): TConstructInput {
  return { kind: 'mean', id, group, label };
}

/** A construct scored as target − now per respondent, in the scale's own units. */
export function gapConstruct(id: string, group: string, label: TText, now: string, target: string): TConstructInput {
  return { kind: 'gap', id, group, label, now, target };
}

/** The group (report table) listing the given constructs in their order. */
export function groupOf(
  id: string,
  label: TText,
  constructs: readonly TConstructInput[],
  description?: TText,
): TConstructGroupInput {
  return {
    id,
    label,
    ...(description ? { description } : {}),
    constructs: constructs.map((c) => c.id),
  };
}
