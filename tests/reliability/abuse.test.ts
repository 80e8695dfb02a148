/**
 * Nobody blocked, nothing leaked: a fuzz of every route and form, an office of 300 on one
 * link, 2,000 wrong tokens, every staff route without credentials, and two app instances
 * on one database sharing their limiter and cache state. Real server processes on their
 * embedded PostgreSQL, loopback only, bounded in count and time.
 */
import { rm } from 'node:fs/promises';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import type { DB } from '../../server/db/kysely.ts';
import { createUserWithToken } from '../helpers/auth.ts';
import { insertResponses, makeAnswers, seeded } from '../helpers/research-data.ts';
import {
  Browser,
  connect,
  dataFolder,
  databaseUrl,
  DEFINITION,
  fillIn,
  hiddenField,
  openWave,
  sendForm,
  startServer,
  stopServer,
  type Server,
} from './harness.ts';

const report = (line: string) => console.log(`[reliability] ${line}`);

/** Every route of the app, from Fastify's own route tree (built without a database). */
async function routes(): Promise<{ path: string; methods: string[] }[]> {
  const app = await buildApp({
    config: loadConfig({ LOG_LEVEL: 'silent', NODE_ENV: 'test' }),
    databaseUrl: 'postgres://x:y@127.0.0.1:1/none',
  });
  await app.ready();
  const tree = app.printRoutes({ commonPrefix: false });
  await app.close();
  const stack: string[] = [];
  const out: { path: string; methods: string[] }[] = [];
  for (const line of tree.split('\n')) {
    const m = /^([│ ├└─]*)(\S+) \(([A-Z, ]+)\)$/.exec(line);
    if (!m) continue;
    const depth = m[1]!.length / 4;
    const parent = stack[depth - 1] ?? '';
    const seg = m[2]!;
    const full = depth === 0 ? seg : parent.endsWith('/') || seg.startsWith('/') ? parent + seg : `${parent}/${seg}`;
    stack[depth] = full;
    stack.length = depth + 1;
    out.push({ path: full, methods: m[3]!.split(', ').filter((x) => x !== 'HEAD') });
  }
  return out.filter((r) => !r.path.includes('*'));
}

/** A GET from another loopback address (an office behind its own address), status only. */
function getFrom(localAddress: string, url: string): Promise<number> {
  return new Promise((resolve) => {
    const req = http.get(url, { localAddress }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', () => resolve(0));
  });
}

/** One request from another loopback address, without following redirects. */
function requestFrom(
  localAddress: string,
  method: string,
  url: string,
  body?: string,
): Promise<{ status: number; location: string }> {
  return new Promise((resolve) => {
    const headers: http.OutgoingHttpHeaders = body === undefined ? {} : { 'content-type': 'application/x-www-form-urlencoded' };
    const req = http.request(url, { method, localAddress, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, location: String(res.headers.location ?? '') }));
    });
    req.on('error', () => resolve({ status: 0, location: '' }));
    req.end(body);
  });
}

function countBy(values: number[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return out;
}

/** Runs `work` for 0..n-1 with at most `width` at a time. */
async function inParallel(n: number, width: number, work: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < n) await work(next++);
    }),
  );
}

