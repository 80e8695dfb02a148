/**
 * CSV as RFC 4180 describes it, and as Excel writes it. Pure: text in, text out — no
 * database, no file system. The interchange format on top of it is `responses-csv.ts`.
 *
 * Writing: a field is quoted when it holds the delimiter, a double quote, a CR or an LF
 * (a bare CR too: some readers split rows on it), quotes doubled; records end in CRLF.
 * Reading: one pass over the text, char codes only, calling back per record with the
 * line it starts on, so 100,000 rows × 140 columns never exist as 14 million strings
 * at once unless the caller keeps them.
 */

export type TDelimiter = ',' | ';' | '\t';

export interface TCsvWriteOptions {
  delimiter?: TDelimiter;
  /** Start with a UTF-8 byte-order mark (what Excel needs to read UTF-8). */
  bom?: boolean;
}

const NEEDS_QUOTES: Record<TDelimiter, RegExp> = {
  ',': /[",\r\n]/,
  ';': /[";\r\n]/,
  '\t': /["\t\r\n]/,
};

export function csvField(value: string, delimiter: TDelimiter = ','): string {
  return NEEDS_QUOTES[delimiter].test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function csvLine(fields: readonly string[], delimiter: TDelimiter = ','): string {
  const quote = NEEDS_QUOTES[delimiter];
  const out = new Array<string>(fields.length);
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i]!;
    out[i] = quote.test(f) ? `"${f.replace(/"/g, '""')}"` : f;
  }
  // A native join gives one flat string per line; concatenating field by field would
  // leave rope strings that cost more to join into the file than to build.
  return out.join(delimiter);
}

/** Records as CSV text, CRLF after every record. */
export function writeCsv(records: Iterable<readonly string[]>, options: TCsvWriteOptions = {}): string {
  const delimiter = options.delimiter ?? ',';
  const lines: string[] = [];
  for (const record of records) lines.push(csvLine(record, delimiter));
  return (options.bom ? '\uFEFF' : '') + lines.join('\r\n') + (lines.length > 0 ? '\r\n' : '');
}

/**
 * OWASP's rule against CSV injection: a text cell that starts with `=`, `+`, `-`, `@`,
 * a tab or a carriage return is prefixed with an apostrophe, so a spreadsheet shows it
 * as text instead of running it as a formula. Only for files meant for a spreadsheet:
 * it changes the data, so the research CSV never gets it.
 */
export function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

// ---------------------------------------------------------------------------------------
// Reading

export type TTextEncoding = 'utf-8' | 'windows-1252' | 'utf-16le';

export interface TDecodedText {
  text: string;
  encoding: TTextEncoding;
  /** The file started with a byte-order mark (dropped from `text`). */
  bom: boolean;
}

/**
 * Bytes to text: a UTF-8 (or UTF-16) byte-order mark decides; otherwise UTF-8 when the
 * bytes are valid UTF-8, else Windows-1252 — what Excel on Windows writes as "CSV" (a
 * Dutch "é" is one byte 0xE9 there, which is never valid UTF-8 on its own).
 */
export function decodeText(bytes: Uint8Array): TDecodedText {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8', bom: true };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le', bom: true };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8', bom: false };
  } catch {
    return { text: decodeWindows1252(bytes), encoding: 'windows-1252', bom: false };
  }
}

/** 0x80–0x9F of Windows-1252 (€, curly quotes, …); 0xFFFD where the code page has none. */
const CP1252_HIGH = [
  0x20ac, 0xfffd, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0xfffd, 0x017d, 0xfffd,
  0xfffd, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0xfffd, 0x017e, 0x0178,
];

/**
 * Windows-1252 by hand: Node 20's TextDecoder decodes the label as Latin-1, which turns
 * Excel's € and curly quotes into control characters.
 */
function decodeWindows1252(bytes: Uint8Array): string {
  const codes = new Uint16Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    codes[i] = b >= 0x80 && b < 0xa0 ? CP1252_HIGH[b - 0x80]! : b;
  }
  let text = '';
  for (let i = 0; i < codes.length; i += 8192) text += String.fromCharCode(...codes.subarray(i, i + 8192));
  return text;
}

