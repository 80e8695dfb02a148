/**
 * What the .sav, the .xlsx and the analysis bundle of a wave say about its data: the
 * SPSS dictionary (variables, labels, missing codes, the theme columns), the cases of a
 * batch, the label of every coded answer, the bundle's README. Pure: a questionnaire
 * version and response records in, values or bytes out. The CSV forms are in
 * `responses-csv.ts`, the .sav bytes in `sav.ts`, the .xlsx parts in `xlsx.ts`, the ZIP
 * in `zip-stream.ts`; services/export.ts streams them.
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
import {
  contentHash,
  definitionKey,
  scaleOf,
  type TDefinition,
  type TItem,
  type TLanguage,
} from '../../survey-definitions/index.ts';
import { answerCodec, askedChecker, itemColumns, type TAnswerValue, type TResponseRecord } from './responses-csv.ts';
import { savData, writeSav, type TSavLayout, type TSavValue, type TSavVariable } from './sav.ts';

/**
 * Columns an export appends after the items: the coded open answers, one 0/1 variable per
 * theme (SPSS multiple-response convention), with variable and value labels.
 */
export interface TDerivedVariables {
  names: readonly string[];
  labels: readonly string[];
  valueLabels: readonly { value: number; label: string }[];
}

/** Per record of a batch: its derived values (one per derived column), or null (not coded). */
export type TDerivedRows = readonly (readonly (number | null)[] | null)[];

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

/**
 * The .sav dictionary. `widths` (variable name → bytes) fixes string widths up front, as a
 * streamed file needs; without it the writer measures the cases.
 */
export function savVariables(
  def: TDefinition,
  lang: TLanguage = 'nl',
  derived?: TDerivedVariables,
  widths?: ReadonlyMap<string, number>,
): TSavVariable[] {
  const w = WORDS[lang];
  const width = (name: string) => {
    const n = widths?.get(name);
    return n === undefined ? {} : { width: Math.max(1, n) };
  };
  return [
    { name: 'response_id', label: w.id, type: 'string', measure: 'nominal', ...width('response_id') },
    { name: 'team', label: w.team, type: 'string', measure: 'nominal', ...width('team') },
    {
      name: 'status',
      label: w.status,
      type: 'string',
      measure: 'nominal',
      valueLabels: [
        { value: 'complete', label: w.complete },
        { value: 'partial', label: w.partial },
      ],
      ...(widths && { width: 8 }),
    },
    ...itemColumns(def).map((item): TSavVariable => {
      const numeric = isNumeric(item);
      const codes = numeric && missingCodes(def, item);
      return {
        name: item.id,
        label: textOf(item.text, lang),
        type: numeric ? 'numeric' : 'string',
        ...(!numeric && width(item.id)),
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
    ...(derived?.names ?? []).map((name, k): TSavVariable => ({
      name,
      label: derived!.labels[k] ?? name,
      type: 'numeric',
      measure: 'nominal',
      valueLabels: derived!.valueLabels,
    })),
  ];
}

/**
 * Rows of values in column order (response_id, team, status, items, derived columns),
 * missing codes applied. A derived column of a response that was not coded is
 * system-missing.
 */
export function savCases(
  def: TDefinition,
  records: readonly TResponseRecord[],
  derived?: { count: number; rows: TDerivedRows },
): TSavValue[][] {
  const codec = answerCodec(def);
  const items = itemColumns(def);
  const coded = items.map((item) => isNumeric(item) && missingCodes(def, item));
  const asked = askedChecker(def);
  const values = new Array<TAnswerValue | null>(items.length);
  const extra = derived?.count ?? 0;
  return records.map((r, i) => {
    codec.toValues(r.answers, values);
    const shown = asked(values, r.team);
    const row: TSavValue[] = [r.id, r.team ?? '', r.status];
    for (let j = 0; j < items.length; j++) {
      const v = values[j]!;
      row.push(v !== null ? v : coded[j] ? (shown[j] ? NOT_ANSWERED : NOT_ASKED) : isNumeric(items[j]!) ? null : '');
    }
    const own = derived?.rows[i];
    for (let k = 0; k < extra; k++) row.push(own?.[k] ?? null);
    return row;
  });
}

/** A whole .sav in memory (tests, small waves); the export streams it (services/export.ts). */
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

/** The compressed cases of one batch, for a streamed .sav (worker-pool task `savChunk`). */
export interface TSavChunkInput {
  definition: TDefinition;
  layout: TSavLayout;
  records: readonly TResponseRecord[];
  derived: { count: number; rows: TDerivedRows };
}

export function savChunk(input: TSavChunkInput): Uint8Array {
  return savData(input.layout, savCases(input.definition, input.records, input.derived));
}

/** The codebook CSV split into rows again (it is ours: RFC 4180 with commas). */
export function csvRows(text: string): string[][] {
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

/** The words of the label sheet and the label of a coded answer (xlsx.ts). */
export function answerLabels(
  def: TDefinition,
  lang: TLanguage,
): { status: Record<'complete' | 'partial', string>; items: Map<TAnswerValue, string>[] } {
  const w = WORDS[lang];
  return {
    status: { complete: w.complete, partial: w.partial },
    items: itemColumns(def).map((item) => new Map(itemLabels(def, item, lang).map((l) => [l.value, l.label]))),
  };
}

export interface TBundleReadme {
  definition: TDefinition;
  waveId: number;
  waveLabel: string;
  threshold: number;
  includePartial: boolean;
  count: number;
  exportedOn: string;
}

/** The README of the analysis bundle: what it is and where it came from. */
export function bundleReadme(input: TBundleReadme): string {
  const def = input.definition;
  return [
    `# Analysebundel meting ${input.waveId}: ${input.waveLabel}`,
    '',
    'Wat dit is: de anonieme gegevens van één meting met het codebook en het analyserapport, zoals wijkmeter ze op de exportdatum had.',
    '',
    `- Vragenlijstversie: ${definitionKey(def)}`,
    `- Inhoudshash van die versie (sha256): ${contentHash(def)}`,
    `- Anonimiteitsdrempel: ${input.threshold} (in het rapport ontbreekt elk cijfer over minder respondenten)`,
    `- Responses: ${input.includePartial ? 'volledig én gedeeltelijk ingevulde vragenlijsten' : 'alleen volledig ingevulde vragenlijsten'} (${input.count})`,
    `- Exportdatum: ${input.exportedOn}`,
    '',
    '## Bestanden',
    '',
    '| bestand | inhoud |',
    '|---|---|',
    '| `data.sav` | de gegevens voor SPSS, PSPP, R (haven), Python (pyreadstat), Stata 16+: variabele- en waardelabels; -9 = niet beantwoord, -8 = niet gesteld (beide user-missing); theme_<code>: 1 = thema genoemd in het open antwoord, 0 = niet genoemd, leeg = (nog) niet gecodeerd |',
    '| `data.csv` | dezelfde gegevens als CSV (RFC 4180, UTF-8, komma); een lege cel is geen antwoord |',
    '| `codebook.md`, `codebook.csv` | elke vraag met formulering, schaal, waarden, voorwaarde en herkomst |',
    '| `report.json`, `report.md` | het analyserapport (de vorm van report.json staat in analysis/report.schema.json van wijkmeter) |',
    '',
  ].join('\n');
}
