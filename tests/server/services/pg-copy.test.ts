/**
 * COPY through a Kysely handle (services/pg-copy.ts) on a real Postgres: text escaped and
 * read back exact, and a COPY that fails inside a transaction takes the transaction down
 * with it (the import's all-or-nothing rests on that).
 */
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kyselyOn, type DB } from '../../../server/db/kysely.ts';
import { COPY_NULL, copyInto, copyText } from '../../../server/services/pg-copy.ts';
import { createTestDatabase, type TestDatabase } from '../../helpers/database.ts';

describe('copyInto', () => {
  let database: TestDatabase;
  let pool: pg.Pool;
  let db: DB;
  beforeAll(async () => {
    database = await createTestDatabase();
    pool = new pg.Pool({ connectionString: database.url, max: 2 });
    db = kyselyOn(pool);
    await sql`CREATE TABLE copied (n int PRIMARY KEY, t text)`.execute(db);
  });
  afterAll(async () => {
    await pool.end();
    await database.drop();
  });

  it('copies rows, backslashes, tabs, line breaks and diacritics exact, NULL as NULL', async () => {
    const texts = ['gewoon', 'tab\there', 'regel\neen\r\ntwee', 'back\\slash \\N', 'één café ‘quote’', null];
    async function* rows() {
      for (const [i, t] of texts.entries()) yield `${i}\t${t === null ? COPY_NULL : copyText(t)}\n`;
    }
    const count = await db.transaction().execute((trx) => copyInto(trx, 'COPY copied (n, t) FROM STDIN', rows()));
    expect(count).toBe(texts.length);
    const back = await db
      .selectFrom('copied' as never)
      .select(['n', 't'] as never[])
      .orderBy('n' as never)
      .execute();
    expect(back.map((r) => (r as { t: string | null }).t)).toEqual(texts);
  });

  it('a failing COPY rolls the whole transaction back, and the pool stays usable', async () => {
    const before = await sql<{ n: number }>`SELECT count(*)::int AS n FROM copied`.execute(db);
    const error = await db
      .transaction()
      .execute(async (trx) => {
        await sql`INSERT INTO copied (n, t) VALUES (100, 'eerst')`.execute(trx);
        // Row 101 twice: the primary key refuses the second, after the first went in.
        await copyInto(trx, 'COPY copied (n, t) FROM STDIN', ['101\ta\n', '101\tb\n']);
      })
      .catch((e: unknown) => e);
    expect(String(error)).toMatch(/duplicate key/);
    const after = await sql<{ n: number }>`SELECT count(*)::int AS n FROM copied`.execute(db);
    expect(after.rows[0]!.n).toBe(before.rows[0]!.n);
    // Both connections of the pool still answer.
    const ok = await Promise.all([1, 2].map(() => sql<{ one: number }>`SELECT 1 AS one`.execute(db)));
    expect(ok.map((r) => r.rows[0]!.one)).toEqual([1, 1]);
  });
});
