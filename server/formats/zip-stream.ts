/**
 * A ZIP written as a stream: entries one after another, each from an async iterable of
 * chunks, so a 100,000-row sheet or data file never sits whole in memory. Deflate runs
 * in Node's zlib streams, which compress on libuv's thread pool, not on the event loop;
 * the CRC-32 is zlib's native one. Sizes and CRC follow each entry in a data descriptor
 * (general-purpose flag bit 3), since they are known only at its end.
 *
 * Plain ZIP (no Zip64): each entry and the whole archive stay under 4 GB, which a wave
 * of this platform's size is far from (100,000 × 140 cells ≈ 0.5 GB of sheet XML).
 * Names are ASCII and flagged UTF-8 anyway; `os: 3` (Unix) so `unzip -l` is happy.
 */
import { crc32, createDeflateRaw } from 'node:zlib';

export type TChunks = AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>;

export interface TZipEntry {
  name: string;
  data: TChunks;
  /** Store instead of deflate (already compressed data). */
  store?: boolean;
  /** Deflate level (default 6). */
  level?: number;
}

const encoder = new TextEncoder();
const bytesOf = (chunk: Uint8Array | string) => (typeof chunk === 'string' ? encoder.encode(chunk) : chunk);

function header(size: number, fill: (view: DataView) => void): Uint8Array {
  const bytes = new Uint8Array(size);
  fill(new DataView(bytes.buffer));
  return bytes;
}

/** 1980-01-01 00:00: a fixed date, so the same data gives the same bytes. */
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
const FLAGS = (1 << 3) | (1 << 11);
const MAX32 = 0xffffffff;

interface TWritten {
  name: Uint8Array;
  method: number;
  crc: number;
  compressed: number;
  size: number;
  offset: number;
}

/** Deflated chunks of `data`, counting the uncompressed size and CRC as they pass. */
async function* deflated(data: TChunks, tally: { crc: number; size: number }, level = 6): AsyncGenerator<Uint8Array> {
  const deflate = createDeflateRaw({ level });
  const out: Uint8Array[] = [];
  let failed: Error | undefined;
  deflate.on('data', (chunk: Buffer) => out.push(chunk));
  deflate.on('error', (error) => (failed = error));
  const drained = () => new Promise<void>((resolve) => deflate.once('drain', resolve));
  for await (const chunk of data) {
    const bytes = bytesOf(chunk);
    if (bytes.length === 0) continue;
    tally.crc = crc32(bytes, tally.crc);
    tally.size += bytes.length;
    if (!deflate.write(bytes)) await drained();
    if (failed) throw failed;
    while (out.length > 0) yield out.shift()!;
  }
  await new Promise<void>((resolve, reject) => {
    deflate.once('end', resolve);
    deflate.once('error', reject);
    deflate.end();
    deflate.resume();
  });
  if (failed) throw failed;
  while (out.length > 0) yield out.shift()!;
}

export async function* zipStream(entries: Iterable<TZipEntry> | AsyncIterable<TZipEntry>): AsyncGenerator<Uint8Array> {
  const written: TWritten[] = [];
  let offset = 0;
  for await (const entry of entries) {
    const name = encoder.encode(entry.name);
    const method = entry.store ? 0 : 8;
    const local = header(30 + name.length, (v) => {
      v.setUint32(0, 0x04034b50, true);
      v.setUint16(4, 20, true);
      v.setUint16(6, FLAGS, true);
      v.setUint16(8, method, true);
      v.setUint16(10, DOS_TIME, true);
      v.setUint16(12, DOS_DATE, true);
      v.setUint16(26, name.length, true);
    });
    local.set(name, 30);
    yield local;
    const start = offset + local.length;
    const tally = { crc: 0, size: 0 };
    let compressed = 0;
    if (entry.store) {
      for await (const chunk of entry.data) {
        const bytes = bytesOf(chunk);
        tally.crc = crc32(bytes, tally.crc);
        tally.size += bytes.length;
        compressed += bytes.length;
        yield bytes;
      }
    } else {
      for await (const chunk of deflated(entry.data, tally, entry.level)) {
        compressed += chunk.length;
        yield chunk;
      }
    }
    if (tally.size > MAX32 || compressed > MAX32 || start + compressed > MAX32) throw new Error('ZIP entry over 4 GB');
    yield header(16, (v) => {
      v.setUint32(0, 0x08074b50, true);
      v.setUint32(4, tally.crc >>> 0, true);
      v.setUint32(8, compressed, true);
      v.setUint32(12, tally.size, true);
    });
    written.push({ name, method, crc: tally.crc >>> 0, compressed, size: tally.size, offset });
    offset = start + compressed + 16;
  }
  let directory = 0;
  for (const w of written) {
    const central = header(46 + w.name.length, (v) => {
      v.setUint32(0, 0x02014b50, true);
      v.setUint16(4, (3 << 8) | 20, true);
      v.setUint16(6, 20, true);
      v.setUint16(8, FLAGS, true);
      v.setUint16(10, w.method, true);
      v.setUint16(12, DOS_TIME, true);
      v.setUint16(14, DOS_DATE, true);
      v.setUint32(16, w.crc, true);
      v.setUint32(20, w.compressed, true);
      v.setUint32(24, w.size, true);
      v.setUint16(28, w.name.length, true);
      // External attributes: a regular file, rw-r--r--.
      v.setUint32(38, (0o100644 << 16) >>> 0, true);
      v.setUint32(42, w.offset, true);
    });
    central.set(w.name, 46);
    directory += central.length;
    yield central;
  }
  yield header(22, (v) => {
    v.setUint32(0, 0x06054b50, true);
    v.setUint16(8, written.length, true);
    v.setUint16(10, written.length, true);
    v.setUint32(12, directory, true);
    v.setUint32(16, offset, true);
  });
}
