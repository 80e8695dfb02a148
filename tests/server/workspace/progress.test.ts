import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { today } from '../../../server/lib/dates.ts';
import { ZWaveProgress } from '../../../server/services/progress.ts';
import { createApiToken, revokeApiToken } from '../../../server/services/users.ts';
import { buildTestApp, type TestApp } from '../../helpers/app.ts';
import { createUserWithToken, type TestUser } from '../../helpers/auth.ts';
import { createTestWave, insertResponses } from '../../helpers/research-data.ts';

function shift(days: number): string {
  const d = new Date(`${today()}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

describe('response progress: the monitor page and GET /api/waves/:id/progress', () => {
  let t: TestApp;
  let waveId: number;
  let teams: Map<string, number>;
  let researcher: TestUser;
  let manager: TestUser;
  let outsider: TestUser;
  const api = () => `/api/waves/${waveId}/progress`;
  const page = () => `/werkruimte/metingen/${waveId}/respons`;

  beforeAll(async () => {
    t = await buildTestApp();
    const created = await createTestWave(t.app.db, {
      label: '2016',
      threshold: 5,
      teams: [
        { name: 'Noord', members: 18 },
        { name: 'Elburg', members: 16 },
      ],
    });
    waveId = created.waveId;
    teams = created.teams;
    // Open for 10 more days, today included.
    await t.app.db
      .updateTable('wave')
      .set({ opens_on: shift(-5), closes_on: shift(9) })
      .where('id', '=', waveId)
      .execute();
    const noord = teams.get('Noord')!;
    const elburg = teams.get('Elburg')!;
    await insertResponses(t.app.db, waveId, [
      ...Array.from({ length: 6 }, () => ({
        teamId: noord,
        status: 'complete' as const,
        answers: { 'bg.function': 'medewerker', 'open.needs': 'Meer overleg' },
      })),
      { teamId: noord, status: 'partial', answers: { 'bg.function': 'medewerker' } },
      ...Array.from({ length: 3 }, () => ({
        teamId: elburg,
        status: 'complete' as const,
        answers: { 'bg.function': 'teamleider' },
      })),
      { teamId: elburg, status: 'partial', answers: {} },
      { teamId: elburg, status: 'partial', answers: {} },
      { teamId: null, status: 'partial', answers: {} },
    ]);
    researcher = await createUserWithToken(t.app.db, { role: 'researcher', programmeIds: [created.programmeId] });
    manager = await createUserWithToken(t.app.db, { role: 'manager', programmeIds: [created.programmeId] });
    const other = await createTestWave(t.app.db, { label: 'elders', programme: 'Ander programma', teams: [{ name: 'Oost' }] });
    outsider = await createUserWithToken(t.app.db, { role: 'researcher', programmeIds: [other.programmeId] });
  });
  afterAll(() => t.close());

  it('answers 401 without credentials, 404 to a non-member and for an unknown wave', async () => {
    expect((await t.app.inject({ method: 'GET', url: api() })).statusCode).toBe(401);
    // A page sends the browser to the login instead.
    expect((await t.app.inject({ method: 'GET', url: page() })).headers.location).toBe(
      `/inloggen?terug=${encodeURIComponent(page())}`,
    );
    for (const url of [api(), page()]) {
      expect((await t.app.inject({ method: 'GET', url, headers: outsider.headers })).statusCode, url).toBe(404);
    }
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/waves/999999/progress', headers: researcher.headers })).statusCode,
    ).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/api/waves/abc/progress', headers: researcher.headers })).statusCode).toBe(
      400,
    );
  });

  it('gives researchers and managers the counts per team, and nothing else', async () => {
    for (const user of [researcher, manager]) {
      const res = await t.app.inject({ method: 'GET', url: api(), headers: user.headers });
      expect(res.statusCode).toBe(200);
      expect(res.headers['cache-control']).toBe('no-store');
      const body = ZWaveProgress.parse(res.json());
      expect(body).toMatchObject({ waveId, phase: 'open', daysLeft: 10, threshold: 5, asOf: today(), closesOn: shift(9) });
      expect(body.teams).toEqual([
        {
          teamId: teams.get('Elburg'),
          team: 'Elburg',
          members: 16,
          complete: 3,
          partial: 2,
          responseRate: 0.188,
          belowThreshold: true,
        },
        {
          teamId: teams.get('Noord'),
          team: 'Noord',
          members: 18,
          complete: 6,
          partial: 1,
          responseRate: 0.333,
          belowThreshold: false,
        },
      ]);
      expect(body.total).toEqual({ members: 34, complete: 9, partial: 3, responseRate: 0.265 });
      expect(body.withoutTeam).toEqual({ partial: 1, complete: 0 });
      // Counts only: no answer, no item id, no date of a response.
      expect(res.body).not.toMatch(/medewerker|teamleider|Meer overleg|bg\.|open\.needs|2016-02-03/);
    }
  });

  it('shows the monitor page with a bar per team and who is below the threshold', async () => {
    const res = await t.app.inject({ method: 'GET', url: page(), headers: manager.headers });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<strong data-field="ofMembers">3 van 16</strong>');
    expect(res.body).toContain('<strong data-field="ofMembers">6 van 18</strong>');
    expect(res.body).toContain('aria-label="Elburg: 3 van 16 volledig"');
    expect(res.body).toContain('Onder de drempel · nog 2 nodig');
    expect(res.body).toContain('nog 10 dagen');
    expect(res.body).toContain('9 van 34');
    expect(res.body).toContain('1 gedeeltelijk ingevulde vragenlijst via de algemene link');
    expect(res.body).toContain('src="/static/monitor.js"');
    expect(res.body).toContain(`data-progress-url="/api/waves/${waveId}/progress"`);
    expect(res.body).not.toMatch(/medewerker|teamleider|Meer overleg/);
  });

  it('no longer answers to a revoked token', async () => {
    const { id, token } = await createApiToken(t.app.db, researcher.userId, 'script');
    const headers = { authorization: `Bearer ${token}` };
    expect((await t.app.inject({ method: 'GET', url: api(), headers })).statusCode).toBe(200);
    await revokeApiToken(t.app.db, researcher.userId, id);
    expect((await t.app.inject({ method: 'GET', url: api(), headers })).statusCode).toBe(401);
  });

  it('counts a wave that has closed as closed, with no days left', async () => {
    await t.app.db.updateTable('wave').set({ closed_on: today() }).where('id', '=', waveId).execute();
    const body = ZWaveProgress.parse((await t.app.inject({ method: 'GET', url: api(), headers: researcher.headers })).json());
    expect(body).toMatchObject({ phase: 'closed', daysLeft: 0, closedOn: today() });
    const res = await t.app.inject({ method: 'GET', url: page(), headers: researcher.headers, cookies: { wm_lang: 'en' } });
    expect(res.body).toContain('<span data-field="phase">closed</span>');
    expect(res.body).toContain('3 of 16');
  });
});
