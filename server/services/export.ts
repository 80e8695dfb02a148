/**
 * A wave's data going out: the per-respondent data set in every format researchers
 * open (CSV, the Excel CSV, XLSX, SPSS .sav, the analysis bundle), and the codebook.
 * Shared by `npm run export` and the API; each per-respondent export is audit-logged.
 *
 * Every format is a stream (see README.md in this folder for the design): the responses
 * come from Postgres a batch at a time (wave-stream.ts) in one REPEATABLE READ snapshot, so
 * the case count in a .sav header, the widths of its strings and the data agree; memory
 * stays at a batch whatever the size of the wave. The CSV is made on the event loop in
 * small batches with a yield between them; the CPU-heavy pieces (.sav cases, XLSX rows,
 * the analysis report of the bundle) run through `run` — the worker pool on the server,
 * a direct call in the CLI.
 */
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { AnalysisInputError } from '../../analysis/index.ts';
import { codebookCsv, codebookMarkdown } from '../../survey-definitions/index.ts';
import type { DB } from '../db/kysely.ts';
import { ConflictError } from '../errors.ts';
import { today } from '../lib/dates.ts';
import { responsesCsvHeader, responsesCsvRows, type TResponseRecord } from '../formats/responses-csv.ts';
import { savHeader, savLayout } from '../formats/sav.ts';
import { bundleReadme, csvRows, savVariables, type TDerivedVariables } from '../formats/wave-files.ts';
import { SHEET_END, sheetStart, workbookParts, xlsxRow, XLSX_CONTENT_TYPE } from '../formats/xlsx.ts';
import { zipStream, type TZipEntry } from '../formats/zip-stream.ts';
import { tasks, type TTaskInput, type TTaskName, type TTaskOutput } from '../workers/tasks.ts';
import { writeAudit } from './audit.ts';
import { themeColumns, type TThemeColumns } from './theme-results.ts';
import { waveForAnalysis, waveInfo, type TWaveInfo } from './wave-data.ts';
import { countResponses, responseBatches, textWidths } from './wave-stream.ts';

export const EXPORT_FORMATS = ['csv', 'excel-csv', 'xlsx', 'sav', 'bundle'] as const;
export type TExportFormat = (typeof EXPORT_FORMATS)[number];

/** Runs a worker-pool task: `app.runInWorker` on the server; `directRun` in a CLI tool. */
export type TTaskRunner = <N extends TTaskName>(name: N, input: TTaskInput<N>) => Promise<Awaited<TTaskOutput<N>>>;

export const directRun = (async (name: TTaskName, input: unknown) =>
  (tasks[name] as (input: unknown) => unknown)(input)) as TTaskRunner;

export interface TExportOptions {
  includePartial?: boolean;
  /** Who asks: `cli`, or the staff member (for the audit log). */
  actor: string;
  userId?: number | null;
  run?: TTaskRunner;
}

export interface TExportFile {
  filename: string;
  contentType: string;
  /** The file, chunk by chunk; reading it to the end (or stopping early) ends the snapshot. */
  body: AsyncIterable<Uint8Array | string>;
  count: number;
}

const FILE: Record<TExportFormat, { suffix: string; contentType: string }> = {
  csv: { suffix: 'responses.csv', contentType: 'text/csv; charset=utf-8' },
  'excel-csv': { suffix: 'responses-excel.csv', contentType: 'text/csv; charset=utf-8' },
  xlsx: { suffix: 'responses.xlsx', contentType: XLSX_CONTENT_TYPE },
  sav: { suffix: 'responses.sav', contentType: 'application/x-spss-sav' },
  bundle: { suffix: 'bundle.zip', contentType: 'application/zip' },
};

interface TContext {
  db: DB;
  wave: TWaveInfo;
  waveId: number;
  includePartial: boolean;
  count: number;
  themes: TThemeColumns;
  derived: TDerivedVariables;
  run: TTaskRunner;
}

/** The theme values of a batch, in record order. */
const derivedRows = (c: TContext, records: readonly TResponseRecord[]) => ({
  count: c.derived.names.length,
  rows: records.map((r) => c.themes.values.get(r.id) ?? null),
});

