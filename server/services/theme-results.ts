/**
 * What the final codes add up to: theme counts per team and for the wave (with the
 * anonymity rule, analysis/theme-counts.ts) — charted by server/charts/kinds/themes.ts —
 * and the 0/1 columns per theme for the data exports (SPSS multiple-response convention:
 * one dichotomous variable per theme, 1 = genoemd).
 *
 * The unit is the response: a response counts for a theme when one of its open answers
 * carries the theme in its final codes; a response none of whose open answers has final
 * codes yet is not counted (and is missing, not 0, in the exports).
 */
import { themeCounts, type TThemeCounts } from '../../analysis/theme-counts.ts';
import type { DB } from '../db/kysely.ts';
import { finalCodes, keyOf } from './coding.ts';
import { openAnswerRows, openWave } from './open-answers.ts';
import { listThemes, type TTheme } from './themes.ts';

interface TCodedResponse {
  teamId: number | null;
  themeIds: Set<number>;
}

async function codedResponses(db: DB, waveId: number) {
  const wave = await openWave(db, waveId);
  const themes = await listThemes(db, waveId);
  const final = await finalCodes(db, waveId);
  const responses = new Map<string, TCodedResponse>();
  for (const row of await openAnswerRows(db, wave)) {
    const codes = final.get(keyOf(row));
    if (!codes) continue;
    const r = responses.get(row.responseId) ?? { teamId: row.teamId, themeIds: new Set<number>() };
    for (const id of codes) r.themeIds.add(id);
    responses.set(row.responseId, r);
  }
  return { wave, themes, responses };
}

export interface TThemeResults {
  waveId: number;
  label: string;
  counts: TThemeCounts;
}

export async function themeResults(db: DB, waveId: number): Promise<TThemeResults> {
  const { wave, themes, responses } = await codedResponses(db, waveId);
  const code = new Map(themes.map((t) => [t.id, t.code]));
  const teamName = new Map(wave.teams.map((t) => [t.id, t.name]));
  const counts = themeCounts({
    threshold: wave.threshold,
    themes: themes.map((t) => ({ code: t.code, label: t.label })),
    teams: wave.teams.map((t) => ({ name: t.name, completeResponses: t.complete })),
    answers: [...responses.values()].map((r) => ({
      team: r.teamId === null ? null : (teamName.get(r.teamId) ?? null),
      themes: [...r.themeIds].map((id) => code.get(id)!),
    })),
  });
  return { waveId, label: wave.label, counts };
}

export interface TThemeColumn {
  /** Variable name: theme_<code> (SPSS-safe: the code is [a-z][a-z0-9_]*). */
  name: string;
  /** Variable label: the theme's label. */
  label: string;
  valueLabels: readonly { value: 0 | 1; label: string }[];
  measure: 'nominal';
}

export interface TThemeColumns {
  columns: TThemeColumn[];
  /** response id → one value per column: 1 the theme was coded, 0 it was not, null not coded (yet). */
  values: Map<string, (0 | 1 | null)[]>;
}

export const THEME_VALUE_LABELS = [
  { value: 0, label: 'niet genoemd' },
  { value: 1, label: 'genoemd' },
] as const;

export const THEME_COLUMN_PREFIX = 'theme_';

export function themeColumnName(theme: Pick<TTheme, 'code'>): string {
  return `${THEME_COLUMN_PREFIX}${theme.code}`;
}

/**
 * The final codes as export columns, for the CSV, XLSX and .sav exporters to append to
 * the wave's data set. Responses not in `values` have no open answer with final codes:
 * every column is missing for them.
 */
export async function themeColumns(db: DB, waveId: number): Promise<TThemeColumns> {
  const { themes, responses } = await codedResponses(db, waveId);
  const columns = themes.map((t) => ({
    name: themeColumnName(t),
    label: t.label,
    valueLabels: THEME_VALUE_LABELS,
    measure: 'nominal' as const,
  }));
  const values = new Map<string, (0 | 1 | null)[]>();
  for (const [responseId, r] of responses)
    values.set(
      responseId,
      themes.map((t) => (r.themeIds.has(t.id) ? 1 : 0)),
    );
  return { columns, values };
}
