/**
 * Every message catalogue under server/ (the `messages.ts` files, found by name, so a new
 * area's catalogue is checked without being listed here): each Dutch text has an English one,
 * of the same kind, and the English is not the Dutch left standing — a forgotten
 * translation fails here instead of showing Dutch on an English page.
 */
import { readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TCatalogue } from '../../../server/lib/i18n.ts';

const SERVER = join(import.meta.dirname, '../../../server');

async function catalogueFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await catalogueFiles(path)));
    else if (/^messages(-[a-z-]+)?\.ts$/.test(entry.name)) out.push(path);
  }
  return out;
}

function isCatalogue(value: unknown): value is TCatalogue<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && 'nl' in value && 'en' in value && 'same' in value && 'get' in value;
}

/** Sample arguments for a message function: numbers work for every one we have (counts, ids, names). */
function call(f: (...args: unknown[]) => unknown): unknown {
  return f(...Array.from({ length: f.length }, (_, i) => i + 3));
}

const files = await catalogueFiles(SERVER);
const catalogues: { file: string; catalogue: TCatalogue<Record<string, unknown>> }[] = [];
for (const file of files) {
  const mod = (await import(file)) as Record<string, unknown>;
  for (const value of Object.values(mod))
    if (isCatalogue(value)) catalogues.push({ file: relative(SERVER, file), catalogue: value });
}

it('finds the catalogues', () => {
  expect(catalogues.map((c) => c.file)).toEqual(expect.arrayContaining(['views/messages.ts', 'cli/messages.ts']));
});

describe.each(catalogues)('$file', ({ catalogue }) => {
  const { nl, en, same } = catalogue;

  it('has an English text for every Dutch one, and nothing English-only', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(nl).sort());
    for (const key of Object.keys(nl)) {
      expect(typeof en[key], key).toBe(typeof nl[key]);
      if (typeof en[key] === 'string') expect((en[key] as string).trim(), key).not.toBe('');
    }
  });

  it('no English text is the Dutch one, except names listed as the same', () => {
    const untranslated = Object.keys(nl).filter((key) => {
      if (same.includes(key)) return false;
      const a = nl[key];
      const b = en[key];
      if (typeof a === 'function' && typeof b === 'function') return call(a as never) === call(b as never);
      return a === b;
    });
    expect(untranslated).toEqual([]);
  });

  it('the texts listed as the same are the same', () => {
    for (const key of same) {
      const a = nl[key as string];
      const b = en[key as string];
      if (typeof a === 'function' && typeof b === 'function') expect(call(b as never), String(key)).toBe(call(a as never));
      else expect(b, String(key)).toBe(a);
    }
  });

  it('get() picks the language', () => {
    expect(catalogue.get('nl')).toBe(nl);
    expect(catalogue.get('en')).toBe(en);
  });
});
