/**
 * A wave's data going out: the per-respondent data set in every format researchers
 * open (CSV, the Excel CSV, XLSX, SPSS .sav, the analysis bundle), and the codebook.
 * Shared by `npm run export` and the API; each per-respondent export is audit-logged.
 */
import { reportToMarkdown } from '../../analysis/index.ts';
import { codebookCsv, codebookMarkdown } from '../../survey-definitions/index.ts';
import type { DB } from '../db/kysely.ts';
import { today } from '../lib/dates.ts';
import { responsesCsv, type TDerivedColumns } from '../formats/responses-csv.ts';
import { waveBundle, waveSav, waveXlsx } from '../formats/wave-files.ts';
import { auditData } from './data-audit.ts';
import { themeColumns } from './theme-results.ts';
import { analyseStoredWave } from './wave-analysis.ts';
import { waveInfo, waveResponses } from './wave-data.ts';

export const EXPORT_FORMATS = ['csv', 'excel-csv', 'xlsx', 'sav', 'bundle'] as const;
export type TExportFormat = (typeof EXPORT_FORMATS)[number];

export interface TExportOptions {
  includePartial?: boolean;
  /** Who asks: `cli`, or the staff member (for the audit log). */
  actor: string;
  userId?: number | null;
}

export interface TExportFile {
  filename: string;
  contentType: string;
  body: string | Uint8Array;
  count: number;
}

const FILE: Record<TExportFormat, { suffix: string; contentType: string }> = {
  csv: { suffix: 'responses.csv', contentType: 'text/csv; charset=utf-8' },
  'excel-csv': { suffix: 'responses-excel.csv', contentType: 'text/csv; charset=utf-8' },
  xlsx: { suffix: 'responses.xlsx', contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
  sav: { suffix: 'responses.sav', contentType: 'application/x-spss-sav' },
  bundle: { suffix: 'bundle.zip', contentType: 'application/zip' },
};

/** The wave's data set (complete responses, partial ones on request) in one format. */
export async function exportWave(db: DB, waveId: number, format: TExportFormat, options: TExportOptions): Promise<TExportFile> {
  const wave = await waveInfo(db, waveId);
  const def = wave.definition;
  const includePartial = options.includePartial ?? false;
  const records = await waveResponses(db, waveId, def, { includePartial });
  // The coded open answers, one 0/1 column per theme (none while the wave has no themes).
  const themes = await themeColumns(db, waveId);
  const derived: TDerivedColumns = { names: themes.columns.map((c) => c.name), values: themes.values };
  let body: string | Uint8Array;
  switch (format) {
    case 'csv':
      body = responsesCsv(def, records, 'research', derived);
      break;
    case 'excel-csv':
      body = responsesCsv(def, records, 'excel', derived);
      break;
    case 'xlsx':
      body = await waveXlsx(def, records);
      break;
    case 'sav':
      body = waveSav(def, records, { label: `${def.id}@${def.version} meting ${waveId}` });
      break;
    case 'bundle': {
      const report = await analyseStoredWave(db, waveId, { includePartial });
      body = waveBundle({
        definition: def,
        records,
        waveId,
        waveLabel: wave.label,
        threshold: wave.threshold,
        includePartial,
        reportJson: `${JSON.stringify(report, null, 2)}\n`,
        reportMarkdown: reportToMarkdown(report, def, 'nl'),
        exportedOn: today(),
      });
      break;
    }
  }
  await auditData(db, {
    action: 'wave.export',
    waveId,
    actor: options.actor,
    userId: options.userId ?? null,
    details: { format, responses: records.length, includePartial },
  });
  return {
    filename: `wave-${waveId}-${FILE[format].suffix}`,
    contentType: FILE[format].contentType,
    body,
    count: records.length,
  };
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
