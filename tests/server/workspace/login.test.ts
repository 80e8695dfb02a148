/**
 * Logging in and out of the workspace through the real forms: sessions in Postgres, one
 * message for unknown address and wrong password, throttling without locking out an
 * office, a new session id at login, logout and role changes acting at once, time-outs.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../../../server/auth/login-throttle.ts';
import { SESSION_COOKIE } from '../../../server/plugins/auth.ts';
import { setDisabled, updateUser } from '../../../server/services/users.ts';
import { buildTestApp, type TestApp } from '../../helpers/app.ts';
import { Client, createUserWithPassword, TEST_PASSWORD } from '../../helpers/session.ts';

describe('login', () => {
  let t: TestApp;
  let researcherId: number;

  beforeAll(async () => {
    t = await buildTestApp({ publish: false });
    researcherId = await createUserWithPassword(t.app.db, {
      role: 'researcher',
      email: 'onderzoeker@hogeschool.nl',
      displayName: 'Anna de Vries',
    });
  });
  afterAll(async () => t?.close());

  const audit = (action: string) => t.app.db.selectFrom('audit_log').selectAll().where('action', '=', action).execute();

  it('shows a login form in Dutch with a CSRF field, and English after the language switch', async () => {
    const c = new Client(t.app);
    const res = await c.get('/inloggen');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<h1>Inloggen</h1>');
    expect(res.body).toMatch(/name="_csrf" value="[^"]+"/);
    const sw = await c.get('/taal/en?terug=%2Finloggen');
    expect(sw.statusCode).toBe(303);
    expect(sw.headers.location).toBe('/inloggen');
    expect((await c.get('/inloggen')).body).toContain('<h1>Log in</h1>');
    // Another site as the return address is refused.
    expect((await c.get('/taal/nl?terug=%2F%2Fevil.example')).headers.location).toBe('/werkruimte');
  });

  it('logs in with the right password on a new session id, and the session is in Postgres', async () => {
    const c = new Client(t.app);
    await c.get('/inloggen');
    // A session id planted before login (session fixation) …
    c.cookies.set(SESSION_COOKIE, 'planted-by-an-attacker.signature');
    const res = await c.login('Onderzoeker@Hogeschool.nl ');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/werkruimte');
    const sid = c.cookies.get(SESSION_COOKIE)!;
    expect(sid).toBeTruthy();
    expect(sid).not.toContain('planted');
    const cookie = (res.cookies as { name: string; httpOnly?: boolean; sameSite?: string }[]).find(
      (k) => k.name === SESSION_COOKIE,
    )!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    const home = await c.get('/werkruimte');
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('Welkom, Anna de Vries');
    const rows = await t.app.db
      .selectFrom('app_session')
      .select(['user_id', 'data'])
      .where('user_id', '=', researcherId)
      .execute();
    expect(rows.length).toBeGreaterThan(0);
    // The session holds the id and times, never the password.
    expect(JSON.stringify(rows)).not.toContain(TEST_PASSWORD);
    // A second login gives yet another id.
    await c.post('/inloggen', { email: 'onderzoeker@hogeschool.nl', password: TEST_PASSWORD }, { csrfFrom: '/werkruimte' });
    expect(c.cookies.get(SESSION_COOKIE)).not.toBe(sid);
    // … and the id from before that login no longer opens anything.
    const old = new Client(t.app);
    old.cookies.set(SESSION_COOKIE, sid);
    expect((await old.get('/werkruimte')).statusCode).toBe(303);
    const ok = await audit('login.succeeded');
    expect(ok.some((r) => r.user_id === researcherId && r.actor === 'onderzoeker@hogeschool.nl')).toBe(true);
  });

  it('gives the same message for an unknown address and a wrong password, and logs both without the password', async () => {
    const c = new Client(t.app, '10.0.0.1');
    const wrong = await c.login('onderzoeker@hogeschool.nl', 'wrong password 123');
    const unknown = await c.login('niemand@hogeschool.nl', 'wrong password 123');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    const message = 'Deze combinatie van e-mailadres en wachtwoord kennen we niet.';
    expect(wrong.body).toContain(message);
    expect(unknown.body).toContain(message);
    // What was typed survives (the address), the password never comes back.
    expect(unknown.body).toContain('value="niemand@hogeschool.nl"');
    expect(unknown.body).not.toContain('wrong password 123');
    const failed = await audit('login.failed');
    expect(failed.map((r) => r.actor)).toEqual(expect.arrayContaining(['onderzoeker@hogeschool.nl', 'niemand@hogeschool.nl']));
    const all = await t.app.db.selectFrom('audit_log').selectAll().execute();
    expect(JSON.stringify(all)).not.toContain('wrong password');
    expect(c.cookies.has(SESSION_COOKIE)).toBe(false);
  });

  it('refuses a login without a valid CSRF token', async () => {
    const c = new Client(t.app);
    const res = await c.post('/inloggen', { email: 'onderzoeker@hogeschool.nl', password: TEST_PASSWORD }, { csrf: 'forged' });
    expect(res.statusCode).toBe(400);
    expect(c.cookies.has(SESSION_COOKIE)).toBe(false);
  });

  it('throttles wrong passwords per account and address without locking the office out', async () => {
    const email = 'collega@gemeente.nl';
    await createUserWithPassword(t.app.db, { role: 'manager', email });
    await createUserWithPassword(t.app.db, { role: 'manager', email: 'buurvrouw@gemeente.nl' });
    const office = '192.0.2.7';
    const c = new Client(t.app, office);
    for (let i = 0; i < LIMITS.pair; i++) expect((await c.login(email, `typo ${i} typo typo`)).statusCode).toBe(401);
    // Now even the right password waits, from this address, for this account.
    const blocked = await c.login(email);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.body).toContain('Er is te vaak een verkeerd wachtwoord geprobeerd');
    // A colleague behind the same office address logs in as usual.
    const colleague = new Client(t.app, office);
    expect((await colleague.login('buurvrouw@gemeente.nl')).statusCode).toBe(303);
    // The same person from another address (home) is not blocked either.
    const home = new Client(t.app, '198.51.100.9');
    expect((await home.login(email)).statusCode).toBe(303);
    // An unknown address is throttled the same way: no hint which addresses exist.
    const probe = new Client(t.app, '203.0.113.5');
    for (let i = 0; i < LIMITS.pair; i++) await probe.login('bestaat-niet@gemeente.nl', 'guess guess guess');
    expect((await probe.login('bestaat-niet@gemeente.nl', 'guess guess guess')).statusCode).toBe(429);
    const stored = await t.app.db.selectFrom('login_failure').select('key').execute();
    expect(JSON.stringify(stored)).not.toContain('192.0.2.7');
    expect(JSON.stringify(stored)).not.toContain('collega');
  });

  it('logout ends the session at once, also for a copy of the cookie', async () => {
    const c = new Client(t.app);
    await c.login('onderzoeker@hogeschool.nl');
    const copy = new Client(t.app);
    copy.cookies.set(SESSION_COOKIE, c.cookies.get(SESSION_COOKIE)!);
    expect((await copy.get('/werkruimte')).statusCode).toBe(200);
    const out = await c.post('/uitloggen', {}, { csrfFrom: '/werkruimte' });
    expect(out.statusCode).toBe(303);
    expect(out.headers.location).toBe('/inloggen?uitgelogd=1');
    const after = await copy.get('/werkruimte');
    expect(after.statusCode).toBe(303);
    expect(after.headers.location).toBe('/inloggen?terug=%2Fwerkruimte');
  });

  it('a role change and a disabled account take effect on the next request', async () => {
    const id = await createUserWithPassword(t.app.db, { role: 'admin', email: 'tweede-beheerder@hogeschool.nl' });
    const c = new Client(t.app);
    await c.login('tweede-beheerder@hogeschool.nl');
    expect((await c.get('/werkruimte/beheer/gebruikers')).statusCode).toBe(200);
    await updateUser(t.app.db, id, { displayName: 'Tweede', role: 'manager', programmeIds: [] });
    const denied = await c.get('/werkruimte/beheer/gebruikers');
    expect(denied.statusCode).toBe(403);
    expect(denied.body).toContain('Geen toegang');
    await setDisabled(t.app.db, id, true);
    expect((await c.get('/werkruimte')).statusCode).toBe(303);
  });

  it('ends a session after the idle time and after the absolute time', async () => {
    const c = new Client(t.app);
    await c.login('onderzoeker@hogeschool.nl');
    expect((await c.get('/werkruimte')).statusCode).toBe(200);
    const idleMs = t.app.config.SESSION_IDLE_MINUTES * 60_000;
    const maxMs = t.app.config.SESSION_MAX_HOURS * 3_600_000;
    const age = async (field: 'seenAt' | 'loginAt', ms: number) =>
      sql`update app_session set data = jsonb_set(data, ${`{${field}}`}::text[], to_jsonb((data->>${field})::bigint - ${ms}::bigint)) where user_id = ${researcherId}`.execute(
        t.app.db,
      );

    await age('seenAt', idleMs + 1000);
    const idle = await c.get('/werkruimte/account');
    expect(idle.statusCode).toBe(303);
    expect(idle.headers.location).toBe('/inloggen?terug=%2Fwerkruimte%2Faccount&verlopen=1');
    expect((await c.get(idle.headers.location as string)).body).toContain('Uw sessie is verlopen');

    await c.login('onderzoeker@hogeschool.nl');
    expect((await c.get('/werkruimte')).statusCode).toBe(200);
    await age('loginAt', maxMs + 1000);
    expect((await c.get('/werkruimte')).statusCode).toBe(303);
  });

  it('sends nobody to another site after login', async () => {
    const c = new Client(t.app);
    const page = await c.get('/inloggen?terug=%2F%2Fevil.example%2Fx');
    expect(page.body).toContain('action="/inloggen"');
    const ok = await c.post(
      '/inloggen?terug=%2Fwerkruimte%2Faccount',
      { email: 'onderzoeker@hogeschool.nl', password: TEST_PASSWORD },
      { csrfFrom: '/inloggen' },
    );
    expect(ok.headers.location).toBe('/werkruimte/account');
  });
});

describe('login behind HTTPS', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ publish: false, env: { PUBLIC_URL: 'https://wijkmeter.example.nl', TRUST_PROXY: 'true' } });
    await createUserWithPassword(t.app.db, { role: 'manager', email: 'https@gemeente.nl' });
  });
  afterAll(async () => t?.close());

  it('marks the session cookie Secure, HttpOnly and SameSite=Lax', async () => {
    const c = new Client(t.app, '127.0.0.1', { 'x-forwarded-proto': 'https' });
    const res = await c.login('https@gemeente.nl');
    expect(res.statusCode).toBe(303);
    const cookie = (res.cookies as { name: string; secure?: boolean; httpOnly?: boolean; sameSite?: string }[]).find(
      (k) => k.name === SESSION_COOKIE,
    )!;
    expect(cookie).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Lax' });
  });
});
