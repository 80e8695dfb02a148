/**
 * The workspace page for a wave's data: download buttons, and the upload with a preview
 * that writes nothing, then the import with progress (NDJSON), audit-logged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { responsesCsv, type TResponseRecord } from '../../server/formats/responses-csv.ts';
import { getDefinition } from '../../survey-definitions/index.ts';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { createUserWithToken, type TestUser } from '../helpers/auth.ts';
import { createTestWave, makeAnswers, seeded, tableCounts } from '../helpers/research-data.ts';

const def = getDefinition('wijkteam@2016')!;

describe('/werkruimte/metingen/:id/gegevens', () => {
  let t: TestApp;
  let waveId: number;
  let researcher: TestUser;
  let manager: TestUser;
  let outsider: TestUser;

  beforeAll(async () => {
    t = await buildTestApp();
    const wave = await createTestWave(t.app.db, { label: 'Meting <2016>', teams: [{ name: 'Noord' }, { name: 'Zuid' }] });
    waveId = wave.waveId;
    researcher = await createUserWithToken(t.app.db, { role: 'researcher', programmeIds: [wave.programmeId] });
    manager = await createUserWithToken(t.app.db, { role: 'manager', programmeIds: [wave.programmeId] });
    outsider = await createUserWithToken(t.app.db, { role: 'researcher', programmeIds: [] });
  });
  afterAll(async () => t.close());

  const page = (user: TestUser | null) =>
    t.app.inject({ method: 'GET', url: `/werkruimte/metingen/${waveId}/gegevens`, headers: user ? user.headers : {} });

  /** The page's CSRF token and cookie, as the browser has them after loading it. */
  async function session() {
    const res = await page(researcher);
    const csrf = /data-csrf="([^"]+)"/.exec(res.body)![1]!;
    const cookie = [res.headers['set-cookie']]
      .flat()
      .map((c) => String(c).split(';')[0])
      .join('; ');
    return { csrf, cookie };
  }

  function file(rows: number, seed: number, overrides: (i: number) => Record<string, string | number> = () => ({})): Buffer {
    const random = seeded(seed);
    const records: TResponseRecord[] = Array.from({ length: rows }, (_, i) => ({
      id: '',
      team: i % 2 ? 'Noord' : 'Zuid',
      status: 'complete',
      answers: makeAnswers(def, random, { 'bg.function': 'medewerker', ...overrides(i) }),
    }));
    return Buffer.from(responsesCsv(def, records, 'excel'), 'utf8');
  }

  it('shows the download buttons and the upload to a researcher; 403 for a manager, 404 for a non-member, the login for nobody', async () => {
    const res = await page(researcher);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    for (const path of ['export.csv', 'export.csv?variant=excel', 'export.xlsx', 'export.sav', 'bundle.zip']) {
      expect(res.body).toContain(`href="/api/waves/${waveId}/${path}"`);
    }
    expect(res.body).toContain('Meting &lt;2016&gt;');
    expect(res.body).toContain('<input type="file" id="upload-file"');
    expect(res.body).toContain('<script src="/static/data-upload.js" defer></script>');
    expect((await page(manager)).statusCode).toBe(403);
    expect((await page(outsider)).statusCode).toBe(404);
    const nobody = await page(null);
    expect(nobody.statusCode).toBe(303);
    expect(nobody.headers.location).toBe(`/inloggen?terug=${encodeURIComponent(`/werkruimte/metingen/${waveId}/gegevens`)}`);
  });

  it('previews a file without writing anything, then imports it with progress, audit-logged', async () => {
    const { csrf, cookie } = await session();
    const upload = file(12, 61, (i): Record<string, string | number> => (i === 3 ? { 'wns.proactive': '' } : {}));
    const headers = { ...researcher.headers, cookie, 'x-csrf-token': csrf, 'content-type': 'application/octet-stream' };
    const before = await tableCounts(t.app.db);
    const preview = await t.app.inject({
      method: 'POST',
      url: `/werkruimte/metingen/${waveId}/gegevens/voorbeeld`,
      headers,
      payload: upload,
    });
    expect(preview.statusCode).toBe(200);
    const p = preview.json();
    expect(p.summary).toMatchObject({ rows: 12, complete: 12, partial: 0, delimiter: ';', encoding: 'utf-8' });
    expect(p.summary.teams).toEqual([
      { team: 'Zuid', complete: 6, partial: 0 },
      { team: 'Noord', complete: 6, partial: 0 },
    ]);
    expect(p.errorLines).toEqual([]);
    expect(await tableCounts(t.app.db)).toEqual(before);

    const imported = await t.app.inject({
      method: 'POST',
      url: `/werkruimte/metingen/${waveId}/gegevens/import`,
      headers,
      payload: upload,
    });
    expect(imported.statusCode).toBe(200);
    expect(imported.headers['content-type']).toBe('application/x-ndjson; charset=utf-8');
    const lines = imported.body
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines[0]).toEqual({ progress: { written: 12, total: 12 } });
    expect(lines.at(-1).done).toMatchObject({ imported: 12, complete: 12, partial: 0 });
    expect((await tableCounts(t.app.db)).responses).toBe(before.responses + 12);
    const audit = await t.app.db
      .selectFrom('audit_log')
      .select(['actor', 'user_id'])
      .where('action', '=', 'wave.import')
      .where('subject', '=', `wave:${waveId}`)
      .execute();
    expect(audit).toEqual([{ actor: researcher.email, user_id: researcher.userId }]);
  });

  it('a bad file: the preview names line and column, the import refuses it whole; no CSRF token: 403', async () => {
    const { csrf, cookie } = await session();
    const upload = file(4, 62, (i): Record<string, string | number> => (i === 2 ? { 'tc.curious.now': 11 } : {}));
    const headers = { ...researcher.headers, cookie, 'x-csrf-token': csrf, 'content-type': 'text/csv' };
    const preview = (
      await t.app.inject({ method: 'POST', url: `/werkruimte/metingen/${waveId}/gegevens/voorbeeld`, headers, payload: upload })
    ).json();
    expect(preview.errorLines).toEqual(['regel 4, kolom tc.curious.now: 11 ligt buiten 0–10']);
    const before = await tableCounts(t.app.db);
    const imported = await t.app.inject({
      method: 'POST',
      url: `/werkruimte/metingen/${waveId}/gegevens/import`,
      headers,
      payload: upload,
    });
    expect(JSON.parse(imported.body.trim())).toEqual({
      rejected: {
        message: 'Niets ingelezen: 1 fout in het bestand.',
        errorLines: ['regel 4, kolom tc.curious.now: 11 ligt buiten 0–10'],
      },
    });
    expect(await tableCounts(t.app.db)).toEqual(before);

    const forged = await t.app.inject({
      method: 'POST',
      url: `/werkruimte/metingen/${waveId}/gegevens/voorbeeld`,
      headers: { ...headers, 'x-csrf-token': 'nope' },
      payload: upload,
    });
    expect(forged.statusCode).toBe(403);
    const asManager = await t.app.inject({
      method: 'POST',
      url: `/werkruimte/metingen/${waveId}/gegevens/import`,
      headers: { ...headers, authorization: manager.headers.authorization },
      payload: upload,
    });
    expect(asManager.statusCode).toBe(403);
  });
});
