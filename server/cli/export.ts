/**
 * `npm run export -- --wave <id> --format csv|excel-csv|xlsx|sav|bundle --output <file>`
 * writes a wave's anonymous data set (services/export.ts), audit-logged; `--codebook
 * md|csv` writes the codebook of the wave's questionnaire version instead. Text formats
 * may go to standard output (without `--output`; use `npm run --silent export …` then,
 * or npm's own banner ends up in the redirected file).
 */
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { EXPORT_FORMATS, exportCodebook, exportWave, type TCodebookFormat, type TExportFormat } from '../services/export.ts';
import { UsageError, withDatabase } from './context.ts';

const USAGE = `Gebruik:
  npm run export -- --wave <id> --format csv|excel-csv|xlsx|sav|bundle [--include-partial] --output <bestand>
  npm run export -- --wave <id> --codebook md|csv [--output codebook.md]

  csv        RFC 4180, UTF-8, komma's: precies de gegevens (voor R, Python, SPSS-syntax)
  excel-csv  puntkomma's en byte-order mark voor Excel; tekst die met = + - @ begint wordt onschadelijk gemaakt
  xlsx       Excel: tabbladen codes, labels en codebook
  sav        SPSS (ook PSPP, R haven, pyreadstat, Stata 16+): labels, ontbrekende waarden, meetniveaus
  bundle     ZIP met .sav, .csv, codebook, analyserapport en README`;

function parse() {
  try {
    const { values } = parseArgs({
      args: process.argv.slice(2),
      options: {
        wave: { type: 'string' },
        format: { type: 'string', default: 'csv' },
        'include-partial': { type: 'boolean', default: false },
        codebook: { type: 'string' },
        output: { type: 'string', short: 'o' },
      },
      strict: true,
    });
    if (!values.wave || !/^\d+$/.test(values.wave)) throw new UsageError('--wave <id> ontbreekt');
    if (values.codebook !== undefined && values.codebook !== 'md' && values.codebook !== 'csv') {
      throw new UsageError('--codebook: kies md of csv');
    }
    if (!(EXPORT_FORMATS as readonly string[]).includes(values.format)) {
      throw new UsageError(`--format: kies ${EXPORT_FORMATS.join(', ')}`);
    }
    const format = values.format as TExportFormat;
    if (!values.output && !values.codebook && (format === 'xlsx' || format === 'sav' || format === 'bundle')) {
      throw new UsageError(`--format ${format} is een binair bestand: geef --output <bestand>`);
    }
    const codebook: TCodebookFormat | undefined = values.codebook;
    return { waveId: Number(values.wave), format, includePartial: values['include-partial'], codebook, output: values.output };
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${USAGE}`);
  }
}

/** To the file, or to standard output (resolving once the OS has the text, so the pool closes after it). */
function write(body: string | Uint8Array | AsyncIterable<string | Uint8Array>, output: string | undefined): Promise<void> {
  const source = typeof body === 'string' || body instanceof Uint8Array ? [body] : body;
  // Streamed chunk by chunk: a 100,000-row export never sits whole in memory.
  return pipeline(Readable.from(source, { objectMode: false }), output ? createWriteStream(output) : process.stdout, {
    end: output !== undefined,
  });
}

await withDatabase(
  async ({ db }) => {
    const args = parse();
    if (args.codebook) {
      await write((await exportCodebook(db, args.waveId, args.codebook)).body, args.output);
      if (args.output) console.error(`Codebook geschreven naar ${args.output}.`);
      return;
    }
    const file = await exportWave(db, args.waveId, args.format, { includePartial: args.includePartial, actor: 'cli' });
    await write(file.body, args.output);
    // On stderr, so a redirected standard output holds only the data.
    console.error(
      `${file.count} ${args.includePartial ? 'responses (volledig en gedeeltelijk)' : 'volledige responses'} van meting ${args.waveId} geëxporteerd als ${args.format}${args.output ? ` naar ${args.output}` : ''}.`,
    );
  },
  { migrate: true },
);
