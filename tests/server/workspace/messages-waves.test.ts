import { describe, expect, it } from 'vitest';
import { waveCatalogue as waveCatalogues } from '../../../server/views/workspace/messages-waves.ts';

/** Every leaf of a catalogue: strings as they are, functions called with sample values. */
function leaves(value: unknown, path = ''): [string, string][] {
  if (typeof value === 'string') return [[path, value]];
  if (typeof value === 'function') return [[path, String((value as (...a: unknown[]) => unknown)(3, 18, 5))]];
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => leaves(v, path ? `${path}.${k}` : k));
}

describe('texts of the programme, wave and monitor pages', () => {
  const nl = new Map(leaves(waveCatalogues.nl));
  const en = new Map(leaves(waveCatalogues.en));

  it('have an English text for every Dutch one, and no empty text', () => {
    expect([...en.keys()].sort()).toEqual([...nl.keys()].sort());
    for (const [key, text] of [...nl, ...en]) expect(text.trim(), key).not.toBe('');
  });

  it('are translated rather than left in Dutch', () => {
    // Proper names and numbers may be the same in both languages; sentences may not.
    const same = [...nl].filter(([key, text]) => text.split(' ').length > 2 && en.get(key) === text).map(([key]) => key);
    expect(same).toEqual([]);
  });
});