describe('against abuse, on one server', () => {
  let dir: string;
  let server: Server;
  let db: DB;
  let closeDb: () => Promise<void>;
  let wave: { waveId: number; token: string; teamId: number };
  beforeAll(async () => {
    dir = await dataFolder();
    server = await startServer(dir);
    ({ db, close: closeDb } = await connect(dir));
    wave = await openWave(db, 'Misbruik');
  });
  afterAll(async () => {
    await closeDb?.();
    if (server) await stopServer(server);
    await rm(dir, { recursive: true, force: true });
  });

  it('a fuzz of every route and form gets no 5xx, and the server stays up', async () => {
    const all = await routes();
    const browser = new Browser(server.base);
    // A real form to start from: the first page of the questionnaire.
    const landing = await browser.get(`/v/${wave.token}`);
    const pageUrl = /href="(\/v\/[^"]+\/b\/[^"]+)"/.exec(landing.body)![1]!;
    const page = await browser.get(pageUrl);
    const csrf = hiddenField(page.body, '_csrf');
    const code = hiddenField(page.body, 'r');
    const nasty = [
      '\u0000',
      'a\u0000b',
      '%00',
      '<script>alert(1)</script>',
      "' OR 1=1 --",
      '../../etc/passwd',
      '\uFFFF\uD800',
      'x'.repeat(30_000),
      '९९',
      '-1',
      '1e309',
      '',
    ];
    const params: Record<string, string[]> = {
      token: [wave.token, 'x'.repeat(32), '%00'],
      block: ['bg', 'zzz', '%00'],
      code: [code, 'AAAA-BBBB-CCCC-DDDD', '%00'],
      id: ['1', '0', '99999999999', 'abc'],
      version: ['2015', 'x'],
      lang: ['en', 'xx'],
    };
    const statuses: number[] = [];
    const fail: string[] = [];
    const send = async (method: string, url: string, body?: string, type?: string, label?: string) => {
      const res = await fetch(server.base + url, {
        method,
        redirect: 'manual',
        headers: { ...(type ? { 'content-type': type } : {}), cookie: browser.cookieHeader() },
        body,
        signal: AbortSignal.timeout(30_000),
      }).then(
        (r) => r.status,
        () => 0,
      );
      statuses.push(res);
      if (res >= 500 || res === 0) fail.push(`${res} ${method} ${url.slice(0, 80)} ${label ?? ''}`);
    };
    for (const route of all) {
      const names = [...route.path.matchAll(/:(\w+)/g)].map((m) => m[1]!);
      const variants = [0, 1, 2].map((i) =>
        route.path.replace(/:(\w+)/g, (_, n: string) =>
          encodeURIComponent(params[n]?.[i % params[n]!.length] ?? 'x').replace('%2500', '%00'),
        ),
      );
      if (names.length === 0) variants.splice(1);
      for (const url of variants) {
        for (const method of route.methods) {
          if (method === 'GET') {
            await send('GET', url);
            await send('GET', `${url}?taal=%00&taal=en&include=partial&includePartial=maybe&baseline=-1&x[y]=1`);
            continue;
          }
          const form = (extra: Record<string, string | string[]>) => {
            const p = new URLSearchParams();
            for (const [k, v] of Object.entries(extra)) for (const one of [v].flat()) p.append(k, one);
            return p.toString();
          };
          const ue = 'application/x-www-form-urlencoded';
          for (const value of nasty)
            await send(
              'POST',
              url,
              form({
                _csrf: csrf,
                r: code,
                nav: 'next',
                'a.bg.function': value,
                'a.open.text': value,
                code: value,
                email: value,
                password: value,
              }),
              ue,
              JSON.stringify(value.slice(0, 10)),
            );
          await send(
            'POST',
            url,
            form({
              _csrf: [csrf, csrf],
              r: [code, 'other'],
              nav: ['next', 'back'],
              'a.bg.function': ['medewerker', 'teamleider'],
            }),
            ue,
            'duplicated',
          );
          await send('POST', url, form({ _csrf: 'forged', r: code, nav: 'next' }), ue, 'forged csrf');
          await send('POST', url, `_csrf=${csrf}&r=${code}&a.x=${'y'.repeat(80_000)}`, ue, 'oversized');
          await send('POST', url, '%%%=&&&==%zz', ue, 'malformed');
          await send('POST', url, '{"_csrf": "', 'application/json', 'broken json');
          await send('POST', url, '{"__proto__": {"x": 1}, "constructor": {"prototype": {}}}', 'application/json', 'prototype');
          await send('POST', url, 'hello', 'text/plain', 'text/plain');
          await send(
            'POST',
            url,
            '--b\r\nContent-Disposition: form-data; name="r"\r\n\r\nx\r\n--b--',
            'multipart/form-data; boundary=b',
            'multipart',
          );
        }
      }
    }
    const health = await fetch(`${server.base}/healthz`).then((r) => r.status);
    report(
      `fuzz: ${statuses.length} requests over ${all.length} routes; statuses ${JSON.stringify(countBy(statuses))}; 5xx: ${fail.length}; /healthz after: ${health}`,
    );
    expect(fail).toEqual([]);
    expect(health).toBe(200);
  }, 240_000);

  it('300 respondents from one address on one link: none blocked; 2,000 wrong tokens: throttled while the valid link works', async () => {
    const statuses: number[] = [];
    let sent = 0;
    const started = Date.now();
    await inParallel(300, 12, async (i) => {
      const browser = new Browser(server.base);
      const landing = await browser.get(`/v/${wave.token}`);
      statuses.push(landing.status);
      if (i % 10 === 0) {
        // Every tenth fills in everything and sends.
        await fillIn(browser, wave.token, wave.teamId, `marker-office-${i}`);
        const form = await sendForm(browser, wave.token);
        const res = await browser.post(`/v/${wave.token}/verzenden`, form);
        statuses.push(res.status);
        if (res.status === 303) sent++;
        return;
      }
      const url = /href="(\/v\/[^"]+\/b\/[^"]+)"/.exec(landing.body)![1]!;
      const page = await browser.get(url);
      statuses.push(page.status);
      const post = await browser.post(url, {
        _csrf: hiddenField(page.body, '_csrf'),
        r: hiddenField(page.body, 'r'),
        nav: 'next',
        'a.bg.function': 'medewerker',
      });
      statuses.push(post.status);
      const next = await browser.get(post.location ?? url);
      statuses.push(next.status);
    });
    const officeSeconds = (Date.now() - started) / 1000;
    const blocked = statuses.filter((s) => s === 429).length;
    report(
      `300 respondents, one address, one link: ${statuses.length} requests in ${officeSeconds.toFixed(1)} s, statuses ${JSON.stringify(countBy(statuses))}; ${sent} of 30 full sends acknowledged; 429s: ${blocked}`,
    );
    expect(blocked).toBe(0);
    expect(statuses.every((s) => s < 500)).toBe(true);
    expect(sent).toBe(30);

    const wrong: number[] = [];
    const valid: number[] = [];
    let firstThrottled = -1;
    await inParallel(2000, 10, async (i) => {
      // From 127.0.0.2: an address of its own, untouched by the fuzz above.
      const status = await getFrom('127.0.0.2', `${server.base}/v/${`w${i}`.padEnd(32, 'x')}`);
      wrong.push(status);
      if (status === 429 && firstThrottled < 0) firstThrottled = wrong.length;
      if (i % 100 === 99) {
        // A colleague on the same address with the right link, meanwhile.
        valid.push(await getFrom('127.0.0.2', `${server.base}/v/${wave.token}`));
      }
    });
    report(
      `2,000 wrong tokens: statuses ${JSON.stringify(countBy(wrong))}, first 429 at request ${firstThrottled}; valid link meanwhile: ${JSON.stringify(countBy(valid))}`,
    );
    expect(firstThrottled).toBeGreaterThan(0);
    expect(firstThrottled).toBeLessThanOrEqual(31 + 10); // 30 allowed; up to 10 were in flight at once
    expect(wrong.filter((s) => s === 429).length).toBeGreaterThan(1900);
    expect(valid.every((s) => s === 200)).toBe(true);
  }, 240_000);

  it('every staff route without credentials: 401 (API) or the login page (workspace)', async () => {
    const all = await routes();
    const staff = all.filter(
      (r) => (r.path.startsWith('/api/') && !r.path.startsWith('/api/questionnaires')) || r.path.startsWith('/werkruimte'),
    );
    const results: string[] = [];
    for (const r of staff) {
      for (const method of r.methods) {
        const url = r.path.replace(/:(\w+)/g, '1');
        // From 127.0.0.3: the fuzz above has used up 127.0.0.1's per-address flood limit
        // for staff routes, which would turn these answers into 429s.
        const res = await requestFrom('127.0.0.3', method, server.base + url, method === 'POST' ? 'x=1' : undefined);
        const location = res.location;
        const ok = url.startsWith('/api/')
          ? res.status === 401
          : res.status === 401 || ((res.status === 302 || res.status === 303) && location.startsWith('/inloggen'));
        if (!ok) results.push(`${method} ${url} → ${res.status} ${location}`);
      }
    }
    report(`staff routes without credentials: ${staff.length} routes checked, wrong answers: ${results.length}`);
    expect(staff.length).toBeGreaterThan(5);
    expect(results).toEqual([]);
  });
});

