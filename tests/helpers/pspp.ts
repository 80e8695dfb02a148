/**
 * PSPP (Debian's `pspp`, installed by .ci/run) run on a .sav, as SPSS users would read
 * it: the output of a syntax file as CSV, and its tables by name.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'csv-parse/sync';
import { expect } from 'vitest';

const run = promisify(execFile);

/** PSPP's output tables as CSV: the table named `name`, as rows. */
export function psppTable(csv: string, name: string): string[][] {
  const start = csv.indexOf(`Table: ${name}\n`);
  expect(start, `PSPP printed no table ${name}:\n${csv}`).toBeGreaterThanOrEqual(0);
  const rest = csv.slice(start + `Table: ${name}\n`.length);
  const end = rest.search(/\n\n|\nTable: /);
  return parse(end === -1 ? rest : rest.slice(0, end), { relax_column_count: true }) as string[][];
}

/** Runs `commands` (after GET FILE of `sav`) and returns PSPP's CSV output; fails on any warning. */
export async function pspp(sav: Uint8Array, commands: readonly string[]): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'wijkmeter-pspp-'));
  try {
    const file = path.join(dir, 'data.sav');
    await writeFile(file, sav);
    const syntax = path.join(dir, 'check.sps');
    const out = path.join(dir, 'out.csv');
    await writeFile(syntax, [`GET FILE='${file}'.`, ...commands, ''].join('\n'));
    const { stdout, stderr } = await run('pspp', ['-o', out, syntax]);
    // PSPP complains on stdout/stderr about anything it finds odd in a file.
    expect(`${stdout}${stderr}`).not.toMatch(/warning|error/i);
    return await readFile(out, 'utf8');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
