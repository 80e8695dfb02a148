/**
 * The workspace catalogue: every Dutch text has an English one (the type enforces the
 * keys; this checks the values), and English texts are not Dutch left in by accident.
 */
import { describe, expect, it } from 'vitest';
import { workspaceCatalogue as catalogues } from '../../../server/views/workspace/messages.ts';

const sample = (v: unknown): string =>
  typeof v === 'function' ? String((v as (...a: unknown[]) => unknown)('X', 'Y')) : String(v);
// Keys whose text is the same in both languages on purpose (as the catalogue lists them),
// and the language names, which are each other's on purpose ("English" on a Dutch page).
const SAME = new Set<string>([...catalogues.same, 'lang', 'switchLanguageCode']);
const DUTCH_WORDS = /\b(het|een|uw|niet|wachtwoord|gebruiker|inloggen|meting|programma)\b/i;

describe('workspace messages', () => {
  const nl = catalogues.nl as Record<string, unknown>;
  const en = catalogues.en as Record<string, unknown>;

  it('has an English text for every Dutch one, and no extra ones', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(nl).sort());
    for (const key of Object.keys(nl)) {
      expect(typeof en[key], key).toBe(typeof nl[key]);
      expect(sample(en[key]).trim().length, key).toBeGreaterThan(0);
    }
  });

  it('translates every text (English differs from Dutch and reads as English)', () => {
    for (const key of Object.keys(nl)) {
      if (SAME.has(key)) continue;
      const e = sample(en[key]);
      expect(e, key).not.toBe(sample(nl[key]));
      if (key !== 'switchLanguage') expect(e, key).not.toMatch(DUTCH_WORDS);
    }
  });
});
