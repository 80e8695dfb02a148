/**
 * A small reader for the .sav files `sav.ts` writes (and other little-endian, UTF-8,
 * bytecode-compressed or uncompressed system files): the dictionary and the cases, very
 * long strings joined again. Pure. Used by the tests as a second check next to PSPP, and
 * by whoever wants to look inside a file without SPSS.
 */
import type { TSavMeasure, TSavValue } from './sav.ts';

export interface TReadVariable {
  name: string;
  label?: string;
  type: 'numeric' | 'string';
  width: number;
  measure?: TSavMeasure;
  valueLabels: { value: number | string; label: string }[];
  missing: number[];
}

export interface TReadSav {
  label: string;
  variables: TReadVariable[];
  cases: TSavValue[][];
  characterCode?: number;
}

const decoder = new TextDecoder('utf-8');

interface TRecord {
  shortName: string;
  width: number; // 0 numeric, -1 continuation
  label?: string;
  missing: number[];
  index: number;
}

export function readSav(bytes: Uint8Array): TReadSav {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 0;
  const int32 = () => {
    const v = view.getInt32(at, true);
    at += 4;
    return v;
  };
  const float64 = () => {
    const v = view.getFloat64(at, true);
    at += 8;
    return v;
  };
  const raw = (n: number) => {
    const b = bytes.subarray(at, at + n);
    at += n;
    return b;
  };
  const text = (n: number) => decoder.decode(raw(n));
  if (text(4) !== '$FL2') throw new Error('geen SPSS-systeembestand ($FL2)');
  raw(60);
  int32(); // layout
  int32(); // nominal case size
  const compression = int32();
  int32(); // weight
  const ncases = int32();
  const bias = float64();
  raw(17);
  const label = text(64).trimEnd();
  raw(3);

  const records: TRecord[] = [];
  const labelsOf = new Map<number, { value: Uint8Array; label: string }[]>();
  const measures: number[] = [];
  let longNames = new Map<string, string>();
  const veryLong = new Map<string, number>();
  const longLabels = new Map<string, { value: string; label: string }[]>();
  let characterCode: number | undefined;
  let slot = 0;
  for (;;) {
    const type = int32();
    if (type === 2) {
      const width = int32();
      const hasLabel = int32();
      const nMissing = int32();
      int32();
      int32();
      const shortName = text(8).trimEnd();
      const record: TRecord = { shortName, width, missing: [], index: ++slot };
      if (hasLabel) {
        const len = int32();
        record.label = text(len);
        raw(Math.ceil(len / 4) * 4 - len);
      }
      for (let i = 0; i < Math.abs(nMissing); i++) record.missing.push(float64());
      records.push(record);
    } else if (type === 3) {
      const count = int32();
      const labels: { value: Uint8Array; label: string }[] = [];
      for (let i = 0; i < count; i++) {
        const value = raw(8);
        const len = bytes[at]!;
        at++;
        const l = text(len);
        raw(Math.ceil((len + 1) / 8) * 8 - len - 1);
        labels.push({ value, label: l });
      }
      if (int32() !== 4) throw new Error('waardelabels zonder variabelen (record 4)');
      const n = int32();
      for (let i = 0; i < n; i++) labelsOf.set(int32(), labels);
    } else if (type === 7) {
      const subtype = int32();
      const size = int32();
      const count = int32();
      const body = raw(size * count);
      const bodyView = new DataView(body.buffer, body.byteOffset, body.byteLength);
      if (subtype === 3) characterCode = bodyView.getInt32(28, true);
      else if (subtype === 11) for (let i = 0; i < count; i += 3) measures.push(bodyView.getInt32(i * 4, true));
      else if (subtype === 13) {
        longNames = new Map(
          decoder
            .decode(body)
            .split('\t')
            .map((pair) => pair.split('=') as [string, string]),
        );
      } else if (subtype === 14) {
        for (const entry of decoder.decode(body).split('\t')) {
          const [name, width] = entry.replace(/\0/g, '').split('=');
          if (name && width) veryLong.set(name, Number(width));
        }
      } else if (subtype === 21) {
        let p = 0;
        const i32 = () => {
          const v = bodyView.getInt32(p, true);
          p += 4;
          return v;
        };
        const str = (n: number) => {
          const s = decoder.decode(body.subarray(p, p + n));
          p += n;
          return s;
        };
        while (p < body.length) {
          const name = str(i32());
          i32(); // width
          const n = i32();
          const list: { value: string; label: string }[] = [];
          for (let i = 0; i < n; i++) list.push({ value: str(i32()).trimEnd(), label: str(i32()) });
          longLabels.set(name, list);
        }
      }
    } else if (type === 999) {
      int32();
      break;
    } else throw new Error(`onbekend recordtype ${type} op positie ${at - 4}`);
  }

  // Variables: records that are not continuations; a very long string takes the
  // following segments with it.
  const variables: (TReadVariable & { slots: { width: number }[] })[] = [];
  const measureNames: Record<number, TSavMeasure> = { 1: 'nominal', 2: 'ordinal', 3: 'scale' };
  let display = 0;
  for (let i = 0; i < records.length; i++) {
    const r = records[i]!;
    if (r.width === -1) continue;
    const total = veryLong.get(r.shortName);
    const segments: { width: number }[] = [{ width: r.width }];
    const measure = measureNames[measures[display++] ?? 0];
    if (total !== undefined) {
      // The next segments are variables of their own in the records.
      let j = i + 1;
      while (segments.length < Math.ceil(total / 252)) {
        if (records[j]!.width !== -1) {
          segments.push({ width: records[j]!.width });
          display++;
        }
        j++;
      }
      i = j - 1;
    }
    const name = longNames.get(r.shortName) ?? r.shortName;
    const numeric = r.width === 0;
    const labels = labelsOf.get(r.index);
    variables.push({
      name,
      ...(r.label !== undefined && { label: r.label }),
      type: numeric ? 'numeric' : 'string',
      width: total ?? r.width,
      ...(measure && { measure }),
      valueLabels: labels
        ? labels.map((l) => ({
            value: numeric
              ? new DataView(l.value.buffer, l.value.byteOffset, 8).getFloat64(0, true)
              : decoder.decode(l.value).trimEnd(),
            label: l.label,
          }))
        : (longLabels.get(name) ?? []),
      missing: r.missing,
      slots: segments,
    });
  }

  // Data.
  const cases: TSavValue[][] = [];
  let commands: Uint8Array = new Uint8Array(0);
  let next = 8;
  const eight = (): Uint8Array | number | null => {
    if (compression === 0) return raw(8);
    for (;;) {
      if (next === 8) {
        commands = raw(8);
        next = 0;
      }
      const code = commands[next++]!;
      if (code === 0) continue;
      if (code === 252) throw new Error('einde van de gegevens midden in een case');
      if (code === 253) return raw(8);
      if (code === 254) return new Uint8Array(8).fill(0x20);
      if (code === 255) return null;
      return code - bias;
    }
  };
  for (let c = 0; c < ncases; c++) {
    const row: TSavValue[] = [];
    for (const v of variables) {
      if (v.type === 'numeric') {
        const x = eight();
        const value = x instanceof Uint8Array ? new DataView(x.buffer, x.byteOffset, 8).getFloat64(0, true) : x;
        row.push(value === null || value === -Number.MAX_VALUE ? null : value);
        continue;
      }
      const parts: Uint8Array[] = [];
      for (const segment of v.slots) {
        const seg = new Uint8Array(Math.ceil(segment.width / 8) * 8);
        for (let k = 0; k < seg.length; k += 8) {
          const x = eight();
          if (x instanceof Uint8Array) seg.set(x, k);
        }
        parts.push(seg.subarray(0, Math.min(segment.width, 255)));
      }
      const joined = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
      let o = 0;
      for (const p of parts) {
        joined.set(p, o);
        o += p.length;
      }
      row.push(decoder.decode(joined).replace(/ +$/, ''));
    }
    cases.push(row);
  }
  return {
    label,
    variables: variables.map(({ slots: _, ...v }) => v),
    cases,
    ...(characterCode !== undefined && { characterCode }),
  };
}