/**
 * The delimiter of a file, from its first line (outside quotes): whichever of comma,
 * semicolon and tab occurs most. Excel with Dutch regional settings saves "CSV" with
 * semicolons; the item ids in a header never contain any of the three.
 */
export function detectDelimiter(text: string): TDelimiter {
  const counts = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) quoted = !quoted;
    else if (!quoted) {
      if (c === 10 || c === 13) break;
      if (c === 44) counts[',']++;
      else if (c === 59) counts[';']++;
      else if (c === 9) counts['\t']++;
    }
  }
  if (counts[';'] > counts[','] && counts[';'] >= counts['\t']) return ';';
  if (counts['\t'] > counts[','] && counts['\t'] > counts[';']) return '\t';
  return ',';
}

/** Text that is not CSV: an unclosed quote, or a quote in the middle of a field. */
export class CsvSyntaxError extends Error {
  override name = 'CsvSyntaxError';
  constructor(
    message: string,
    readonly line: number,
    /** 1-based field number within the record, when known. */
    readonly field?: number,
  ) {
    super(message);
  }
}

/**
 * Calls `onRecord` for every record with its fields and the line it starts on (1-based,
 * as an editor counts; a quoted field with line breaks makes the next record start
 * further down). The `fields` array is reused between calls: copy it to keep it.
 * Lines that are empty are skipped. A byte-order mark at the start is ignored.
 */
export function readCsv(text: string, delimiter: TDelimiter, onRecord: (fields: string[], line: number) => void): void {
  const d = delimiter.charCodeAt(0);
  const n = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  const fields: string[] = [];
  while (i < n) {
    // Skip empty lines between records.
    const c0 = text.charCodeAt(i);
    if (c0 === 10 || c0 === 13) {
      if (c0 === 10) line++;
      else if (text.charCodeAt(i + 1) !== 10) line++;
      i++;
      continue;
    }
    const start = line;
    fields.length = 0;
    for (;;) {
      // One field.
      if (text.charCodeAt(i) === 34) {
        i++;
        let value = '';
        let from = i;
        for (;;) {
          if (i >= n)
            throw new CsvSyntaxError('een veld tussen aanhalingstekens wordt niet afgesloten', start, fields.length + 1);
          const c = text.charCodeAt(i);
          if (c === 34) {
            if (text.charCodeAt(i + 1) === 34) {
              value += text.slice(from, i + 1);
              i += 2;
              from = i;
              continue;
            }
            value += text.slice(from, i);
            i++;
            break;
          }
          if (c === 10) line++;
          else if (c === 13 && text.charCodeAt(i + 1) !== 10) line++;
          i++;
        }
        fields.push(value);
        const after = i < n ? text.charCodeAt(i) : 10;
        if (after !== d && after !== 10 && after !== 13) {
          throw new CsvSyntaxError(
            'na het sluitende aanhalingsteken hoort een scheidingsteken of het einde van de regel',
            line,
            fields.length,
          );
        }
      } else {
        const from = i;
        while (i < n) {
          const c = text.charCodeAt(i);
          if (c === d || c === 10 || c === 13) break;
          if (c === 34)
            throw new CsvSyntaxError(
              'een aanhalingsteken midden in een veld; zet het hele veld tussen aanhalingstekens',
              line,
              fields.length + 1,
            );
          i++;
        }
        fields.push(text.slice(from, i));
      }
      if (i >= n) break;
      const c = text.charCodeAt(i);
      if (c === d) {
        i++;
        // A delimiter at the very end of the text: one more, empty, field.
        if (i >= n) fields.push('');
        continue;
      }
      // End of record: CRLF, LF or a bare CR.
      i += c === 13 && text.charCodeAt(i + 1) === 10 ? 2 : 1;
      line++;
      break;
    }
    onRecord(fields, start);
  }
}
