/**
 * The reliability suite's tools: real server processes (`node --import tsx server/main.ts`,
 * as `npm start` runs it) on the embedded PostgreSQL of their own data folder, started in
 * their own process group so that a test can signal the group as a terminal would; a
 * respondent over real HTTP (fetch, cookies, redirects by hand); and the database the
 * server uses. Everything talks to 127.0.0.1 only.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { chmod, mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { clusterProcesses, freePort } from '../../server/db/embedded.ts';
import { kyselyOn, type DB } from '../../server/db/kysely.ts';
import { pgTypes } from '../../server/db/pg-types.ts';
import { today } from '../../server/lib/dates.ts';
import { createWave } from '../../server/services/waves.ts';
import { getDefinition, isShown, scaleOf } from '../../survey-definitions/index.ts';
import type { TDefinition, TItem } from '../../survey-definitions/schema.ts';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const SECRET = 'reliability-secret-reliability-secret-0123456789';

export async function dataFolder(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'wijkmeter-rel-'));
  // As root the embedded Postgres runs as `postgres`, which must reach the folder.
  await chmod(dir, 0o755);
  return dir;
}

export interface Server {
  child: ChildProcess;
  port: number;
  base: string;
  dataDir: string;
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export async function startServer(
  dataDir: string,
  options: { port?: number; env?: Record<string, string> } = {},
): Promise<Server> {
  const port = options.port ?? (await freePort());
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    // Its own process group: `process.kill(-pid, 'SIGINT')` is Ctrl+C in its terminal.
    detached: true,
    env: {
      ...process.env,
      NODE_ENV: 'development',
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: '',
      SESSION_SECRET: SECRET,
      LOG_LEVEL: 'warn',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (c) => (output += c));
  child.stderr!.on('data', (c) => (output += c));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`server exited early:\n${output}`);
    const ok = await fetch(`${base}/readyz`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) return { child, port, base, dataDir, output: () => output, exited };
    if (Date.now() > deadline) throw new Error(`not ready within 90 s:\n${output}`);
    await sleep(200);
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Every postgres process still working on this data folder. */
export function postgresOf(dataDir: string): number[] {
  return clusterProcesses(path.join(dataDir, 'postgres'));
}

/** The embedded cluster's port and login, as the server wrote them. */
export async function databaseUrl(dataDir: string, database = 'wijkmeter'): Promise<string> {
  const { user, password } = JSON.parse(await readFile(path.join(dataDir, 'postgres-credentials.json'), 'utf8')) as {
    user: string;
    password: string;
  };
  const port = Number(readFileSync(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[3]);
  return `postgres://${user}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
}

export async function connect(dataDir: string): Promise<{ db: DB; close(): Promise<void> }> {
  const pool = new pg.Pool({ connectionString: await databaseUrl(dataDir), max: 3, types: pgTypes });
  const db = kyselyOn(pool);
  return { db, close: () => db.destroy() };
}

function shiftDays(day: string, days: number): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export async function openWave(db: DB, label: string): Promise<{ waveId: number; token: string; teamId: number }> {
  const day = today();
  const created = await createWave(db, SECRET, {
    programme: 'Betrouwbaarheid',
    label,
    definition: 'wijkteam@2015',
    teams: [{ name: 'Noord', members: 400 }],
    opensOn: shiftDays(day, -3),
    closesOn: shiftDays(day, 30),
  });
  const team = await db.selectFrom('team').select('id').where('name', '=', 'Noord').executeTakeFirstOrThrow();
  return { waveId: created.waveId, token: created.links[0]!.token, teamId: team.id };
}

/** A browser without JavaScript: cookies kept, redirects not followed (the test reads them). */
export class Browser {
  private cookies = new Map<string, string>();
  constructor(public base: string) {}

  private keep(res: Response): void {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq);
      const value = pair!.slice(eq + 1);
      if (value === '' || /Max-Age=0|Expires=Thu, 01 Jan 1970/i.test(c)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    return { cookie: this.cookieHeader(), ...extra };
  }

  async get(url: string): Promise<{ status: number; body: string; location: string | null }> {
    const res = await fetch(this.base + url, {
      redirect: 'manual',
      headers: this.headers(),
      signal: AbortSignal.timeout(30_000),
    });
    this.keep(res);
    return { status: res.status, body: await res.text(), location: res.headers.get('location') };
  }

  async post(url: string, fields: Record<string, string>): Promise<{ status: number; body: string; location: string | null }> {
    const res = await fetch(this.base + url, {
      method: 'POST',
      redirect: 'manual',
      headers: this.headers({ 'content-type': 'application/x-www-form-urlencoded' }),
      body: new URLSearchParams(fields).toString(),
      signal: AbortSignal.timeout(30_000),
    });
    this.keep(res);
    return { status: res.status, body: await res.text(), location: res.headers.get('location') };
  }
}

export function hiddenField(page: string, name: string): string {
  const match = new RegExp(`<input type="hidden" name="${name}" value="([^"]*)"`).exec(page);
  if (!match) throw new Error(`no hidden field ${name} on the page (status page: ${page.slice(0, 300)})`);
  return match[1]!;
}

