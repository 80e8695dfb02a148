/**
 * An SPSS system file (.sav) writer, after the public description in the PSPP
 * developers' guide ("System File Format"). Pure: variables and cases in, bytes out.
 *
 * What it writes: numeric and string variables, strings longer than 255 bytes as "very
 * long strings" (segments of 255 bytes, record 7/14), UTF-8 text (character code 65001
 * and the encoding record 7/20), variable labels, value labels (records 3/4 for numbers
 * and strings up to 8 bytes, 7/21 for longer strings), up to three discrete user-missing
 * values for numbers, measurement levels (7/11), long variable names (7/13), and the
 * data with bytecode compression (bias 100) so small integers take one byte each.
 * SPSS, PSPP, R (haven) and Python (pyreadstat) read it; Stata 16+ imports it.
 *
 * No maintained npm package does this correctly (dependencies.md): they turn missing
 * values into 0 or cut open answers at 255 bytes.
 */

export type TSavMeasure = 'nominal' | 'ordinal' | 'scale';
export type TSavValue = number | string | null;

export interface TSavVariable {
  /** Up to 64 bytes: a letter first, then letters, digits, `.`, `_`; never ending in `.`. */
  name: string;
  label?: string;
  type: 'numeric' | 'string';
  /** Strings: width in bytes; default the longest value (UTF-8) or label value, at least 1. */
  width?: number;
  measure: TSavMeasure;
  valueLabels?: readonly { value: number | string; label: string }[];
  /** Numeric user-missing values (at most three). */
  missing?: readonly number[];
}

export interface TSavOptions {
  /** File label (up to 64 bytes). */
  label?: string;
  /** Creation date written in the header; the time of day is written as 00:00:00. */
  created?: Date;
}

const encoder = new TextEncoder();
const SYSMIS = -Number.MAX_VALUE;
const MAX_SEGMENT = 255;

/** A growing little-endian byte buffer. */
class Out {
  buffer = new Uint8Array(1 << 16);
  view = new DataView(this.buffer.buffer);
  length = 0;
  private room(n: number): void {
    if (this.length + n <= this.buffer.length) return;
    let size = this.buffer.length * 2;
    while (size < this.length + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buffer.subarray(0, this.length));
    this.buffer = next;
    this.view = new DataView(next.buffer);
  }
  int32(...values: number[]): void {
    this.room(4 * values.length);
    for (const v of values) {
      this.view.setInt32(this.length, v, true);
      this.length += 4;
    }
  }
  float64(v: number): void {
    this.room(8);
    this.view.setFloat64(this.length, v, true);
    this.length += 8;
  }
  bytes(b: Uint8Array): void {
    this.room(b.length);
    this.buffer.set(b, this.length);
    this.length += b.length;
  }
  /** `b`, padded with `fill` (or cut) to exactly `n` bytes. */
  padded(b: Uint8Array, n: number, fill = 0x20): void {
    this.room(n);
    const k = Math.min(b.length, n);
    this.buffer.set(b.subarray(0, k), this.length);
    this.buffer.fill(fill, this.length + k, this.length + n);
    this.length += n;
  }
  result(): Uint8Array {
    return this.buffer.slice(0, this.length);
  }
}

/** UTF-8 bytes of `text`, cut to at most `max` bytes without splitting a character. */
export function utf8Cut(text: string, max: number): Uint8Array {
  const b = encoder.encode(text);
  if (b.length <= max) return b;
  let end = max;
  while (end > 0 && (b[end]! & 0xc0) === 0x80) end--;
  return b.subarray(0, end);
}

const roundUp8 = (n: number) => Math.ceil(n / 8) * 8;
/** Very long strings: one segment per 252 bytes of width (PSPP guide, "Very Long String Record"). */
const segmentsOf = (width: number) => (width <= MAX_SEGMENT ? 1 : Math.ceil(width / 252));
function segmentWidth(width: number, segment: number, segments: number): number {
  if (segments === 1) return width;
  return segment < segments - 1 ? MAX_SEGMENT : width - (segments - 1) * 252;
}

