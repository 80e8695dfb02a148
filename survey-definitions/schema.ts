/**
 * What a questionnaire definition is. Pure data schemas (zod) and their types, as
 * `ZThing` / `TThing` pairs. Nothing here imports from the server, the database or
 * the analysis module: every other part of the platform reads these types.
 */
import { z } from 'zod';

/** Ids as used in the codebook: lower-case words joined by dots and underscores. */
export const ZId = z.string().regex(/^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$/, 'verwacht een id als "gd.parallel.goal_clear"');

/** Every text a respondent or researcher reads: Dutch first, English welcome. */
export const ZText = z.object({
  nl: z.string().min(1),
  en: z.string().min(1).optional(),
});
export type TText = z.infer<typeof ZText>;

export const ZScaleValue = z.object({
  value: z.number().int(),
  label: ZText,
});
export type TScaleValue = z.infer<typeof ZScaleValue>;

/**
 * An answer scale. `min`..`max` are whole numbers; every value in between must carry a
 * label (checked when a definition loads). Normalised score: (value − min) / (max − min).
 */
export const ZScale = z.object({
  id: ZId,
  min: z.number().int(),
  max: z.number().int(),
  values: z.array(ZScaleValue).min(2),
  /** Shown as a report grade (0–10) rather than as agreement labels. */
  presentation: z.enum(['labels', 'grade']).default('labels'),
});
export type TScale = z.infer<typeof ZScale>;

/**
 * When an item or block is shown. Refers to an item asked earlier in the questionnaire
 * (checked when a definition loads).
 */
export const ZCondition = z.discriminatedUnion('op', [
  z.object({ op: z.literal('eq'), item: ZId, value: z.union([z.string(), z.number()]) }),
  z.object({ op: z.literal('in'), item: ZId, values: z.array(z.union([z.string(), z.number()])).min(1) }),
  z.object({ op: z.literal('gt'), item: ZId, value: z.number() }),
]);
export type TCondition = z.infer<typeof ZCondition>;

/**
 * Lineage to the previous version of the same questionnaire. `same`: identical wording
 * and scale; `reworded`: same construct, changed wording (comparable with a caveat);
 * `new`: no predecessor. Items of the previous version that are gone are listed in
 * the definition's `dropped`.
 */
export const ZLineage = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('same'), from: ZId }),
  z.object({ kind: z.literal('reworded'), from: ZId, note: ZText.optional() }),
  z.object({ kind: z.literal('new') }),
]);
export type TLineage = z.infer<typeof ZLineage>;

/** An item that is asked twice (now / importance, now / target) names its twin. */
export const ZTwin = z.object({
  item: ZId,
  /** The role of *this* item within the pair. */
  role: z.enum(['now', 'importance', 'target']),
});
export type TTwin = z.infer<typeof ZTwin>;

export const ZItemBase = z.object({
  id: ZId,
  text: ZText,
  help: ZText.optional(),
  required: z.boolean(),
  condition: ZCondition.optional(),
  twin: ZTwin.optional(),
  /** Ids of the `mean` constructs this item counts in. */
  constructs: z.array(ZId).default([]),
  /** High agreement is unfavourable. A display hint only: never applied to aggregates. */
  reverseKeyed: z.boolean().default(false),
  /** Free-form grouping inside a block, e.g. the codebook's theme column. */
  theme: z.string().optional(),
  lineage: ZLineage,
});

export const ZLikertItem = ZItemBase.extend({ kind: z.literal('likert'), scale: ZId });
export const ZGradeItem = ZItemBase.extend({ kind: z.literal('grade'), scale: ZId });
export const ZChoiceOption = z.object({ value: ZId, label: ZText });
export type TChoiceOption = z.infer<typeof ZChoiceOption>;
export const ZSingleChoiceItem = ZItemBase.extend({
  kind: z.literal('single_choice'),
  options: z.array(ZChoiceOption).min(2),
});
/** The respondent's team: options come from the wave, or the link fixes it. */
export const ZTeamItem = ZItemBase.extend({ kind: z.literal('team') });
export const ZNumberItem = ZItemBase.extend({
  kind: z.literal('number'),
  min: z.number().int(),
  max: z.number().int(),
  unit: ZText.optional(),
});
export const ZTextItem = ZItemBase.extend({
  kind: z.literal('text'),
  maxLength: z.number().int().positive().max(10_000),
  multiline: z.boolean().default(true),
});

