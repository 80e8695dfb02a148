/**
 * What the reports are made from: the analysis report and its definition (as for the
 * charts) plus what the database knows about the wave. Plain data, so a report can be
 * rendered in a worker thread.
 */
import type { TChartInput } from '../charts/types.ts';

export interface TReportWave {
  id: number | null;
  label: string;
  programme: string | null;
  /** Team name → number of members the wave was set up with (for the response rate). */
  members: Record<string, number>;
}

export interface TReportInput extends TChartInput {
  wave: TReportWave;
}
