/**
 * Accounts without open sign-up: `npm run user` (first admin, API token), one-time links
 * (72 hours, used once, GET does not use them up), password reset with one answer for
 * every address, tokens on the account page, admins inviting and changing users, and the
 * audit log of all of it (never a password or token in it). No SMTP here: links are shown
 * to the admin (the browser test covers e-mail).
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LINK_VALID_HOURS } from '../../../server/services/one-time-links.ts';
import { buildTestApp, type TestApp } from '../../helpers/app.ts';
import { runCli } from '../../helpers/cli.ts';
import { Client, createUserWithPassword, csrfOf, TEST_PASSWORD } from '../../helpers/session.ts';

const NEW_PASSWORD = 'een lange zin als wachtwoord';

describe('accounts', () => {
  let t: TestApp;
  let admin: Client;
  let programmeId: number;

  beforeAll(async () => {
    t = await buildTestApp({ publish: false });
    programmeId = (
      await t.app.db
        .insertInto('programme')
        .values({ name: 'Sociale wijkteams Zwolle' })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    await createUserWithPassword(t.app.db, { role: 'admin', email: 'beheer@hogeschool.nl', displayName: 'Beheer' });
    admin = new Client(t.app);
    expect((await admin.login('beheer@hogeschool.nl')).statusCode).toBe(303);
  });
  afterAll(async () => t?.close());

  const linkIn = (text: string) => /https?:\/\/[^\s"<]+\/wachtwoord\/[A-Za-z0-9_-]{40,}/.exec(text)?.[0];
  const pathOf = (url: string) => new URL(url).pathname;
  const auditText = async () => JSON.stringify(await t.app.db.selectFrom('audit_log').selectAll().execute());

  it('npm run user -- add prints a one-time link; opening it uses nothing up; the POST sets the password once', async () => {
    const cli = await runCli(
      'server/cli/user.ts',
      ['add', '--email', 'Eerste@Hogeschool.nl', '--role', 'admin', '--base-url', 'http://localhost:3000'],
      { DATABASE_URL: t.database.url },
    );
    expect(cli.stderr).toBe('');
    expect(cli.code).toBe(0);
    expect(cli.stdout).toContain('Account aangemaakt: eerste@hogeschool.nl (admin).');
    const url = linkIn(cli.stdout)!;
    expect(url).toBeTruthy();
    const row = await t.app.db
      .selectFrom('one_time_link')
      .select(sql<number>`extract(epoch from expires_at - created_at)`.as('s'))
      .executeTakeFirstOrThrow();
    expect(Number(row.s)).toBe(LINK_VALID_HOURS * 3600);
    // The token is stored only as a hash.
    expect(JSON.stringify(await t.app.db.selectFrom('one_time_link').selectAll().execute())).not.toContain(
      pathOf(url).split('/').pop(),
    );

    const c = new Client(t.app);
    // A mail scanner opens the link twice: a page with a button, nothing consumed.
    for (let i = 0; i < 2; i++) {
      const page = await c.get(pathOf(url));
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('eerste@hogeschool.nl');
      expect(page.body).toMatch(/<form[^>]+method="post"/);
      expect(page.body).toContain('Wachtwoord opslaan');
    }
    const short = await c.post(pathOf(url), { password: 'kort', repeat: 'kort' });
    expect(short.statusCode).toBe(400);
    expect(short.body).toContain('Kies een wachtwoord van minstens 12 tekens.');
    const mismatch = await c.post(pathOf(url), { password: NEW_PASSWORD, repeat: `${NEW_PASSWORD}!` });
    expect(mismatch.body).toContain('De twee wachtwoorden zijn niet gelijk.');
    const ok = await c.post(pathOf(url), { password: NEW_PASSWORD, repeat: NEW_PASSWORD });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe('/inloggen?wachtwoord=1');
    // Used once: the link is dead now, for GET and POST.
    expect((await c.get(pathOf(url))).statusCode).toBe(410);
    const again = await c.post(
      pathOf(url),
      { password: 'nog een ander wachtwoord', repeat: 'nog een ander wachtwoord' },
      { csrfFrom: '/inloggen' },
    );
    expect(again.statusCode).toBe(410);
    expect((await c.login('eerste@hogeschool.nl', NEW_PASSWORD)).statusCode).toBe(303);
    expect(await auditText()).not.toContain(NEW_PASSWORD);
  });

  it('a link older than 72 hours no longer works', async () => {
    const cli = await runCli(
      'server/cli/user.ts',
      ['add', '--email', 'laat@hogeschool.nl', '--role', 'researcher', '--base-url', 'http://localhost:3000', '--lang', 'en'],
      { DATABASE_URL: t.database.url },
    );
    expect(cli.stdout).toContain('Account created: laat@hogeschool.nl (researcher).');
    const url = linkIn(cli.stdout)!;
    await sql`update one_time_link set created_at = created_at - interval '73 hours', expires_at = expires_at - interval '73 hours' where used_at is null`.execute(
      t.app.db,
    );
    const page = await new Client(t.app).get(pathOf(url));
    expect(page.statusCode).toBe(410);
    expect(page.body).toContain('Deze link werkt niet meer');
  });

  it('npm run user refuses an unknown programme and a duplicate address, and changes nothing', async () => {
    const before = await t.app.db.selectFrom('app_user').select('id').execute();
    const unknown = await runCli(
      'server/cli/user.ts',
      ['add', '--email', 'x@hogeschool.nl', '--role', 'manager', '--programme', '9999'],
      { DATABASE_URL: t.database.url },
    );
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('Onbekend programma: 9999');
    const dup = await runCli('server/cli/user.ts', ['add', '--email', 'beheer@hogeschool.nl', '--role', 'manager'], {
      DATABASE_URL: t.database.url,
    });
    expect(dup.code).toBe(1);
    expect(dup.stderr).toContain('Er bestaat al een account met dit e-mailadres.');
    expect((await t.app.db.selectFrom('app_user').select('id').execute()).length).toBe(before.length);
  });

  it('npm run user -- token prints a token that works as a bearer token', async () => {
    const cli = await runCli('server/cli/user.ts', ['token', '--email', 'beheer@hogeschool.nl', '--label', 'R'], {
      DATABASE_URL: t.database.url,
    });
    expect(cli.code).toBe(0);
    const token = /wm_[A-Za-z0-9_-]{40,}/.exec(cli.stdout)![0];
    const res = await t.app.inject({ method: 'GET', url: '/werkruimte/account', headers: { authorization: `Bearer ${token}` } });
    expect(res.statusCode).toBe(200);
    expect(await auditText()).not.toContain(token);
  });

  it('password reset: the same answer for a known and an unknown address (no mail configured)', async () => {
    const c = new Client(t.app);
    const known = await c.post('/wachtwoord-vergeten', { email: 'beheer@hogeschool.nl' });
    const unknown = await c.post('/wachtwoord-vergeten', { email: 'niemand@hogeschool.nl' });
    expect(known.statusCode).toBe(200);
    const strip = (s: string) => s.replace(/name="_csrf" value="[^"]+"/g, '');
    expect(strip(known.body)).toBe(strip(unknown.body));
    const bad = await c.post('/wachtwoord-vergeten', { email: 'geen adres' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Vul een geldig e-mailadres in');
    expect(bad.body).toContain('value="geen adres"');
  });

  it('tokens on the account page: shown once, stored as a hash, revoked at once', async () => {
    const created = await admin.post(
      '/werkruimte/account/tokens',
      { label: 'Python-script' },
      { csrfFrom: '/werkruimte/account' },
    );
    expect(created.statusCode).toBe(201);
    expect(created.headers['cache-control']).toBe('no-store');
    const token = /value="(wm_[^"]+)"/.exec(created.body)![1]!;
    const bearer = { authorization: `Bearer ${token}` };
    expect((await t.app.inject({ method: 'GET', url: '/werkruimte', headers: bearer })).statusCode).toBe(200);
    const page = await admin.get('/werkruimte/account');
    expect(page.body).toContain('Python-script');
    expect(page.body).not.toContain(token);
    // Each revoke button in the list says which token it revokes.
    expect(page.body).toMatch(/<button[^>]*aria-label="Intrekken: Python-script"[^>]*>Intrekken<\/button>/);
    const stored = await t.app.db.selectFrom('api_token').selectAll().execute();
    expect(JSON.stringify(stored)).not.toContain(token.slice(3));
    const tooLong = await admin.post(
      '/werkruimte/account/tokens',
      { label: 'x'.repeat(81) },
      { csrfFrom: '/werkruimte/account' },
    );
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.body).toContain('Gebruik maximaal 80 tekens.');
    const id = stored.find((s) => s.label === 'Python-script')!.id;
    const revoked = await admin.post(`/werkruimte/account/tokens/${id}/intrekken`, {}, { csrfFrom: '/werkruimte/account' });
    expect(revoked.headers.location).toBe('/werkruimte/account?gedaan=ingetrokken');
    expect((await t.app.inject({ method: 'GET', url: '/api/waves/1/codebook.md', headers: bearer })).statusCode).toBe(401);
    const actions = (await t.app.db.selectFrom('audit_log').select(['action', 'subject']).execute()).map(
      (r) => `${r.action} ${r.subject}`,
    );
    expect(actions).toEqual(expect.arrayContaining([`token.created token:${id}`, `token.revoked token:${id}`]));
    expect(await auditText()).not.toContain(token);
  });

  it('change password: needs the current one, logs out the other sessions', async () => {
    await createUserWithPassword(t.app.db, { role: 'researcher', email: 'wissel@hogeschool.nl' });
    const here = new Client(t.app);
    const there = new Client(t.app);
    await here.login('wissel@hogeschool.nl');
    await there.login('wissel@hogeschool.nl');
    const wrong = await here.post(
      '/werkruimte/account/wachtwoord',
      { current: 'niet het goede', password: NEW_PASSWORD, repeat: NEW_PASSWORD },
      { csrfFrom: '/werkruimte/account' },
    );
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('Dit is niet uw huidige wachtwoord.');
    const ok = await here.post(
      '/werkruimte/account/wachtwoord',
      { current: TEST_PASSWORD, password: NEW_PASSWORD, repeat: NEW_PASSWORD },
      { csrfFrom: '/werkruimte/account' },
    );
    expect(ok.statusCode).toBe(303);
    expect((await here.get('/werkruimte')).statusCode).toBe(200);
    expect((await there.get('/werkruimte')).statusCode).toBe(303);
  });

  it('admins invite users; bad input gets a Dutch message next to the field and changes nothing', async () => {
    const count = async () => (await t.app.db.selectFrom('app_user').select('id').execute()).length;
    const before = await count();
    const cases: [Record<string, string | string[]>, string, string][] = [
      [{ email: 'beheer@hogeschool.nl', role: 'researcher' }, 'email', 'Er bestaat al een account met dit e-mailadres.'],
      [
        { email: 'nieuw@hogeschool.nl', displayName: 'x'.repeat(121), role: 'researcher' },
        'displayName',
        'Gebruik maximaal 120 tekens.',
      ],
      [
        { email: 'nieuw@hogeschool.nl', role: 'researcher', programmes: ['424242'] },
        'programmes',
        'Kies alleen bestaande programma’s.',
      ],
      [{ email: 'nieuw@hogeschool.nl', role: 'koning' }, 'role', 'Kies een rol.'],
      [{ email: 'geen-adres', role: 'manager' }, 'email', 'Vul een geldig e-mailadres in'],
    ];
    for (const [fields, field, message] of cases) {
      const res = await admin.post('/werkruimte/beheer/gebruikers', fields, { csrfFrom: '/werkruimte/beheer/gebruikers' });
      expect(res.statusCode, message).toBeGreaterThanOrEqual(400);
      // The message sits in the field's own error paragraph, and in the summary.
      expect(res.body).toMatch(
        new RegExp(`id="f-${field}-error"><span class="sr-only">Fout: </span>${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`),
      );
      expect(res.body).toContain('Er is iets niet goed ingevuld');
      if (fields.email) expect(res.body).toContain(`value="${fields.email}"`);
    }
    expect(await count()).toBe(before);

    const ok = await admin.post(
      '/werkruimte/beheer/gebruikers',
      { email: 'Manager@Gemeente.nl', displayName: 'Marja', role: 'manager', programmes: [String(programmeId)] },
      { csrfFrom: '/werkruimte/beheer/gebruikers' },
    );
    expect(ok.statusCode).toBe(201);
    expect(ok.body).toContain('Het account voor manager@gemeente.nl is aangemaakt.');
    const link = /value="(http[^"]+\/wachtwoord\/[^"]+)"/.exec(ok.body)![1]!;
    expect((await new Client(t.app).get(pathOf(link))).statusCode).toBe(200);
    const user = await t.app.db
      .selectFrom('app_user')
      .select(['id', 'role', 'password_hash'])
      .where('email', '=', 'manager@gemeente.nl')
      .executeTakeFirstOrThrow();
    expect(user).toMatchObject({ role: 'manager', password_hash: null });
    const list = await admin.get('/werkruimte/beheer/gebruikers');
    expect(list.body).toContain('manager@gemeente.nl');
    expect(list.body).toContain('uitgenodigd');

    // Change role and memberships; then disable.
    const edit = await admin.post(
      `/werkruimte/beheer/gebruikers/${user.id}`,
      { displayName: 'Marja', role: 'researcher' },
      { csrfFrom: `/werkruimte/beheer/gebruikers/${user.id}` },
    );
    expect(edit.headers.location).toBe(`/werkruimte/beheer/gebruikers/${user.id}?gedaan=opgeslagen`);
    const changed = await t.app.db.selectFrom('programme_member').select('programme_id').where('user_id', '=', user.id).execute();
    expect(changed).toEqual([]);
    const disable = await admin.post(
      `/werkruimte/beheer/gebruikers/${user.id}/uitschakelen`,
      {},
      { csrfFrom: `/werkruimte/beheer/gebruikers/${user.id}` },
    );
    expect(disable.statusCode).toBe(303);
    expect(
      (await t.app.db.selectFrom('app_user').select('disabled_at').where('id', '=', user.id).executeTakeFirstOrThrow())
        .disabled_at,
    ).not.toBeNull();
    // The disabled person's link stops working too.
    expect((await new Client(t.app).get(pathOf(link))).statusCode).toBe(410);

    const actions = (
      await t.app.db.selectFrom('audit_log').select('action').where('subject', '=', 'manager@gemeente.nl').execute()
    ).map((r) => r.action);
    expect(actions).toEqual(
      expect.arrayContaining(['user.created', 'user.invited', 'user.role_changed', 'user.memberships_changed', 'user.disabled']),
    );
    expect(await auditText()).not.toContain(pathOf(link).split('/').pop());
  });

  it('an admin cannot demote or disable himself', async () => {
    const me = await t.app.db
      .selectFrom('app_user')
      .select('id')
      .where('email', '=', 'beheer@hogeschool.nl')
      .executeTakeFirstOrThrow();
    const res = await admin.post(
      `/werkruimte/beheer/gebruikers/${me.id}`,
      { displayName: 'Beheer', role: 'manager' },
      { csrfFrom: `/werkruimte/beheer/gebruikers/${me.id}` },
    );
    expect(res.statusCode).toBe(400);
    expect((await t.app.db.selectFrom('app_user').select('role').where('id', '=', me.id).executeTakeFirstOrThrow()).role).toBe(
      'admin',
    );
  });

  it('only admins reach the user and audit pages', async () => {
    await createUserWithPassword(t.app.db, { role: 'researcher', email: 'geen-beheer@hogeschool.nl' });
    const c = new Client(t.app);
    await c.login('geen-beheer@hogeschool.nl');
    for (const url of ['/werkruimte/beheer/gebruikers', '/werkruimte/beheer/audit', '/werkruimte/beheer/gebruikers/1']) {
      expect((await c.get(url)).statusCode, url).toBe(403);
    }
    const home = await c.get('/werkruimte');
    expect(home.body).not.toContain('/werkruimte/beheer/gebruikers');
    const nobody = await new Client(t.app).get('/werkruimte/beheer/audit?handeling=login.failed');
    expect(nobody.statusCode).toBe(303);
    expect(nobody.headers.location).toBe('/inloggen?terug=%2Fwerkruimte%2Fbeheer%2Faudit%3Fhandeling%3Dlogin.failed');
  });

  it('the audit log page filters by action, actor and date, and pages by 50', async () => {
    await t.app.db
      .insertInto('audit_log')
      .values(
        Array.from({ length: 60 }, (_, i) => ({
          actor: `script${i % 2}@hogeschool.nl`,
          action: 'data.exported',
          subject: `wave:${i}`,
          details: '{}',
        })),
      )
      .execute();
    const all = await admin.get('/werkruimte/beheer/audit?handeling=data.exported');
    expect(all.statusCode).toBe(200);
    expect(all.body).toContain('60 regels');
    expect(all.body).toContain('Pagina 1 van 2');
    expect((all.body.match(/<code>data.exported<\/code>/g) ?? []).length).toBe(50);
    const second = await admin.get('/werkruimte/beheer/audit?handeling=data.exported&pagina=2');
    expect((second.body.match(/<code>data.exported<\/code>/g) ?? []).length).toBe(10);
    const actor = await admin.get('/werkruimte/beheer/audit?handeling=data.exported&wie=SCRIPT1');
    expect(actor.body).toContain('30 regels');
    const future = await admin.get('/werkruimte/beheer/audit?van=2999-01-01');
    expect(future.body).toContain('0 regels');
    const today = new Date().toISOString().slice(0, 10);
    const upToToday = await admin.get(`/werkruimte/beheer/audit?handeling=login.succeeded&tot=${today}&van=2000-01-01`);
    expect(upToToday.body).toMatch(/\d+ regels?/);
    expect(upToToday.body).toContain('beheer@hogeschool.nl');
    // A nonsense filter is ignored, not a crash.
    expect((await admin.get('/werkruimte/beheer/audit?van=gisteren&pagina=-3')).statusCode).toBe(200);
    expect(csrfOf(all.body)).toBeTruthy();
  });
});
