/**
 * A wave's responses as codes rather than answer objects: what a database can hand over
 * for 50,000 respondents in a few megabytes (one byte per answer), and what crosses into
 * a worker thread as a copy of a few typed arrays instead of 13 million properties.
 *
 * `encodeCompact` builds exactly the dataset `encodeWave` builds from the same responses
 * in the same order (dataset.ts), so every figure after it is the same to the last bit.
 * Only the columns listed are read; every other item of the version is "no answer" (the
 * comparison and the trend read scored items only).
 */
import { allItems, scaledItems, scaleOf } from '../survey-definitions/index.ts';
import { definitionKey, type TDefinition, type TSingleChoiceItem } from '../survey-definitions/schema.ts';
import { teamRows, type TChoiceColumn, type TDataset, type TScoredColumn } from './dataset.ts';
import { AnalysisInputError } from './input.ts';

/** The code for "no answer" in `codes` (any item). */
export const COMPACT_NONE = 255;
/** The code for a stored value that does not fit the item (off its scale, not an option). */
export const COMPACT_INVALID = 254;

export interface TCompactResponses {
  /** The team of each response, by index into `teams`. */
  teams: string[];
  team: Int32Array;
  /** 1 for a complete response, 0 for a partial one. */
  complete: Uint8Array;
  /** Item ids: the columns of `codes`. */
  columns: string[];
  /**
   * Response-major: `codes[r · columns.length + j]` is response r's answer to column j —
   * a scaled item's `value − scale.min`, a single-choice item's option index — or
   * `COMPACT_NONE` / `COMPACT_INVALID`.
   */
  codes: Uint8Array;
}

export function compactSize(compact: TCompactResponses): number {
  return compact.team.length;
}

/**
 * The dataset of a compact wave, as `encodeWave(definition, responses, …)` would build it.
 *
 * @throws AnalysisInputError when a code does not fit its item (off the scale, or marked
 *         `COMPACT_INVALID` by the loader)
 */
export function encodeCompact(
  definition: TDefinition,
  compact: TCompactResponses,
  threshold: number,
  includePartial: boolean,
): TDataset {
  const count = compact.team.length;
  const width = compact.columns.length;
  if (compact.complete.length !== count || compact.codes.length !== count * width) {
    throw new AnalysisInputError('De gecomprimeerde antwoorden hebben niet de verwachte lengte.');
  }
  // Pass 1: teams and their counts (only teams that sent a response, as encodeWave).
  const used = new Uint8Array(compact.teams.length);
  for (let i = 0; i < count; i++) used[compact.team[i]!] = 1;
  const teams = compact.teams.filter((_, t) => used[t]).sort((a, b) => a.localeCompare(b, 'nl', { numeric: true }));
  const teamIndex = new Map(teams.map((team, i) => [team, i]));
  // Two team entries of one name are one team, as for answer objects keyed by name.
  const remap = Int32Array.from(compact.teams, (name) => teamIndex.get(name) ?? -1);
  const teamCount = teams.length;
  const completeCount = new Int32Array(teamCount);
  const partialCount = new Int32Array(teamCount);
  for (let i = 0; i < count; i++) {
    const t = remap[compact.team[i]!]!;
    if (compact.complete[i]) completeCount[t]!++;
    else partialCount[t]!++;
  }
  const { shown, analysed, teamStart, rows } = teamRows(completeCount, partialCount, threshold, includePartial);

  const columnOf = new Map(compact.columns.map((id, j) => [id, j]));
  const scored = scaledItems(definition).map((item): TScoredColumn => {
    const scale = scaleOf(definition, item);
    const k = scale.max - scale.min + 1;
    if (k > 254) throw new AnalysisInputError(`Schaal ${scale.id} heeft meer dan 254 waarden.`);
    return { item, scale, k, codes: new Uint8Array(rows).fill(k) };
  });
  const choices = allItems(definition)
    .filter((i): i is TSingleChoiceItem => i.kind === 'single_choice')
    .map((item): TChoiceColumn => {
      const k = item.options.length;
      if (k > 254) throw new AnalysisInputError(`Vraag ${item.id} heeft meer dan 254 antwoordopties.`);
      return { item, k, codes: new Uint8Array(rows).fill(k) };
    });
  const read = [...scored, ...choices]
    .map((column) => ({ column, j: columnOf.get(column.item.id) }))
    .filter((c): c is { column: TScoredColumn | TChoiceColumn; j: number } => c.j !== undefined);

  // Pass 2: rows in response order within each team (as encodeWave places them).
  const problems = new Set<string>();
  const next = teamStart.slice(0, teamCount);
  for (let i = 0; i < count; i++) {
    const t = remap[compact.team[i]!]!;
    if (!shown[t] || (!compact.complete[i] && !includePartial)) continue;
    const row = next[t]!++;
    const at = i * width;
    for (const { column, j } of read) {
      const code = compact.codes[at + j]!;
      if (code === COMPACT_NONE) continue;
      if (code < column.k) column.codes[row] = code;
      else problems.add(column.item.id);
    }
  }
  if (problems.size > 0) {
    const ids = [...problems];
    throw new AnalysisInputError(
      `Antwoorden passen niet bij ${definitionKey(definition)}; eerste probleem: item ${ids[0]}: een opgeslagen waarde ligt niet op de schaal of is geen antwoordoptie.`,
      ids.slice(0, 20).map((id) => `item ${id}: een opgeslagen waarde past niet bij de vraag.`),
    );
  }
  return {
    definition,
    threshold,
    includePartial,
    teams,
    shown,
    complete: completeCount,
    partial: partialCount,
    analysed,
    teamStart,
    rows,
    scored: new Map(scored.map((c) => [c.item.id, c])),
    choices: new Map(choices.map((c) => [c.item.id, c])),
  };
}

/**
 * Answer objects as codes (for tests and callers that hold objects): the inverse of what
 * a loader does in SQL. Values that do not fit become `COMPACT_INVALID`.
 */
export function compactFromResponses(
  definition: TDefinition,
  responses: readonly { team: string; status: 'complete' | 'partial'; answers: Record<string, unknown> }[],
): TCompactResponses {
  const scaled = scaledItems(definition).map((item) => ({ item, scale: scaleOf(definition, item) }));
  const choice = allItems(definition).filter((i): i is TSingleChoiceItem => i.kind === 'single_choice');
  const columns = [...scaled.map((s) => s.item.id), ...choice.map((c) => c.id)];
  const teams: string[] = [];
  const teamIndex = new Map<string, number>();
  const codes = new Uint8Array(responses.length * columns.length).fill(COMPACT_NONE);
  const team = new Int32Array(responses.length);
  const complete = new Uint8Array(responses.length);
  responses.forEach((r, i) => {
    if (!teamIndex.has(r.team)) teamIndex.set(r.team, teams.push(r.team) - 1);
    team[i] = teamIndex.get(r.team)!;
    complete[i] = r.status === 'complete' ? 1 : 0;
    const at = i * columns.length;
    scaled.forEach(({ item, scale }, j) => {
      const v = r.answers[item.id];
      if (v == null) return;
      const ok = typeof v === 'number' && Number.isInteger(v) && v >= scale.min && v <= scale.max;
      codes[at + j] = ok ? v - scale.min : COMPACT_INVALID;
    });
    choice.forEach((item, c) => {
      const v = r.answers[item.id];
      if (v == null) return;
      const index = item.options.findIndex((o) => o.value === v);
      codes[at + scaled.length + c] = index < 0 ? COMPACT_INVALID : index;
    });
  });
  return { teams, team, complete, columns, codes };
}
