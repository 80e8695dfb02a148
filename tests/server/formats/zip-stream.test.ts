/**
 * The streaming ZIP writer, read back by fflate and by Info-ZIP's `unzip -t` (which checks
 * every CRC and size against the central directory): streamed entries (deflated, stored,
 * empty), entries packed beforehand, and a real folder of rendered charts as the worker
 * packs it for the charts ZIP.
 */
import { execFile } from 'node:child_process';
import { crc32, deflateRawSync } from 'node:zlib';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { teamCharts } from '../../../server/charts/index.ts';
import { zipStream, type TZipEntry } from '../../../server/formats/zip-stream.ts';
import { zipFolderEntries } from '../../../server/reports/zip.ts';
import { chartFixture } from '../../helpers/charts.ts';

const run = promisify(execFile);

async function collect(chunks: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const c of chunks) parts.push(c);
  return Buffer.concat(parts);
}

/** Info-ZIP's verdict on the archive (`unzip -t`) and its listing with permissions (`unzip -Z`). */
async function unzipCheck(zip: Uint8Array): Promise<{ test: string; listing: string }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'wijkmeter-zip-'));
  try {
    const file = path.join(dir, 'test.zip');
    await writeFile(file, zip);
    return { test: (await run('unzip', ['-t', file])).stdout, listing: (await run('unzip', ['-Z', file])).stdout };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe('zipStream', () => {
  it('writes entries from many chunks, deflated or stored, that unzip and fflate read back exact', async () => {
    const line = (i: number) => `rij ${i}: één café, ‘quote’ ${'x'.repeat(i % 50)}\n`;
    async function* big() {
      for (let k = 0; k < 200; k++) yield Array.from({ length: 500 }, (_, i) => line(k * 500 + i)).join('');
    }
    const expected = Array.from({ length: 100_000 }, (_, i) => line(i)).join('');
    const png = Uint8Array.from({ length: 5000 }, (_, i) => (i * 7919) % 256);
    const zip = await collect(
      zipStream([
        { name: 'README.md', data: ['# Bundel\n'] },
        { name: 'data.csv', data: big(), level: 3 },
        { name: 'image.png', data: [png], store: true },
        { name: 'empty.txt', data: [] },
      ]),
    );
    const files = unzipSync(zip);
    expect(Object.keys(files)).toEqual(['README.md', 'data.csv', 'image.png', 'empty.txt']);
    expect(strFromU8(files['data.csv']!)).toBe(expected);
    expect(files['image.png']).toEqual(png);
    expect(files['empty.txt']!.length).toBe(0);

    const { test, listing } = await unzipCheck(zip);
    expect(test).toContain('No errors detected');
    // Made on Unix with rw-r--r--, so unzip applies sane permissions.
    expect(listing).toMatch(/-rw-r--r--.*data\.csv/);
  });

  it('writes entries packed beforehand (stored, deflated, empty) next to streamed ones', async () => {
    const text = Buffer.from('Gemiddelde van teams\n'.repeat(200), 'utf8');
    const raw = Buffer.from([0, 1, 2, 3, 250, 251, 252, 253, 254, 255]);
    const entries: TZipEntry[] = [
      {
        name: 'alle-teams/beschrijvingen.txt',
        packed: { method: 8, crc: crc32(text), size: text.length, data: deflateRawSync(text) },
      },
      { name: 'noord/bytes.bin', packed: { method: 0, crc: crc32(raw), size: raw.length, data: raw } },
      { name: 'noord/leeg.txt', packed: { method: 0, crc: 0, size: 0, data: new Uint8Array(0) } },
      { name: 'noord/gestroomd.txt', data: ['een ', 'twee'] },
    ];
    const zip = await collect(zipStream(entries));
    expect((await unzipCheck(zip)).test).toContain('No errors detected');
    const read = unzipSync(zip);
    expect(Object.keys(read)).toEqual(entries.map((e) => e.name));
    expect(strFromU8(read['alle-teams/beschrijvingen.txt']!)).toBe(text.toString('utf8'));
    expect(Buffer.from(read['noord/bytes.bin']!)).toEqual(raw);
    expect(read['noord/leeg.txt']!.length).toBe(0);
    expect(strFromU8(read['noord/gestroomd.txt']!)).toBe('een twee');
  });

  it('archives a folder of rendered charts as the worker packs it (PNG stored, SVG deflated, CRCs right)', async () => {
    const { definition, report, shownTeam } = chartFixture();
    const charts = teamCharts({ report, definition, lang: 'nl' }, shownTeam).slice(0, 2);
    const entries = await zipFolderEntries({ name: 'noord', charts });
    expect(entries.map((e) => [e.name, e.packed.method])).toEqual([
      [`noord/${charts[0]!.id}.png`, 0],
      [`noord/${charts[0]!.id}.svg`, 8],
      [`noord/${charts[1]!.id}.png`, 0],
      [`noord/${charts[1]!.id}.svg`, 8],
      ['noord/beschrijvingen.txt', 8],
    ]);
    // Every entry owns its buffer, so the worker pool transfers it instead of copying.
    for (const e of entries) expect(e.packed.data.byteLength).toBe(e.packed.data.buffer.byteLength);
    const zip = await collect(zipStream(entries));
    expect((await unzipCheck(zip)).test).toContain('No errors detected');
    const read = unzipSync(zip);
    expect(Buffer.from(read[`noord/${charts[0]!.id}.png`]!).subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(strFromU8(read[`noord/${charts[1]!.id}.svg`]!)).toContain('<title>');
  });
});
