/**
 * The work that may run off the event loop, by name. Each task is a pure function of a
 * structured-cloneable input (no database handle, no request, no class instances with
 * behaviour) to a structured-cloneable output; ArrayBuffers and typed arrays in the
 * output are transferred, not copied (PDFs, PNGs, ZIPs).
 *
 * Add a task: one entry here, importing the pure function from where it lives. Nothing in
 * this file may import the database or Fastify: it is loaded inside every worker thread.
 */
import {
  analyse,
  analyseJson,
  AnalysisInputError,
  compareWavesJson,
  trendJson,
  type TAnalysisOptions,
  type TAnalysisResponse,
} from '../../analysis/index.ts';
import type { TDefinition } from '../../survey-definitions/schema.ts';
import { chartFile, type TImageFormat } from '../charts/render.ts';
import type { TChart } from '../charts/types.ts';
import { teamPdf, wavePdf, type TPdfTaskInput } from '../reports/pdf-task.ts';
import { zipFolderEntries, type TZipFolder } from '../reports/zip.ts';
import { checkImport, type TImportCheckInput } from '../formats/import-rows.ts';
import { reportFiles } from '../formats/report-files.ts';
import { savChunk, type TSavChunkInput } from '../formats/wave-files.ts';
import { xlsxChunk, type TXlsxChunkInput } from '../formats/xlsx.ts';

export interface TAnalyseInput {
  definition: TDefinition;
  responses: readonly TAnalysisResponse[];
  options: TAnalysisOptions;
}

export const tasks = {
  analyse: (input: TAnalyseInput) => analyse(input.definition, input.responses, input.options),
  analyseJson: (input: Parameters<typeof analyseJson>[0]) => analyseJson(input),
  compareWavesJson: (input: Parameters<typeof compareWavesJson>[0]) => compareWavesJson(input),
  trendJson: (input: Parameters<typeof trendJson>[0]) => trendJson(input),
  chartFile: (input: { chart: TChart; format: TImageFormat }) => chartFile(input.chart, input.format),
  teamPdf: (input: TPdfTaskInput & { team: string }) => teamPdf(input, input.team),
  wavePdf: (input: TPdfTaskInput) => wavePdf(input),
  zipFolder: (input: TZipFolder) => zipFolderEntries(input),
  importCheck: (input: TImportCheckInput) => checkImport(input),
  savChunk: (input: TSavChunkInput) => savChunk(input),
  xlsxChunk: (input: TXlsxChunkInput) => xlsxChunk(input),
  bundleReport: (input: TAnalyseInput) => reportFiles(input),
  /** For tests and the bench: burns CPU for `ms`, or fails / crashes on request. */
  probe: (input: { ms: number; fail?: 'throw' | 'crash'; bytes?: number }) => {
    const until = Date.now() + input.ms;
    while (Date.now() < until) {
      // busy on purpose
    }
    if (input.fail === 'throw') throw new AnalysisInputError('probe failed', ['probe']);
    if (input.fail === 'crash') process.exit(3);
    return { threadDone: true, bytes: new Uint8Array(input.bytes ?? 0).fill(7) };
  },
} satisfies Record<string, (input: never) => unknown>;

export type TTaskName = keyof typeof tasks;
export type TTaskInput<N extends TTaskName> = Parameters<(typeof tasks)[N]>[0];
export type TTaskOutput<N extends TTaskName> = ReturnType<(typeof tasks)[N]>;

/** An error as it crosses the thread boundary: its class name, message and own fields. */
export interface TSerialisedError {
  name: string;
  message: string;
  fields: Record<string, unknown>;
}

/**
 * Errors callers test with `instanceof` are rebuilt as their own class on the calling
 * side; anything else arrives as a WorkerTaskError (a 500 whose detail stays in the log).
 */
export const errorClasses: Record<string, (e: TSerialisedError) => Error> = {
  AnalysisInputError: (e) => new AnalysisInputError(e.message, (e.fields.problems as string[] | undefined) ?? [e.message]),
};
