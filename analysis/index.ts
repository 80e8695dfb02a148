/**
 * The analysis engine's public face. Pure functions: numbers in, numbers out — no
 * database, no HTTP, no file system. The server and the command-line tools call these.
 */
export { analyse, analyseJson } from './analyse.ts';
export {
  AnalysisInputError,
  ZAnalysisOptions,
  ZAnalysisResponse,
  type TAnalysisOptions,
  type TAnalysisResponse,
  type TWave,
} from './input.ts';
export { reportToMarkdown, type TMarkdownOptions } from './markdown.ts';
export * from './report-schema.ts';
export {
  LINEAGE_REASONS,
  resolveLineage,
  versionPath,
  type TItemLink,
  type TNotComparable,
  type TResolvedLineage,
} from './lineage.ts';
export { READING_RULE, READING_RULE_TEXT, READINGS, readDifference, type TReading, type TVerdict } from './reading.ts';
export {
  compareWaves,
  compareWavesJson,
  OVERALL_LABEL,
  strictestThreshold,
  type TChangeOptions,
  type TComparedWave,
  type TTeamPairing,
} from './change.ts';
export { trend, trendJson, type TTrendOptions, type TTrendTeam } from './trend.ts';
export { COMPACT_INVALID, COMPACT_NONE, compactFromResponses, encodeCompact, type TCompactResponses } from './compact.ts';
export * from './change-schema.ts';
export { cohensKappa, type TKappa } from './kappa.ts';
export { themeCounts, type TThemeCounts, type TThemeCell, type TThemeFigure, type TThemeCountInput } from './theme-counts.ts';
