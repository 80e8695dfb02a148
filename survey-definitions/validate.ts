/**
 * Loading a definition: the zod shape first, then what a shape cannot say — that every
 * reference resolves, that conditions only look back, that every scale value has its
 * label, and that lineage to the previous version adds up. A definition that fails any
 * of these never reaches a respondent: the module that lists the definitions throws on
 * load, and so do the tests.
 */
import type { z } from 'zod';
import {
  definitionKey,
  ZDefinition,
  type TBlock,
  type TCondition,
  type TDefinition,
  type TItem,
  type TScale,
  type TText,
} from './schema.ts';

export interface TDefinitionProblem {
  /** What the problem is about, e.g. `item "gd.total"`, `scale "agree5"`; absent for the whole definition. */
  subject?: string;
  message: string;
}

/** A definition that cannot be used. The message names the definition, the subject and the problem. */
export class DefinitionError extends Error {
  override readonly name = 'DefinitionError';
  readonly definition: string;
  readonly problems: readonly TDefinitionProblem[];

  constructor(definition: string, problems: readonly TDefinitionProblem[]) {
    super(formatProblems(definition, problems));
    this.definition = definition;
    this.problems = problems;
  }
}

function describeProblem(p: TDefinitionProblem): string {
  return p.subject ? `${p.subject}: ${p.message}` : p.message;
}

function formatProblems(definition: string, problems: readonly TDefinitionProblem[]): string {
  const [only] = problems;
  if (problems.length === 1 && only) return `${definition}: ${describeProblem(only)}`;
  return [`${definition}: ${problems.length} problems`, ...problems.map((p) => `  - ${describeProblem(p)}`)].join('\n');
}

const itemSubject = (id: string): string => `item "${id}"`;

/** Zod shape plus every semantic check below. Throws `DefinitionError`. */
export function parseDefinition(input: unknown): TDefinition {
  const parsed = ZDefinition.safeParse(input);
  if (!parsed.success) {
    throw new DefinitionError(
      guessKey(input),
      parsed.error.issues.map((issue) => shapeProblem(input, issue)),
    );
  }
  const def = parsed.data;
  const problems = definitionProblems(def);
  if (problems.length > 0) throw new DefinitionError(definitionKey(def), problems);
  return def;
}

/**
 * Checks how `def` continues `previous` (the version its `previous` names). Throws
 * `DefinitionError`. Separate from `parseDefinition` because it needs the other version.
 */
export function validateLineage(def: TDefinition, previous: TDefinition): void {
  const problems = lineageProblems(def, previous);
  if (problems.length > 0) throw new DefinitionError(definitionKey(def), problems);
}

/**
 * Parses a set of definitions and checks each one's lineage against the version it
 * names as `previous`, which must be in the set. Returns them deep-frozen, because a
 * published version must not change, not even in memory.
 */
export function loadDefinitions(inputs: readonly unknown[]): readonly TDefinition[] {
  const defs = inputs.map(parseDefinition);
  const byKey = new Map<string, TDefinition>();
  for (const def of defs) {
    const key = definitionKey(def);
    if (byKey.has(key)) throw new DefinitionError(key, [{ message: 'defined twice' }]);
    byKey.set(key, def);
  }
  for (const def of defs) {
    if (def.previous === undefined) continue;
    const previous = byKey.get(def.previous);
    if (!previous) {
      throw new DefinitionError(definitionKey(def), [
        { message: `previous version "${def.previous}" is not among the definitions` },
      ]);
    }
    validateLineage(def, previous);
  }
  return deepFreeze(defs);
}

// ---------------------------------------------------------------------------------------
// Shape errors: name the item where the path runs through one.

function guessKey(input: unknown): string {
  if (isRecord(input) && typeof input.id === 'string') {
    return typeof input.version === 'string' ? `${input.id}@${input.version}` : input.id;
  }
  return 'definition';
}

