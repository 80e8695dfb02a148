/**
 * The real entry point as a user runs it: `tsx server/main.ts` on an embedded Postgres in
 * a temporary DATA_DIR. Checks readiness, persistence across a restart, and that SIGTERM
 * leaves no postgres process behind.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { freePort } from '../../server/db/embedded.ts';

const root = path.resolve(import.meta.dirname, '../..');

function postgresProcessesFor(dataDir: string): string[] {
  const out = execFileSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' });
  return out.split('\n').filter((line) => line.includes(path.join(dataDir, 'postgres')) && !line.includes('ps -eo'));
}

async function startServer(dataDir: string, port: number): Promise<{ child: ChildProcess; output: () => string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: root,
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), DATABASE_URL: '', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (c) => (output += c));
  child.stderr!.on('data', (c) => (output += c));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output}`);
    const ok = await fetch(`http://127.0.0.1:${port}/readyz`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) return { child, output: () => output };
    if (Date.now() > deadline) throw new Error(`not ready within 60 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** The embedded cluster's port, from line 4 of its postmaster.pid. */
async function clusterPort(dataDir: string): Promise<number> {
  return Number((await readFile(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8')).split('\n')[3]);
}

function stop(child: ChildProcess, signal: NodeJS.Signals): Promise<number | null> {
  return new Promise((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.kill(signal);
  });
}

describe('npm start on an embedded Postgres', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it('becomes ready, keeps its data across a restart, and SIGTERM leaves no postgres process', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'wijkmeter-main-'));
    dirs.push(dataDir);
    const port = await freePort();

    const first = await startServer(dataDir, port);
    expect(first.output()).toContain(`http://localhost:${port}`);
    expect(postgresProcessesFor(dataDir).length).toBeGreaterThan(0);
    // Write something through the database the server uses.
    const credentials = JSON.parse(await readFile(path.join(dataDir, 'postgres-credentials.json'), 'utf8')) as {
      user: string;
      password: string;
    };
    const client = new pg.Client({ host: '127.0.0.1', port: await clusterPort(dataDir), database: 'wijkmeter', ...credentials });
    await client.connect();
    await client.query(`INSERT INTO programme (name) VALUES ('Blijft bewaard')`);
    await client.end();

    expect(await stop(first.child, 'SIGTERM')).toBe(0);
    expect(postgresProcessesFor(dataDir)).toEqual([]);

    const second = await startServer(dataDir, port);
    const client2 = new pg.Client({ host: '127.0.0.1', port: await clusterPort(dataDir), database: 'wijkmeter', ...credentials });
    await client2.connect();
    const rows = await client2.query(`SELECT name FROM programme`);
    await client2.end();
    expect(rows.rows).toEqual([{ name: 'Blijft bewaard' }]);

    expect(await stop(second.child, 'SIGINT')).toBe(0);
    expect(postgresProcessesFor(dataDir)).toEqual([]);
  }, 120_000);

  it('stops with one clear line on PORT=abc', () => {
    let stderr = '';
    let status: number | null = 0;
    try {
      execFileSync(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
        cwd: root,
        env: { ...process.env, PORT: 'abc' },
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    } catch (error) {
      const e = error as { status: number; stderr: string };
      status = e.status;
      stderr = e.stderr;
    }
    expect(status).toBe(1);
    expect(stderr.trim()).toBe('Invalid PORT="abc": expected a port number between 0 and 65535');
  });
});
