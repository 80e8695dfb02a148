/**
 * How often each theme was coded in the open answers, per team and for the wave, with the
 * anonymity rule of this folder's README (`overall_excludes_suppressed_cells`):
 *   1. a team is shown only with at least `threshold` complete responses;
 *   2. within a shown team, the theme figures are computed over the team's coded answers,
 *      and suppressed when fewer than `threshold` answers were coded;
 *   3. the wave figure is computed over exactly the shown teams' cells, so subtracting the
 *      shown teams from it leaves nothing. Answers without a team are in no cell.
 * Pure: data in, figures out.
 */

export interface TThemeCountInput {
  threshold: number;
  themes: readonly { code: string; label: string }[];
  teams: readonly { name: string; completeResponses: number }[];
  /** One entry per coded answer (final codes), with its team (null: none) and theme codes. */
  answers: readonly { team: string | null; themes: readonly string[] }[];
}

export interface TThemeFigure {
  code: string;
  label: string;
  count: number;
  /** Share of the group's coded answers, 0–100. */
  percent: number;
}

export type TThemeCell = { suppressed: true } | { suppressed: false; n: number; themes: TThemeFigure[] };

export interface TThemeCounts {
  threshold: number;
  teams: { name: string; cell: TThemeCell }[];
  overall: TThemeCell & { excludedTeams: string[] };
}

function cellOf(themes: TThemeCountInput['themes'], answers: readonly { themes: readonly string[] }[]): TThemeCell {
  const n = answers.length;
  return {
    suppressed: false,
    n,
    themes: themes.map((t) => {
      const count = answers.filter((a) => a.themes.includes(t.code)).length;
      return { code: t.code, label: t.label, count, percent: n === 0 ? 0 : (100 * count) / n };
    }),
  };
}

export function themeCounts(input: TThemeCountInput): TThemeCounts {
  if (!Number.isInteger(input.threshold) || input.threshold < 3) {
    throw new RangeError('themeCounts: the anonymity threshold is a whole number of at least 3');
  }
  const byTeam = new Map<string, { themes: readonly string[] }[]>();
  for (const a of input.answers) {
    if (a.team === null) continue;
    const list = byTeam.get(a.team) ?? [];
    list.push(a);
    byTeam.set(a.team, list);
  }
  const shownAnswers: { themes: readonly string[] }[] = [];
  const excludedTeams: string[] = [];
  const teams = input.teams.map((team) => {
    const answers = byTeam.get(team.name) ?? [];
    if (team.completeResponses < input.threshold || answers.length < input.threshold) {
      excludedTeams.push(team.name);
      return { name: team.name, cell: { suppressed: true } as const };
    }
    shownAnswers.push(...answers);
    return { name: team.name, cell: cellOf(input.themes, answers) };
  });
  const overall: TThemeCounts['overall'] =
    shownAnswers.length === 0 ? { suppressed: true, excludedTeams } : { ...cellOf(input.themes, shownAnswers), excludedTeams };
  return { threshold: input.threshold, teams, overall };
}
