/**
 * What a hostile world tries on the questionnaire (issue 14): a resume link handed out to
 * read someone else's answers, NUL bytes, guessed codes and tokens — and the small
 * hardenings (Secure language cookie, Permissions-Policy, no per-request log lines).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDefinition, scaleOf } from '../../survey-definitions/index.ts';
import type { TItem } from '../../survey-definitions/schema.ts';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { FormClient, hiddenField, openWave, TEST_SECRET, type TestWave } from '../helpers/survey.ts';

const def = getDefinition('wijkteam@2015')!;

function value(item: TItem, teamId: number, text: string): string {
  if (item.kind === 'likert') return String(Math.min(3, scaleOf(def, item).max));
  if (item.kind === 'grade') return '7';
  if (item.kind === 'single_choice') return item.id === 'bg.function' ? 'medewerker' : item.options[0]!.value;
  if (item.kind === 'team') return String(teamId);
  if (item.kind === 'number') return String(item.min + 1);
  return text;
}

/** Saves the page at `url` with every field on it answered; returns the next URL. */
async function savePageAt(client: FormClient, url: string, teamId: number, text: string) {
  const page = await client.get(url);
  expect(page.statusCode).toBe(200);
  const block = def.blocks.find((b) => b.id === url.split('/b/')[1])!;
  const fields: Record<string, string> = { _csrf: hiddenField(page.body, '_csrf'), r: hiddenField(page.body, 'r'), nav: 'next' };
  for (const item of block.items)
    if (page.body.includes(`name="a.${item.id}"`) && !item.condition) fields[`a.${item.id}`] = value(item, teamId, text);
  const post = await client.post(url, fields);
  return { post, code: fields.r!, next: post.headers.location as string };
}