async function* csvBody(c: TContext, variant: 'research' | 'excel'): AsyncGenerator<string> {
  const def = c.wave.definition;
  const derived = { names: c.derived.names, values: c.themes.values };
  yield responsesCsvHeader(def, variant, c.derived.names);
  for await (const records of responseBatches(c.db, c.waveId, def, { includePartial: c.includePartial })) {
    yield responsesCsvRows(def, records, variant, derived);
    await yieldToLoop();
  }
}

async function* savBody(c: TContext): AsyncGenerator<Uint8Array> {
  const def = c.wave.definition;
  const widths = await textWidths(c.db, c.waveId, def, { includePartial: c.includePartial });
  const layout = savLayout(savVariables(def, 'nl', c.derived, widths));
  yield savHeader(layout, c.count, { label: `${def.id}@${def.version} meting ${c.waveId}` });
  for await (const records of responseBatches(c.db, c.waveId, def, { includePartial: c.includePartial })) {
    yield await c.run('savChunk', { definition: def, layout, records, derived: derivedRows(c, records) });
  }
}

const COLUMN_WIDTHS = (items: number, derived: number) => [38, 18, 12, ...Array<number>(items + derived).fill(14)];

async function* sheetBody(c: TContext, sheet: 'codes' | 'labels'): AsyncGenerator<string | Uint8Array> {
  const def = c.wave.definition;
  const header = [...responsesCsvHeader(def).trim().split(','), ...c.derived.names];
  yield sheetStart(header, COLUMN_WIDTHS(header.length - 3 - c.derived.names.length, c.derived.names.length));
  let firstRow = 2;
  for await (const records of responseBatches(c.db, c.waveId, def, { includePartial: c.includePartial })) {
    const derived = { ...derivedRows(c, records), valueLabels: c.derived.valueLabels };
    yield await c.run('xlsxChunk', { definition: def, sheet, lang: 'nl', records, derived, firstRow });
    firstRow += records.length;
  }
  yield SHEET_END;
}

/** The codebook, and after the items a row per theme column (label, values, how it is made). */
function* codebookSheet(c: TContext): Generator<string> {
  const rows = csvRows(codebookCsv(c.wave.definition, { lang: 'nl' }));
  const header = rows[0]!;
  const values = c.derived.valueLabels.map((l) => `${l.value} = ${l.label}`).join('; ');
  const themeRows = c.derived.names.map((name, k) =>
    header.map((column) =>
      column === 'item_id'
        ? name
        : column === 'block'
          ? 'open antwoorden (thema)'
          : column === 'wording'
            ? c.derived.labels[k]!
            : column === 'kind'
              ? 'theme'
              : column === 'values'
                ? `${values}; leeg = niet gecodeerd`
                : '',
    ),
  );
  yield sheetStart(header, []);
  yield [...rows.slice(1), ...themeRows].map((row, i) => xlsxRow(row, i + 2)).join('');
  yield SHEET_END;
}

function xlsxEntries(c: TContext): TZipEntry[] {
  const sheets = ['codes', 'labels', 'codebook'];
  return [
    ...workbookParts(sheets).map((p) => ({ name: p.name, data: [p.xml] })),
    // Level 3: the sheets are hundreds of MB of repetitive XML at 100,000 rows; on 5,000
    // rows level 6 took four times the CPU of level 1 for a file 30% smaller.
    { name: 'xl/worksheets/sheet1.xml', data: sheetBody(c, 'codes'), level: 3 },
    { name: 'xl/worksheets/sheet2.xml', data: sheetBody(c, 'labels'), level: 3 },
    { name: 'xl/worksheets/sheet3.xml', data: codebookSheet(c) },
  ];
}

/** The analysis report (JSON, Markdown), computed on the worker pool; read lazily, after the data. */
async function* reportEntries(c: TContext): AsyncGenerator<TZipEntry> {
  const current = await waveForAnalysis(c.db, c.waveId);
  let files: { json: Uint8Array; markdown: Uint8Array };
  try {
    files = await c.run('bundleReport', {
      definition: current.definition,
      responses: current.responses,
      options: { threshold: current.threshold, includePartial: c.includePartial },
    });
  } catch (error) {
    // Stored answers that do not fit their version: named (items and values), not a bare 500.
    if (error instanceof AnalysisInputError) throw new ConflictError(error.message, { problems: error.problems });
    throw error;
  }
  yield { name: 'report.json', data: [files.json] };
  yield { name: 'report.md', data: [files.markdown] };
}

