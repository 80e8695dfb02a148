import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../helpers/app.ts';
import { createUserWithToken, type TestUser } from '../../helpers/auth.ts';
import { createTestWave, insertResponses } from '../../helpers/research-data.ts';
import { fieldError, inputValue, StaffClient } from './staff-client.ts';

describe('programmes and teams in the workspace', () => {
  let t: TestApp;
  let researcher: TestUser;
  let manager: TestUser;
  let outsider: TestUser;
  let client: StaffClient;
  let programmeId: number;

  const audit = (action: string) =>
    t.app.db.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('id').execute();

  beforeAll(async () => {
    t = await buildTestApp();
    researcher = await createUserWithToken(t.app.db, { role: 'researcher' });
    outsider = await createUserWithToken(t.app.db, { role: 'researcher' });
    client = new StaffClient(t.app, researcher.headers);
  });
  afterAll(() => t.close());

  it('asks for a login without credentials', async () => {
    for (const url of ['/werkruimte/programmas', '/werkruimte/programmas/nieuw', '/werkruimte/programmas/1']) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(303);
      expect(res.headers.location, url).toBe(`/inloggen?terug=${encodeURIComponent(url)}`);
    }
  });

  it('lets a researcher create a programme and makes him a member, with an audit entry', async () => {
    const form = await client.get('/werkruimte/programmas/nieuw');
    expect(form.statusCode).toBe(200);
    const res = await client.post('/werkruimte/programmas/nieuw', { name: '  Sociale wijkteams Zwolle e.o. ' });
    expect(res.statusCode).toBe(303);
    const row = await t.app.db
      .selectFrom('programme')
      .selectAll()
      .where('name', '=', 'Sociale wijkteams Zwolle e.o.')
      .executeTakeFirstOrThrow();
    programmeId = row.id;
    expect(res.headers.location).toBe(`/werkruimte/programmas/${programmeId}?gedaan=programmeCreated`);
    const member = await t.app.db.selectFrom('programme_member').selectAll().where('user_id', '=', researcher.userId).execute();
    expect(member.map((m) => m.programme_id)).toEqual([programmeId]);
    const [entry] = await audit('programme.create');
    expect(entry).toMatchObject({ user_id: researcher.userId, actor: researcher.email, subject: `programme:${programmeId}` });

    const page = await client.get(res.headers.location as string);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Het programma is aangemaakt.');
    expect(page.body).toContain('<h1>Sociale wijkteams Zwolle e.o.</h1>');
    manager = await createUserWithToken(t.app.db, { role: 'manager', programmeIds: [programmeId] });
  });

  it('refuses a too long or duplicate name next to the field, keeps what was typed, changes nothing', async () => {
    const before = await t.app.db.selectFrom('programme').select('id').execute();
    await client.get('/werkruimte/programmas/nieuw');
    const long = 'x'.repeat(121);
    const res = await client.post('/werkruimte/programmas/nieuw', { name: long });
    expect(res.statusCode).toBe(400);
    expect(fieldError(res.body, 'name')).toBe('Gebruik maximaal 120 tekens.');
    expect(inputValue(res.body, 'name')).toBe(long);
    expect(res.body).toContain('Er is iets niet goed ingevuld');
    const dup = await client.post('/werkruimte/programmas/nieuw', { name: 'sociale wijkteams zwolle e.o.' });
    expect(dup.statusCode).toBe(400);
    expect(fieldError(dup.body, 'name')).toBe('Er bestaat al een programma met deze naam.');
    const empty = await client.post('/werkruimte/programmas/nieuw', { name: '   ' });
    expect(fieldError(empty.body, 'name')).toBe('Vul dit in.');
    expect(await t.app.db.selectFrom('programme').select('id').execute()).toEqual(before);
    expect(await audit('programme.create')).toHaveLength(1);
  });

  it('refuses a post without a valid CSRF token and changes nothing', async () => {
    const res = await client.post('/werkruimte/programmas/nieuw', { name: 'Zonder token', _csrf: 'nep' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Het formulier was verlopen');
    expect(inputValue(res.body, 'name')).toBe('Zonder token');
    expect(await t.app.db.selectFrom('programme').select('id').where('name', '=', 'Zonder token').execute()).toEqual([]);
  });

  it('answers 404 to a non-member and 403 to a manager who wants to change things', async () => {
    for (const url of [
      `/werkruimte/programmas/${programmeId}`,
      `/werkruimte/programmas/${programmeId}/metingen/nieuw`,
      '/werkruimte/programmas/999999',
    ]) {
      const res = await t.app.inject({ method: 'GET', url, headers: outsider.headers });
      expect(res.statusCode, url).toBe(404);
    }
    const view = await t.app.inject({ method: 'GET', url: `/werkruimte/programmas/${programmeId}`, headers: manager.headers });
    expect(view.statusCode).toBe(200);
    expect(view.body).not.toContain('Team toevoegen');
    expect(
      (await t.app.inject({ method: 'GET', url: '/werkruimte/programmas/nieuw', headers: manager.headers })).statusCode,
    ).toBe(403);
    const managerClient = new StaffClient(t.app, manager.headers);
    await managerClient.get(`/werkruimte/programmas/${programmeId}`);
    const post = await managerClient.post(`/werkruimte/programmas/${programmeId}/teams`, { name: 'Van de manager' });
    expect(post.statusCode).toBe(403);
    expect(await t.app.db.selectFrom('team').select('id').where('name', '=', 'Van de manager').execute()).toEqual([]);
  });

  it('adds teams, renames one keeping its identity, and validates next to the field', async () => {
    await client.get(`/werkruimte/programmas/${programmeId}`);
    for (const [name, municipality] of [
      ['Zwolle-Noord', 'Zwolle'],
      ['Elburg', ''],
      ['Kampen', 'Kampen'],
    ]) {
      const res = await client.post(`/werkruimte/programmas/${programmeId}/teams`, { name: name!, municipality: municipality! });
      expect(res.statusCode, name).toBe(303);
    }
    const teams = await t.app.db.selectFrom('team').selectAll().where('programme_id', '=', programmeId).orderBy('name').execute();
    expect(teams.map((x) => [x.name, x.municipality])).toEqual([
      ['Elburg', null],
      ['Kampen', 'Kampen'],
      ['Zwolle-Noord', 'Zwolle'],
    ]);
    expect(await audit('team.create')).toHaveLength(3);

    const bad = await client.post(`/werkruimte/programmas/${programmeId}/teams`, {
      name: 'Elburg',
      municipality: 'y'.repeat(130),
    });
    expect(bad.statusCode).toBe(400);
    expect(fieldError(bad.body, 'municipality')).toBe('Gebruik maximaal 120 tekens.');
    expect(inputValue(bad.body, 'municipality')).toBe('y'.repeat(130));
    const dup = await client.post(`/werkruimte/programmas/${programmeId}/teams`, { name: 'elburg' });
    expect(fieldError(dup.body, 'name')).toBe('Dit programma heeft al een team met deze naam.');
    expect(await t.app.db.selectFrom('team').select('id').where('programme_id', '=', programmeId).execute()).toHaveLength(3);

    const noord = teams.find((x) => x.name === 'Zwolle-Noord')!;
    const edit = await client.get(`/werkruimte/programmas/${programmeId}/teams/${noord.id}`);
    expect(edit.statusCode).toBe(200);
    const renamed = await client.post(`/werkruimte/programmas/${programmeId}/teams/${noord.id}`, {
      name: 'Zwolle Noord-Oost',
      municipality: 'Zwolle',
    });
    expect(renamed.statusCode).toBe(303);
    const after = await t.app.db.selectFrom('team').selectAll().where('id', '=', noord.id).executeTakeFirstOrThrow();
    expect(after.name).toBe('Zwolle Noord-Oost');
    const [entry] = await audit('team.update');
    expect(entry!.details).toMatchObject({ fromName: 'Zwolle-Noord', toName: 'Zwolle Noord-Oost' });
    // A team of another programme is not found here.
    const other = await createTestWave(t.app.db, { label: 'elders', programme: 'Ander programma', teams: [{ name: 'Oost' }] });
    const foreign = other.teams.get('Oost')!;
    expect((await client.get(`/werkruimte/programmas/${programmeId}/teams/${foreign}`)).statusCode).toBe(404);
  });

  it('deletes a team that never took part, archives one with responses instead', async () => {
    const teams = await t.app.db.selectFrom('team').selectAll().where('programme_id', '=', programmeId).execute();
    const kampen = teams.find((x) => x.name === 'Kampen')!;
    await client.get(`/werkruimte/programmas/${programmeId}/teams/${kampen.id}`);
    expect((await client.post(`/werkruimte/programmas/${programmeId}/teams/${kampen.id}/verwijderen`, {})).statusCode).toBe(303);
    expect(await t.app.db.selectFrom('team').select('id').where('id', '=', kampen.id).execute()).toEqual([]);
    expect(await audit('team.delete')).toHaveLength(1);

    // Elburg takes part in a wave and has a response: it can only be archived.
    const wave = await createTestWave(t.app.db, {
      label: 'Meting met Elburg',
      programme: 'Sociale wijkteams Zwolle e.o.',
      teams: [{ name: 'Elburg' }],
    });
    const elburg = wave.teams.get('Elburg')!;
    await insertResponses(t.app.db, wave.waveId, [
      { teamId: elburg, status: 'partial', answers: { 'bg.function': 'medewerker' } },
    ]);
    const page = await client.get(`/werkruimte/programmas/${programmeId}/teams/${elburg}`);
    expect(page.body).toContain('kan niet meer worden verwijderd');
    expect(page.body).not.toContain('/verwijderen"');
    const refused = await client.post(`/werkruimte/programmas/${programmeId}/teams/${elburg}/verwijderen`, {});
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('archiveer het in plaats van het te verwijderen');
    expect(await t.app.db.selectFrom('team').select('id').where('id', '=', elburg).execute()).toHaveLength(1);

    expect((await client.post(`/werkruimte/programmas/${programmeId}/teams/${elburg}/archiveren`, {})).statusCode).toBe(303);
    const archived = await t.app.db.selectFrom('team').select('archived_at').where('id', '=', elburg).executeTakeFirstOrThrow();
    expect(archived.archived_at).toBeInstanceOf(Date);
    const form = await client.get(`/werkruimte/programmas/${programmeId}/metingen/nieuw`);
    expect(form.body).not.toContain(`name="team" value="${elburg}"`);
    await client.get(`/werkruimte/programmas/${programmeId}/teams/${elburg}`);
    expect((await client.post(`/werkruimte/programmas/${programmeId}/teams/${elburg}/herstellen`, {})).statusCode).toBe(303);
    expect((await audit('team.archive')).length + (await audit('team.restore')).length).toBe(2);
  });

  it('renames the programme and lists it for its members only', async () => {
    await client.get(`/werkruimte/programmas/${programmeId}`);
    const res = await client.post(`/werkruimte/programmas/${programmeId}`, { name: 'Wijkteams Zwolle' });
    expect(res.statusCode).toBe(303);
    expect((await audit('programme.update'))[0]!.details).toEqual({
      from: 'Sociale wijkteams Zwolle e.o.',
      to: 'Wijkteams Zwolle',
    });
    const mine = await client.get('/werkruimte/programmas');
    expect(mine.body).toContain('Wijkteams Zwolle');
    const theirs = await t.app.inject({ method: 'GET', url: '/werkruimte/programmas', headers: outsider.headers });
    expect(theirs.body).not.toContain('Wijkteams Zwolle');
    expect(theirs.body).toContain('U bent nog geen lid van een programma.');
  });

  it('speaks English when the language cookie says so', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/werkruimte/programmas/${programmeId}`,
      headers: { ...researcher.headers, cookie: 'wm_lang=en' },
    });
    expect(res.body).toContain('Add team');
    expect(res.body).toContain('<html lang="en">');
  });
});