function shapeProblem(input: unknown, issue: z.core.$ZodIssue): TDefinitionProblem {
  const path = issue.path;
  let subject: string | undefined;
  let rest = path;
  // blocks[i].items[j]… → item "<id>": …
  if (path[0] === 'blocks' && typeof path[1] === 'number' && isRecord(input) && Array.isArray(input.blocks)) {
    const block: unknown = input.blocks[path[1]];
    if (path[2] === 'items' && typeof path[3] === 'number' && isRecord(block) && Array.isArray(block.items)) {
      const item: unknown = block.items[path[3]];
      subject =
        isRecord(item) && typeof item.id === 'string' ? itemSubject(item.id) : `item ${path[3] + 1} of block ${path[1] + 1}`;
      rest = path.slice(4);
    } else if (isRecord(block) && typeof block.id === 'string') {
      subject = `block "${block.id}"`;
      rest = path.slice(2);
    }
  }
  const where = rest.length > 0 ? `${rest.map(String).join('.')}: ` : '';
  return { ...(subject ? { subject } : {}), message: `${where}${issue.message}` };
}

// ---------------------------------------------------------------------------------------
// Semantic checks on one definition

function definitionProblems(def: TDefinition): TDefinitionProblem[] {
  const problems: TDefinitionProblem[] = [];
  const add = (subject: string | undefined, message: string): void => {
    problems.push({ ...(subject ? { subject } : {}), message });
  };

  duplicates(def.scales.map((s) => s.id)).forEach((id) => add(`scale "${id}"`, 'defined twice'));
  duplicates(def.blocks.map((b) => b.id)).forEach((id) => add(`block "${id}"`, 'defined twice'));
  duplicates(def.constructs.map((c) => c.id)).forEach((id) => add(`construct "${id}"`, 'defined twice'));
  duplicates(def.constructGroups.map((g) => g.id)).forEach((id) => add(`construct group "${id}"`, 'defined twice'));
  const items = def.blocks.flatMap((b) => b.items);
  duplicates(items.map((i) => i.id)).forEach((id) => add(itemSubject(id), 'id is used by more than one item'));
  // The team item is how responses are grouped; two would make that ambiguous.
  const teamItems = items.filter((i) => i.kind === 'team');
  if (teamItems.length > 1)
    add(undefined, `has ${teamItems.length} team items (${teamItems.map((i) => i.id).join(', ')}); at most one`);

  if (def.languages[0] !== 'nl') add(undefined, 'languages must list "nl" first: respondents read Dutch');
  if (def.languages.includes('en')) {
    for (const [where, text] of texts(def)) {
      if (!text.en) add(where, 'has no English text, although the definition lists "en"');
    }
  }

  const scales = new Map(def.scales.map((s) => [s.id, s]));
  for (const scale of def.scales) scaleProblems(scale).forEach((m) => add(`scale "${scale.id}"`, m));

  const itemsById = new Map(items.map((i) => [i.id, i]));
  const constructs = new Map(def.constructs.map((c) => [c.id, c]));

  // Position of each item in the order the respondent meets them; a condition may only
  // look at an earlier position, because a later answer does not exist yet.
  const position = new Map<string, { index: number; block: number }>();
  def.blocks.forEach((block, b) =>
    block.items.forEach((item) => {
      if (!position.has(item.id)) position.set(item.id, { index: position.size, block: b });
    }),
  );

  def.blocks.forEach((block, b) => {
    if (block.condition) {
      const ref = position.get(block.condition.item);
      const problem =
        ref === undefined || ref.block >= b
          ? notAskedBefore(block.condition.item, 'in an earlier block')
          : conditionValueProblem(block.condition, itemsById, scales);
      if (problem) add(`block "${block.id}"`, problem);
    }
    for (const item of block.items) {
      const subject = itemSubject(item.id);
      for (const m of itemProblems(item, scales)) add(subject, m);
      if (item.condition) {
        const ref = position.get(item.condition.item);
        const own = position.get(item.id);
        const problem =
          ref === undefined || own === undefined || ref.index >= own.index
            ? notAskedBefore(item.condition.item, 'before it')
            : conditionValueProblem(item.condition, itemsById, scales);
        if (problem) add(subject, problem);
      }
      if (item.twin) {
        const twin = itemsById.get(item.twin.item);
        if (!twin) add(subject, `twin "${item.twin.item}" does not exist`);
        else if (twin.twin?.item !== item.id) add(subject, `twin "${twin.id}" does not name "${item.id}" as its twin`);
        else if (twin.twin.role === item.twin.role || (twin.twin.role !== 'now' && item.twin.role !== 'now')) {
          add(
            subject,
            `twin roles "${item.twin.role}" and "${twin.twin.role}" do not form a pair (now/importance or now/target)`,
          );
        } else if (scaleIdOf(twin) !== scaleIdOf(item)) add(subject, `twin "${twin.id}" is on another scale`);
      }
      duplicates(item.constructs).forEach((c) => add(subject, `lists construct "${c}" twice`));
      for (const c of item.constructs) {
        const construct = constructs.get(c);
        if (!construct) add(subject, `construct "${c}" does not exist`);
        else if (construct.kind !== 'mean')
          add(subject, `construct "${c}" is a ${construct.kind} construct; only mean constructs list items`);
        else if (!isScaled(item))
          add(subject, `a ${item.kind} item cannot count in construct "${c}": only scaled items are scored`);
      }
    }
  });

  const groups = new Map(def.constructGroups.map((g) => [g.id, g]));
  for (const group of def.constructGroups) {
    duplicates(group.constructs).forEach((c) => add(`construct group "${group.id}"`, `lists construct "${c}" twice`));
    for (const c of group.constructs) {
      const construct = constructs.get(c);
      if (!construct) add(`construct group "${group.id}"`, `construct "${c}" does not exist`);
      else if (construct.group !== group.id)
        add(`construct group "${group.id}"`, `lists construct "${c}", whose group is "${construct.group}"`);
    }
  }
  for (const construct of def.constructs) {
    const subject = `construct "${construct.id}"`;
    const group = groups.get(construct.group);
    if (!group) add(subject, `group "${construct.group}" does not exist`);
    else if (!group.constructs.includes(construct.id)) add(subject, `group "${construct.group}" does not list it`);
    if (construct.kind === 'mean') {
      if (!items.some((i) => i.constructs.includes(construct.id))) add(subject, 'no item counts in it');
    } else {
      const now = itemsById.get(construct.now);
      const target = itemsById.get(construct.target);
      if (!now) add(subject, `now item "${construct.now}" does not exist`);
      if (!target) add(subject, `target item "${construct.target}" does not exist`);
      if (now && target) {
        if (now.id === target.id) add(subject, 'now and target are the same item');
        else if (!isScaled(now) || !isScaled(target)) add(subject, 'now and target must be scaled items');
        else if (now.scale !== target.scale) add(subject, `now "${now.id}" and target "${target.id}" are on different scales`);
      }
    }
  }

  // Without a previous version there is nothing to continue.
  if (def.previous === undefined) {
    for (const item of items) {
      if (item.lineage.kind !== 'new')
        add(itemSubject(item.id), `lineage "${item.lineage.kind}" but the definition has no previous version`);
    }
    if (def.dropped.length > 0) add(undefined, 'lists dropped items but has no previous version');
  } else if (def.previous === definitionKey(def)) {
    add(undefined, 'names itself as its previous version');
  }
  return problems;
}

