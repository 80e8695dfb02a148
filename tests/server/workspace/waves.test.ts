import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { today } from '../../../server/lib/dates.ts';
import { resolveToken } from '../../../server/services/links.ts';
import { surveyContext } from '../../../server/services/responses.ts';
import { buildTestApp, type TestApp } from '../../helpers/app.ts';
import { createUserWithToken, type TestUser } from '../../helpers/auth.ts';
import { fieldError, inputValue, StaffClient } from './staff-client.ts';

function shift(days: number): string {
  const d = new Date(`${today()}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const tokensOf = (page: string) => [...page.matchAll(/\/v\/([A-Za-z0-9_-]{32})"/g)].map((m) => m[1]!);

describe('waves in the workspace', () => {
  let t: TestApp;
  let researcher: TestUser;
  let manager: TestUser;
  let outsider: TestUser;
  let client: StaffClient;
  let programmeId: number;
  let teams: Record<string, number>;
  let waveId: number;
  const newWaveUrl = () => `/werkruimte/programmas/${programmeId}/metingen/nieuw`;

  const waveCount = async () => (await t.app.db.selectFrom('wave').select('id').execute()).length;
  const valid = () => ({
    label: '2016 vervolgmeting',
    definition: 'wijkteam@2016',
    team: [String(teams.Noord), String(teams.Elburg)],
    [`members_${teams.Noord}`]: '18',
    [`members_${teams.Elburg}`]: '16',
    opensOn: shift(-1),
    closesOn: shift(20),
    threshold: '5',
    baseline: '',
  });

  beforeAll(async () => {
    t = await buildTestApp();
    researcher = await createUserWithToken(t.app.db, { role: 'researcher' });
    outsider = await createUserWithToken(t.app.db, { role: 'researcher' });
    client = new StaffClient(t.app, researcher.headers);
    await client.get('/werkruimte/programmas/nieuw');
    await client.post('/werkruimte/programmas/nieuw', { name: 'Wijkteams IJssel' });
    programmeId = (
      await t.app.db.selectFrom('programme').select('id').where('name', '=', 'Wijkteams IJssel').executeTakeFirstOrThrow()
    ).id;
    await client.get(`/werkruimte/programmas/${programmeId}`);
    for (const name of ['Noord', 'Elburg', 'Oud']) await client.post(`/werkruimte/programmas/${programmeId}/teams`, { name });
    const rows = await t.app.db.selectFrom('team').select(['id', 'name']).where('programme_id', '=', programmeId).execute();
    teams = Object.fromEntries(rows.map((r) => [r.name, r.id]));
    await t.app.db.updateTable('team').set({ archived_at: new Date() }).where('id', '=', teams.Oud!).execute();
    manager = await createUserWithToken(t.app.db, { role: 'manager', programmeIds: [programmeId] });
  });
  afterAll(() => t.close());

  it('guards the new-wave form: 401, 404 for a non-member, 403 for a manager, 200 for a member', async () => {
    expect((await t.app.inject({ method: 'GET', url: newWaveUrl() })).headers.location).toMatch(/^\/inloggen\?terug=/);
    expect((await t.app.inject({ method: 'GET', url: newWaveUrl(), headers: outsider.headers })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: newWaveUrl(), headers: manager.headers })).statusCode).toBe(403);
    const form = await client.get(newWaveUrl());
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('href="/werkruimte/vragenlijsten/wijkteam%402016/codeboek"');
    expect(form.body).toContain(`name="team" value="${teams.Noord}"`);
    expect(form.body).not.toContain(`name="team" value="${teams.Oud}"`);
    expect(inputValue(form.body, 'threshold')).toBe('5');
  });

  it.each([
    ['a threshold of 2', { threshold: '2' }, 'threshold', 'De drempel is nooit lager dan 3.'],
    [
      'a closing date before the opening date',
      { opensOn: shift(5), closesOn: shift(2) },
      'closesOn',
      'De sluitingsdatum ligt vóór de openingsdatum.',
    ],
    ['a date that is no date', { opensOn: '1-3-2026' }, 'opensOn', 'Vul een datum in als JJJJ-MM-DD, bijvoorbeeld 2026-03-01.'],
    ['a too long label', { label: 'm'.repeat(81) }, 'label', 'Gebruik maximaal 80 tekens.'],
    [
      'an unknown team',
      { team: ['999999'] },
      'teams',
      'Een gekozen team hoort niet (meer) bij dit programma. Kies uit de lijst.',
    ],
    [
      'an archived team',
      { team: ['ARCHIVED'] },
      'teams',
      'Een gekozen team hoort niet (meer) bij dit programma. Kies uit de lijst.',
    ],
    ['a team without its number of members', { MISSING: '' }, 'teams', 'Vul bij elk gekozen team het aantal teamleden in.'],
    ['no team at all', { team: [] }, 'teams', 'Kies minstens één team.'],
    ['an unpublished version', { definition: 'wijkteam@2099' }, 'definition', 'Kies een gepubliceerde vragenlijstversie.'],
    ['a baseline from elsewhere', { baseline: '999999' }, 'baseline', 'Kies een eerdere meting van dit programma.'],
  ])('refuses %s next to the field, keeps what was typed, creates nothing', async (_what, change, field, message) => {
    const fields: Record<string, string | string[]> = { ...valid() };
    for (const [k, v] of Object.entries(change)) {
      if (k === 'MISSING') fields[`members_${teams.Elburg}`] = '';
      else if (v === 'ARCHIVED' || (Array.isArray(v) && v[0] === 'ARCHIVED')) fields.team = [String(teams.Oud)];
      else fields[k] = v;
    }
    const before = await waveCount();
    await client.get(newWaveUrl());
    const res = await client.post(newWaveUrl(), fields);
    expect(res.statusCode).toBe(400);
    expect(fieldError(res.body, field)).toBe(message);
    expect(res.body).toContain('Er is iets niet goed ingevuld');
    expect(inputValue(res.body, 'label')).toBe(fields.label);
    expect(inputValue(res.body, `members_${teams.Noord}`)).toBe('18');
    expect(await waveCount()).toBe(before);
    expect(await t.app.db.selectFrom('audit_log').select('id').where('action', '=', 'wave.create').execute()).toEqual([]);
  });

  it('creates a wave through the same service as the command line, with links and an audit entry', async () => {
    await client.get(newWaveUrl());
    const res = await client.post(newWaveUrl(), { ...valid(), threshold: '' });
    expect(res.statusCode).toBe(303);
    const wave = await t.app.db.selectFrom('wave').selectAll().where('programme_id', '=', programmeId).executeTakeFirstOrThrow();
    waveId = wave.id;
    expect(res.headers.location).toBe(`/werkruimte/metingen/${waveId}?gedaan=waveCreated`);
    expect(wave).toMatchObject({
      label: '2016 vervolgmeting',
      anonymity_threshold: 5,
      is_baseline: true,
      baseline_wave_id: null,
      opens_on: shift(-1),
      closes_on: shift(20),
    });
    const sizes = await t.app.db
      .selectFrom('wave_team')
      .select(['team_id', 'member_count'])
      .where('wave_id', '=', waveId)
      .orderBy('team_id')
      .execute();
    expect(sizes).toEqual(
      [
        { team_id: teams.Noord!, member_count: 18 },
        { team_id: teams.Elburg!, member_count: 16 },
      ].sort((a, b) => a.team_id - b.team_id),
    );
    const [entry] = await t.app.db.selectFrom('audit_log').selectAll().where('action', '=', 'wave.create').execute();
    expect(entry).toMatchObject({ user_id: researcher.userId, actor: researcher.email, subject: `wave:${waveId}` });

    const page = await client.get(res.headers.location as string);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('De meting is aangemaakt.');
    const tokens = tokensOf(page.body);
    expect(tokens).toHaveLength(3);
    for (const token of tokens) expect((await resolveToken(t.app.db, token))?.waveId).toBe(waveId);
    expect(page.body).toContain('data-copy="link-algemeen"');
    expect(page.body).toContain(`/werkruimte/metingen/${waveId}/uitnodiging/${teams.Noord}`);
    expect(page.body).toContain('src="/static/wave-links.js"');

    // A later wave names this one as its baseline; the same label again is refused.
    await client.get(newWaveUrl());
    const dup = await client.post(newWaveUrl(), valid());
    expect(fieldError(dup.body, 'label')).toBe('Dit programma heeft al een meting met deze naam.');
    const second = await client.post(newWaveUrl(), { ...valid(), label: '2017', threshold: '7', baseline: String(waveId) });
    expect(second.statusCode).toBe(303);
    const later = await t.app.db.selectFrom('wave').selectAll().where('label', '=', '2017').executeTakeFirstOrThrow();
    expect(later).toMatchObject({ baseline_wave_id: waveId, is_baseline: false, anonymity_threshold: 7 });
  });

  it('shows a manager the wave without its links; a non-member gets 404', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/werkruimte/metingen/${waveId}`, headers: manager.headers });
    expect(res.statusCode).toBe(200);
    expect(tokensOf(res.body)).toEqual([]);
    expect(res.body).toContain('De links zijn alleen zichtbaar voor onderzoekers en beheerders.');
    expect(
      (await t.app.inject({ method: 'GET', url: `/werkruimte/metingen/${waveId}`, headers: outsider.headers })).statusCode,
    ).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/werkruimte/metingen/${waveId}` })).statusCode).toBe(303);
    for (const url of [
      `/werkruimte/metingen/${waveId}/uitnodiging/${teams.Noord}`,
      `/werkruimte/metingen/${waveId}/links/opnieuw`,
      `/werkruimte/metingen/${waveId}/sluiten`,
    ]) {
      expect((await t.app.inject({ method: 'GET', url, headers: manager.headers })).statusCode, url).toBe(403);
      expect((await t.app.inject({ method: 'GET', url, headers: outsider.headers })).statusCode, url).toBe(404);
    }
  });

  it('prints an invitation per team with the link and a QR code', async () => {
    const res = await client.get(`/werkruimte/metingen/${waveId}/uitnodiging/${teams.Noord}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<svg role="img" aria-label="QR-code met de link voor Noord"');
    expect(res.body).toContain('href="/static/invitation.css"');
    const [token] = tokensOf(res.body.replace(/<p class="url">([^<]+)<\/p>/, '$1"'));
    expect((await resolveToken(t.app.db, token!))?.teamId).toBe(teams.Noord);
    expect((await client.get(`/werkruimte/metingen/${waveId}/uitnodiging/${teams.Oud}`)).statusCode).toBe(404);
  });

  it('changes the dates, validating them, with an audit entry', async () => {
    await client.get(`/werkruimte/metingen/${waveId}`);
    const bad = await client.post(`/werkruimte/metingen/${waveId}/data`, { opensOn: shift(3), closesOn: shift(1) });
    expect(bad.statusCode).toBe(400);
    expect(fieldError(bad.body, 'closesOn')).toBe('De sluitingsdatum ligt vóór de openingsdatum.');
    expect(inputValue(bad.body, 'opensOn')).toBe(shift(3));
    expect(
      (await t.app.db.selectFrom('wave').select('closes_on').where('id', '=', waveId).executeTakeFirstOrThrow()).closes_on,
    ).toBe(shift(20));
    const ok = await client.post(`/werkruimte/metingen/${waveId}/data`, { opensOn: shift(-1), closesOn: shift(25) });
    expect(ok.statusCode).toBe(303);
    expect(
      (await t.app.db.selectFrom('wave').select('closes_on').where('id', '=', waveId).executeTakeFirstOrThrow()).closes_on,
    ).toBe(shift(25));
    const [entry] = await t.app.db.selectFrom('audit_log').selectAll().where('action', '=', 'wave.dates').execute();
    expect(entry!.details).toEqual({
      fromOpensOn: shift(-1),
      fromClosesOn: shift(20),
      toOpensOn: shift(-1),
      toClosesOn: shift(25),
    });
  });

  it('reissues the links after a confirmation that says the old ones stop working', async () => {
    const before = tokensOf((await client.get(`/werkruimte/metingen/${waveId}`)).body);
    const confirm = await client.get(`/werkruimte/metingen/${waveId}/links/opnieuw`);
    expect(confirm.statusCode).toBe(200);
    expect(confirm.body).toContain('stoppen dan direct met werken');
    // A post without a valid token asks again and changes nothing.
    const forged = await client.post(`/werkruimte/metingen/${waveId}/links/opnieuw`, { _csrf: 'nep' });
    expect(forged.headers.location).toBe(`/werkruimte/metingen/${waveId}/links/opnieuw`);
    expect(await resolveToken(t.app.db, before[0]!)).toBeDefined();
    await client.get(`/werkruimte/metingen/${waveId}/links/opnieuw`);
    const res = await client.post(`/werkruimte/metingen/${waveId}/links/opnieuw`, {});
    expect(res.headers.location).toBe(`/werkruimte/metingen/${waveId}?gedaan=linksReissued`);
    for (const token of before) expect(await resolveToken(t.app.db, token)).toBeUndefined();
    const after = tokensOf((await client.get(res.headers.location as string)).body);
    expect(after).toHaveLength(3);
    for (const token of after) expect((await resolveToken(t.app.db, token))?.waveId).toBe(waveId);
    expect(await t.app.db.selectFrom('audit_log').select('subject').where('action', '=', 'links.reissue').execute()).toEqual([
      { subject: `wave:${waveId}` },
    ]);
  });

  it('closes a wave early: its links take no answers, its dates can no longer change', async () => {
    const token = tokensOf((await client.get(`/werkruimte/metingen/${waveId}`)).body)[0]!;
    expect((await surveyContext(t.app.db, token))?.open).toBe(true);
    const confirm = await client.get(`/werkruimte/metingen/${waveId}/sluiten`);
    expect(confirm.body).toContain('Dit kan niet ongedaan worden gemaakt.');
    const res = await client.post(`/werkruimte/metingen/${waveId}/sluiten`, {});
    expect(res.statusCode).toBe(303);
    const wave = await t.app.db.selectFrom('wave').selectAll().where('id', '=', waveId).executeTakeFirstOrThrow();
    expect(wave.closed_on).toBe(today());
    expect(wave.closes_on).toBe(shift(25));
    expect((await surveyContext(t.app.db, token))?.open).toBe(false);
    const page = await client.get(`/werkruimte/metingen/${waveId}`);
    expect(page.body).toContain('vroegtijdig gesloten op');
    expect(page.body).not.toContain(`action="/werkruimte/metingen/${waveId}/data"`);
    const late = await client.post(`/werkruimte/metingen/${waveId}/data`, { opensOn: shift(-1), closesOn: shift(30) });
    expect(late.statusCode).toBe(400);
    expect(late.body).toContain('Deze meting is gesloten');
    expect(
      (await t.app.db.selectFrom('wave').select('closes_on').where('id', '=', waveId).executeTakeFirstOrThrow()).closes_on,
    ).toBe(shift(25));
    expect(await t.app.db.selectFrom('audit_log').select('id').where('action', '=', 'wave.close').execute()).toHaveLength(1);
  });

  it('shows the codebook of a published version as a page, to staff only', async () => {
    const res = await client.get('/werkruimte/vragenlijsten/wijkteam%402016/codeboek');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(
      '<h1 id="codebook-wijkteam-2016-wijkteammeting-2016">Codebook wijkteam@2016: Wijkteammeting 2016</h1>',
    );
    expect(res.body).toContain('<code>bg.team</code>');
    expect(res.body).not.toMatch(/\|---\|/);
    expect((await t.app.inject({ method: 'GET', url: '/werkruimte/vragenlijsten/wijkteam%402016/codeboek' })).statusCode).toBe(
      303,
    );
    expect((await client.get('/werkruimte/vragenlijsten/wijkteam%402099/codeboek')).statusCode).toBe(404);
  });
});
