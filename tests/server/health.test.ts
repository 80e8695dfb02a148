import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/app.ts';

describe('health and readiness', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ publish: false });
  });
  afterAll(async () => t.close());

  it('GET /healthz answers while the process lives and reaches its database', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/healthz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', database: 'ok' });
  });

  it('GET /readyz is 200 on a migrated database', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/readyz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ready', database: 'ok', pendingMigrations: [] });
  });

  it('GET /readyz is 503 when a migration has not run', async () => {
    // Pretend the latest migration never ran, then put the bookkeeping row back.
    const row = await t.app.db
      .selectFrom('kysely_migration' as never)
      .selectAll()
      .orderBy('name' as never, 'desc')
      .executeTakeFirstOrThrow();
    const { name, timestamp } = row as { name: string; timestamp: string };
    await sql`DELETE FROM kysely_migration WHERE name = ${name}`.execute(t.app.db);
    try {
      const res = await t.app.inject({ method: 'GET', url: '/readyz' });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toMatchObject({ status: 'unavailable', pendingMigrations: [name] });
    } finally {
      await sql`INSERT INTO kysely_migration (name, timestamp) VALUES (${name}, ${timestamp})`.execute(t.app.db);
    }
  });

  it('the root explains in Dutch where to go', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('Gebruik de link uit de uitnodiging van uw team');
  });

  it('unknown routes get a JSON 404 with the request id', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/no/such/thing' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ error: 'not_found', requestId: expect.any(String) });
  });
});

describe('readiness without a database', () => {
  it('GET /readyz is 503 when the database cannot be reached', async () => {
    const { buildApp } = await import('../../server/app.ts');
    const { loadConfig } = await import('../../server/config.ts');
    const app = await buildApp({
      config: loadConfig({ LOG_LEVEL: 'silent', NODE_ENV: 'test' }),
      // Port 1 on loopback: nothing listens there.
      databaseUrl: 'postgres://nobody:nothing@127.0.0.1:1/none',
    });
    try {
      const res = await app.inject({ method: 'GET', url: '/readyz' });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toMatchObject({ status: 'unavailable', database: 'unreachable' });
      const live = await app.inject({ method: 'GET', url: '/healthz' });
      expect(live.statusCode).toBe(503);
      expect(live.json()).toEqual({ status: 'unavailable', database: 'unreachable' });
      // A page for a respondent: a friendly 503 that keeps what was posted, never a 500.
      const page = await app.inject({
        method: 'POST',
        url: '/v/abcdefghijklmnopqrstuvwxyz012345/b/intro',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'r=ABCD&a.q1=mijn+antwoord+%3Cb%3E',
      });
      expect(page.statusCode).toBe(503);
      expect(page.headers['retry-after']).toBe('60');
      expect(page.body).toContain('Probeer het over een minuut opnieuw');
      expect(page.body).toContain('<input type="hidden" name="a.q1" value="mijn antwoord &lt;b&gt;">');
      expect(page.body).toContain('action="/v/abcdefghijklmnopqrstuvwxyz012345/b/intro"');
    } finally {
      await app.close();
    }
  });
});
