/**
 * The caller owns the transaction: `inTransaction` joins a caller's transaction instead of
 * opening its own, so use cases (saving a page, creating a wave) can be combined and rolled
 * back together. Real Postgres, one database for this file.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../../server/db/transaction.ts';
import { writeAudit } from '../../../server/services/audit.ts';
import { newResumeCode, savePage, surveyContext } from '../../../server/services/responses.ts';
import { buildTestApp, type TestApp } from '../../helpers/app.ts';
import { openWave, type TestWave } from '../../helpers/survey.ts';

let t: TestApp;
let wave: TestWave;
beforeAll(async () => {
  t = await buildTestApp();
  wave = await openWave(t.app);
});
afterAll(async () => t.close());

async function count(table: 'response' | 'audit_log' | 'wave'): Promise<number> {
  const r = await sql<{ n: string }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(t.app.db);
  return Number(r.rows[0]!.n);
}

class Abort extends Error {}

describe('inTransaction', () => {
  it('opens a transaction of its own when given the database', async () => {
    const seen = await inTransaction(t.app.db, async (trx) => trx.isTransaction);
    expect(seen).toBe(true);
  });

  it("runs inside the caller's transaction: the caller's rollback undoes the work", async () => {
    const ctx = (await surveyContext(t.app.db, wave.tokens.Elburg!))!;
    const before = await count('response');
    await expect(
      t.app.db.transaction().execute(async (trx) => {
        const saved = await savePage(trx, ctx, newResumeCode(), { 'bg.function': 'medewerker' });
        expect(saved?.answers).toEqual({ 'bg.function': 'medewerker' });
        // Visible inside the transaction …
        const inside = await trx.selectFrom('response').select('id').where('id', '=', saved!.id).executeTakeFirst();
        expect(inside).toBeDefined();
        throw new Abort();
      }),
    ).rejects.toBeInstanceOf(Abort);
    // … and gone with it.
    expect(await count('response')).toBe(before);
  });

  it('keeps work the caller commits, several use cases in one transaction', async () => {
    const ctx = (await surveyContext(t.app.db, wave.tokens.Elburg!))!;
    const before = { responses: await count('response'), audit: await count('audit_log') };
    await t.app.db.transaction().execute(async (trx) => {
      await savePage(trx, ctx, newResumeCode(), { 'bg.function': 'medewerker' });
      await savePage(trx, ctx, newResumeCode(), { 'bg.function': 'teamleider' });
      await writeAudit(trx, { actor: 'test', action: 'test.batch', subject: `wave:${wave.waveId}`, details: { responses: 2 } });
    });
    expect(await count('response')).toBe(before.responses + 2);
    expect(await count('audit_log')).toBe(before.audit + 1);
  });
});
