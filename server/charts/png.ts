/**
 * A small PNG encoder for the charts' opaque pixels. Skia's encoder (canvas.toBuffer)
 * squeezes hardest and takes ~180 ms for a 1600 × 900 chart on our machines; chart
 * images are mostly flat colour, so a fast deflate gives files of similar size in a
 * fraction of the time (see bench/charts.bench.ts).
 *
 * Two layouts:
 * - `rgba` (downloads, the ZIP): the canvas's bytes row by row behind filter "None" —
 *   no per-pixel JavaScript at all (a memcpy per row), ~12 ms and ~210 KB for a 2× chart.
 *   The canvas is painted on white, so every alpha is 255 and premultiplied equals plain.
 * - `rgb` (the PDF): pdfkit splits an alpha channel off pixel by pixel in JavaScript
 *   (seconds per image), so the PDF gets RGB, filtered "Sub" (each byte minus the byte
 *   one pixel to the left), read one 32-bit pixel at a time (~2× faster than byte by byte).
 */
import { promisify } from 'node:util';
import { crc32, deflate, deflateSync } from 'node:zlib';

const deflateAsync = promisify(deflate);

export type TPngChannels = 'rgba' | 'rgb';

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(data, crc32(head.subarray(4))) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

/**
 * The filtered rows are only input to deflateSync: one buffer per thread, reused, so a
 * chart does not leave 4–6 MB of garbage behind for the collector.
 */
let scratch = new Uint8Array(0);
function rowsOf(length: number): Uint8Array {
  if (scratch.length < length) scratch = new Uint8Array(length);
  return scratch.subarray(0, length);
}

const littleEndian = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

function rgbaRows(rgba: Uint8Array, width: number, height: number, rows = rowsOf((width * 4 + 1) * height)): Uint8Array {
  const stride = width * 4;
  for (let y = 0; y < height; y++) {
    rows[y * (stride + 1)] = 0; // filter "None"
    rows.set(rgba.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
  }
  return rows;
}

function rgbRows(rgba: Uint8Array, width: number, height: number): Uint8Array {
  const stride = width * 3 + 1;
  const rows = rowsOf(stride * height);
  const aligned = littleEndian && rgba.byteOffset % 4 === 0;
  const px = aligned
    ? new Uint32Array(rgba.buffer, rgba.byteOffset, width * height)
    : new Uint32Array(new Uint8Array(rgba.subarray(0, width * height * 4)).buffer);
  if (!littleEndian) throw new Error('encodePng: a big-endian machine is not supported');
  for (let y = 0; y < height; y++) {
    let o = y * stride;
    rows[o++] = 1; // filter "Sub"
    let i = y * width;
    let left = 0; // the pixel left of the first one counts as 0
    for (const end = i + width; i < end; i++) {
      const p = px[i]!; // bytes R, G, B, A: little-endian, so R is the low byte
      rows[o] = p - left;
      rows[o + 1] = (p >>> 8) - (left >>> 8);
      rows[o + 2] = (p >>> 16) - (left >>> 16);
      o += 3;
      left = p;
    }
  }
  return rows;
}

function png(width: number, height: number, channels: TPngChannels, idat: Buffer): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = channels === 'rgba' ? 6 : 2; // colour type RGBA or RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', idat),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const deflateOptions = (channels: TPngChannels) => ({ level: channels === 'rgba' ? 1 : 2, memLevel: 9 });

/** `rgba`: width × height × 4 bytes, row by row (as getImageData gives them), opaque. */
export function encodePng(rgba: Uint8Array, width: number, height: number, channels: TPngChannels = 'rgba'): Buffer {
  const rows = channels === 'rgba' ? rgbaRows(rgba, width, height) : rgbRows(rgba, width, height);
  return png(width, height, channels, deflateSync(rows, deflateOptions(channels)));
}

/**
 * Rows buffers of compressions under way (encodePngAsync), kept for the next picture: a
 * fresh 16 MB buffer per chart costs page faults and work for the collector.
 */
const spare: Uint8Array[] = [];
const SPARE_BUFFERS = 3;

/**
 * The same, with the deflate on libuv's thread pool: a batch (the ZIP's folders) draws
 * the next picture on its own thread meanwhile, so a second core takes a share.
 */
export async function encodePngAsync(rgba: Uint8Array, width: number, height: number): Promise<Buffer> {
  const length = (width * 4 + 1) * height;
  // Rows of their own: the shared scratch may be refilled before this deflate ends.
  const fit = spare.findIndex((b) => b.length >= length);
  const own = fit >= 0 ? spare.splice(fit, 1)[0]! : new Uint8Array(length);
  try {
    const rows = rgbaRows(rgba, width, height, own.subarray(0, length));
    // One output chunk for the whole picture: each chunk is a round trip to the pool.
    return png(width, height, 'rgba', await deflateAsync(rows, { ...deflateOptions('rgba'), chunkSize: outputChunk(length) }));
  } finally {
    // Smallest first, so a picture takes the smallest that fits; the largest are kept.
    spare.push(own);
    spare.sort((a, b) => a.length - b.length);
    if (spare.length > SPARE_BUFFERS) spare.shift();
  }
}

/** zlib's output chunk for `length` bytes in: large enough for a chart's PNG or SVG in one. */
export function outputChunk(length: number): number {
  return Math.max(64 * 1024, Math.min(2 * 1024 * 1024, length >> 4));
}
