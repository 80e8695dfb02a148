/**
 * The streaming ZIP writer, read back by fflate and by Info-ZIP's `unzip -t` (which checks
 * every CRC and size against the central directory).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { zipStream } from '../../../server/formats/zip-stream.ts';

const run = promisify(execFile);

async function collect(chunks: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const c of chunks) parts.push(c);
  return Buffer.concat(parts);
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

    const dir = await mkdtemp(path.join(os.tmpdir(), 'wijkmeter-zip-'));
    try {
      const file = path.join(dir, 'test.zip');
      await writeFile(file, zip);
      const { stdout } = await run('unzip', ['-t', file]);
      expect(stdout).toContain('No errors detected');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
