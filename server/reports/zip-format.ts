/**
 * The bytes of a ZIP archive around entries that are already compressed (PKWARE
 * APPNOTE 6.3: local file header + data per entry, then the central directory and its
 * end record). fflate's streaming Zip compresses on the thread that writes the archive;
 * writing the headers ourselves lets a worker thread do the compressing, and the thread
 * that serves HTTP only copies bytes. No ZIP64: an archive of charts stays far below
 * 4 GB and 65,535 entries (refused otherwise).
 */

export interface TZipEntry {
  /** Path inside the archive, plain ASCII ('/' between folder and file). */
  name: string;
  /** 0 stored, 8 deflated (raw deflate, no zlib header). */
  method: 0 | 8;
  /** CRC-32 of the uncompressed bytes. */
  crc: number;
  /** Uncompressed size. */
  size: number;
  /** The bytes as they go into the archive (compressed when method is 8). */
  data: Uint8Array;
}

export interface TWrittenEntry {
  name: string;
  method: 0 | 8;
  crc: number;
  size: number;
  compressedSize: number;
  /** Where its local header starts. */
  offset: number;
}

// 2020-01-01 00:00 in MS-DOS form: a fixed date, so the same wave gives the same bytes.
const DOS_TIME = 0;
const DOS_DATE = ((2020 - 1980) << 9) | (1 << 5) | 1;
const UTF8_NAMES = 0x0800;
// Made by Unix (3), so unzip reads the names as they are and applies the mode below.
const MADE_BY = (3 << 8) | 20;
const FILE_MODE = 0o100644;
const LIMIT = 0xffffffff;

function check(size: number, what: string): number {
  if (size >= LIMIT) throw new Error(`zip: ${what} ${size} needs ZIP64, which this writer does not do`);
  return size;
}

export function localHeader(e: TZipEntry): Uint8Array {
  const name = Buffer.from(e.name, 'utf8');
  const h = Buffer.alloc(30 + name.length);
  h.writeUInt32LE(0x04034b50, 0);
  h.writeUInt16LE(20, 4); // version needed: 2.0 (deflate)
  h.writeUInt16LE(UTF8_NAMES, 6);
  h.writeUInt16LE(e.method, 8);
  h.writeUInt16LE(DOS_TIME, 10);
  h.writeUInt16LE(DOS_DATE, 12);
  h.writeUInt32LE(e.crc >>> 0, 14);
  h.writeUInt32LE(check(e.data.length, 'entry size'), 18);
  h.writeUInt32LE(check(e.size, 'entry size'), 22);
  h.writeUInt16LE(name.length, 26);
  h.writeUInt16LE(0, 28); // no extra field
  name.copy(h, 30);
  return h;
}

export function written(e: TZipEntry, offset: number): TWrittenEntry {
  return { name: e.name, method: e.method, crc: e.crc, size: e.size, compressedSize: e.data.length, offset };
}

/** Central directory + end record, for entries written from offset 0 up to `end`. */
export function centralDirectory(entries: readonly TWrittenEntry[], end: number): Uint8Array {
  if (entries.length > 0xffff) throw new Error('zip: more than 65,535 entries needs ZIP64');
  const parts: Buffer[] = [];
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const h = Buffer.alloc(46 + name.length);
    h.writeUInt32LE(0x02014b50, 0);
    h.writeUInt16LE(MADE_BY, 4);
    h.writeUInt16LE(20, 6);
    h.writeUInt16LE(UTF8_NAMES, 8);
    h.writeUInt16LE(e.method, 10);
    h.writeUInt16LE(DOS_TIME, 12);
    h.writeUInt16LE(DOS_DATE, 14);
    h.writeUInt32LE(e.crc >>> 0, 16);
    h.writeUInt32LE(e.compressedSize, 20);
    h.writeUInt32LE(e.size, 24);
    h.writeUInt16LE(name.length, 28);
    // extra, comment, disk number, internal attributes: 0
    h.writeUInt32LE((FILE_MODE << 16) >>> 0, 38);
    h.writeUInt32LE(check(e.offset, 'offset'), 42);
    name.copy(h, 46);
    parts.push(h);
  }
  const size = parts.reduce((n, p) => n + p.length, 0);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(entries.length, 8);
  eocd.writeUInt16LE(entries.length, 10);
  eocd.writeUInt32LE(check(size, 'directory size'), 12);
  eocd.writeUInt32LE(check(end, 'archive size'), 16);
  return Buffer.concat([...parts, eocd]);
}
