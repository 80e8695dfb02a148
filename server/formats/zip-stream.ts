/**
 * A ZIP written as a stream, entry after entry, so a 100,000-row sheet or a wave's
 * hundreds of charts never sit whole in memory. The container (local headers, data
 * descriptors, central directory) is fflate's streaming `Zip`; the compressing is ours
 * to place:
 * - a streamed entry (`data`: chunks) is deflated by Node's zlib streams, which compress
 *   on libuv's thread pool, not on the event loop; its size and CRC are counted as the
 *   chunks pass (zlib's native CRC-32);
 * - a packed entry (`packed`) arrives compressed and CRC'd already — the charts ZIP packs
 *   each folder in a worker thread — and the thread that writes the archive only copies it.
 * fflate accepts both as its documented custom `ZipInputFile`.
 *
 * Plain ZIP (no Zip64): each entry and the archive stay under 4 GB, which a wave of this
 * platform's size is far from. Names are given in plain ASCII; entries are marked as made
 * on Unix with mode rw-r--r--, so `unzip` applies sane permissions, and dated 1 January
 * 2020, so the same data gives the same bytes.
 */
import { crc32, createDeflateRaw } from 'node:zlib';
import { Zip, type ZipInputFile } from 'fflate';

export type TChunks = AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>;

/** Bytes that are already in their archive form. */
export interface TPacked {
  /** 0 stored, 8 deflated (raw deflate, no zlib header). */
  method: 0 | 8;
  /** CRC-32 of the uncompressed bytes. */
  crc: number;
  /** Uncompressed size. */
  size: number;
  data: Uint8Array;
}

export type TZipEntry =
  | {
      name: string;
      data: TChunks;
      /** Store instead of deflate (already compressed data). */
      store?: boolean;
      /** Deflate level (default 6). */
      level?: number;
    }
  | { name: string; packed: TPacked };

const encoder = new TextEncoder();
const bytesOf = (chunk: Uint8Array | string) => (typeof chunk === 'string' ? encoder.encode(chunk) : chunk);

const MTIME = new Date(2020, 0, 1);
const UNIX = 3;
const FILE_ATTRS = (0o100644 << 16) >>> 0;
const MAX32 = 0xffffffff;

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

/** The stored or deflated chunks of a streamed entry, with its size and CRC counted. */
async function* packedChunks(
  entry: Extract<TZipEntry, { data: TChunks }>,
  tally: { crc: number; size: number },
): AsyncGenerator<Uint8Array> {
  if (!entry.store) {
    yield* deflated(entry.data, tally, entry.level);
    return;
  }
  for await (const chunk of entry.data) {
    const bytes = bytesOf(chunk);
    tally.crc = crc32(bytes, tally.crc);
    tally.size += bytes.length;
    yield bytes;
  }
}

export async function* zipStream(entries: Iterable<TZipEntry> | AsyncIterable<TZipEntry>): AsyncGenerator<Uint8Array> {
  const out: Uint8Array[] = [];
  let failed: Error | undefined;
  let written = 0;
  const zip = new Zip((error, chunk) => {
    if (error) failed ??= error;
    else {
      written += chunk.length;
      out.push(chunk);
    }
  });
  function* drain(): Generator<Uint8Array> {
    if (failed) throw failed;
    if (written > MAX32) throw new Error('zip: the archive is over 4 GB, which needs ZIP64');
    while (out.length > 0) yield out.shift()!;
  }

  for await (const entry of entries) {
    const packed = 'packed' in entry;
    const file: ZipInputFile = {
      filename: entry.name,
      size: packed ? entry.packed.size : 0,
      crc: packed ? entry.packed.crc >>> 0 : 0,
      compression: packed ? entry.packed.method : entry.store ? 0 : 8,
      mtime: MTIME,
      os: UNIX,
      attrs: FILE_ATTRS,
    };
    zip.add(file);
    const push = (chunk: Uint8Array, final: boolean) => file.ondata!(null, chunk as Uint8Array<ArrayBuffer>, final);
    if (packed) {
      push(entry.packed.data, true);
    } else {
      const tally = { crc: 0, size: 0 };
      for await (const chunk of packedChunks(entry, tally)) {
        push(chunk, false);
        yield* drain();
      }
      if (tally.size > MAX32) throw new Error(`zip: ${entry.name} is over 4 GB, which needs ZIP64`);
      // fflate writes size and CRC in the data descriptor after the last chunk.
      file.size = tally.size;
      file.crc = tally.crc >>> 0;
      push(new Uint8Array(0), true);
    }
    yield* drain();
  }
  zip.end();
  yield* drain();
}