function answerFor(def: TDefinition, item: TItem, teamId: number, marker: string): string {
  switch (item.kind) {
    case 'likert':
      return String(Math.min(3, scaleOf(def, item).max));
    case 'grade':
      return item.id.endsWith('.frequency') ? '2' : '7';
    case 'single_choice':
      return item.id === 'bg.function' ? 'medewerker' : item.options[0]!.value;
    case 'team':
      return String(teamId);
    case 'number':
      return String(item.min + 2);
    case 'text':
      return marker;
  }
}

export const DEFINITION = getDefinition('wijkteam@2015')!;

/**
 * Walks the questionnaire up to the review page, answering everything; open answers carry
 * `marker` so that the test can find this respondent's response again. Throws on any
 * unexpected status, with the status in the message.
 */
export async function fillIn(browser: Browser, token: string, teamId: number, marker: string): Promise<void> {
  const def = DEFINITION;
  const landing = await browser.get(`/v/${token}`);
  if (landing.status !== 200) throw new StatusError(landing.status, 'landing');
  let url = /href="(\/v\/[^"]+\/b\/[^"]+)"/.exec(landing.body)![1]!;
  const sent: Record<string, string> = {};
  for (let page = 0; page < 40; page++) {
    const res = await browser.get(url);
    if (res.status !== 200) throw new StatusError(res.status, `GET ${url.replace(token, ':token')}`);
    const block = def.blocks.find((b) => b.id === url.split('/b/')[1])!;
    const fields: Record<string, string> = { _csrf: hiddenField(res.body, '_csrf'), r: hiddenField(res.body, 'r'), nav: 'next' };
    for (const item of block.items) {
      if (!res.body.includes(`name="a.${item.id}"`)) continue;
      if (item.condition && !isShown(item.condition, { ...sent, ...answersOf(fields) })) continue;
      fields[`a.${item.id}`] = answerFor(def, item, teamId, marker);
    }
    const post = await browser.post(url, fields);
    if (post.status !== 303) throw new StatusError(post.status, `POST ${url.replace(token, ':token')}`);
    Object.assign(sent, answersOf(fields));
    url = post.location!;
    if (url.endsWith('/controle')) return;
  }
  throw new Error('questionnaire did not end');
}

/** The review page's send form: its fields, ready to post to /verzenden. */
export async function sendForm(browser: Browser, token: string): Promise<Record<string, string>> {
  const review = await browser.get(`/v/${token}/controle`);
  if (review.status !== 200) throw new StatusError(review.status, 'controle');
  return { _csrf: hiddenField(review.body, '_csrf'), r: hiddenField(review.body, 'r') };
}

function answersOf(fields: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(fields)
      .filter(([k]) => k.startsWith('a.'))
      .map(([k, v]) => [k.slice(2), v]),
  );
}

export class StatusError extends Error {
  constructor(
    readonly status: number,
    where: string,
  ) {
    super(`HTTP ${status} at ${where}`);
  }
}

/** Stops a server with a signal and waits for it (and for its postgres) to be gone. */
export async function stopServer(
  server: Server,
  signal: NodeJS.Signals = 'SIGTERM',
): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill(signal);
  return server.exited;
}

/** `ps` lines of postgres processes on a folder, for a readable failure message. */
export function describePostgres(dataDir: string): string {
  const pids = postgresOf(dataDir);
  if (pids.length === 0) return '';
  return execFileSync('ps', ['-o', 'pid,args', '-p', pids.join(',')], { encoding: 'utf8' });
}
