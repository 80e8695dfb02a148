/**
 * A wave's report for the results pages and downloads, with the analysis off the event
 * loop: answers are read here (async I/O), `analyse` runs in the worker pool, and the
 * report is kept per wave until its data change (server/workers/README.md). The charts,
 * PDFs and ZIP made from it are rendered in the pool too (routes/api/reports.ts).
 */
import type { FastifyInstance } from 'fastify';
import { AnalysisInputError } from '../../analysis/index.ts';
import type { TLanguage } from '../../survey-definitions/index.ts';
import { ConflictError, ServiceUnavailableError } from '../errors.ts';
import { loadWaveReport, type TWaveReport } from '../reports/load.ts';

export function waveReport(app: FastifyInstance, waveId: number, lang: TLanguage): Promise<TWaveReport> {
  // The whole input is kept, not only the analysis: a chart image or a PDF then reads no
  // answers at all while the wave's data are unchanged (the version also follows the
  // wave's label and teams; a team or programme renamed shows after the next change, as
  // for the analysis cache of the research API).
  return app.waveResults.get(app.db, `report-input:${waveId}:${lang}`, [waveId], () =>
    loadWaveReport(app.db, waveId, lang, async (definition, responses, threshold) => {
      try {
        // Complete responses only (what the version counter follows), the wave's own threshold.
        return await app.runInWorker('analyse', { definition, responses, options: { threshold } });
      } catch (error) {
        // Stored answers that do not fit their version: name the problem, not a bare 500.
        if (error instanceof AnalysisInputError) throw new ConflictError(error.message, { problems: error.problems });
        throw error;
      }
    }),
  );
}

/**
 * A worker task for a download already under way (a ZIP's later folders): when the
 * queue is full for a moment, wait and try again rather than break off the download.
 */
export async function patiently<T>(task: () => Promise<T>, tries = 30): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await task();
    } catch (error) {
      if (!(error instanceof ServiceUnavailableError) || i >= tries) throw error;
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  }
}
