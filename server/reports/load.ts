/**
 * A wave from the database, ready for charts and reports: its stored questionnaire
 * version, its threshold, the analysis report (complete responses only, as the reports
 * do) and the team list with member counts. Also the same for an exported CSV.
 */
import { analyse, AnalysisInputError, type TAnalysisResponse, type TReport } from '../../analysis/index.ts';
import type { TDefinition, TLanguage } from '../../survey-definitions/index.ts';
import type { DB } from '../db/kysely.ts';
import { ConflictError, NotFoundError } from '../errors.ts';
import { waveForAnalysis } from '../services/wave-data.ts';
import { getWave, waveTeams, type WaveTeam } from '../services/waves.ts';
import type { TReportInput } from './types.ts';

export interface TWaveReport extends TReportInput {
  teams: WaveTeam[];
}

export function analyseForReport(definition: TDefinition, responses: readonly TAnalysisResponse[], threshold: number) {
  try {
    return analyse(definition, responses, { threshold });
  } catch (error) {
    // Stored answers that do not fit their version: name the problem, not a bare 500.
    if (error instanceof AnalysisInputError) throw new ConflictError(error.message, { problems: error.problems });
    throw error;
  }
}

/** How the report is made from the loaded answers; routes pass one that runs in the worker pool. */
export type TReportAnalyser = (
  definition: TDefinition,
  responses: readonly TAnalysisResponse[],
  threshold: number,
) => TReport | Promise<TReport>;

export async function loadWaveReport(
  db: DB,
  waveId: number,
  lang: TLanguage,
  analyser: TReportAnalyser = analyseForReport,
): Promise<TWaveReport> {
  const wave = await getWave(db, waveId);
  const [data, teams, programme] = await Promise.all([
    waveForAnalysis(db, waveId),
    waveTeams(db, waveId),
    db.selectFrom('programme').select('name').where('id', '=', wave.programme_id).executeTakeFirst(),
  ]);
  const report = await analyser(data.definition, data.responses, data.threshold);
  return {
    report,
    definition: data.definition,
    lang,
    teams,
    wave: {
      id: waveId,
      label: wave.label,
      programme: programme?.name ?? null,
      members: Object.fromEntries(teams.map((t) => [t.name, t.members])),
    },
  };
}

/** The team of a wave by id, as the report names it (404 when it is not in the wave). */
export function teamOf(input: TWaveReport, teamId: number): WaveTeam {
  const team = input.teams.find((t) => t.id === teamId);
  if (!team) throw new NotFoundError(`team ${teamId} is not part of this wave`);
  return team;
}
