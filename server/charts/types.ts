/**
 * What the chart engine produces. A chart is plain data: a chart.js configuration
 * without callbacks (so the same object renders on the server and in the browser, and
 * crosses a worker boundary), the table a screen reader or a printed report needs, and
 * alt text. A group below the anonymity threshold gets a notice instead: no config, no
 * table, no number.
 */
import type { ChartConfiguration } from 'chart.js';
import type { TChange, TReport, TTrend } from '../../analysis/index.ts';
import type { TThemeCounts } from '../../analysis/theme-counts.ts';
import type { TDefinition, TLanguage } from '../../survey-definitions/index.ts';

export interface TChartTable {
  caption: string;
  /** Column headers; the first column names the rows. */
  columns: string[];
  /** Cells as printed (numbers already formatted in the chart's language). */
  rows: string[][];
  /** A sentence under the table (scale, which overall, what a blank cell means). */
  note?: string;
}

interface TChartBase {
  /** Stable, plain-ASCII id, unique within its scope: the file stem and the URL segment. */
  id: string;
  /** The kind that made it (`levine`, `distribution`, …). */
  kind: string;
  title: string;
}

export interface TChart extends TChartBase {
  status: 'shown';
  config: ChartConfiguration;
  table: TChartTable;
  alt: string;
  /** Size in CSS pixels; PNG for print is rendered at twice this. */
  width: number;
  height: number;
}

export interface TChartNotice extends TChartBase {
  status: 'suppressed';
  /** "te weinig respondenten om resultaten te tonen" — and nothing else. */
  notice: string;
}

export type TChartResult = TChart | TChartNotice;

/** What every chart kind is fed: the report, the definition it was made from, the language. */
export interface TChartInput {
  report: TReport;
  definition: TDefinition;
  lang: TLanguage;
  /** The change since the wave's baseline wave (absent: the wave has none, or it cannot be compared). */
  change?: TChange | undefined;
  /** The trend over the programme's waves up to this one (absent: fewer than three). */
  trend?: TTrend | undefined;
  /** Theme counts of the coded open answers, final codes (absent: the wave has no themes). */
  themes?: TThemeCounts | undefined;
}

/** Per-team kinds get the team's name (as the report keys it); wave kinds get none. */
export interface TTeamChartInput extends TChartInput {
  team: string;
}

export interface TTeamChartKind {
  kind: string;
  scope: 'team';
  /** Zero or more charts for a team that is shown (suppressed teams never reach a kind). */
  build(input: TTeamChartInput): TChartResult[];
}

export interface TWaveChartKind {
  kind: string;
  scope: 'wave';
  build(input: TChartInput): TChartResult[];
}

export type TChartKind = TTeamChartKind | TWaveChartKind;