async function* bundleEntries(c: TContext): AsyncGenerator<TZipEntry> {
  const def = c.wave.definition;
  const readme = bundleReadme({
    definition: def,
    waveId: c.waveId,
    waveLabel: c.wave.label,
    threshold: c.wave.threshold,
    includePartial: c.includePartial,
    count: c.count,
    exportedOn: today(),
  });
  yield { name: 'README.md', data: [readme] };
  yield { name: 'data.sav', data: savBody(c) };
  yield { name: 'data.csv', data: csvBody(c, 'research') };
  yield { name: 'codebook.md', data: [codebookMarkdown(def)] };
  yield { name: 'codebook.csv', data: [codebookCsv(def)] };
  yield* reportEntries(c);
}

/**
 * The wave's data set (complete responses, partial ones on request) in one format, as a
 * stream. The audit row is written (committed) before the first byte goes out.
 */
export async function exportWave(db: DB, waveId: number, format: TExportFormat, options: TExportOptions): Promise<TExportFile> {
  const includePartial = options.includePartial ?? false;
  await waveInfo(db, waveId);
  // The coded open answers, one 0/1 column per theme (none while the wave has no themes).
  // Read before the snapshot: it may create the wave's answer key (open-answers.ts), and
  // a write held open for the length of a download would hold others up.
  const themes = await themeColumns(db, waveId);
  const trx = await db.startTransaction().setIsolationLevel('repeatable read').setAccessMode('read only').execute();
  let handedOver = false;
  try {
    const wave = await waveInfo(trx, waveId);
    const count = await countResponses(trx, waveId, { includePartial });
    const derived: TDerivedVariables = {
      names: themes.columns.map((t) => t.name),
      labels: themes.columns.map((t) => t.label),
      valueLabels: themes.columns[0]?.valueLabels ?? [],
    };
    await writeAudit(db, {
      action: 'wave.export',
      subject: `wave:${waveId}`,
      actor: options.actor,
      userId: options.userId ?? null,
      details: { format, responses: count, includePartial },
    });
    const c: TContext = { db: trx, wave, waveId, includePartial, count, themes, derived, run: options.run ?? directRun };
    const source =
      format === 'csv' || format === 'excel-csv'
        ? csvBody(c, format === 'csv' ? 'research' : 'excel')
        : format === 'sav'
          ? savBody(c)
          : zipStream(format === 'xlsx' ? xlsxEntries(c) : bundleEntries(c));
    async function* body() {
      try {
        yield* source;
      } finally {
        await trx.rollback().execute();
      }
    }
    handedOver = true;
    return { filename: `wave-${waveId}-${FILE[format].suffix}`, contentType: FILE[format].contentType, body: body(), count };
  } finally {
    if (!handedOver) await trx.rollback().execute();
  }
}

/** The whole export in memory (tests and small waves). */
export async function exportWaveBytes(
  db: DB,
  waveId: number,
  format: TExportFormat,
  options: TExportOptions,
): Promise<Omit<TExportFile, 'body'> & { body: Buffer }> {
  const file = await exportWave(db, waveId, format, options);
  const chunks: Buffer[] = [];
  for await (const chunk of file.body) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk));
  return { ...file, body: Buffer.concat(chunks) };
}

export type TCodebookFormat = 'csv' | 'md';

export interface TCodebookExport {
  filename: string;
  contentType: string;
  body: string;
}

/** The codebook of the questionnaire version the wave fielded (as stored, not as the files say now). */
export async function exportCodebook(db: DB, waveId: number, format: TCodebookFormat): Promise<TCodebookExport> {
  const { definition } = await waveInfo(db, waveId);
  return format === 'csv'
    ? { filename: `wave-${waveId}-codebook.csv`, contentType: 'text/csv; charset=utf-8', body: codebookCsv(definition) }
    : { filename: `wave-${waveId}-codebook.md`, contentType: 'text/markdown; charset=utf-8', body: codebookMarkdown(definition) };
}
