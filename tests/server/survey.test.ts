/**
 * The respondents' questionnaire over HTTP, as a browser without JavaScript uses it:
 * plain form posts with cookies. Assertions on both the pages and the rows.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDefinition, isShown, scaleOf } from '../../survey-definitions/index.ts';
import type { TDefinition, TItem } from '../../survey-definitions/schema.ts';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { FormClient, hiddenField, openWave, TEST_SECRET, type TestWave } from '../helpers/survey.ts';

/** A plausible answer for every kind of item, as form field text. */
function answerFor(def: TDefinition, item: TItem, teamId: number, fn = 'medewerker'): string {
  switch (item.kind) {
    case 'likert':
      return String(Math.min(3, scaleOf(def, item).max));
    case 'grade':
      return item.id.endsWith('.frequency') ? '2' : '7';
    case 'single_choice':
      return item.id === 'bg.function' ? fn : item.options[0]!.value;
    case 'team':
      return String(teamId);
    case 'number':
      return String(item.min + 2);
    case 'text':
      return 'Meer tijd, en "ruimte" om te leren, met collega\'s; en <b>minder</b> registratie.';
  }
}

async function counts(t: TestApp) {
  const r = await sql<{ responses: string; answers: string }>`
    SELECT (SELECT count(*) FROM response) AS responses, (SELECT count(*) FROM answer) AS answers`.execute(t.app.db);
  return { responses: Number(r.rows[0]!.responses), answers: Number(r.rows[0]!.answers) };
}

/** Walks the whole questionnaire through `client`, answering everything; returns the answers sent. */
async function fillIn(
  client: FormClient,
  token: string,
  def: TDefinition,
  options: { teamId: number; fn?: string; stopAfterPages?: number } = { teamId: 0 },
): Promise<{ url: string; sent: Record<string, string>; code: string }> {
  const landing = await client.get(`/v/${token}`);
  expect(landing.statusCode).toBe(200);
  let url = /href="(\/v\/[^"]+\/b\/[^"]+)"/.exec(landing.body)![1]!;
  const sent: Record<string, string> = {};
  let code = '';
  for (let page = 0; ; page++) {
    if (options.stopAfterPages !== undefined && page >= options.stopAfterPages) return { url, sent, code };
    const res = await client.get(url);
    expect(res.statusCode).toBe(200);
    const blockId = url.split('/b/')[1]!;
    const block = def.blocks.find((b) => b.id === blockId)!;
    code = hiddenField(res.body, 'r');
    const fields: Record<string, string> = { _csrf: hiddenField(res.body, '_csrf'), r: code, nav: 'next' };
    for (const item of block.items) {
      if (!res.body.includes(`name="a.${item.id}"`)) continue;
      const value = answerFor(def, item, options.teamId, options.fn);
      // Follow-up questions on the page: answer only when their trigger holds.
      if (item.condition && !isShown(item.condition, { ...sent, ...fields2answers(fields) })) continue;
      fields[`a.${item.id}`] = value;
    }
    const post = await client.post(url, fields);
    expect(post.statusCode, post.body.slice(0, 2000)).toBe(303);
    Object.assign(sent, fields2answers(fields));
    url = post.headers.location as string;
    if (url.endsWith('/controle')) return { url, sent, code };
  }
}

function fields2answers(fields: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(fields)
      .filter(([k]) => k.startsWith('a.'))
      .map(([k, v]) => [k.slice(2), v]),
  );
}

