/**
 * Nothing lost: real server processes on their embedded PostgreSQL, stopped and killed
 * the ways the world stops them. Figures are printed (`[reliability]` lines) for the report.
 */
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import {
  Browser,
  connect,
  dataFolder,
  describePostgres,
  fillIn,
  openWave,
  postgresOf,
  ROOT,
  sendForm,
  sleep,
  startServer,
  StatusError,
  stopServer,
  type Server,
} from './harness.ts';

const report = (line: string) => console.log(`[reliability] ${line}`);
const folders: string[] = [];
afterAll(async () => {
  for (const f of folders) await rm(f, { recursive: true, force: true });
});

async function completeWithMarker(dataDir: string, waveId: number): Promise<Map<string, number>> {
  const { db, close } = await connect(dataDir);
  try {
    const rows = await sql<{ marker: string; n: string }>`
      SELECT a.value_text AS marker, count(*) AS n FROM answer a JOIN response r ON r.id = a.response_id
      WHERE r.wave_id = ${waveId} AND r.status = 'complete' AND a.value_text LIKE 'marker-%'
      GROUP BY a.value_text`.execute(db);
    // One open answer item may carry the marker more than once per response: count responses.
    const perResponse = await sql<{ marker: string; n: string }>`
      SELECT m.marker, count(DISTINCT m.response_id) AS n FROM (
        SELECT a.value_text AS marker, a.response_id FROM answer a JOIN response r ON r.id = a.response_id
        WHERE r.wave_id = ${waveId} AND r.status = 'complete' AND a.value_text LIKE 'marker-%') m GROUP BY m.marker`.execute(db);
    void rows;
    return new Map(perResponse.rows.map((r) => [r.marker, Number(r.n)]));
  } finally {
    await close();
  }
}

