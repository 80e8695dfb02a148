/**
 * A wave's data set in the files researchers open: SPSS (.sav), Excel (.xlsx) and the
 * analysis bundle (.zip). Pure: a questionnaire version and response records in, bytes
 * out. The CSV forms are in `responses-csv.ts`; the bytes are made by `sav.ts`,
 * `write-excel-file` and `fflate`.
 *
 * Coding shared by the .sav and the label sheet of the .xlsx:
 * - scaled items and numbers are numeric, with the scale's labels as value labels;
 *   measurement level ordinal (likert, grade) or scale (numbers);
 * - an unanswered numeric question is coded -9 ("niet beantwoord") and a question that
 *   was not asked (its condition did not hold) -8 ("niet gesteld"), both user-missing,
 *   so SPSS leaves them out of every statistic and a researcher can still tell them
 *   apart; the CSV leaves both empty;
 * - single choices are strings holding the option code, with the option labels as value
 *   labels (nominal); open answers are strings as long as the longest answer.
 */
import { zipSync, strToU8 } from 'fflate';
import writeXlsxFile from 'write-excel-file/node';
import {
  codebookCsv,
  codebookMarkdown,
  contentHash,
  definitionKey,
  scaleOf,
  type TDefinition,
  type TItem,
  type TLanguage,
} from '../../survey-definitions/index.ts';
import {
  answerCodec,
  askedChecker,
  itemColumns,
  responsesCsv,
  type TAnswerValue,
  type TResponseRecord,
} from './responses-csv.ts';
import { writeSav, type TSavValue, type TSavVariable } from './sav.ts';

export const NOT_ANSWERED = -9;
export const NOT_ASKED = -8;

const WORDS = {
  nl: {
    id: 'Respons-id',
    team: 'Team',
    status: 'Status van de response',
    complete: 'volledig',
    partial: 'gedeeltelijk',
    notAnswered: 'niet beantwoord',
    notAsked: 'niet gesteld',
  },
  en: {
    id: 'Response id',
    team: 'Team',
    status: 'Response status',
    complete: 'complete',
    partial: 'partial',
    notAnswered: 'not answered',
    notAsked: 'not asked',
  },
} as const;

const isNumeric = (item: TItem) => item.kind === 'likert' || item.kind === 'grade' || item.kind === 'number';
const textOf = (t: { nl: string; en?: string }, lang: TLanguage) => (lang === 'en' ? (t.en ?? t.nl) : t.nl);

/** The value labels of an item (codes → labels), if it has any. */
function itemLabels(def: TDefinition, item: TItem, lang: TLanguage): { value: number | string; label: string }[] {
  if (item.kind === 'likert' || item.kind === 'grade')
    return scaleOf(def, item).values.map((v) => ({ value: v.value, label: textOf(v.label, lang) }));
  if (item.kind === 'single_choice') return item.options.map((o) => ({ value: o.value, label: textOf(o.label, lang) }));
  return [];
}

/** User-missing codes only where they cannot be a real answer. */
function missingCodes(def: TDefinition, item: TItem): boolean {
  if (item.kind === 'number') return item.min > NOT_ASKED;
  if (item.kind === 'likert' || item.kind === 'grade') return scaleOf(def, item).min > NOT_ASKED;
  return false;
}

export function savVariables(def: TDefinition, lang: TLanguage = 'nl'): TSavVariable[] {
  const w = WORDS[lang];
  return [
    { name: 'response_id', label: w.id, type: 'string', measure: 'nominal' },
    { name: 'team', label: w.team, type: 'string', measure: 'nominal' },
    {
      name: 'status',
      label: w.status,
      type: 'string',
      measure: 'nominal',
      valueLabels: [
        { value: 'complete', label: w.complete },
        { value: 'partial', label: w.partial },
      ],
    },
    ...itemColumns(def).map((item): TSavVariable => {
      const numeric = isNumeric(item);
      const codes = numeric && missingCodes(def, item);
      return {
        name: item.id,
        label: textOf(item.text, lang),
        type: numeric ? 'numeric' : 'string',
        measure: item.kind === 'number' ? 'scale' : numeric ? 'ordinal' : 'nominal',
        valueLabels: [
          ...itemLabels(def, item, lang),
          ...(codes
            ? [
                { value: NOT_ANSWERED, label: w.notAnswered },
                { value: NOT_ASKED, label: w.notAsked },
              ]
            : []),
        ],
        ...(codes && { missing: [NOT_ANSWERED, NOT_ASKED] }),
      };
    }),
  ];
}

/** Rows of values in column order (response_id, team, status, items), missing codes applied. */
function savCases(def: TDefinition, records: readonly TResponseRecord[]): TSavValue[][] {
  const codec = answerCodec(def);
  const items = itemColumns(def);
  const coded = items.map((item) => isNumeric(item) && missingCodes(def, item));
  const asked = askedChecker(def);
  const values = new Array<TAnswerValue | null>(items.length);
  return records.map((r) => {
    codec.toValues(r.answers, values);
    const shown = asked(values, r.team);
    const row: TSavValue[] = [r.id, r.team ?? '', r.status];
    for (let j = 0; j < items.length; j++) {
      const v = values[j]!;
      row.push(v !== null ? v : coded[j] ? (shown[j] ? NOT_ANSWERED : NOT_ASKED) : isNumeric(items[j]!) ? null : '');
    }
    return row;
  });
}

