/**
 * The audit log writer every administrative action calls: what it writes, what it refuses
 * to write (secrets, answers), and that creating a wave logs in the wave's transaction.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeAudit } from '../../../server/services/audit.ts';
import { buildTestApp, type TestApp } from '../../helpers/app.ts';
import { openWave } from '../../helpers/survey.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => t.close());

async function count(table: 'audit_log' | 'wave'): Promise<number> {
  const r = await sql<{ n: string }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(t.app.db);
  return Number(r.rows[0]!.n);
}

describe('writeAudit', () => {
  it('writes actor, user, action, subject and details', async () => {
    await writeAudit(t.app.db, { actor: 'a@b.nl', action: 'wave.close', subject: 'wave:1', details: { teams: 3, answers: 120 } });
    const row = await t.app.db.selectFrom('audit_log').selectAll().where('action', '=', 'wave.close').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ actor: 'a@b.nl', user_id: null, subject: 'wave:1', details: { teams: 3, answers: 120 } });
  });

  it('refuses details that could hold a secret or an answer, and writes nothing', async () => {
    const before = await count('audit_log');
    const bad: Record<string, string | number>[] = [
      { token: 'x' },
      { passwordHash: 'x' },
      { resumeCode: 'x' },
      { answers: 'ik vind…' },
      { sessionId: 1 },
    ];
    for (const details of bad) {
      await expect(writeAudit(t.app.db, { actor: 'test', action: 'test.bad', details })).rejects.toThrow(/must not hold/);
    }
    expect(await count('audit_log')).toBe(before);
  });

  it('creating a wave logs one line, in the same transaction as the wave', async () => {
    const before = { waves: await count('wave'), audit: await count('audit_log') };
    await openWave(t.app, { label: 'Meting audit' });
    expect(await count('wave')).toBe(before.waves + 1);
    expect(await count('audit_log')).toBe(before.audit + 1);
    const row = await t.app.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'wave.create')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(row.details).toMatchObject({ label: 'Meting audit', teams: 2 });
  });
});