describe('the lifecycle of npm start', () => {
  it('50 parallel sends of one questionnaire leave one complete response', async () => {
    const dir = await dataFolder();
    folders.push(dir);
    const server = await startServer(dir);
    try {
      const { db, close } = await connect(dir);
      const wave = await openWave(db, 'Parallel');
      const browser = new Browser(server.base);
      await fillIn(browser, wave.token, wave.teamId, 'marker-parallel');
      const form = await sendForm(browser, wave.token);
      const results = await Promise.all(Array.from({ length: 50 }, () => browser.post(`/v/${wave.token}/verzenden`, form)));
      const statuses = results.map((r) => r.status);
      const rows = await db.selectFrom('response').select(['status']).where('wave_id', '=', wave.waveId).execute();
      await close();
      report(
        `50 parallel sends: statuses ${JSON.stringify(countBy(statuses))}; responses ${rows.length} (${rows.filter((r) => r.status === 'complete').length} complete)`,
      );
      expect(statuses.every((s) => s < 500)).toBe(true);
      expect(statuses.filter((s) => s === 303).length).toBeGreaterThanOrEqual(1);
      expect(rows).toEqual([{ status: 'complete' }]);
    } finally {
      await stopServer(server);
    }
  }, 120_000);

  it('SIGKILL 5 times during sends: no acknowledged response lost, none twice, no postgres left', async () => {
    const dir = await dataFolder();
    folders.push(dir);
    let server = await startServer(dir);
    const { db, close } = await connect(dir);
    const wave = await openWave(db, 'Kill');
    await close();
    const acknowledged: string[] = [];
    let attempts = 0;
    let refused = 0;
    let serverErrors = 0;
    let current: Server = server;
    let stop = false;
    // Four respondents at a time, each filling in and sending, until the kills are done.
    const loop = async (worker: number) => {
      for (let i = 0; !stop; i++) {
        const marker = `marker-${worker}-${i}`;
        const browser = new Browser(current.base);
        attempts++;
        try {
          await fillIn(browser, wave.token, wave.teamId, marker);
          const form = await sendForm(browser, wave.token);
          const sent = await browser.post(`/v/${wave.token}/verzenden`, form);
          if (sent.status === 303 && sent.location?.endsWith('/bedankt')) acknowledged.push(marker);
          else if (sent.status >= 500 && sent.status !== 503) serverErrors++;
        } catch (error) {
          // Connection refused or reset while the server is down: not acknowledged.
          if (error instanceof StatusError && error.status >= 500 && error.status !== 503) serverErrors++;
          refused++;
          await sleep(300);
        }
      }
    };
    const port = server.port;
    const workers = [0, 1, 2, 3].map(loop);
    const restarts: number[] = [];
    for (let kill = 0; kill < 5; kill++) {
      // Up long enough for sends to be under way: two more acknowledged, or 4 s.
      const before = acknowledged.length;
      const upSince = Date.now();
      while (acknowledged.length < before + 2 && Date.now() - upSince < 4_000) await sleep(50);
      await sleep(Math.random() * 300);
      current.child.kill('SIGKILL');
      await current.exited;
      const started = Date.now();
      current = await startServer(dir, { port });
      restarts.push(Date.now() - started);
    }
    await sleep(1_500);
    stop = true;
    await Promise.all(workers);
    server = current;
    const stored = await completeWithMarker(dir, wave.waveId);
    const lost = acknowledged.filter((m) => !stored.has(m));
    const duplicates = [...stored.values()].filter((n) => n > 1).length;
    const exit = await stopServer(server, 'SIGTERM');
    const left = describePostgres(dir);
    report(
      `SIGKILL x5: ${attempts} respondents, ${acknowledged.length} acknowledged, ${stored.size} complete stored, ` +
        `${lost.length} lost, ${duplicates} duplicated, ${refused} refused while down, ${serverErrors} 5xx (not 503); ` +
        `restart after kill (orphaned postgres stopped first) ${restarts.map((ms) => (ms / 1000).toFixed(1)).join('/')} s; ` +
        `final SIGTERM exit ${exit.code}, postgres left: ${postgresOf(dir).length}`,
    );
    expect(acknowledged.length).toBeGreaterThan(0);
    expect(lost).toEqual([]);
    expect(duplicates).toBe(0);
    expect(serverErrors).toBe(0);
    expect(exit.code).toBe(0);
    expect(left).toBe('');
  }, 240_000);

  it('SIGINT to the process group with 20 sends in flight: each acknowledged and stored, or refused and kept; no 500', async () => {
    const dir = await dataFolder();
    folders.push(dir);
    const server = await startServer(dir);
    const { db, close } = await connect(dir);
    const wave = await openWave(db, 'Ctrl+C');
    await close();
    const ready = await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        const browser = new Browser(server.base);
        await fillIn(browser, wave.token, wave.teamId, `marker-int-${i}`);
        return { browser, marker: `marker-int-${i}`, form: await sendForm(browser, wave.token) };
      }),
    );
    const sends = ready.map(({ browser, form, marker }) =>
      browser.post(`/v/${wave.token}/verzenden`, form).then(
        (r) => ({ marker, status: r.status, location: r.location }),
        () => ({ marker, status: 0, location: null }),
      ),
    );
    // Ctrl+C in the terminal: the whole process group, while the sends are in flight.
    await sleep(5);
    process.kill(-server.child.pid!, 'SIGINT');
    const results = await Promise.all(sends);
    const exit = await server.exited;
    const left = describePostgres(dir);
    if (exit.code !== 0) console.log(server.output());
    // Look at what was stored, with the server started again.
    const again = await startServer(dir);
    const stored = await completeWithMarker(dir, wave.waveId);
    const { db: db2, close: close2 } = await connect(dir);
    const partials = await db2
      .selectFrom('response')
      .select('id')
      .where('wave_id', '=', wave.waveId)
      .where('status', '=', 'partial')
      .execute();
    await close2();
    await stopServer(again);
    const acked = results.filter((r) => r.status === 303);
    const notAcked = results.filter((r) => r.status !== 303);
    report(
      `SIGINT to the group, 20 sends in flight: statuses ${JSON.stringify(countBy(results.map((r) => r.status)))} ` +
        `(0 = connection refused); ${stored.size} complete + ${partials.length} partial kept; exit ${exit.code}; postgres left ${left ? 'yes' : 'none'}`,
    );
    expect(results.some((r) => r.status >= 500 && r.status !== 503)).toBe(false);
    for (const r of acked) expect(stored.get(r.marker), r.marker).toBe(1);
    // Not acknowledged: still there, complete (committed as the answer was lost) or partial.
    expect(stored.size + partials.length).toBe(20);
    expect(notAcked.length + acked.length).toBe(20);
    expect(exit.code).toBe(0);
    expect(left).toBe('');
  }, 180_000);

  it('a dead postmaster is noticed and restarted; respondents meanwhile get the friendly 503', async () => {
    const dir = await dataFolder();
    folders.push(dir);
    const server = await startServer(dir);
    try {
      const { db, close } = await connect(dir);
      const wave = await openWave(db, 'Dood');
      await close();
      const browser = new Browser(server.base);
      await fillIn(browser, wave.token, wave.teamId, 'marker-dead');
      const form = await sendForm(browser, wave.token);
      const [postmaster] = postgresOf(dir).filter((p) => !postgresOf(dir).includes(parentOf(p)));
      const killed = Date.now();
      process.kill(postmaster!, 'SIGKILL');
      let noticedMs: number | undefined;
      let recoveredMs: number | undefined;
      let friendly = false;
      while (Date.now() - killed < 60_000) {
        const health = await fetch(`${server.base}/healthz`).then(
          (r) => r.status,
          () => 0,
        );
        if (health === 503 && noticedMs === undefined) {
          noticedMs = Date.now() - killed;
          const page = await browser.post(`/v/${wave.token}/verzenden`, form);
          friendly =
            page.status === 503 &&
            page.body.includes('Probeer het over een minuut opnieuw') &&
            page.body.includes(`value="${form.r}"`);
        }
        if (health === 200 && noticedMs !== undefined) {
          recoveredMs = Date.now() - killed;
          break;
        }
        await sleep(50);
      }
      const sent = await browser.post(`/v/${wave.token}/verzenden`, form);
      report(
        `postmaster SIGKILL: /healthz 503 after ${noticedMs} ms, 200 again after ${recoveredMs} ms; friendly 503 page kept the form: ${friendly}; send after recovery: ${sent.status}`,
      );
      expect(noticedMs).toBeDefined();
      expect(recoveredMs).toBeLessThan(30_000);
      expect(friendly).toBe(true);
      expect(sent.status).toBe(303);
    } finally {
      await stopServer(server);
      expect(describePostgres(dir)).toBe('');
    }
  }, 120_000);

  it('a second instance refuses with one line; a stale postmaster.pid does not block; npm run backup works while serving', async () => {
    const dir = await dataFolder();
    folders.push(dir);
    const first = await startServer(dir);
    try {
      let out = '';
      let status = 0;
      try {
        execFileSync(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
          cwd: ROOT,
          env: { ...process.env, DATA_DIR: dir, PORT: '0', DATABASE_URL: '', LOG_LEVEL: 'warn' },
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'pipe'],
        });
      } catch (error) {
        const e = error as { status: number; stderr: string };
        status = e.status;
        out = e.stderr;
      }
      expect(status).toBe(1);
      expect(out.trim().split('\n')).toEqual([
        expect.stringMatching(/^wijkmeter start niet: de datamap .* is in gebruik door een andere wijkmeter \(pid \d+\)/),
      ]);

      const file = path.join(dir, 'while-serving.backup.gz');
      const backup = execFileSync(process.execPath, ['--import', 'tsx', 'server/cli/backup.ts', file], {
        cwd: ROOT,
        env: { ...process.env, DATA_DIR: dir, DATABASE_URL: '' },
        encoding: 'utf8',
      });
      expect(backup).toContain('Back-up geschreven');
      expect((await fetch(`${first.base}/healthz`)).status).toBe(200);
    } finally {
      await stopServer(first);
    }
    // After a reboot the pid in postmaster.pid belongs to someone else (here: pid 1).
    await writeFile(
      path.join(dir, 'postgres', 'postmaster.pid'),
      `1\n${path.join(dir, 'postgres')}\n1700000000\n5432\n\n127.0.0.1\n  1234 5678\nready\n`,
    );
    const second = await startServer(dir);
    expect((await fetch(`${second.base}/readyz`)).status).toBe(200);
    await stopServer(second);
    report('second instance: refused with one line; stale postmaster.pid (pid 1): started; backup while serving: ok');
  }, 180_000);
});

function parentOf(pid: number): number {
  return Number(execFileSync('ps', ['-o', 'ppid=', '-p', String(pid)], { encoding: 'utf8' }).trim());
}

function countBy(values: number[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return out;
}
