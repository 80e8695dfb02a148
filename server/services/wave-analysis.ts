/**
 * The analysis of stored waves, shared by `GET /api/waves/:id/analysis` and
 * `npm run analyse -- --wave <id>`: the wave's own version and threshold, an optional
 * baseline wave, and the rule that protects both waves' small teams.
 */
import { analyse, AnalysisInputError, type TReport } from '../../analysis/index.ts';
import type { DB } from '../db/kysely.ts';
import { ConflictError, NotFoundError, ValidationError } from '../errors.ts';
import { waveForAnalysis } from './wave-data.ts';

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

export async function analyseStoredWave(db: DB, waveId: number, options: TWaveAnalysisOptions = {}): Promise<TReport> {
  const { baselineId } = options;
  if (baselineId === waveId) throw new ValidationError('Een meting kan niet haar eigen nulmeting zijn; kies een eerdere meting.');
  const current = await waveForAnalysis(db, waveId);
  const baseline = baselineId === undefined ? undefined : await waveForAnalysis(db, baselineId);
  if (baseline && baseline.programmeId !== current.programmeId) throw new NotFoundError('niet gevonden');
  try {
    return analyse(current.definition, current.responses, {
      threshold: combinedThreshold(current.threshold, baseline?.threshold),
      includePartial: options.includePartial ?? false,
      ...(options.tauItems && { tauItems: options.tauItems }),
      ...(options.tauTeams && { tauTeams: options.tauTeams }),
      ...(baseline && { baseline: { definition: baseline.definition, responses: baseline.responses } }),
    });
  } catch (error) {
    // Stored answers that do not fit their version: the request is fine, the data is
    // not. Worth naming (items and values, never a respondent) rather than a bare 500.
    if (error instanceof AnalysisInputError) throw new ConflictError(error.message, { problems: error.problems });
    throw error;
  }
}
