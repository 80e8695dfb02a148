/**
 * The analysis engine's public face. Pure functions: numbers in, numbers out — no
 * database, no HTTP, no file system. The server and the command-line tools call these.
 */
export { analyse } from './analyse.ts';
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
export { cohensKappa, type TKappa } from './kappa.ts';
export { themeCounts, type TThemeCounts, type TThemeCell, type TThemeFigure, type TThemeCountInput } from './theme-counts.ts';
