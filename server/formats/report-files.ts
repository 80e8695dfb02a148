/**
 * The analysis report as the two files of the analysis bundle (JSON and Markdown), made
 * in one worker-pool task (`bundleReport`) with the analysis itself: for 100,000
 * respondents the report is megabytes of text, too much to stringify on the event loop.
 */
import { analyse, reportToMarkdown } from '../../analysis/index.ts';
import type { TAnalyseInput } from '../workers/tasks.ts';

export function reportFiles(input: TAnalyseInput): { json: Uint8Array; markdown: Uint8Array } {
  const report = analyse(input.definition, input.responses, input.options);
  const encoder = new TextEncoder();
  return {
    json: encoder.encode(`${JSON.stringify(report, null, 2)}\n`),
    markdown: encoder.encode(reportToMarkdown(report, input.definition, 'nl')),
  };
}