export const ZItem = z.discriminatedUnion('kind', [
  ZLikertItem,
  ZGradeItem,
  ZSingleChoiceItem,
  ZTeamItem,
  ZNumberItem,
  ZTextItem,
]);
export type TItem = z.infer<typeof ZItem>;
export type TLikertItem = z.infer<typeof ZLikertItem>;
export type TGradeItem = z.infer<typeof ZGradeItem>;
export type TSingleChoiceItem = z.infer<typeof ZSingleChoiceItem>;
export type TTeamItem = z.infer<typeof ZTeamItem>;
export type TNumberItem = z.infer<typeof ZNumberItem>;
export type TTextItem = z.infer<typeof ZTextItem>;
/** Items whose answer is a value on a scale: the ones that are scored and analysed. */
export type TScaledItem = TLikertItem | TGradeItem;
export type TItemKind = TItem['kind'];

export const ZBlock = z.object({
  id: ZId,
  title: ZText,
  intro: ZText,
  condition: ZCondition.optional(),
  items: z.array(ZItem).min(1),
});
export type TBlock = z.infer<typeof ZBlock>;

/**
 * A construct is a scored group of items. `mean`: the mean of its items' 0–1 scores (its
 * items are those that list it in `constructs`). `gap`: target − now per respondent, in
 * the scale's own units (grade points).
 */
export const ZConstructBase = z.object({
  id: ZId,
  label: ZText,
  /** The construct group it is shown in, e.g. `levine`, `baken`, `tc`. */
  group: ZId,
});
export const ZMeanConstruct = ZConstructBase.extend({ kind: z.literal('mean') });
export const ZGapConstruct = ZConstructBase.extend({
  kind: z.literal('gap'),
  now: ZId,
  target: ZId,
});
export const ZConstruct = z.discriminatedUnion('kind', [ZMeanConstruct, ZGapConstruct]);
export type TConstruct = z.infer<typeof ZConstruct>;
export type TMeanConstruct = z.infer<typeof ZMeanConstruct>;
export type TGapConstruct = z.infer<typeof ZGapConstruct>;

/** A table of the report: its constructs in the order they are printed. */
export const ZConstructGroup = z.object({
  id: ZId,
  label: ZText,
  description: ZText.optional(),
  constructs: z.array(ZId).min(1),
});
export type TConstructGroup = z.infer<typeof ZConstructGroup>;

export const ZLanguage = z.enum(['nl', 'en']);
export type TLanguage = z.infer<typeof ZLanguage>;

export const ZDefinition = z.object({
  /** Questionnaire id, e.g. `wijkteam`. */
  id: ZId,
  /** Version label, e.g. `2015`. `<id>@<version>` names a version everywhere. */
  version: z.string().regex(/^[0-9A-Za-z][0-9A-Za-z._-]*$/),
  title: ZText,
  description: ZText.optional(),
  /** Dutch first. */
  languages: z.array(ZLanguage).min(1),
  /** `<id>@<version>` this version continues, if any. */
  previous: z.string().optional(),
  /** Item ids of the previous version that this version no longer asks. */
  dropped: z.array(ZId).default([]),
  scales: z.array(ZScale).min(1),
  constructGroups: z.array(ZConstructGroup).default([]),
  constructs: z.array(ZConstruct).default([]),
  blocks: z.array(ZBlock).min(1),
});
export type TDefinition = z.infer<typeof ZDefinition>;
/** What a definition file is written as (defaults not yet applied). */
export type TDefinitionInput = z.input<typeof ZDefinition>;
/** The parts of a definition file, for helpers that build them. */
export type TScaleInput = z.input<typeof ZScale>;
export type TItemInput = z.input<typeof ZItem>;
export type TBlockInput = z.input<typeof ZBlock>;
export type TConstructInput = z.input<typeof ZConstruct>;
export type TConstructGroupInput = z.input<typeof ZConstructGroup>;

export function definitionKey(def: Pick<TDefinition, 'id' | 'version'>): string {
  return `${def.id}@${def.version}`;
}
