/**
 * The analysis of stored waves, shared by `GET /api/waves/:id/analysis` and
 * `npm run analyse -- --wave <id>`: the wave's own version and threshold, an optional
 * baseline wave, and the rule that protects both waves' small teams. The answers are read
 * as codes (compact-waves.ts), which gives the same report as answer objects.
 */
import { analyse, AnalysisInputError, analyseJson, type TCompactResponses, type TReport } from '../../analysis/index.ts';
import type { DB } from '../db/kysely.ts';
import { ConflictError, NotFoundError, ValidationError } from '../errors.ts';
import { storedCompactWave } from './compact-waves.ts';
import type { TComparisonRuntime } from './comparison.ts';
import { waveInfo, type TWaveInfo } from './wave-data.ts';

export interface TWaveAnalysisOptions {
  baselineId?: number;
  includePartial?: boolean;
  /** Items for Kendall's tau-b (default every scored item). */
  tauItems?: string[];
  /** Per-team tau-b: none (default), the significant pairs, or every pair (large). */
  tauTeams?: 'none' | 'significant' | 'all';
}

/**
 * With a baseline, the baseline's figures are shown too: the stricter of the two
 * thresholds protects the small teams of both waves.
 */
export function combinedThreshold(current: number, baseline?: number): number {
  return Math.max(current, baseline ?? 0);
}

/** A stored wave as codes (compact-waves.ts): partial responses and single-choice items included. */
async function compactWave(db: DB, waveId: number, fresh: boolean): Promise<TWaveInfo & { responses: TCompactResponses }> {
  const wave = await waveInfo(db, waveId);
  const [compact, teams] = await Promise.all([
    // Partial saves do not raise the data version: with partial responses analysed, the
    // codes are read afresh (their counts in the report's meta may lag otherwise, as the
    // cached report's do).
    storedCompactWave(db, waveId, wave.definition, { partial: true, choices: true, fresh }),
    db.selectFrom('team').select(['id', 'name']).where('programme_id', '=', wave.programmeId).execute(),
  ]);
  const names = new Map(teams.map((t) => [String(t.id), t.name]));
  return { ...wave, responses: { ...compact, teams: compact.teams.map((id) => names.get(id) ?? id) } };
}

/** What `analyse` needs for a stored wave and its optional baseline. */
async function analysisInput(db: DB, waveId: number, options: TWaveAnalysisOptions) {
  const { baselineId } = options;
  if (baselineId === waveId) throw new ValidationError('Een meting kan niet haar eigen nulmeting zijn; kies een eerdere meting.');
  const [current, baseline] = await Promise.all([
    compactWave(db, waveId, options.includePartial ?? false),
    baselineId === undefined ? undefined : compactWave(db, baselineId, options.includePartial ?? false),
  ]);
  if (baseline && baseline.programmeId !== current.programmeId) throw new NotFoundError('niet gevonden');
  return {
    definition: current.definition,
    responses: current.responses,
    options: {
      threshold: combinedThreshold(current.threshold, baseline?.threshold),
      includePartial: options.includePartial ?? false,
      ...(options.tauItems && { tauItems: options.tauItems }),
      ...(options.tauTeams && { tauTeams: options.tauTeams }),
      ...(baseline && { baseline: { definition: baseline.definition, responses: baseline.responses } }),
    },
  };
}

/** Stored answers that do not fit their version: the request is fine, the data is not. */
function conflict(error: unknown): never {
  // Worth naming (items and values, never a respondent) rather than a bare 500.
  if (error instanceof AnalysisInputError) throw new ConflictError(error.message, { problems: error.problems });
  throw error;
}

export async function analyseStoredWave(db: DB, waveId: number, options: TWaveAnalysisOptions = {}): Promise<TReport> {
  const input = await analysisInput(db, waveId, options);
  try {
    return analyse(input.definition, input.responses, input.options);
  } catch (error) {
    return conflict(error);
  }
}

/**
 * The report as the API sends it: JSON checked against `ZReport`, made in a worker
 * thread (`runtime.runInWorker`; without one, here).
 */
export async function analyseStoredWaveJson(
  db: DB,
  waveId: number,
  options: TWaveAnalysisOptions = {},
  runtime?: Pick<TComparisonRuntime, 'runInWorker'>,
): Promise<string> {
  const input = await analysisInput(db, waveId, options);
  return (runtime ? runtime.runInWorker('analyseJson', input) : Promise.resolve().then(() => analyseJson(input))).catch(conflict);
}