function notAskedBefore(ref: string, where: string): string {
  return `condition refers to "${ref}", which is not asked ${where}`;
}

function scaleProblems(scale: TScale): string[] {
  const problems: string[] = [];
  if (scale.min >= scale.max) return [`min ${scale.min} must be below max ${scale.max}`];
  const counts = new Map<number, number>();
  for (const v of scale.values) counts.set(v.value, (counts.get(v.value) ?? 0) + 1);
  for (let v = scale.min; v <= scale.max; v++) {
    const n = counts.get(v) ?? 0;
    if (n === 0) problems.push(`value ${v} has no label`);
    if (n > 1) problems.push(`value ${v} has ${n} labels`);
  }
  for (const v of counts.keys()) {
    if (v < scale.min || v > scale.max) problems.push(`value ${v} is labelled but outside ${scale.min}..${scale.max}`);
  }
  return problems;
}

function itemProblems(item: TItem, scales: ReadonlyMap<string, TScale>): string[] {
  switch (item.kind) {
    case 'likert':
    case 'grade': {
      const scale = scales.get(item.scale);
      if (!scale) return [`scale "${item.scale}" does not exist`];
      // The presentation decides how the answer is asked; a mismatch would show a grade
      // item as agreement labels or the reverse.
      const expected = item.kind === 'grade' ? 'grade' : 'labels';
      return scale.presentation === expected
        ? []
        : [`a ${item.kind} item needs a scale presented as "${expected}", "${scale.id}" is "${scale.presentation}"`];
    }
    case 'single_choice':
      return duplicates(item.options.map((o) => o.value)).map((v) => `option "${v}" appears twice`);
    case 'number':
      return item.min <= item.max ? [] : [`min ${item.min} is above max ${item.max}`];
    case 'team':
    case 'text':
      return [];
  }
}

