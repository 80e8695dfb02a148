/**
 * Responses encoded once into typed columns, so every statistic after this is a tight
 * loop over small integers.
 *
 * - Rows are the analysed responses of the teams that are shown (enough complete
 *   responses), grouped by team: team t owns rows [teamStart[t], teamStart[t + 1]).
 *   Suppressed teams own no rows at all, so no figure can pick their answers up.
 * - Each team's block of rows is padded to a multiple of 4 with rows that answer
 *   nothing, so the Kendall loop can read four rows as one 32-bit word. Every figure
 *   already has to cope with a respondent who answered nothing, so padding rows change
 *   no result; counts of respondents come from `analysed`, never from row ranges.
 * - A scored item's column holds `value − min` of its scale; the code `k` (number of
 *   scale values) means "no answer". Counting into a table with one extra row and column
 *   for "no answer" needs no branch in the inner loop.
 * - A single-choice item's column holds the option's index, `k` = number of options
 *   meaning "no answer".
 */
import { allItems, scaledItems, scaleOf } from '../survey-definitions/index.ts';
import {
  definitionKey,
  type TDefinition,
  type TScale,
  type TScaledItem,
  type TSingleChoiceItem,
} from '../survey-definitions/schema.ts';
import { AnalysisInputError, type TAnalysisResponse } from './input.ts';

export interface TScoredColumn {
  item: TScaledItem;
  scale: TScale;
  /** Number of scale values; also the "no answer" code. */
  k: number;
  /** One code per row; the length is a multiple of 4 (see padding above). */
  codes: Uint8Array;
}

export interface TChoiceColumn {
  item: TSingleChoiceItem;
  k: number;
  codes: Uint8Array;
}

export interface TDataset {
  definition: TDefinition;
  threshold: number;
  includePartial: boolean;
  /** Every team that sent a response, in Dutch alphabetical order (numbers by value). */
  teams: string[];
  /** Whether team t has at least `threshold` complete responses. */
  shown: boolean[];
  complete: Int32Array;
  partial: Int32Array;
  /** Responses analysed per team (complete, plus partial on request); 0 if suppressed. */
  analysed: Int32Array;
  teamStart: Int32Array;
  rows: number;
  scored: Map<string, TScoredColumn>;
  choices: Map<string, TChoiceColumn>;
}

const MAX_PROBLEMS = 20;

/**
 * Which teams are shown and where their rows lie (see the top of this file): a team is
 * shown with at least `threshold` complete responses; a shown team owns its analysed
 * responses' rows, padded to a multiple of 4; a suppressed team owns none.
 */
export function teamRows(
  complete: Int32Array,
  partial: Int32Array,
  threshold: number,
  includePartial: boolean,
): { shown: boolean[]; analysed: Int32Array; teamStart: Int32Array; rows: number } {
  const teamCount = complete.length;
  const shown = Array.from(complete, (n) => n >= threshold);
  const analysed = new Int32Array(teamCount);
  for (let t = 0; t < teamCount; t++) {
    if (shown[t]) analysed[t] = complete[t]! + (includePartial ? partial[t]! : 0);
  }
  const teamStart = new Int32Array(teamCount + 1);
  for (let t = 0; t < teamCount; t++) teamStart[t + 1] = teamStart[t]! + Math.ceil(analysed[t]! / 4) * 4;
  return { shown, analysed, teamStart, rows: teamStart[teamCount]! };
}