export function waveSav(
  def: TDefinition,
  records: readonly TResponseRecord[],
  options: { label?: string; created?: Date; lang?: TLanguage } = {},
): Uint8Array {
  return writeSav(savVariables(def, options.lang), savCases(def, records), {
    label: options.label ?? definitionKey(def),
    ...(options.created && { created: options.created }),
  });
}

/**
 * The .xlsx: sheet "codes" (the data as in the CSV), sheet "labels" (every coded answer
 * as its label), sheet "codebook"; each with a frozen header row. Text goes in as text
 * cells, never as formulas, so an answer "=1+1" stays text.
 */
export async function waveXlsx(def: TDefinition, records: readonly TResponseRecord[], lang: TLanguage = 'nl'): Promise<Buffer> {
  const items = itemColumns(def);
  const codec = answerCodec(def);
  const labels = items.map((item) => new Map(itemLabels(def, item, lang).map((l) => [l.value, l.label])));
  const header = ['response_id', 'team', 'status', ...codec.ids].map((value) => ({ value, fontWeight: 'bold' as const }));
  const values = new Array<TAnswerValue | null>(items.length);
  const w = WORDS[lang];
  const codes: (string | number | null)[][] = [];
  const labelled: (string | number | null)[][] = [];
  for (const r of records) {
    codec.toValues(r.answers, values);
    codes.push([r.id, r.team, r.status, ...values]);
    labelled.push([r.id, r.team, w[r.status], ...values.map((v, j) => (v === null ? null : (labels[j]!.get(v) ?? v)))]);
  }
  const codebookRows = csvRows(codebookCsv(def, { lang }));
  const widths = [{ width: 38 }, { width: 18 }, { width: 12 }, ...items.map(() => ({ width: 14 }))];
  return writeXlsxFile([
    { sheet: 'codes', data: [header, ...codes], columns: widths, stickyRowsCount: 1 },
    { sheet: 'labels', data: [header, ...labelled], columns: widths, stickyRowsCount: 1 },
    {
      sheet: 'codebook',
      data: [codebookRows[0]!.map((value) => ({ value, fontWeight: 'bold' as const })), ...codebookRows.slice(1)],
      stickyRowsCount: 1,
    },
  ]).toBuffer();
}

/** The codebook CSV split into rows again (it is ours: RFC 4180 with commas). */
function csvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

export interface TBundleInput {
  definition: TDefinition;
  records: readonly TResponseRecord[];
  waveId: number;
  waveLabel: string;
  threshold: number;
  includePartial: boolean;
  /** The analysis report, already computed (JSON text and Markdown). */
  reportJson: string;
  reportMarkdown: string;
  exportedOn: string;
}

/** Plain ASCII names inside the ZIP, so every unzip shows them right. */
export function waveBundle(input: TBundleInput): Uint8Array {
  const def = input.definition;
  const key = definitionKey(def);
  const readme = [
    `# Analysebundel meting ${input.waveId}: ${input.waveLabel}`,
    '',
    'Wat dit is: de anonieme gegevens van één meting met het codebook en het analyserapport, zoals wijkmeter ze op de exportdatum had.',
    '',
    `- Vragenlijstversie: ${key}`,
    `- Inhoudshash van die versie (sha256): ${contentHash(def)}`,
    `- Anonimiteitsdrempel: ${input.threshold} (in het rapport ontbreekt elk cijfer over minder respondenten)`,
    `- Responses: ${input.includePartial ? 'volledig én gedeeltelijk ingevulde vragenlijsten' : 'alleen volledig ingevulde vragenlijsten'} (${input.records.length})`,
    `- Exportdatum: ${input.exportedOn}`,
    '',
    '## Bestanden',
    '',
    '| bestand | inhoud |',
    '|---|---|',
    '| `data.sav` | de gegevens voor SPSS, PSPP, R (haven), Python (pyreadstat), Stata 16+: variabele- en waardelabels; -9 = niet beantwoord, -8 = niet gesteld (beide user-missing) |',
    '| `data.csv` | dezelfde gegevens als CSV (RFC 4180, UTF-8, komma); een lege cel is geen antwoord |',
    '| `codebook.md`, `codebook.csv` | elke vraag met formulering, schaal, waarden, voorwaarde en herkomst |',
    '| `report.json`, `report.md` | het analyserapport (de vorm van report.json staat in analysis/report.schema.json van wijkmeter) |',
    '',
  ].join('\n');
  const text = (s: string): [Uint8Array, { level: 6 }] => [strToU8(s), { level: 6 }];
  return zipSync({
    'README.md': text(readme),
    'data.sav': [waveSav(def, input.records, { label: `${key} meting ${input.waveId}` }), { level: 6 }],
    'data.csv': text(responsesCsv(def, input.records)),
    'codebook.md': text(codebookMarkdown(def)),
    'codebook.csv': text(codebookCsv(def)),
    'report.json': text(input.reportJson),
    'report.md': text(input.reportMarkdown),
  });
}
