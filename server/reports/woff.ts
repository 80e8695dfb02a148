/**
 * WOFF 1.0 → TrueType (sfnt), in memory. pdfkit embeds and subsets WOFF, but its layout
 * engine reads a WOFF font's tables again for every measurement: tables of a report took
 * seconds each. The same font as plain TrueType lays out ten times faster. The format is
 * the W3C WOFF 1.0 recommendation: a header, a table directory, zlib-compressed tables.
 */
import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';

export function woffToTtf(woff: Buffer): Buffer {
  if (woff.toString('latin1', 0, 4) !== 'wOFF') throw new Error('not a WOFF 1.0 font');
  const flavor = woff.readUInt32BE(4);
  const numTables = woff.readUInt16BE(12);
  const entries = Array.from({ length: numTables }, (_, i) => {
    const at = 44 + i * 20;
    return {
      tag: woff.readUInt32BE(at),
      offset: woff.readUInt32BE(at + 4),
      compLength: woff.readUInt32BE(at + 8),
      origLength: woff.readUInt32BE(at + 12),
      checksum: woff.readUInt32BE(at + 16),
    };
  });
  let searchRange = 1;
  let entrySelector = 0;
  while (searchRange * 2 <= numTables) {
    searchRange *= 2;
    entrySelector++;
  }
  const head = Buffer.alloc(12 + numTables * 16);
  head.writeUInt32BE(flavor, 0);
  head.writeUInt16BE(numTables, 4);
  head.writeUInt16BE(searchRange * 16, 6);
  head.writeUInt16BE(entrySelector, 8);
  head.writeUInt16BE(numTables * 16 - searchRange * 16, 10);
  const bodies: Buffer[] = [];
  let offset = head.length;
  entries.forEach((e, i) => {
    const raw = woff.subarray(e.offset, e.offset + e.compLength);
    const data = e.compLength < e.origLength ? inflateSync(raw) : raw;
    const padded = Buffer.alloc((data.length + 3) & ~3);
    data.copy(padded);
    head.writeUInt32BE(e.tag, 12 + i * 16);
    head.writeUInt32BE(e.checksum, 16 + i * 16);
    head.writeUInt32BE(offset, 20 + i * 16);
    head.writeUInt32BE(e.origLength, 24 + i * 16);
    bodies.push(padded);
    offset += padded.length;
  });
  return Buffer.concat([head, ...bodies]);
}

const cache = new Map<string, Buffer>();
export function ttfFromWoffFile(file: string): Buffer {
  let ttf = cache.get(file);
  if (!ttf) cache.set(file, (ttf = woffToTtf(readFileSync(file))));
  return ttf;
}
