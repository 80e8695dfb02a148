/**
 * The comparison page through the real app: defaults (the nulmeting and the latest wave),
 * the figures of every group, no figures for a team below the threshold, the trend with
 * three waves, form errors that keep what was chosen, access (401 → login, 404 for a
 * non-member), and recording a team continuation (researchers only, CSRF).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../helpers/app.ts';
import { createUserWithToken, type TestUser } from '../../helpers/auth.ts';
import { seedComparisonProgramme, type TComparisonProgramme } from '../../helpers/comparison-data.ts';

describe('comparison page', () => {
  let t: TestApp;
  let p: TComparisonProgramme;
  let researcher: TestUser;
  let manager: TestUser;
  let outsider: TestUser;
  const page = (query = '', user: TestUser | null = manager) =>
    t.app.inject({
      method: 'GET',
      url: `/werkruimte/programmas/${p.programmeId}/vergelijken${query}`,
      headers: user ? user.headers : {},
    });

  beforeAll(async () => {
    t = await buildTestApp();
    p = await seedComparisonProgramme(t.app.db);
    researcher = await createUserWithToken(t.app.db, { role: 'researcher', programmeIds: [p.programmeId] });
    manager = await createUserWithToken(t.app.db, { role: 'manager', programmeIds: [p.programmeId] });
    outsider = await createUserWithToken(t.app.db, { role: 'manager', programmeIds: [p.otherProgrammeId] });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('preselects the nulmeting and the latest wave and compares them, overall and per team', async () => {
    const res = await page();
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(new RegExp(`<option value="${p.waves.nulmeting}" selected>`));
    expect(res.body).toMatch(new RegExp(`name="meting" value="${p.waves.w2017}" checked`));
    expect(res.body).toContain('2017 vergeleken met 2015 nulmeting');
    expect(res.body).toContain('wijkteam@2015 → wijkteam@2016');
    expect(res.body).toMatch(/Holm-correctie over \d+ toetsen/);
    expect(res.body).toContain('Mann–Whitney U');
    expect(res.body).toContain('Welch t');
    expect(res.body).toMatch(/reading--(higher|lower|no_difference)/);
    expect(res.body).toContain('Vergeleken met West in de nulmeting.');
    expect(res.body).toContain('Niet meegeteld (onder de drempel in de nulmeting): Klein.');
    expect(res.body).toContain('data-chart-kind="change"');
    expect(res.body).toContain('data-chart="grafiek-verandering-alle-teams-config"');
    expect(res.body).toContain('/static/charts.js');
    expect(res.body).toContain('Niet te vergelijken');
    // A manager does not record continuations.
    expect(res.body).not.toContain('teams-over-de-jaren');
  });

  it('shows no figures for a team below the threshold in either wave', async () => {
    const res = await page();
    const zuid = res.body.slice(
      res.body.indexOf('<h4>Zuid</h4>'),
      res.body.indexOf('</section>', res.body.indexOf('<h4>Zuid</h4>')),
    );
    expect(zuid).toContain('Te weinig respondenten in een van beide metingen: geen cijfers.');
    expect(zuid).not.toMatch(/\d,\d\d/);
    expect(res.body).not.toContain('<h4>Klein</h4>');
  });

  it('shows the trend with three waves, for the construct asked', async () => {
    const res = await page(`?nulmeting=${p.waves.nulmeting}&meting=${p.waves.w2016}&meting=${p.waves.w2017}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('2016 vergeleken met 2015 nulmeting');
    expect(res.body).toContain('Trend over de metingen');
    expect(res.body).toContain('data-chart-kind="trend"');
  });

  it('links every chart of the page to its PNG and SVG, for exactly the waves compared', async () => {
    const res = await page();
    const links = [...res.body.matchAll(/href="(\/api\/programmes\/[^"]+\.(?:png|svg)[^"]*)"/g)].map((m) =>
      m[1]!.replace(/&amp;/g, '&'),
    );
    expect(links).toContain(
      `/api/programmes/${p.programmeId}/comparison/charts/verandering-alle-teams.png?baseline=${p.waves.nulmeting}&wave=${p.waves.w2017}`,
    );
    // Zuid (below the threshold in 2017) has no chart and no link.
    expect(links.some((l) => l.includes('verandering-zuid'))).toBe(false);
    for (const link of links.filter((l) => l.endsWith('=' + p.waves.w2017) && l.includes('noord'))) {
      const image = await t.app.inject({ method: 'GET', url: link, headers: manager.headers });
      expect(image.statusCode, link).toBe(200);
      expect(image.headers['content-type']).toMatch(/^image\/(png|svg\+xml)/);
    }
  });

  it('speaks English when the reader chose English', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/werkruimte/programmas/${p.programmeId}/vergelijken`,
      headers: { ...manager.headers, cookie: 'wm_lang=en' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<html lang="en">');
    expect(res.body).toContain('2017 compared with 2015 nulmeting');
    expect(res.body).toContain('Too few respondents in one of the two waves: no figures.');
    expect(res.body).toMatch(/no demonstrable difference|higher|lower/);
    expect(res.body).not.toContain('geen aantoonbaar verschil');
  });

  it('keeps the choice and names the problem next to the field', async () => {
    const res = await page(`?nulmeting=999999&meting=${p.waves.w2017}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Kies een meting van dit programma als nulmeting.');
    expect(res.body).toMatch(new RegExp(`name="meting" value="${p.waves.w2017}" checked`));
    const none = await page(`?nulmeting=${p.waves.nulmeting}`);
    expect(none.body).toContain('Kies minstens één latere meting, anders dan de nulmeting.');
  });

  it('sends nobody to the login, and answers a non-member as if the programme did not exist', async () => {
    const anonymous = await page('', null);
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toMatch(/^\/inloggen\?terug=/);
    const other = await page('', outsider);
    expect(other.statusCode).toBe(404);
    expect(other.body).not.toContain('Noord');
  });

  it('lets a researcher record a continuation with CSRF, and refuses a cycle', async () => {
    const form = await page('', researcher);
    expect(form.body).toContain('teams-over-de-jaren');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(form.body)![1]!;
    const cookie = [form.headers['set-cookie']]
      .flat()
      .map((c) => String(c).split(';')[0])
      .join('; ');
    const post = (fields: Record<string, string | string[]>, user = researcher) =>
      t.app.inject({
        method: 'POST',
        url: `/werkruimte/programmas/${p.programmeId}/vergelijken/teams`,
        headers: { ...user.headers, cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams(
          Object.entries(fields).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => [k, x]) : [[k, v]])),
        ).toString(),
      });
    const noord = String(p.teams.get('Noord'));
    const centrum = String(p.teams.get('Centrum'));
    const noCsrf = await post({ team: noord, voortzet: [String(p.teams.get('Zuid'))] });
    expect(noCsrf.statusCode).toBe(400);
    // A cycle: Centrum continues West and Klein; West continuing Centrum closes the ring.
    const cycle = await post({ _csrf: csrf, team: String(p.teams.get('West')), voortzet: [centrum] });
    expect(cycle.statusCode).toBe(400);
    expect(cycle.body).toContain('kring');
    expect(cycle.body).toMatch(new RegExp(`name="voortzet" value="${centrum}" checked`));
    const managerPost = await post({ _csrf: csrf, team: noord, voortzet: [] }, manager);
    expect(managerPost.statusCode).toBe(403);
    const ok = await post({ _csrf: csrf, team: noord, voortzet: [] });
    expect(ok.statusCode).toBe(303);
    const rows = await t.app.db.selectFrom('team_continuation').selectAll().execute();
    expect(rows.map((r) => [r.team_id, r.continues_team_id]).sort()).toEqual(
      [
        [p.teams.get('Centrum')!, p.teams.get('West')!],
        [p.teams.get('Centrum')!, p.teams.get('Klein')!],
      ].sort(),
    );
    const audit = await t.app.db
      .selectFrom('audit_log')
      .select(['action', 'subject'])
      .where('action', '=', 'team.continuation')
      .execute();
    expect(audit.length).toBeGreaterThanOrEqual(2);
  });
});