describe('the questionnaire against abuse', () => {
  let t: TestApp;
  let wave: TestWave;
  let teamId: number;
  beforeAll(async () => {
    t = await buildTestApp({
      env: { SESSION_SECRET: TEST_SECRET, PUBLIC_URL: 'https://wijkmeter.example.nl', NODE_ENV: 'production' },
    });
    wave = await openWave(t.app, { label: 'Misbruik' });
    teamId = (await t.app.db.selectFrom('team').select('id').where('name', '=', 'Zwolle-Noord').executeTakeFirstOrThrow()).id;
  });
  afterAll(() => t.close());

  const token = () => wave.tokens['Zwolle-Noord']!;
  const firstPage = async (client: FormClient) =>
    /href="(\/v\/[^"]+\/b\/[^"]+)"/.exec((await client.get(`/v/${token()}`)).body)![1]!;

  it('a resume link handed out does not let its sender read what is entered after', async () => {
    const attacker = new FormClient(t.app);
    const first = await savePageAt(attacker, await firstPage(attacker), teamId, 'van de aanvaller');
    expect(first.post.statusCode).toBe(303);
    const handedOut = first.code;

    const victim = new FormClient(t.app);
    const opened = await victim.get(`/v/${token()}/hervat/${handedOut}`);
    // Opening the link changes nothing (mail scanners open links too): a button continues.
    expect(opened.statusCode).toBe(200);
    expect(opened.body).toContain('Verder met de vragenlijst van deze link');
    expect(opened.body).toMatch(/\d+ van \d+ vragen beantwoord/);
    const chosen = await victim.post(`/v/${token()}/hervat`, {
      _csrf: hiddenField(opened.body, '_csrf'),
      code: handedOut,
      confirm: '1',
    });
    expect(chosen.statusCode).toBe(303);
    const second = await savePageAt(victim, first.next, teamId, 'geheim van het slachtoffer');
    expect(second.post.statusCode).toBe(303);
    expect(second.code).not.toBe(handedOut);

    // The sender's code opens nothing now: not the pages, not the review, not a resume.
    const review = await attacker.get(`/v/${token()}/controle`);
    expect(review.body).not.toContain('geheim van het slachtoffer');
    const page2 = await attacker.get(first.next);
    expect(page2.body).not.toContain('geheim van het slachtoffer');
    const landing = await attacker.get(`/v/${token()}`);
    const retry = await attacker.post(`/v/${token()}/hervat`, { _csrf: hiddenField(landing.body, '_csrf'), code: handedOut });
    expect(retry.statusCode).toBe(404);
    // The victim sees his saved answers on that page; the sender sees an empty page.
    expect((await victim.get(first.next)).body).toMatch(/checked/);
    expect(page2.body).not.toMatch(/checked/);
  });

  it('a browser with its own questionnaire in progress is asked which one to continue', async () => {
    const other = new FormClient(t.app);
    const theirs = await savePageAt(other, await firstPage(other), teamId, 'ander');
    const me = new FormClient(t.app);
    await savePageAt(me, await firstPage(me), teamId, 'mijn eigen');
    const landing = await me.get(`/v/${token()}`);
    const asked = await me.post(`/v/${token()}/hervat`, { _csrf: hiddenField(landing.body, '_csrf'), code: theirs.code });
    expect(asked.statusCode).toBe(200);
    expect(asked.body).toContain('Met welke wilt u verder?');
    expect(asked.body).toContain('Verder met mijn eigen vragenlijst');
    expect(asked.body.match(/\d+ van \d+ vragen beantwoord/g)).toHaveLength(2);
  });

  it('NUL bytes and control characters in an open answer are dropped, never a 5xx', async () => {
    const client = new FormClient(t.app);
    let url = await firstPage(client);
    for (let i = 0; i < 12 && !url.endsWith('/controle'); i++) {
      const step = await savePageAt(client, url, teamId, 'met\u0000nul\u0007bel\r\nen regel');
      expect(step.post.statusCode).toBeLessThan(500);
      if (step.post.statusCode !== 303) break;
      url = step.next;
    }
    const rows = await t.app.db.selectFrom('answer').select('value_text').where('value_text', 'like', 'met%nul%').execute();
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r.value_text).toBe('metnulbel\nen regel');
  });

  it('wrong resume codes are throttled with a plain message that keeps the typed code', async () => {
    const client = new FormClient(t.app);
    const landing = await client.get(`/v/${wave.tokens.Elburg}`);
    const csrf = hiddenField(landing.body, '_csrf');
    // 20 wrong codes per address per 15 minutes (earlier tests here used up one or two).
    const statuses: number[] = [];
    for (let i = 0; i < 25 && statuses.at(-1) !== 429; i++) {
      statuses.push(
        (
          await client.post(`/v/${wave.tokens.Elburg}/hervat`, {
            _csrf: csrf,
            code: `AAAA-BBBB-CCCC-${String(i).padStart(4, '0')}`,
          })
        ).statusCode,
      );
    }
    expect(statuses.at(-1)).toBe(429);
    expect(statuses.length).toBeGreaterThan(15);
    expect(statuses.slice(0, -1).every((s) => s === 404)).toBe(true);
    const blocked = await client.post(`/v/${wave.tokens.Elburg}/hervat`, { _csrf: csrf, code: 'ZZZZ-YYYY-XXXX-WWWW' });
    expect(blocked.statusCode).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect(blocked.body).toContain('Probeer het');
    expect(blocked.body).toContain('value="ZZZZ-YYYY-XXXX-WWWW"');
    expect(blocked.body).not.toContain('niet bij deze vragenlijst horen');
  });

  it('30 wrong tokens throttle the address, while the valid link goes on working', async () => {
    const client = new FormClient(t.app);
    const headers = { 'x-test': '1' };
    void headers;
    const statuses: number[] = [];
    for (let i = 0; i < 32; i++) statuses.push((await client.get(`/v/${'x'.repeat(31)}${i % 10}`)).statusCode);
    expect(statuses.slice(0, 30).every((s) => s === 404)).toBe(true);
    expect(statuses.slice(30)).toEqual([429, 429]);
    expect((await client.get(`/v/${token()}`)).statusCode).toBe(200);
  });

  it('sets the language cookie Secure in production, sends Permissions-Policy, and logs no respondent request lines', async () => {
    const client = new FormClient(t.app);
    const res = await t.app.inject({ method: 'GET', url: `/v/${token()}?taal=en` });
    expect(res.statusCode).toBe(303);
    expect(String(res.headers['set-cookie'])).toMatch(/wm_lang=en;.*Secure/);
    expect(res.headers['permissions-policy']).toContain('camera=()');
    await client.get(`/v/${token()}`);
    const lines = t.logLines().filter((l) => l.msg === 'incoming request' || l.msg === 'request completed');
    expect(lines.filter((l) => String((l.req as { route?: string } | undefined)?.route ?? '').startsWith('/v/'))).toEqual([]);
  });
});