export function encodeWave(
  definition: TDefinition,
  responses: readonly TAnalysisResponse[],
  threshold: number,
  includePartial: boolean,
): TDataset {
  // Pass 1: teams and their counts.
  const teamIndex = new Map<string, number>();
  for (const r of responses) if (!teamIndex.has(r.team)) teamIndex.set(r.team, teamIndex.size);
  const teams = [...teamIndex.keys()].sort((a, b) => a.localeCompare(b, 'nl', { numeric: true }));
  teams.forEach((team, i) => teamIndex.set(team, i));
  const teamCount = teams.length;
  const complete = new Int32Array(teamCount);
  const partial = new Int32Array(teamCount);
  const responseTeam = new Int32Array(responses.length);
  responses.forEach((r, i) => {
    const t = teamIndex.get(r.team)!;
    responseTeam[i] = t;
    if (r.status === 'complete') complete[t]!++;
    else partial[t]!++;
  });
  const { shown, analysed, teamStart, rows } = teamRows(complete, partial, threshold, includePartial);

  // Pass 2: answers into columns, respondent by respondent.
  const scoredItems = scaledItems(definition);
  const scored = scoredItems.map((item): TScoredColumn => {
    const scale = scaleOf(definition, item);
    const k = scale.max - scale.min + 1;
    if (k > 255) throw new AnalysisInputError(`Schaal ${scale.id} heeft meer dan 255 waarden.`);
    return { item, scale, k, codes: new Uint8Array(rows).fill(k) };
  });
  const choiceItems = allItems(definition).filter((i): i is TSingleChoiceItem => i.kind === 'single_choice');
  const choices = choiceItems.map((item): TChoiceColumn => {
    const k = item.options.length;
    if (k > 255) throw new AnalysisInputError(`Vraag ${item.id} heeft meer dan 255 antwoordopties.`);
    return { item, k, codes: new Uint8Array(rows).fill(k) };
  });
  const optionIndex = choiceItems.map((item) => new Map(item.options.map((o, i) => [o.value, i])));

  const problems: string[] = [];
  const problem = (message: string) => {
    if (problems.length < MAX_PROBLEMS) problems.push(message);
  };
  const next = teamStart.slice(0, teamCount);
  // Looking each item up by name costs the same whether an answer object has fast
  // properties or is a dictionary (as JSON.parse makes objects with this many keys);
  // iterating the object's own keys is only fast for the former.
  for (let i = 0; i < responses.length; i++) {
    const response = responses[i]!;
    const t = responseTeam[i]!;
    if (!shown[t] || (response.status === 'partial' && !includePartial)) continue;
    const row = next[t]!++;
    const answers = response.answers;
    // Columns start as "no answer"; only answers are written.
    for (let j = 0; j < scored.length; j++) {
      const { item, scale, codes } = scored[j]!;
      const value = answers[item.id];
      if (value == null) continue;
      if (typeof value === 'number' && Number.isInteger(value) && value >= scale.min && value <= scale.max) {
        codes[row] = value - scale.min;
      } else {
        problem(
          `response ${response.id}, item ${item.id}: ${JSON.stringify(value)} ligt niet op schaal ${scale.id} (${scale.min}–${scale.max}).`,
        );
      }
    }
    for (let j = 0; j < choices.length; j++) {
      const { item, codes } = choices[j]!;
      const value = answers[item.id];
      if (value == null) continue;
      const index = typeof value === 'string' ? optionIndex[j]!.get(value) : undefined;
      if (index === undefined)
        problem(`response ${response.id}, item ${item.id}: ${JSON.stringify(value)} is geen antwoordoptie.`);
      else codes[row] = index;
    }
  }
  if (problems.length > 0) {
    throw new AnalysisInputError(
      `Antwoorden passen niet bij ${definitionKey(definition)}; eerste probleem: ${problems[0]}`,
      problems,
    );
  }
  return {
    definition,
    threshold,
    includePartial,
    teams,
    shown,
    complete,
    partial,
    analysed,
    teamStart,
    rows,
    scored: new Map(scored.map((c) => [c.item.id, c])),
    choices: new Map(choices.map((c) => [c.item.id, c])),
  };
}

/** Response counts over the shown teams: the only counts a report may publish. */
export function shownCounts(data: TDataset): { complete: number; partial: number; analysed: number } {
  const sum = (xs: Int32Array) => xs.reduce((s, x, t) => s + (data.shown[t] ? x : 0), 0);
  return { complete: sum(data.complete), partial: sum(data.partial), analysed: sum(data.analysed) };
}

export function suppressedTeams(data: TDataset): string[] {
  return data.teams.filter((_, t) => !data.shown[t]);
}

/** Rows of the given teams, in team order. */
export function rowsOfTeams(data: TDataset, teams: readonly number[]): Int32Array {
  let size = 0;
  for (const t of teams) size += data.teamStart[t + 1]! - data.teamStart[t]!;
  const rows = new Int32Array(size);
  let at = 0;
  for (const t of teams) for (let r = data.teamStart[t]!; r < data.teamStart[t + 1]!; r++) rows[at++] = r;
  return rows;
}
