/**
 * `npm run analyse` prints (or writes) the analysis report of a wave, as JSON or
 * Markdown, in two forms:
 *   - from files in the export format (formats/responses-csv.ts), without a database:
 *     `--input <responses.csv> [--definition <id>@<versie>] [--baseline <nulmeting.csv>]`;
 *     a version left out is the one whose columns the file has;
 *   - from the database: `--wave <id> [--baseline-wave <id>]`, with each wave's own
 *     stored version and threshold (services/wave-analysis.ts).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { analyse, AnalysisInputError, reportToMarkdown, type TReport } from '../../analysis/index.ts';
import { definitionKey, definitions, getDefinition, type TDefinition, type TLanguage } from '../../survey-definitions/index.ts';
import { forAnalysis, formatProblem, headerFits, headerOf, parseResponsesCsv } from '../formats/responses-csv.ts';
import { analyseStoredWave } from '../services/wave-analysis.ts';
import { waveInfo } from '../services/wave-data.ts';
import { UsageError, withDatabase } from './context.ts';

const USAGE = `Gebruik:
  npm run analyse -- --input <responses.csv> [--definition <id>@<versie>]
                     [--baseline <nulmeting.csv>] [--baseline-definition <id>@<versie>]
                     [--threshold 5] [opties]
  npm run analyse -- --wave <id> [--baseline-wave <id>] [opties]

  --definition, --baseline-definition
                  standaard: de vragenlijstversie waarvan het bestand precies de kolommen heeft
  --threshold     anonimiteitsdrempel bij bestanden, nooit lager dan 3 (standaard 5);
                  bij --wave geldt de drempel van de meting (de strengste van beide)
  --format        json (standaard) of md
  --lang          taal van het Markdown-rapport: nl (standaard) of en
  --include-partial   ook gedeeltelijk ingevulde vragenlijsten analyseren
  --tau-teams     tau-b per team: none (standaard, alleen over alle respondenten),
                  significant (per team de significante paren) of all (elk paar per team)
  --tau-items     item-ids voor Kendalls tau-b, gescheiden door komma's (standaard alle schaalvragen)
  --output        schrijf het rapport naar dit bestand (anders naar standaarduitvoer)`;

type TArgs = ReturnType<typeof parse>;

function definitionOf(key: string, option: string): TDefinition {
  const def = getDefinition(key);
  if (!def) throw new UsageError(`${option}: onbekende vragenlijstversie "${key}" (verwacht <id>@<versie>, bijv. wijkteam@2016)`);
  return def;
}

function parse(argv: string[]) {
  let values;
  try {
    values = parseArgs({
      args: argv,
      options: {
        definition: { type: 'string' },
        input: { type: 'string' },
        baseline: { type: 'string' },
        'baseline-definition': { type: 'string' },
        wave: { type: 'string' },
        'baseline-wave': { type: 'string' },
        threshold: { type: 'string' },
        format: { type: 'string', default: 'json' },
        lang: { type: 'string', default: 'nl' },
        'include-partial': { type: 'boolean', default: false },
        'tau-teams': { type: 'string', default: 'none' },
        'tau-items': { type: 'string' },
        output: { type: 'string', short: 'o' },
      },
      strict: true,
    }).values;
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${USAGE}`);
  }
  const id = (value: string | undefined, option: string) => {
    if (value === undefined) return undefined;
    if (!/^\d+$/.test(value)) throw new UsageError(`${option}: verwacht het nummer van een meting`);
    return Number(value);
  };
  const waveId = id(values.wave, '--wave');
  const baselineWaveId = id(values['baseline-wave'], '--baseline-wave');
  if (waveId === undefined && !values.input) throw new UsageError(`--input <bestand> of --wave <id> ontbreekt\n${USAGE}`);
  if (waveId !== undefined && (values.input || values.baseline || values.definition || values['baseline-definition'])) {
    throw new UsageError(
      '--wave analyseert uit de database: laat --input, --definition en --baseline weg (gebruik --baseline-wave)',
    );
  }
  if (baselineWaveId !== undefined && waveId === undefined) throw new UsageError('--baseline-wave hoort bij --wave <id>');
  if (values['baseline-definition'] && !values.baseline)
    throw new UsageError('--baseline-definition hoort bij --baseline <bestand>');
  if (values.format !== 'json' && values.format !== 'md') throw new UsageError('--format: kies json of md');
  if (values.lang !== 'nl' && values.lang !== 'en') throw new UsageError('--lang: kies nl of en');
  if (!['none', 'significant', 'all'].includes(values['tau-teams']))
    throw new UsageError('--tau-teams: kies none, significant of all');
  if (values.threshold !== undefined && !/^\d+$/.test(values.threshold))
    throw new UsageError('--threshold: verwacht een geheel getal (minstens 3)');
  if (values.threshold !== undefined && waveId !== undefined)
    throw new UsageError('--threshold geldt alleen voor bestanden; een meting heeft haar eigen drempel');
  return {
    waveId,
    baselineWaveId,
    definition: values.definition ? definitionOf(values.definition, '--definition') : undefined,
    input: values.input,
    baseline: values.baseline,
    baselineDefinition: values['baseline-definition']
      ? definitionOf(values['baseline-definition'], '--baseline-definition')
      : undefined,
    threshold: Number(values.threshold ?? 5),
    format: values.format,
    lang: values.lang as TLanguage,
    includePartial: values['include-partial'],
    tauTeams: values['tau-teams'] as 'none' | 'significant' | 'all',
    tauItems: values['tau-items']?.split(',').map((s) => s.trim()),
    output: values.output,
  };
}

async function readBytes(file: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (error) {
    throw new UsageError(`${file} kan niet gelezen worden: ${(error as Error).message}`);
  }
}

/** The version whose columns the file has, when exactly one does. */
function versionOf(file: string, bytes: Buffer, option: string): TDefinition {
  const names = headerOf(bytes);
  const fits = definitions.filter((def) => headerFits(def, names));
  if (fits.length === 1) return fits[0]!;
  const known = definitions.map(definitionKey).join(', ');
  throw new UsageError(
    fits.length === 0
      ? `${file}: de kolommen passen bij geen enkele bekende vragenlijstversie (${known}); geef ${option} <id>@<versie>`
      : `${file}: de kolommen passen bij meer dan één versie (${fits.map(definitionKey).join(', ')}); kies er één met ${option}`,
  );
}