describe('the questionnaire by link', () => {
  let t: TestApp;
  let wave: TestWave;
  let def: TDefinition;
  let teamId: number;

  beforeAll(async () => {
    t = await buildTestApp({ env: { SESSION_SECRET: TEST_SECRET } });
    wave = await openWave(t.app);
    def = getDefinition('wijkteam@2015')!;
    const team = await t.app.db.selectFrom('team').select('id').where('name', '=', 'Zwolle-Noord').executeTakeFirstOrThrow();
    teamId = team.id;
  });
  afterAll(async () => t.close());

  it('a team link leads through every page to one complete response with every answer', async () => {
    const before = await counts(t);
    const client = new FormClient(t.app);
    const { url, sent } = await fillIn(client, wave.tokens['Zwolle-Noord']!, def, { teamId });
    const review = await client.get(url);
    expect(review.statusCode).toBe(200);
    expect(review.body).toContain('Controleren en versturen');
    const send = await client.post(url.replace('/controle', '/verzenden'), {
      _csrf: hiddenField(review.body, '_csrf'),
      r: hiddenField(review.body, 'r'),
    });
    expect(send.statusCode).toBe(303);
    expect(send.headers.location).toMatch(/\/bedankt$/);
    const thanks = await client.get(send.headers.location as string);
    expect(thanks.body).toContain('anoniem');

    const after = await counts(t);
    expect(after.responses - before.responses).toBe(1);
    const response = await t.app.db.selectFrom('response').selectAll().orderBy('started_on', 'desc').executeTakeFirstOrThrow();
    expect(response).toMatchObject({ status: 'complete', team_id: teamId, resume_hash: null });
    expect(response.completed_on).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const rows = await t.app.db.selectFrom('answer').selectAll().where('response_id', '=', response.id).execute();
    const stored = Object.fromEntries(rows.map((r) => [r.item_id, r.value_num ?? r.value_text]));
    const expected = Object.fromEntries(
      Object.entries(sent).map(([id, v]) => [
        id,
        /^\d+$/.test(v) && !id.startsWith('bg.function') && !id.startsWith('bg.gender') && !id.startsWith('bg.organisation')
          ? Number(v)
          : v,
      ]),
    );
    expect(stored).toEqual(expected);
    // Every item of the version was asked of a medewerker on a team link, except the team question.
    const asked = def.blocks
      .flatMap((b) => b.items)
      .filter((i) => i.kind !== 'team')
      .map((i) => i.id);
    expect(Object.keys(stored).sort()).toEqual(asked.sort());
  });

  it('sending again, and the back button after sending, leave exactly one response', async () => {
    const client = new FormClient(t.app);
    const { url, code } = await fillIn(client, wave.tokens.Elburg!, def, { teamId });
    const review = await client.get(url);
    const csrf = hiddenField(review.body, '_csrf');
    const first = await client.post(url.replace('/controle', '/verzenden'), { _csrf: csrf, r: code });
    expect(first.statusCode).toBe(303);
    const before = await counts(t);
    const again = await client.post(url.replace('/controle', '/verzenden'), { _csrf: csrf, r: code });
    expect(again.statusCode).toBe(200);
    expect(again.body).toContain('al verstuurd');
    // The back button shows an old page with the old code; posting it must not start a new response.
    const firstPage = `/v/${wave.tokens.Elburg}/b/bg`;
    const back = await client.post(firstPage, { _csrf: csrf, r: code, nav: 'next', 'a.bg.function': 'medewerker' });
    expect(back.statusCode).toBe(409);
    expect(await counts(t)).toEqual(before);
  });

  it('20 parallel posts of the final page leave exactly one complete response', async () => {
    const client = new FormClient(t.app);
    const { url, code } = await fillIn(client, wave.tokens.Elburg!, def, { teamId });
    const review = await client.get(url);
    const csrf = hiddenField(review.body, '_csrf');
    const before = await counts(t);
    const completeBefore = await t.app.db
      .selectFrom('response')
      .select(sql<string>`count(*)`.as('n'))
      .where('status', '=', 'complete')
      .executeTakeFirstOrThrow();
    const results = await Promise.all(
      Array.from({ length: 20 }, () => client.post(url.replace('/controle', '/verzenden'), { _csrf: csrf, r: code })),
    );
    expect(results.filter((r) => r.statusCode === 303)).toHaveLength(1);
    expect(results.every((r) => r.statusCode === 303 || r.statusCode === 200)).toBe(true);
    const completeAfter = await t.app.db
      .selectFrom('response')
      .select(sql<string>`count(*)`.as('n'))
      .where('status', '=', 'complete')
      .executeTakeFirstOrThrow();
    expect(Number(completeAfter.n) - Number(completeBefore.n)).toBe(1);
    expect((await counts(t)).responses).toBe(before.responses);
  });

  it('a double click on the first page makes one response, not two', async () => {
    const client = new FormClient(t.app);
    const page = await client.get(`/v/${wave.generalToken}/b/bg`);
    const fields = {
      _csrf: hiddenField(page.body, '_csrf'),
      r: hiddenField(page.body, 'r'),
      nav: 'next',
      'a.bg.team': String(teamId),
      'a.bg.function': 'teamleider',
    };
    const before = await counts(t);
    const [a, b] = await Promise.all([
      client.post(`/v/${wave.generalToken}/b/bg`, fields),
      client.post(`/v/${wave.generalToken}/b/bg`, fields),
    ]);
    expect([a.statusCode, b.statusCode]).toEqual([303, 303]);
    expect((await counts(t)).responses - before.responses).toBe(1);
  });

  it('a respondent who leaves halfway resumes on another device with the code and loses nothing', async () => {
    const client = new FormClient(t.app);
    const { url, sent, code } = await fillIn(client, wave.tokens['Zwolle-Noord']!, def, { teamId, stopAfterPages: 3 });
    const otherDevice = new FormClient(t.app);
    const landing = await otherDevice.get(`/v/${wave.tokens['Zwolle-Noord']}`);
    const resumed = await otherDevice.post(`/v/${wave.tokens['Zwolle-Noord']}/hervat`, {
      _csrf: hiddenField(landing.body, '_csrf'),
      code: code.toLowerCase().replace(/-/g, ' '),
    });
    expect(resumed.statusCode).toBe(303);
    expect(resumed.headers.location).toBe(url);
    // Earlier pages show what was entered before.
    const first = await otherDevice.get(`/v/${wave.tokens['Zwolle-Noord']}/b/bg`);
    expect(first.body).toMatch(/name="a\.bg\.function" value="medewerker" id="[^"]+" checked/);
    const rows = await t.app.db
      .selectFrom('answer')
      .innerJoin('response', 'response.id', 'answer.response_id')
      .select(['answer.item_id'])
      .where('response.status', '=', 'partial')
      .execute();
    for (const id of Object.keys(sent)) expect(rows.map((r) => r.item_id)).toContain(id);
  });

  it('a wrong resume code gets a clear message and writes nothing', async () => {
    const client = new FormClient(t.app);
    const landing = await client.get(`/v/${wave.tokens.Elburg}`);
    const before = await counts(t);
    const res = await client.post(`/v/${wave.tokens.Elburg}/hervat`, {
      _csrf: hiddenField(landing.body, '_csrf'),
      code: 'AAAA-BBBB-CCCC-DDDD',
    });
    expect(res.statusCode).toBe(404);
    expect(res.body).toContain('Deze hervatcode kennen we niet');
    expect(await counts(t)).toEqual(before);
  });

  describe('crafted posts get a 4xx and write nothing', () => {
    async function craft(extra: Record<string, string | string[]>) {
      const client = new FormClient(t.app);
      const page = await client.get(`/v/${wave.tokens.Elburg}/b/gd`.replace('/gd', '/bg'));
      return client.post(`/v/${wave.tokens.Elburg}/b/bg`, {
        _csrf: hiddenField(page.body, '_csrf'),
        r: hiddenField(page.body, 'r'),
        nav: 'next',
        ...extra,
      });
    }

    it.each([
      ['an out-of-range value', { 'a.bg.function': 'medewerker', 'a.bg.age': '200' }, 422],
      ['a value not on the scale', { 'a.bg.function': 'directeur' }, 422],
      ['a wrong type', { 'a.bg.function': 'medewerker', 'a.bg.age': 'veertig' }, 422],
      ['an unknown item id', { 'a.bg.function': 'medewerker', 'a.bg.salary': '5000' }, 400],
      ['an item from another page', { 'a.bg.function': 'medewerker', 'a.gd.parallel.goal_clear': '3' }, 400],
      ['an item sent twice', { 'a.bg.function': ['medewerker', 'teamleider'] }, 400],
    ])('%s', async (_name, fields, status) => {
      const before = await counts(t);
      const res = await craft(fields);
      expect(res.statusCode).toBe(status);
      expect(await counts(t)).toEqual(before);
    });

    it('an out-of-range value is shown again next to a Dutch error, with what was typed', async () => {
      const res = await craft({ 'a.bg.function': 'medewerker', 'a.bg.age': '200', 'a.bg.experience': '12' });
      expect(res.statusCode).toBe(422);
      expect(res.body).toContain('Vul een heel getal in van 16 tot en met 80.');
      expect(res.body).toMatch(/name="a\.bg\.age"[^>]*value="200"/);
      expect(res.body).toMatch(/name="a\.bg\.experience"[^>]*value="12"/);
      expect(res.body).toMatch(/value="medewerker" id="[^"]+" checked/);
    });

    it('a 2 MB body', async () => {
      const before = await counts(t);
      const client = new FormClient(t.app);
      const page = await client.get(`/v/${wave.tokens.Elburg}/b/bg`);
      const res = await client.post(`/v/${wave.tokens.Elburg}/b/bg`, {
        _csrf: hiddenField(page.body, '_csrf'),
        r: hiddenField(page.body, 'r'),
        'a.open.needs': 'x'.repeat(2 * 1024 * 1024),
      });
      expect(res.statusCode).toBe(413);
      expect(await counts(t)).toEqual(before);
    });

    it('a post without a valid CSRF token saves nothing but shows the answers again', async () => {
      const client = new FormClient(t.app);
      const page = await client.get(`/v/${wave.tokens.Elburg}/b/bg`);
      const before = await counts(t);
      const res = await client.post(`/v/${wave.tokens.Elburg}/b/bg`, {
        _csrf: 'forged',
        r: hiddenField(page.body, 'r'),
        'a.bg.function': 'overig',
      });
      expect(res.statusCode).toBe(403);
      expect(res.body).toMatch(/value="overig" id="[^"]+" checked/);
      expect(await counts(t)).toEqual(before);
    });
  });

  it('a closed wave, a wave not yet open and an unknown token give the same page and status', async () => {
    const closed = await openWave(t.app, { opensIn: -30, closesIn: -1 });
    const future = await openWave(t.app, { opensIn: 2, closesIn: 30 });
    const client = new FormClient(t.app);
    const before = await counts(t);
    const answers = await Promise.all([
      client.get(`/v/${closed.tokens.Elburg}`),
      client.get(`/v/${future.generalToken}`),
      client.get(`/v/${'A'.repeat(32)}`),
      client.get(`/v/nonsense`),
      client.get(`/v/${closed.tokens.Elburg}/b/bg`),
    ]);
    for (const res of answers) {
      expect(res.statusCode).toBe(404);
      expect(res.body).toBe(answers[0]!.body);
      expect(res.body).toContain('Deze vragenlijst is niet beschikbaar');
    }
    const post = await client.post(`/v/${closed.tokens.Elburg}/b/bg`, {
      r: 'AAAA-BBBB-CCCC-DDDD',
      'a.bg.function': 'medewerker',
    });
    expect(post.statusCode).toBe(404);
    expect(await counts(t)).toEqual(before);
  });

  it('team leaders skip the group-dynamics block', async () => {
    const client = new FormClient(t.app);
    const page = await client.get(`/v/${wave.tokens.Elburg}/b/bg`);
    const res = await client.post(`/v/${wave.tokens.Elburg}/b/bg`, {
      _csrf: hiddenField(page.body, '_csrf'),
      r: hiddenField(page.body, 'r'),
      nav: 'next',
      'a.bg.function': 'teamleider',
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).not.toMatch(/\/b\/gd$/);
    const next = await client.get(res.headers.location as string);
    expect(next.body).toMatch(/Stap 2 van \d+/);
  });

  it('security headers: strict CSP, no referrer, no framing', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/v/${wave.tokens.Elburg}` });
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('wrong tokens are rate limited per address while right ones keep working', async () => {
    const ip = '203.0.113.7';
    let last = 0;
    for (let i = 0; i < 35; i++) {
      const res = await t.app.inject({ method: 'GET', url: `/v/${'B'.repeat(31)}${i % 10}`, remoteAddress: ip });
      last = res.statusCode;
    }
    expect(last).toBe(429);
    const right = await t.app.inject({ method: 'GET', url: `/v/${wave.tokens.Elburg}`, remoteAddress: ip });
    expect(right.statusCode).toBe(200);
  });

  it('neither the log nor the database holds an IP address or a token', async () => {
    const log = t.rawLog();
    const tokens = [...Object.values(wave.tokens), wave.generalToken];
    for (const token of tokens) expect(log).not.toContain(token);
    expect(log).not.toContain('127.0.0.1');
    expect(log).not.toContain('203.0.113.7');
    expect(log).not.toMatch(/"remoteAddress"|"hostname":"localhost"|"url":/);
    // The whole database as text.
    const dump = await sql<{ dump: string }>`
      SELECT string_agg(t::text, E'\n') AS dump FROM (
        SELECT row_to_json(r)::text AS t FROM response r
        UNION ALL SELECT row_to_json(a)::text FROM answer a
        UNION ALL SELECT row_to_json(l)::text FROM team_link l
        UNION ALL SELECT row_to_json(w)::text FROM wave w
        UNION ALL SELECT row_to_json(g)::text FROM audit_log g
      ) x`.execute(t.app.db);
    const text = dump.rows[0]!.dump;
    for (const token of tokens) expect(text).not.toContain(token);
    expect(text).not.toMatch(/\b127\.0\.0\.1\b|203\.0\.113\.7/);
    // Responses carry dates only: no column of a time type.
    const columns = await sql<{ column_name: string; data_type: string }>`
      SELECT column_name, data_type FROM information_schema.columns WHERE table_name IN ('response', 'answer')`.execute(t.app.db);
    expect(columns.rows.filter((c) => c.data_type.includes('time'))).toEqual([]);
  });
});
