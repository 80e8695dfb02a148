/**
 * `npm run import -- --wave <id> <file.csv>` reads a file in the export format into a
 * wave (services/import.ts): codes or labels, `,` or `;`, UTF-8 or Windows-1252. All or
 * nothing: on any problem it prints every problem with its line and column, writes
 * nothing and exits with status 1. `--dry-run` only checks and shows what would be read.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { formatProblem, formatWarning, type TMissingWarning } from '../formats/responses-csv.ts';
import { ImportRejectedError, importResponses, previewImport } from '../services/import.ts';
import { UsageError, withDatabase } from './context.ts';

const USAGE = `Gebruik:
  npm run import -- --wave <id> [--dry-run] <bestand.csv>`;

function parse() {
  try {
    const { values, positionals } = parseArgs({
      args: process.argv.slice(2),
      options: { wave: { type: 'string' }, 'dry-run': { type: 'boolean', default: false } },
      allowPositionals: true,
      strict: true,
    });
    if (!values.wave || !/^\d+$/.test(values.wave)) throw new UsageError('--wave <id> ontbreekt');
    if (positionals.length !== 1) throw new UsageError('geef precies één CSV-bestand');
    return { waveId: Number(values.wave), file: positionals[0]!, dryRun: values['dry-run'] };
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${USAGE}`);
  }
}

function printWarnings(warnings: readonly TMissingWarning[]): void {
  if (warnings.length === 0) return;
  console.error(
    `Let op: ${warnings.length} ${warnings.length === 1 ? 'vraag' : 'vragen'} met ontbrekende antwoorden (item non-response, ingelezen als ontbrekend):`,
  );
  for (const warning of warnings) console.error(`  ${formatWarning(warning)}`);
}

await withDatabase(
  async ({ db }) => {
    const args = parse();
    let bytes: Buffer;
    try {
      bytes = await readFile(args.file);
    } catch (error) {
      throw new UsageError(`${args.file} kan niet gelezen worden: ${(error as Error).message}`);
    }
    if (args.dryRun) {
      const preview = await previewImport(db, args.waveId, bytes);
      for (const problem of preview.errors) console.error(formatProblem(problem));
      printWarnings(preview.warnings);
      const s = preview.summary;
      console.log(
        `${s.rows} responses (${s.complete} volledig, ${s.partial} gedeeltelijk) in ${s.teams.length} teams; ${s.encoding}, scheidingsteken "${s.delimiter}". Niets geschreven.`,
      );
      if (preview.errors.length > 0) process.exitCode = 1;
      return;
    }
    try {
      const result = await importResponses(db, args.waveId, bytes, { actor: 'cli' });
      printWarnings(result.warnings);
      console.log(
        `${result.imported} responses ingelezen in meting ${result.waveId} ` +
          `(${result.complete} volledig, ${result.partial} gedeeltelijk).`,
      );
    } catch (error) {
      if (!(error instanceof ImportRejectedError)) throw error;
      for (const problem of error.problems) console.error(formatProblem(problem));
      if (error.details.truncated) console.error(`… en meer; de eerste ${error.problems.length} staan hierboven.`);
      console.error(error.message);
      process.exitCode = 1;
    }
  },
  { migrate: true },
);
