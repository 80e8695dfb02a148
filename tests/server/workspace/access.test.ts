/**
 * Access to every research route, the same with a workspace session and with a bearer
 * token: 401 without credentials, 403 for a manager on raw data, 404 for a researcher who
 * is not a member (as for an unknown wave), 200 for a member; a revoked token and a
 * logged-out session no longer work. Add new research routes to ROUTES.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TNeed } from '../../../server/auth/access.ts';
import { createApiToken, revokeApiToken, type TRole } from '../../../server/services/users.ts';
import { getDefinition } from '../../../survey-definitions/index.ts';
import { buildTestApp, type TestApp } from '../../helpers/app.ts';
import { createTestWave, insertResponses, makeAnswers, seeded } from '../../helpers/research-data.ts';
import { Client, createUserWithPassword } from '../../helpers/session.ts';

const ROUTES: { path: (wave: number) => string; need: TNeed }[] = [
  { path: (w) => `/api/waves/${w}/export.csv`, need: 'raw-data' },
  { path: (w) => `/api/waves/${w}/export.csv?include=partial`, need: 'raw-data' },
  { path: (w) => `/api/waves/${w}/codebook.csv`, need: 'results' },
  { path: (w) => `/api/waves/${w}/codebook.md`, need: 'results' },
  { path: (w) => `/api/waves/${w}/analysis`, need: 'results' },
];

type Way = 'session' | 'token';

describe('access to research routes, by session and by token', () => {
  let t: TestApp;
  let waveId: number;
  let programmeId: number;
  let otherProgramme: number;
  const people = new Map<string, { session: Client; token: string; userId: number }>();

  async function person(name: string, role: TRole, programmeIds: number[]) {
    const email = `${name}@hogeschool.nl`;
    const userId = await createUserWithPassword(t.app.db, { role, email, programmeIds });
    const session = new Client(t.app);
    expect((await session.login(email)).statusCode).toBe(303);
    const { token } = await createApiToken(t.app.db, userId, 'test');
    people.set(name, { session, token, userId });
  }

  function get(name: string | null, way: Way, url: string) {
    if (!name) return t.app.inject({ method: 'GET', url });
    const p = people.get(name)!;
    return way === 'session'
      ? p.session.get(url)
      : t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${p.token}` } });
  }

  beforeAll(async () => {
    t = await buildTestApp();
    const wave = await createTestWave(t.app.db, { label: '2016', teams: [{ name: 'Noord' }, { name: 'Zuid' }], threshold: 3 });
    waveId = wave.waveId;
    programmeId = wave.programmeId;
    const def = getDefinition('wijkteam@2016')!;
    const random = seeded(5);
    await insertResponses(
      t.app.db,
      waveId,
      [...wave.teams.values()].flatMap((teamId) =>
        Array.from({ length: 3 }, () => ({
          teamId,
          status: 'complete' as const,
          answers: makeAnswers(def, random, { 'bg.function': 'medewerker' }),
        })),
      ),
    );
    otherProgramme = (
      await createTestWave(t.app.db, { label: 'elders', programme: 'Ander programma', teams: [{ name: 'Oost' }] })
    ).programmeId;
    await person('admin', 'admin', []);
    await person('onderzoeker', 'researcher', [programmeId]);
    await person('manager', 'manager', [programmeId]);
    await person('buitenstaander', 'researcher', [otherProgramme]);
    await person('andere-manager', 'manager', [otherProgramme]);
  });
  afterAll(async () => t?.close());

  it('answers 401 JSON without credentials, also for an unknown wave', async () => {
    for (const r of ROUTES) {
      for (const url of [r.path(waveId), r.path(999999)]) {
        const res = await get(null, 'session', url);
        expect(res.statusCode, url).toBe(401);
        expect(res.json(), url).toMatchObject({ error: 'unauthorized' });
      }
    }
  });

  for (const way of ['session', 'token'] as const) {
    it(`by ${way}: 200 for members, 403 for a manager on raw data, 404 for non-members and unknown waves`, async () => {
      for (const r of ROUTES) {
        const url = r.path(waveId);
        expect((await get('admin', way, url)).statusCode, `admin ${url}`).toBe(200);
        expect((await get('onderzoeker', way, url)).statusCode, `researcher ${url}`).toBe(200);
        expect((await get('manager', way, url)).statusCode, `manager ${url}`).toBe(r.need === 'results' ? 200 : 403);
        for (const outsider of ['buitenstaander', 'andere-manager']) {
          const res = await get(outsider, way, url);
          expect(res.statusCode, `${outsider} ${url}`).toBe(404);
          // Exactly the answer for a wave that does not exist: nothing to learn.
          const unknown = await get(outsider, way, r.path(999999));
          expect(res.json().message).toBe(unknown.json().message);
        }
        expect((await get('onderzoeker', way, r.path(999999))).statusCode).toBe(404);
      }
    });
  }

  it('a revoked token and a logged-out session no longer work', async () => {
    const url = ROUTES[4]!.path(waveId);
    const p = people.get('onderzoeker')!;
    const row = await t.app.db.selectFrom('api_token').select('id').where('user_id', '=', p.userId).executeTakeFirstOrThrow();
    await revokeApiToken(t.app.db, p.userId, row.id);
    expect((await get('onderzoeker', 'token', url)).statusCode).toBe(401);
    expect((await get('onderzoeker', 'session', url)).statusCode).toBe(200);
    expect((await p.session.post('/uitloggen', {}, { csrfFrom: '/werkruimte' })).statusCode).toBe(303);
    const after = await get('onderzoeker', 'session', url);
    expect(after.statusCode).toBe(401);
    // And a workspace page sends the logged-out user to the login.
    const page = await p.session.get('/werkruimte');
    expect(page.statusCode).toBe(303);
  });

  it('workspace pages: 404 in the frame for unknown pages, login redirect for nobody', async () => {
    const page = await get('manager', 'session', '/werkruimte/bestaat-niet');
    expect(page.statusCode).toBe(404);
    expect(page.body).toContain('<h1>Niet gevonden</h1>');
    const nobody = await get(null, 'session', '/werkruimte/bestaat-niet');
    expect(nobody.statusCode).toBe(303);
    expect(nobody.headers.location).toMatch(/^\/inloggen\?terug=/);
  });
});
