/**
 * The ZIP writer (server/reports/zip-format.ts) around entries a worker finished: the
 * archive is read back by Info-ZIP's unzip (which checks every CRC) and by fflate, with
 * stored and deflated entries, an empty one, and a real folder of rendered charts.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { teamCharts } from '../../../server/charts/index.ts';
import { zipFolderEntries } from '../../../server/reports/zip.ts';
import { centralDirectory, localHeader, written, type TZipEntry } from '../../../server/reports/zip-format.ts';
import { chartFixture } from '../../helpers/charts.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'wijkmeter-zip-'));

function archive(entries: TZipEntry[]): Buffer {
  const parts: Uint8Array[] = [];
  const directory = [];
  let offset = 0;
  for (const e of entries) {
    const head = localHeader(e);
    directory.push(written(e, offset));
    parts.push(head, e.data);
    offset += head.length + e.data.length;
  }
  parts.push(centralDirectory(directory, offset));
  return Buffer.concat(parts);
}

function unzipTest(zip: Buffer, name: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, zip);
  return execFileSync('unzip', ['-t', file], { encoding: 'utf8' });
}

describe('ZIP writer', () => {
  it('writes stored, deflated and empty entries that unzip and fflate read back', () => {
    const text = Buffer.from('Gemiddelde van teams\n'.repeat(200), 'utf8');
    const raw = Buffer.from([0, 1, 2, 3, 250, 251, 252, 253, 254, 255]);
    const entries: TZipEntry[] = [
      { name: 'alle-teams/beschrijvingen.txt', method: 8, crc: crc32(text) >>> 0, size: text.length, data: deflateRawSync(text) },
      { name: 'noord/bytes.bin', method: 0, crc: crc32(raw) >>> 0, size: raw.length, data: raw },
      { name: 'noord/leeg.txt', method: 0, crc: 0, size: 0, data: new Uint8Array(0) },
    ];
    const zip = archive(entries);
    const report = unzipTest(zip, 'handmade.zip');
    expect(report).toContain('No errors detected');
    const listing = execFileSync('unzip', ['-Z', path.join(dir, 'handmade.zip')], { encoding: 'utf8' });
    // Unix permissions, as fflate's entries had (os 3).
    expect(listing).toMatch(/-rw-r--r--.*alle-teams\/beschrijvingen\.txt/);
    const read = unzipSync(new Uint8Array(zip));
    expect(Object.keys(read)).toEqual(entries.map((e) => e.name));
    expect(strFromU8(read['alle-teams/beschrijvingen.txt']!)).toBe(text.toString('utf8'));
    expect(Buffer.from(read['noord/bytes.bin']!)).toEqual(raw);
    expect(read['noord/leeg.txt']!.length).toBe(0);
  });

  it('archives a folder of rendered charts as the worker makes it (PNG stored, SVG deflated, CRCs right)', async () => {
    const { definition, report, shownTeam } = chartFixture();
    const charts = teamCharts({ report, definition, lang: 'nl' }, shownTeam).slice(0, 2);
    const entries = await zipFolderEntries({ name: 'noord', charts });
    expect(entries.map((e) => [e.name, e.method])).toEqual([
      [`noord/${charts[0]!.id}.png`, 0],
      [`noord/${charts[0]!.id}.svg`, 8],
      [`noord/${charts[1]!.id}.png`, 0],
      [`noord/${charts[1]!.id}.svg`, 8],
      ['noord/beschrijvingen.txt', 8],
    ]);
    // Every entry owns its buffer, so the worker pool transfers it instead of copying.
    for (const e of entries) expect(e.data.byteLength).toBe(e.data.buffer.byteLength);
    const zip = archive(entries);
    expect(unzipTest(zip, 'charts.zip')).toContain('No errors detected');
    const read = unzipSync(new Uint8Array(zip));
    expect(Buffer.from(read[`noord/${charts[0]!.id}.png`]!).subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(strFromU8(read[`noord/${charts[1]!.id}.svg`]!)).toContain('<title>');
  });
});
