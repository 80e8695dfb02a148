/**
 * Item lineage between the two versions that are actually compared.
 *
 * A version records lineage only to the version it continues (`previous`). Comparing a
 * wave with an earlier one therefore means following that chain from the current
 * version back to the baseline's, through every version in between:
 * - the same version on both sides: every item is `same` as itself;
 * - `same` at every step: `same`; `reworded` at any step: `reworded` (notes collected);
 * - `new` at any step, or dropped at any step: not comparable, with the reason (which
 *   version added or dropped it).
 *
 * Pure: the versions in between are passed in (or taken from the registered
 * `survey-definitions`), nothing is read from a database.
 */
import { definitions as registered, isScaledItem, itemById } from '../survey-definitions/index.ts';
import { definitionKey, type TDefinition, type TText as TDefinitionText } from '../survey-definitions/schema.ts';
import type { TText } from './reading.ts';
import { AnalysisInputError } from './input.ts';

/** A current item that continues a baseline item. */
export interface TItemLink {
  /** Item id in the current version. */
  id: string;
  /** The item it continues in the baseline version. */
  baselineId: string;
  lineage: 'same' | 'reworded';
  /** The notes of every rewording on the way (oldest first), with the version that made it. */
  notes: { version: string; note?: TDefinitionText }[];
}

/** An item that cannot be compared: a current item without a baseline item, or the reverse. */
export interface TNotComparable {
  id: string;
  /** `current`: asked now, not in the baseline; `baseline`: asked then, no longer now. */
  side: 'current' | 'baseline';
  reason: TText;
}

export interface TResolvedLineage {
  baseline: string;
  current: string;
  /** Version keys from the baseline's to the current's, both included (one key if equal). */
  path: string[];
  /** Scored items of the current version that continue a scored baseline item, by current id. */
  items: Map<string, TItemLink>;
  /** Scored items on either side without a counterpart, in definition order (current side first). */
  notComparable: TNotComparable[];
}

const text = (nl: string, en: string): TText => ({ nl, en });

export const LINEAGE_REASONS = {
  newIn: (version: string) => text(`Nieuw in ${version}.`, `New in ${version}.`),
  droppedIn: (version: string) => text(`Niet meer gevraagd vanaf ${version}.`, `No longer asked from ${version} on.`),
  notScaledInBaseline: (version: string) =>
    text(
      `Het item waar het uit voortkomt is in ${version} geen schaalvraag.`,
      `The item it continues is not a scaled item in ${version}.`,
    ),
  notScaledNow: (version: string) =>
    text(
      `Gaat verder als een vraag die in ${version} geen schaalvraag is.`,
      `Continues as a question that is not scaled in ${version}.`,
    ),
};

/**
 * The versions from `baseline` to `current`, oldest first, found by following
 * `previous` back from `current`. `versions` are the versions that may lie in between
 * (default: every registered version); `baseline` and `current` are always known.
 *
 * @throws AnalysisInputError when `baseline` is not `current` or one of its predecessors
 */
export function versionPath(
  baseline: TDefinition,
  current: TDefinition,
  versions: readonly TDefinition[] = registered,
): TDefinition[] {
  const baselineKey = definitionKey(baseline);
  const byKey = new Map<string, TDefinition>(versions.map((v) => [definitionKey(v), v]));
  byKey.set(baselineKey, baseline);
  byKey.set(definitionKey(current), current);
  const path: TDefinition[] = [current];
  const seen = new Set<string>([definitionKey(current)]);
  let at = current;
  while (definitionKey(at) !== baselineKey) {
    if (at.previous === undefined) {
      throw new AnalysisInputError(
        `${baselineKey} is geen eerdere versie van ${definitionKey(current)}: de nulmeting moet een eerdere versie van dezelfde vragenlijst gebruiken.`,
      );
    }
    const previous = byKey.get(at.previous);
    if (!previous) {
      throw new AnalysisInputError(
        `Versie ${at.previous} (voorganger van ${definitionKey(at)}) is niet bekend; zonder die versie is de herkomst van de items niet te volgen.`,
      );
    }
    if (seen.has(at.previous)) throw new AnalysisInputError(`De versies vormen een kring bij ${at.previous}.`);
    seen.add(at.previous);
    path.unshift(previous);
    at = previous;
  }
  return path;
}

/**
 * Lineage of every scored item between `baseline` and `current` (see the file comment).
 *
 * @throws AnalysisInputError when the baseline's version is not an earlier one of the current's
 */
export function resolveLineage(
  baseline: TDefinition,
  current: TDefinition,
  versions: readonly TDefinition[] = registered,
): TResolvedLineage {
  const path = versionPath(baseline, current, versions);
  const keys = path.map(definitionKey);
  const items = new Map<string, TItemLink>();
  const notComparable: TNotComparable[] = [];
  const baselineItems = itemById(baseline);
  const maps = path.map((v) => itemById(v));
  // For the forward walk: in each version, the item continuing a given id of the one before.
  const continuing = path.map(
    (_, step) =>
      new Map([...maps[step]!.values()].flatMap((i) => (i.lineage.kind === 'new' ? [] : [[i.lineage.from, i] as const]))),
  );
  const reached = new Set<string>();

  for (const item of itemById(current).values()) {
    if (!isScaledItem(item)) continue;
    // Walk back one version at a time; `id` is the item's id in path[step].
    let id = item.id;
    let reworded = false;
    const notes: TItemLink['notes'] = [];
    let reason: TText | undefined;
    for (let step = path.length - 1; step > 0; step--) {
      const at = maps[step]!.get(id);
      const lineage = at?.lineage;
      if (!lineage || lineage.kind === 'new') {
        reason = LINEAGE_REASONS.newIn(keys[step]!);
        break;
      }
      if (lineage.kind === 'reworded') {
        reworded = true;
        notes.unshift({ version: keys[step]!, ...(lineage.note && { note: lineage.note }) });
      }
      id = lineage.from;
    }
    if (!reason) {
      const origin = baselineItems.get(id);
      if (!origin || !isScaledItem(origin)) reason = LINEAGE_REASONS.notScaledInBaseline(keys[0]!);
    }
    if (reason) {
      notComparable.push({ id: item.id, side: 'current', reason });
      continue;
    }
    reached.add(id);
    items.set(item.id, { id: item.id, baselineId: id, lineage: reworded ? 'reworded' : 'same', notes });
  }

  // Baseline items no current item continues: find the version that dropped them.
  for (const item of baselineItems.values()) {
    if (!isScaledItem(item) || reached.has(item.id)) continue;
    let id = item.id;
    let reason: TText = LINEAGE_REASONS.notScaledNow(keys[keys.length - 1]!);
    for (let step = 1; step < path.length; step++) {
      const next = continuing[step]!.get(id);
      if (!next) {
        reason = LINEAGE_REASONS.droppedIn(keys[step]!);
        break;
      }
      id = next.id;
    }
    notComparable.push({ id: item.id, side: 'baseline', reason });
  }

  return { baseline: keys[0]!, current: keys[keys.length - 1]!, path: keys, items, notComparable };
}
