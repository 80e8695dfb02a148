/**
 * A wave from the database, ready for charts and reports: its stored questionnaire
 * version, its threshold, the analysis report (complete responses only, as the reports
 * do) and the team list with member counts. Also the same for an exported CSV.
 *
 * With it, what the change, trend and theme charts are fed (`TChartInput`): the change
 * since the wave's own baseline wave (when it has one), the trend over the programme's
 * waves up to this one (when there are three or more) and the theme counts of the final
 * codes (when the wave has themes). Each comes from its own service; each is absent
 * when it does not apply, and the kinds that need it then make no chart.
 */
import {
  analyse,
  AnalysisInputError,
  type TAnalysisResponse,
  type TChange,
  type TReport,
  type TTrend,
} from '../../analysis/index.ts';
import type { TThemeCounts } from '../../analysis/theme-counts.ts';
import type { TDefinition, TLanguage } from '../../survey-definitions/index.ts';
import type { DB } from '../db/kysely.ts';
import { ConflictError, NotFoundError, ValidationError } from '../errors.ts';
import { compareStoredWaves, programmeWaves, storedTrend } from '../services/comparison.ts';
import { themeResults } from '../services/theme-results.ts';
import { listThemes } from '../services/themes.ts';
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

/**
 * What a wave's report depends on besides its own answers, for a cache: the waves whose
 * data feed the change and trend (its baseline wave and the programme's waves up to it),
 * and a key naming the baseline chosen. Theme codes are not among them (coding raises no
 * data version): load them fresh with `waveThemes`.
 */
export async function reportDependencies(db: DB, waveId: number): Promise<{ waves: number[]; key: string }> {
  const wave = await getWave(db, waveId);
  const waves = await programmeWaves(db, wave.programme_id);
  const upTo = waves.slice(0, waves.findIndex((w) => w.id === waveId) + 1).map((w) => w.id);
  const baseline = wave.baseline_wave_id;
  return {
    waves: [...new Set([waveId, ...upTo, ...(baseline === null ? [] : [baseline])])],
    key: `baseline=${baseline ?? ''}`,
  };
}

export async function loadWaveReport(
  db: DB,
  waveId: number,
  lang: TLanguage,
  analyser: TReportAnalyser = analyseForReport,
  options: { themes?: boolean } = {},
): Promise<TWaveReport> {
  const wave = await getWave(db, waveId);
  const [data, teams, programme, change, trend, themes] = await Promise.all([
    waveForAnalysis(db, waveId),
    waveTeams(db, waveId),
    db.selectFrom('programme').select('name').where('id', '=', wave.programme_id).executeTakeFirst(),
    changeOf(db, wave),
    trendOf(db, wave),
    options.themes === false ? undefined : waveThemes(db, waveId),
  ]);
  const report = await analyser(data.definition, data.responses, data.threshold);
  return {
    report,
    definition: data.definition,
    lang,
    teams,
    change,
    trend,
    themes,
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

/** A comparison that cannot be made (versions without a lineage, …) is no chart, not an error page. */
async function unlessIncomparable<T>(work: () => Promise<T>): Promise<T | undefined> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof AnalysisInputError || error instanceof ValidationError) return undefined;
    throw error;
  }
}

/** The change since the wave's own baseline wave, when one is recorded. */
function changeOf(db: DB, wave: TStoredWave): Promise<TChange | undefined> {
  const baseline = wave.baseline_wave_id;
  if (baseline === null || baseline === wave.id) return Promise.resolve(undefined);
  return unlessIncomparable(() => compareStoredWaves(db, wave.programme_id, baseline, wave.id));
}

/** The trend over the programme's waves that opened up to this one, when there are three or more. */
async function trendOf(db: DB, wave: TStoredWave): Promise<TTrend | undefined> {
  const waves = await programmeWaves(db, wave.programme_id);
  const upTo = waves.slice(0, waves.findIndex((w) => w.id === wave.id) + 1);
  if (upTo.length < 3) return undefined;
  return unlessIncomparable(() =>
    storedTrend(
      db,
      wave.programme_id,
      upTo.map((w) => w.id),
    ),
  );
}

/** Theme counts of the final codes, when the wave has a theme list (coding moves them: no cache may keep them). */
export async function waveThemes(db: DB, waveId: number): Promise<TThemeCounts | undefined> {
  if ((await listThemes(db, waveId)).length === 0) return undefined;
  return unlessIncomparable(async () => (await themeResults(db, waveId)).counts);
}

type TStoredWave = Awaited<ReturnType<typeof getWave>>;
