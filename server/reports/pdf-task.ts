/**
 * The PDFs as worker tasks. The input crosses to the thread as one JSON string rather
 * than as objects: the structured clone that postMessage does of a 50-team report (many
 * small objects) took ~300 ms on the calling thread, JSON.stringify ~45 ms — and the
 * calling thread is the one that serves respondents. The report, the definition and
 * the wave are plain JSON data (no undefined, NaN, Map or Date), so nothing is lost.
 */
import { owned } from '../charts/render.ts';
import { teamPdf as buildTeamPdf, wavePdf as buildWavePdf } from './pdf.ts';
import type { TReportInput } from './types.ts';

export interface TPdfTaskInput {
  /** A TReportInput as JSON. */
  input: string;
}

/** On the calling thread: the report input, ready to send. Extra fields (a wave's team list) go along unread. */
export function pdfTaskInput(input: TReportInput): TPdfTaskInput {
  return { input: JSON.stringify(input) };
}

export async function teamPdf(task: TPdfTaskInput, team: string): Promise<Uint8Array> {
  return owned(await buildTeamPdf(JSON.parse(task.input) as TReportInput, team));
}

export async function wavePdf(task: TPdfTaskInput): Promise<Uint8Array> {
  return owned(await buildWavePdf(JSON.parse(task.input) as TReportInput));
}
