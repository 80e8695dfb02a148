/**
 * Dutch first, English second: the two helpers for everything people read. `tr` reads a
 * text from a questionnaire definition (TText); `defineCatalogue` declares the fixed texts
 * of an area in a `messages.ts` file (views/messages.ts for the public pages, cli/messages.ts
 * for the command line, one next to the workspace views). tests/server/lib/i18n.test.ts
 * checks every such file: each English text is present and differs from the Dutch, unless
 * listed in `same`.
 */
import type { TLanguage, TText } from '../../survey-definitions/schema.ts';

export function tr(text: TText | undefined, lang: TLanguage): string {
  if (!text) return '';
  return (lang === 'en' ? text.en : undefined) ?? text.nl;
}

export interface TCatalogue<M extends object> {
  /** Named in test failures. */
  readonly name: string;
  readonly nl: M;
  readonly en: M;
  /** Keys whose English text is the Dutch one on purpose (product names). */
  readonly same: readonly (keyof M)[];
  get(lang: TLanguage): M;
}

/**
 * `en` is typed as the Dutch shape, so a missing key does not compile; never build it by
 * spreading the Dutch object, or a forgotten text would silently show Dutch (the test
 * catches that too).
 */
export function defineCatalogue<M extends object>(
  name: string,
  nl: M,
  en: M,
  options: { same?: readonly (keyof M)[] } = {},
): TCatalogue<M> {
  return { name, nl, en, same: options.same ?? [], get: (lang) => (lang === 'en' ? en : nl) };
}