export interface TLaidOut {
  v: TSavVariable;
  width: number; // 0 numeric
  segments: number;
  /** Short name per segment. */
  shortNames: string[];
  /** 1-based dictionary index of the first record. */
  index: number;
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

/** Widths, segments, short names and dictionary indexes: what the header and the data share. */
export interface TSavLayout {
  variables: TLaidOut[];
  slots: number;
}

/**
 * The layout of `variables`. A string variable without `width` gets the longest value in
 * `cases` (UTF-8 bytes): a writer that streams its cases must give every width.
 */
export function savLayout(variables: readonly TSavVariable[], cases: readonly (readonly TSavValue[])[] = []): TSavLayout {
  // Layout: widths, segments, short names, dictionary indexes.
  let slots = 0;
  let shortCount = 0;
  const laid: TLaidOut[] = variables.map((v, col) => {
    let width = 0;
    if (v.type === 'string') {
      width = v.width ?? 1;
      if (v.width === undefined) {
        for (const c of cases) {
          const value = c[col];
          if (typeof value === 'string' && value.length > 0) {
            // Quick bound first: a string never has more UTF-8 bytes than 3 per UTF-16 unit.
            if (value.length * 3 > width) width = Math.max(width, encoder.encode(value).length);
          }
        }
        for (const l of v.valueLabels ?? []) width = Math.max(width, encoder.encode(String(l.value)).length);
      }
      width = Math.min(width, 32767);
    }
    const segments = width === 0 ? 1 : segmentsOf(width);
    const shortNames = Array.from({ length: segments }, () => `V${String(++shortCount).padStart(5, '0')}`);
    const index = slots + 1;
    for (let s = 0; s < segments; s++) slots += width === 0 ? 1 : roundUp8(segmentWidth(width, s, segments)) / 8;
    return { v, width, segments, shortNames, index };
  });
  return { variables: laid, slots };
}

/** Everything before the data: header, dictionary, extension records, 999. */
export function savHeader(layout: TSavLayout, caseCount: number, options: TSavOptions = {}): Uint8Array {
  const laid = layout.variables;
  const slots = layout.slots;
  const out = new Out();
  // File header.
  const created = options.created ?? new Date();
  const date = `${String(created.getUTCDate()).padStart(2, '0')} ${MONTHS[created.getUTCMonth()]} ${String(created.getUTCFullYear() % 100).padStart(2, '0')}`;
  out.padded(encoder.encode('$FL2'), 4);
  out.padded(encoder.encode('@(#) SPSS DATA FILE wijkmeter'), 60);
  out.int32(2, slots, 1, 0, caseCount);
  out.float64(100);
  out.padded(encoder.encode(date), 9);
  out.padded(encoder.encode('00:00:00'), 8);
  out.padded(utf8Cut(options.label ?? '', 64), 64);
  out.padded(new Uint8Array(0), 3, 0);

  // Variable records.
  for (const l of laid) {
    for (let s = 0; s < l.segments; s++) {
      const w = l.width === 0 ? 0 : segmentWidth(l.width, s, l.segments);
      const first = s === 0;
      const label = first && l.v.label ? utf8Cut(l.v.label, 255) : undefined;
      const missing = first && l.width === 0 ? (l.v.missing ?? []).slice(0, 3) : [];
      const format = w === 0 ? (5 << 16) | (8 << 8) : (1 << 16) | (w << 8);
      out.int32(2, w, label ? 1 : 0, missing.length, format, format);
      out.padded(encoder.encode(l.shortNames[s]!), 8);
      if (label) {
        out.int32(label.length);
        out.padded(label, Math.ceil(label.length / 4) * 4);
      }
      for (const m of missing) out.float64(m);
      for (let k = 1; k < roundUp8(Math.max(w, 1)) / 8 && w > 0; k++) {
        out.int32(2, -1, 0, 0, 0, 0);
        out.padded(new Uint8Array(0), 8);
      }
    }
  }

  // Value labels for numbers and short strings (records 3 and 4).
  for (const l of laid) {
    const labels = l.v.valueLabels ?? [];
    if (labels.length === 0 || l.width > 8) continue;
    out.int32(3, labels.length);
    for (const { value, label } of labels) {
      if (l.width === 0) out.float64(Number(value));
      else out.padded(encoder.encode(String(value)), 8);
      const text = utf8Cut(label, 120);
      out.padded(new Uint8Array([text.length]), 1);
      out.padded(text, roundUp8(text.length + 1) - 1);
    }
    out.int32(4, 1, l.index);
  }

  // 7/3 machine integer info: version, machine -1, IEEE, compression 1, little-endian, UTF-8.
  out.int32(7, 3, 4, 8, 1, 0, 0, -1, 1, 1, 2, 65001);
  // 7/4 machine floating-point info: system-missing, highest, lowest.
  out.int32(7, 4, 8, 3);
  out.float64(SYSMIS);
  out.float64(Number.MAX_VALUE);
  const lowest = new DataView(new ArrayBuffer(8));
  lowest.setBigUint64(0, 0xffeffffffffffffen, true);
  out.float64(lowest.getFloat64(0, true));
  // 7/11 display parameters: one set per variable record that is not a continuation.
  const display = laid.flatMap((l) => l.shortNames.map(() => l));
  out.int32(7, 11, 4, display.length * 3);
  for (const l of display) {
    out.int32(
      { nominal: 1, ordinal: 2, scale: 3 }[l.v.measure],
      l.width === 0 ? 8 : Math.min(Math.max(l.width, 8), 40),
      l.width === 0 ? 1 : 0,
    );
  }
  // 7/13 long variable names.
  const names = encoder.encode(laid.map((l) => `${l.shortNames[0]}=${l.v.name}`).join('\t'));
  out.int32(7, 13, 1, names.length);
  out.bytes(names);
  // 7/14 very long strings.
  const long = laid.filter((l) => l.segments > 1);
  if (long.length > 0) {
    const text = encoder.encode(long.map((l) => `${l.shortNames[0]}=${String(l.width).padStart(5, '0')}\0\t`).join(''));
    out.int32(7, 14, 1, text.length);
    out.bytes(text);
  }
  // 7/20 character encoding.
  const encoding = encoder.encode('UTF-8');
  out.int32(7, 20, 1, encoding.length);
  out.bytes(encoding);
  // 7/21 value labels of strings longer than 8 bytes.
  const longLabelled = laid.filter((l) => l.width > 8 && (l.v.valueLabels ?? []).length > 0);
  if (longLabelled.length > 0) {
    const part = new Out();
    for (const l of longLabelled) {
      const name = encoder.encode(l.v.name);
      part.int32(name.length);
      part.bytes(name);
      part.int32(l.width, l.v.valueLabels!.length);
      for (const { value, label } of l.v.valueLabels!) {
        part.int32(l.width);
        part.padded(encoder.encode(String(value)), l.width);
        const text = utf8Cut(label, 255);
        part.int32(text.length);
        part.bytes(text);
      }
    }
    const body = part.result();
    out.int32(7, 21, 1, body.length);
    out.bytes(body);
  }
  out.int32(999, 0);
  return out.result();
}

/**
 * The cases, bytecode-compressed, as a piece of the data that stands on its own: the last
 * block of commands is padded with 0 ("ignored"), so pieces written one after another
 * (by a stream, a batch at a time) make a valid file.
 */
export function savData(layout: TSavLayout, cases: readonly (readonly TSavValue[])[]): Uint8Array {
  const laid = layout.variables;
  const out = new Out();
  // Data, bytecode-compressed: blocks of 8 command bytes, each followed by the 8-byte
  // raw values its commands 253 announce. 1–251: the integer (code − 100); 254: eight
  // spaces; 255: system-missing.
  const commands = new Uint8Array(8);
  const raw = new Uint8Array(64);
  let n = 0;
  let rawLength = 0;
  const flush = () => {
    out.bytes(commands);
    out.bytes(raw.subarray(0, rawLength));
    commands.fill(0);
    n = 0;
    rawLength = 0;
  };
  const command = (code: number) => {
    commands[n++] = code;
    if (n === 8) flush();
  };
  /** Announces 8 raw bytes: they follow this block of commands, in order. */
  const rawChunk = (bytes: Uint8Array) => {
    raw.set(bytes, rawLength);
    rawLength += 8;
    command(253);
  };
  const chunk = new Uint8Array(8);
  const chunkView = new DataView(chunk.buffer);
  for (const c of cases) {
    for (let col = 0; col < laid.length; col++) {
      const l = laid[col]!;
      const value = c[col];
      if (l.width === 0) {
        const x = typeof value === 'number' && Number.isFinite(value) ? value : null;
        if (x === null) command(255);
        else if (Number.isInteger(x) && x >= -99 && x <= 151) command(x + 100);
        else {
          chunkView.setFloat64(0, x, true);
          rawChunk(chunk);
        }
        continue;
      }
      const bytes = utf8Cut(value == null ? '' : String(value), l.width);
      for (let s = 0; s < l.segments; s++) {
        const w = roundUp8(segmentWidth(l.width, s, l.segments));
        const from = s * MAX_SEGMENT;
        for (let k = 0; k < w; k += 8) {
          chunk.fill(0x20);
          const start = from + k;
          const piece = bytes.subarray(Math.min(start, bytes.length), Math.min(start + 8, bytes.length, from + MAX_SEGMENT));
          if (piece.length === 0) command(254);
          else {
            chunk.set(piece);
            rawChunk(chunk);
          }
        }
      }
    }
  }
  if (n > 0) flush();
  return out.result();
}

export function writeSav(
  variables: readonly TSavVariable[],
  cases: readonly (readonly TSavValue[])[],
  options: TSavOptions = {},
): Uint8Array {
  const layout = savLayout(variables, cases);
  const head = savHeader(layout, cases.length, options);
  const data = savData(layout, cases);
  const file = new Uint8Array(head.length + data.length);
  file.set(head);
  file.set(data, head.length);
  return file;
}