describe('two app instances on one database', () => {
  it('share the limiter counters and see each other’s data changes in the analysis cache', async () => {
    const dirA = await dataFolder();
    const dirB = await dataFolder();
    const a = await startServer(dirA);
    const b = await startServer(dirB, { env: { DATABASE_URL: await databaseUrl(dirA) } });
    const { db, close } = await connect(dirA);
    try {
      const wave = await openWave(db, 'Twee instanties');
      // Wrong tokens alternate between the instances; the count is one, in PostgreSQL.
      const statuses: number[] = [];
      for (let i = 0; i < 34; i++) {
        const base = i % 2 ? b.base : a.base;
        statuses.push(await fetch(`${base}/v/${`t${i}`.padEnd(32, 'q')}`).then((r) => r.status));
      }
      const firstBlocked = statuses.indexOf(429);
      report(
        `two instances: wrong tokens alternating A/B, first 429 at attempt ${firstBlocked + 1} (limit 30 per address, counted across both)`,
      );
      expect(firstBlocked).toBe(30);
      expect(statuses.slice(30).every((s) => s === 429)).toBe(true);

      // Cache: the analysis on A is computed again after a response sent through B.
      const admin = await createUserWithToken(db, { role: 'admin' });
      const random = seeded(5);
      await insertResponses(
        db,
        wave.waveId,
        Array.from({ length: 6 }, () => ({
          teamId: wave.teamId,
          status: 'complete' as const,
          answers: makeAnswers(DEFINITION, random),
        })),
      );
      const analysis = async () => {
        const res = await fetch(`${a.base}/api/waves/${wave.waveId}/analysis`, { headers: admin.headers });
        expect(res.status).toBe(200);
        return ((await res.json()) as { meta: { counts: { complete: number } } }).meta.counts;
      };
      const before = await analysis();
      expect(await analysis()).toEqual(before);
      const browser = new Browser(b.base);
      await fillIn(browser, wave.token, wave.teamId, 'marker-via-b');
      const sent = await browser.post(`/v/${wave.token}/verzenden`, await sendForm(browser, wave.token));
      expect(sent.status).toBe(303);
      const after = await analysis();
      report(`two instances: analysis on A before ${JSON.stringify(before)}, after a send through B ${JSON.stringify(after)}`);
      expect(after).not.toEqual(before);
    } finally {
      await close();
      await stopServer(b);
      await stopServer(a);
      await rm(dirA, { recursive: true, force: true });
      await rm(dirB, { recursive: true, force: true });
    }
  }, 240_000);
});
