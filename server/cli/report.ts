/**
 * `npm run report -- --wave <id> [--team <name>] --format pdf|zip|png|svg --output <path>`
 * writes the charts and reports of a wave from the database;
 * `npm run report -- --definition <id>@<version> --input <responses.csv> …` does the same
 * for an exported data set, without a database. png/svg: one file per chart in the
 * folder --output (per team, or the wave's charts without --team).
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { getDefinition, type TLanguage } from '../../survey-definitions/index.ts';
import { teamCharts, waveCharts, type TChart } from '../charts/index.ts';
import { renderMany } from '../charts/render.ts';
import { analyseForReport, loadWaveReport } from '../reports/load.ts';
import { teamPdf, wavePdf } from '../reports/pdf.ts';
import type { TReportInput } from '../reports/types.ts';
import { chartsZip } from '../reports/zip.ts';
import { forAnalysis, formatProblem, parseResponsesCsv } from '../formats/responses-csv.ts';
import { UsageError, withDatabase } from './context.ts';

const USAGE = `Gebruik:
  npm run report -- --wave <id> [--team <naam>] --format pdf|zip|png|svg --output <pad>
  npm run report -- --definition <id>@<versie> --input <responses.csv> [--threshold 5]
                    [--team <naam>] --format pdf|zip|png|svg --output <pad>

  --format   pdf: rapport van het team (met --team) of van de hele meting
             zip: alle grafieken van alle teams (--team wordt genegeerd)
             png/svg: elke grafiek als bestand in de map --output
  --lang     nl (standaard) of en`;

const FORMATS = ['pdf', 'zip', 'png', 'svg'] as const;
type TFormat = (typeof FORMATS)[number];

function parse(argv: string[]) {
  let values;
  try {
    values = parseArgs({
      args: argv,
      options: {
        wave: { type: 'string' },
        definition: { type: 'string' },
        input: { type: 'string' },
        threshold: { type: 'string', default: '5' },
        team: { type: 'string' },
        format: { type: 'string' },
        output: { type: 'string', short: 'o' },
        lang: { type: 'string', default: 'nl' },
      },
      strict: true,
    }).values;
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${USAGE}`);
  }
  if (!values.format || !FORMATS.includes(values.format as TFormat))
    throw new UsageError(`--format: kies pdf, zip, png of svg\n${USAGE}`);
  if (!values.output) throw new UsageError(`--output ontbreekt\n${USAGE}`);
  if (values.lang !== 'nl' && values.lang !== 'en') throw new UsageError('--lang: kies nl of en');
  if ((values.wave === undefined) === (values.definition === undefined))
    throw new UsageError(`geef --wave of --definition (met --input)\n${USAGE}`);
  if (values.wave !== undefined && !/^\d+$/.test(values.wave)) throw new UsageError('--wave: verwacht het nummer van een meting');
  if (values.definition !== undefined && !values.input) throw new UsageError('--input ontbreekt bij --definition');
  if (!/^\d+$/.test(values.threshold) || Number(values.threshold) < 3)
    throw new UsageError('--threshold: verwacht een geheel getal, minstens 3');
  return { ...values, format: values.format as TFormat, output: values.output, lang: values.lang as TLanguage };
}

async function fromCsv(key: string, file: string, threshold: number, lang: TLanguage): Promise<TReportInput> {
  const definition = getDefinition(key);
  if (!definition) throw new UsageError(`--definition: onbekende vragenlijstversie "${key}" (bijv. wijkteam@2016)`);
  const text = await readFile(file, 'utf8').catch((error: Error) => {
    throw new UsageError(`${file} kan niet gelezen worden: ${error.message}`);
  });
  const parsed = parseResponsesCsv(definition, text);
  if (parsed.errors.length > 0) {
    for (const problem of parsed.errors) console.error(`${file}: ${formatProblem(problem)}`);
    throw new UsageError(`${file} past niet bij ${key}; er is niets gemaakt.`);
  }
  const report = analyseForReport(definition, forAnalysis(parsed.responses), threshold);
  return { report, definition, lang, wave: { id: null, label: path.basename(file), programme: null, members: {} } };
}

async function write(input: TReportInput, args: ReturnType<typeof parse>): Promise<void> {
  const team = args.team;
  if (team !== undefined && !input.report.meta.teams.some((m) => m.team === team)) {
    throw new UsageError(
      `--team: "${team}" komt niet voor in deze meting (teams: ${input.report.meta.teams.map((m) => m.team).join(', ')})`,
    );
  }
  if (args.format === 'pdf') {
    await writeFile(args.output, team === undefined ? await wavePdf(input) : await teamPdf(input, team));
  } else if (args.format === 'zip') {
    await writeFile(
      args.output,
      await chartsZip(input, {
        onProgress: ({ done, total, files }) => {
          if (done % 10 === 0 || done === total) console.error(`${done} van ${total} mappen (${files} bestanden)`);
        },
      }),
    );
  } else {
    await mkdir(args.output, { recursive: true });
    const charts = team === undefined ? waveCharts(input) : teamCharts(input, team);
    const shown = charts.filter((c): c is TChart => c.status === 'shown');
    if (shown.length === 0) console.error('te weinig respondenten om resultaten te tonen: geen grafieken geschreven.');
    await renderMany(shown, [args.format], (c, format, bytes) => writeFile(path.join(args.output, `${c.id}.${format}`), bytes));
    console.error(`${shown.length} grafieken geschreven naar ${args.output}.`);
    return;
  }
  console.error(`Geschreven naar ${args.output}.`);
}

const args = (() => {
  try {
    return parse(process.argv.slice(2));
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
})();

if (args.definition !== undefined) {
  try {
    await write(await fromCsv(args.definition, args.input!, Number(args.threshold), args.lang), args);
  } catch (error) {
    process.exitCode = 1;
    console.error(error instanceof Error ? error.message : String(error));
  }
} else {
  await withDatabase(async ({ db }) => write(await loadWaveReport(db, Number(args.wave), args.lang), args));
}
