/**
 * `COPY … FROM STDIN` on the connection of a Kysely handle, so a bulk write joins the
 * caller's transaction (an import is all or nothing). Kysely has no COPY and does not hand
 * out its pg client; it does pass `compiledQuery.sql` straight to `client.query()`, and
 * pg accepts any "submittable" there (an object with `submit(connection)`), which is how
 * pg-copy-streams works. So the copy stream goes in as the query, wrapped in a proxy that
 * is also a promise of the query's result (Kysely awaits what `client.query()` returns).
 *
 * Text format: `copyText()` escapes a value; `\N` is NULL.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CompiledQuery } from 'kysely';
import { from as copyFrom } from 'pg-copy-streams';
import type { DbHandle } from '../db/transaction.ts';

export const COPY_NULL = '\\N';

/** A text value for COPY's text format: backslash, tab, newline and carriage return escaped. */
export function copyText(value: string): string {
  return /[\\\t\n\r]/.test(value)
    ? value.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'))
    : value;
}

/**
 * Runs `statement` (a `COPY … FROM STDIN`) with the chunks of `source` as its data, on
 * `db`'s connection (inside its transaction, if it is one). Backpressure: the source is
 * read only as fast as Postgres takes the data. Resolves with the number of rows copied.
 */
export async function copyInto(
  db: DbHandle,
  statement: string,
  source: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>,
): Promise<number> {
  const stream = copyFrom(statement);
  const done = pipeline(Readable.from(source, { objectMode: false }), stream);
  // Settles when the data is in (or the copy failed); `pipeline` carries the error.
  const result = done.then(() => ({ command: 'COPY', rowCount: stream.rowCount, rows: [] }));
  const submittable = new Proxy(stream, {
    get(target, key) {
      if (key === 'then') return result.then.bind(result);
      const value = Reflect.get(target, key) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  const query = { ...CompiledQuery.raw(''), sql: submittable as unknown as string };
  // Both must settle: the query (Kysely's side) and the pipeline (the data's side).
  const [, copied] = await Promise.all([db.executeQuery(query), result]);
  return copied.rowCount;
}
