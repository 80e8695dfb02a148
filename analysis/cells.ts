/**
 * Helpers shared by every part of the report: the suppressed cell, JSON-safe numbers,
 * and which teams an overall figure is computed over.
 */
import type { TDataset } from './dataset.ts';

/** The one suppressed cell: nothing but the flag. */
export const SUPPRESSED = { suppressed: true } as const;

/** NaN cannot travel in JSON: an undefined statistic is null. */
export function orNull(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

/** Teams whose cell is shown, and the names of all others (left out of the overall). */
export function split(data: TDataset, visible: readonly boolean[]): { included: number[]; excludedTeams: string[] } {
  const included: number[] = [];
  const excludedTeams: string[] = [];
  data.teams.forEach((team, t) => (visible[t] ? included.push(t) : excludedTeams.push(team)));
  return { included, excludedTeams };
}