/** Reads one data set; every problem in it is printed before giving up. */
function readResponses(file: string, bytes: Buffer, definition: TDefinition) {
  const parsed = parseResponsesCsv(definition, bytes);
  if (parsed.errors.length > 0) {
    for (const problem of parsed.errors) console.error(`${file}: ${formatProblem(problem)}`);
    if (parsed.truncated) console.error(`${file}: … en meer; de eerste ${parsed.errors.length} staan hierboven.`);
    throw new UsageError(`${file} past niet bij ${definitionKey(definition)}; er is niets geanalyseerd.`);
  }
  return forAnalysis(parsed.responses);
}

async function fromFiles(args: TArgs): Promise<{ report: TReport; definition: TDefinition }> {
  const bytes = await readBytes(args.input!);
  const definition = args.definition ?? versionOf(args.input!, bytes, '--definition');
  const responses = readResponses(args.input!, bytes, definition);
  let baseline;
  if (args.baseline) {
    const baselineBytes = await readBytes(args.baseline);
    const baselineDefinition = args.baselineDefinition ?? versionOf(args.baseline, baselineBytes, '--baseline-definition');
    baseline = { definition: baselineDefinition, responses: readResponses(args.baseline, baselineBytes, baselineDefinition) };
  }
  const report = analyse(definition, responses, {
    threshold: args.threshold,
    includePartial: args.includePartial,
    tauTeams: args.tauTeams,
    ...(args.tauItems && { tauItems: args.tauItems }),
    ...(baseline && { baseline }),
  });
  return { report, definition };
}

async function output(args: TArgs, report: TReport, definition: TDefinition): Promise<void> {
  const text = args.format === 'md' ? reportToMarkdown(report, definition, args.lang) : `${JSON.stringify(report, null, 2)}\n`;
  if (args.output) {
    await writeFile(args.output, text, 'utf8');
    console.error(`Rapport geschreven naar ${args.output}.`);
  } else {
    await new Promise<void>((resolve, reject) => process.stdout.write(text, (error) => (error ? reject(error) : resolve())));
  }
}

function printAnalysisError(error: unknown): boolean {
  if (!(error instanceof AnalysisInputError)) return false;
  console.error(error.message);
  if (error.problems.length > 1) for (const problem of error.problems) console.error(`  ${problem}`);
  return true;
}

async function main(): Promise<void> {
  const args = parse(process.argv.slice(2));
  if (args.waveId === undefined) {
    const { report, definition } = await fromFiles(args);
    await output(args, report, definition);
    return;
  }
  const waveId = args.waveId;
  await withDatabase(async ({ db }) => {
    const report = await analyseStoredWave(db, waveId, {
      ...(args.baselineWaveId !== undefined && { baselineId: args.baselineWaveId }),
      includePartial: args.includePartial,
      tauTeams: args.tauTeams,
      ...(args.tauItems && { tauItems: args.tauItems }),
    });
    await output(args, report, (await waveInfo(db, waveId)).definition);
  });
}

try {
  await main();
} catch (error) {
  process.exitCode = 1;
  if (error instanceof UsageError) console.error(error.message);
  else if (!printAnalysisError(error)) console.error(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
}