/** Can the condition ever be true, and does its value fit the item it looks at? */
function conditionValueProblem(
  condition: TCondition,
  items: ReadonlyMap<string, TItem>,
  scales: ReadonlyMap<string, TScale>,
): string | undefined {
  const ref = items.get(condition.item);
  if (!ref) return `condition refers to "${condition.item}", which does not exist`;
  const values = condition.op === 'in' ? condition.values : [condition.value];
  const bad = (v: string | number, why: string): string => `condition compares "${ref.id}" with ${JSON.stringify(v)}, ${why}`;

  switch (ref.kind) {
    case 'single_choice': {
      if (condition.op === 'gt') return `condition "gt" on "${ref.id}": its options have no order`;
      const options = new Set(ref.options.map((o) => o.value));
      const wrong = values.find((v) => typeof v !== 'string' || !options.has(v));
      return wrong === undefined ? undefined : bad(wrong, `which is not one of its options (${[...options].join(', ')})`);
    }
    case 'likert':
    case 'grade':
    case 'number': {
      const range = ref.kind === 'number' ? { min: ref.min, max: ref.max } : scales.get(ref.scale);
      if (!range) return undefined; // the missing scale is reported on the item itself
      if (condition.op === 'gt') {
        return condition.value < range.max ? undefined : bad(condition.value, `so it can never be true (max ${range.max})`);
      }
      const wrong = values.find((v) => typeof v !== 'number' || !Number.isInteger(v) || v < range.min || v > range.max);
      return wrong === undefined ? undefined : bad(wrong, `which is not a value of ${range.min}..${range.max}`);
    }
    case 'team': {
      if (condition.op === 'gt') return `condition "gt" on "${ref.id}": teams have no order`;
      const wrong = values.find((v) => typeof v !== 'string');
      return wrong === undefined ? undefined : bad(wrong, 'but teams are named by strings');
    }
    case 'text':
      return `condition refers to free-text item "${ref.id}"; a condition needs a closed answer`;
  }
}

// ---------------------------------------------------------------------------------------
// Lineage between two versions

function lineageProblems(def: TDefinition, previous: TDefinition): TDefinitionProblem[] {
  const problems: TDefinitionProblem[] = [];
  const add = (subject: string | undefined, message: string): void => {
    problems.push({ ...(subject ? { subject } : {}), message });
  };
  const prevKey = definitionKey(previous);
  if (def.previous !== prevKey)
    add(undefined, `previous is "${def.previous ?? '(none)'}", but lineage was checked against ${prevKey}`);

  const prevItems = new Map(previous.blocks.flatMap((b) => b.items).map((i) => [i.id, i]));
  const items = def.blocks.flatMap((b) => b.items);
  const ids = new Set(items.map((i) => i.id));
  const prevScales = new Map(previous.scales.map((s) => [s.id, s]));
  const scales = new Map(def.scales.map((s) => [s.id, s]));
  const dropped = new Set(def.dropped);
  const continuedBy = new Map<string, string[]>();

  for (const item of items) {
    const subject = itemSubject(item.id);
    const lineage = item.lineage;
    if (lineage.kind === 'new') {
      // Reusing an id for another question would make old and new data look comparable.
      if (prevItems.has(item.id))
        add(subject, `is marked new, but ${prevKey} has an item with this id; continue it or choose another id`);
      continue;
    }
    const from = prevItems.get(lineage.from);
    if (!from) {
      add(subject, `lineage "${lineage.kind}" from "${lineage.from}", which ${prevKey} does not have`);
      continue;
    }
    continuedBy.set(from.id, [...(continuedBy.get(from.id) ?? []), item.id]);
    if (dropped.has(from.id)) add(subject, `continues "${from.id}", which is also listed as dropped`);
    if (from.kind !== item.kind) {
      add(subject, `is a ${item.kind} item but continues "${from.id}", a ${from.kind} item`);
      continue;
    }
    const scaleChange = scaleDifference(item, from, scales, prevScales);
    if (scaleChange) add(subject, `continues "${from.id}" but ${scaleChange}; declare it new`);
    const sameText = sameWording(item.text, from.text);
    if (lineage.kind === 'same') {
      if (item.id !== from.id) add(subject, `lineage "same" must keep the id "${from.id}"`);
      if (!sameText) add(subject, `lineage "same" but its wording differs from "${from.id}" in ${prevKey}; declare it reworded`);
      const answerChange = answerDifference(item, from);
      if (answerChange) add(subject, `lineage "same" but ${answerChange}`);
    } else if (sameText) {
      add(subject, `lineage "reworded" but its wording is that of "${from.id}" in ${prevKey}; declare it same`);
    }
  }

  for (const [from, by] of continuedBy) {
    if (by.length > 1) add(itemSubject(from), `of ${prevKey} is continued by more than one item (${by.join(', ')})`);
  }
  for (const id of def.dropped) {
    if (!prevItems.has(id)) add(itemSubject(id), `is listed as dropped, but ${prevKey} has no such item`);
    if (ids.has(id)) add(itemSubject(id), 'is listed as dropped, but this version still asks an item with this id');
  }
  for (const id of prevItems.keys()) {
    if (!continuedBy.has(id) && !dropped.has(id)) {
      add(itemSubject(id), `of ${prevKey} is neither continued by an item nor listed in "dropped"`);
    }
  }
  return problems;
}

