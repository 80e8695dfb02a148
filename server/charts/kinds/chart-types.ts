/**
 * The shape the change and trend charts share with the chart engine's `TChart`
 * (server/charts/types.ts): plain data — a chart.js configuration without callbacks, a
 * data table, alt text and a size — or a notice for a group below the threshold.
 */
import type { ChartConfiguration } from 'chart.js';

export interface TChangeChartTable {
  caption: string;
  columns: string[];
  rows: string[][];
  note?: string;
}

export type TChangeChartResult =
  | {
      id: string;
      kind: string;
      title: string;
      status: 'shown';
      config: ChartConfiguration;
      table: TChangeChartTable;
      alt: string;
      width: number;
      height: number;
    }
  | { id: string; kind: string; title: string; status: 'suppressed'; notice: string };
