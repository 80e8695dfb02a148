import { describe, expect, it } from 'vitest';
import { openAnswerCatalogue } from '../../../server/views/workspace/messages-open-answers.ts';

/** Every message rendered with sample arguments, so functions are checked too. */
function rendered(value: unknown): string {
  if (typeof value === 'function') return String((value as (...a: unknown[]) => unknown)(3, 7));
  return String(value);
}

describe('open-answer messages', () => {
  const { nl, en } = openAnswerCatalogue;

  it('has an English text for every Dutch one, none empty', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(nl).sort());
    for (const key of Object.keys(nl) as (keyof typeof nl)[]) {
      expect(rendered(nl[key]).trim(), `nl.${key}`).not.toBe('');
      expect(rendered(en[key]).trim(), `en.${key}`).not.toBe('');
      expect(typeof en[key], key).toBe(typeof nl[key]);
    }
  });

  it('is really translated: English texts differ from the Dutch ones except for shared words', () => {
    const same = (Object.keys(nl) as (keyof typeof nl)[]).filter((key) => rendered(nl[key]) === rendered(en[key]));
    // Words that are the same in both languages.
    expect(same.sort()).toEqual(['code', 'kappa', 'percentOf', 'suppressed', 'team'].sort());
  });
});