function sameWording(a: TText, b: TText): boolean {
  return a.nl === b.nl && (a.en ?? '') === (b.en ?? '');
}

function scaleDifference(
  item: TItem,
  from: TItem,
  scales: ReadonlyMap<string, TScale>,
  prevScales: ReadonlyMap<string, TScale>,
): string | undefined {
  if (!isScaled(item) || !isScaled(from)) return undefined;
  if (item.scale !== from.scale) return `its scale "${item.scale}" differs from "${from.scale}"`;
  const now = scales.get(item.scale);
  const before = prevScales.get(from.scale);
  if (!now || !before) return undefined;
  // Same id but other values or labels would compare answers that meant different things.
  const values = (s: TScale): string => JSON.stringify(s.values.map((v) => [v.value, v.label.nl]));
  if (now.min !== before.min || now.max !== before.max || values(now) !== values(before)) {
    return `scale "${item.scale}" has other values or labels than in the previous version`;
  }
  return undefined;
}

function answerDifference(item: TItem, from: TItem): string | undefined {
  if (item.kind === 'single_choice' && from.kind === 'single_choice') {
    const options = (i: typeof item): string => JSON.stringify(i.options.map((o) => [o.value, o.label.nl]));
    return options(item) === options(from) ? undefined : 'its options differ';
  }
  if (item.kind === 'number' && from.kind === 'number') {
    return item.min === from.min && item.max === from.max ? undefined : 'its range differs';
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------
// Helpers

function isScaled(item: TItem): item is Extract<TItem, { kind: 'likert' | 'grade' }> {
  return item.kind === 'likert' || item.kind === 'grade';
}

function scaleIdOf(item: TItem): string | undefined {
  return isScaled(item) ? item.scale : undefined;
}

function duplicates<T>(values: readonly T[]): T[] {
  const seen = new Set<T>();
  const twice = new Set<T>();
  for (const v of values) (seen.has(v) ? twice : seen).add(v);
  return [...twice];
}

/** Every text of the definition, with where it is. */
function* texts(def: TDefinition): Generator<[string, TText]> {
  yield ['title', def.title];
  if (def.description) yield ['description', def.description];
  for (const s of def.scales) for (const v of s.values) yield [`scale "${s.id}" value ${v.value}`, v.label];
  for (const g of def.constructGroups) {
    yield [`construct group "${g.id}"`, g.label];
    if (g.description) yield [`construct group "${g.id}" description`, g.description];
  }
  for (const c of def.constructs) yield [`construct "${c.id}"`, c.label];
  for (const block of def.blocks) yield* blockTexts(block);
}

function* blockTexts(block: TBlock): Generator<[string, TText]> {
  yield [`block "${block.id}" title`, block.title];
  yield [`block "${block.id}" intro`, block.intro];
  for (const item of block.items) {
    const s = itemSubject(item.id);
    yield [s, item.text];
    if (item.help) yield [`${s} help`, item.help];
    if (item.lineage.kind === 'reworded' && item.lineage.note) yield [`${s} lineage note`, item.lineage.note];
    if (item.kind === 'single_choice') for (const o of item.options) yield [`${s} option "${o.value}"`, o.label];
    if (item.kind === 'number' && item.unit) yield [`${s} unit`, item.unit];
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
