/**
 * Backup and restore without pg_dump (Debian's pg_dump 15 refuses the embedded PostgreSQL
 * 18, and the npm package ships none): a logical backup written by our own code.
 *
 * One archive file, gzip-compressed:
 *   line 1   `WIJKMETER-BACKUP 1`
 *   line 2   the manifest (JSON): the schema's migration, and per table its columns,
 *            row count and SHA-256 of its data
 *   then per table: `TABLE <name>`, its rows in COPY text format, and `\.`
 * (COPY's text format escapes newlines and backslashes, so no data line can be `\.`.)
 *
 * All tables are read in one REPEATABLE READ, READ ONLY transaction: one consistent
 * snapshot, taken while the server goes on serving. Tables are written in foreign-key
 * order so that a restore can load them one after another. Left out: state that is
 * derived or short-lived (limiter counters, sessions, login failures, data versions,
 * the migration bookkeeping — the restore migrates to the manifest's migration itself).
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { rename } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { PassThrough, Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { Kysely, PostgresDialect } from 'kysely';
import type pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { migrator } from './migrate.ts';

const MAGIC = 'WIJKMETER-BACKUP 1';
const EXCLUDED = new Set([
  'rate_counter',
  'app_session',
  'login_failure',
  'wave_data_version',
  'kysely_migration',
  'kysely_migration_lock',
]);

export interface TBackupTable {
  name: string;
  columns: string[];
  rows: number;
  sha256: string;
}

export interface TBackupManifest {
  format: 'wijkmeter-backup';
  version: 1;
  /** The last migration the backed-up schema had run. */
  migration: string;
  /** The day of the backup (a date is enough to tell backups apart). */
  createdOn: string;
  tables: TBackupTable[];
}

export class BackupError extends Error {
  override name = 'BackupError';
}

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Tables of the public schema, each after the tables it references. */
async function tablesInOrder(client: pg.ClientBase): Promise<{ name: string; columns: string[] }[]> {
  const tables = await client.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND c.relkind = 'r' ORDER BY c.relname`,
  );
  const edges = await client.query<{ child: string; parent: string }>(
    `SELECT c.relname AS child, p.relname AS parent FROM pg_constraint k
     JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class p ON p.oid = k.confrelid
     JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE k.contype = 'f' AND n.nspname = 'public' AND c.oid <> p.oid`,
  );
  const names = tables.rows.map((r) => r.name).filter((n) => !EXCLUDED.has(n));
  const parents = new Map(names.map((n) => [n, new Set<string>()]));
  for (const e of edges.rows) parents.get(e.child)?.add(e.parent);
  const ordered: string[] = [];
  const visit = (name: string, path: Set<string>) => {
    if (ordered.includes(name) || path.has(name)) return;
    path.add(name);
    for (const p of parents.get(name) ?? []) if (parents.has(p)) visit(p, path);
    ordered.push(name);
  };
  for (const n of names) visit(n, new Set());
  const result = [];
  for (const name of ordered) {
    const cols = await client.query<{ name: string }>(
      `SELECT attname AS name FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped
       AND attgenerated = '' ORDER BY attnum`,
      [ident(name)],
    );
    result.push({ name, columns: cols.rows.map((c) => c.name) });
  }
  return result;
}

async function lastMigration(client: pg.ClientBase): Promise<string> {
  const rows = await client
    .query<{ name: string }>('SELECT name FROM kysely_migration ORDER BY name DESC LIMIT 1')
    .catch(() => ({ rows: [] }));
  if (!rows.rows[0]) throw new BackupError('de database heeft nog geen schema (er zijn geen migraties uitgevoerd)');
  return rows.rows[0].name;
}

/** Writes a backup of the database behind `pool` to `file` (atomically: a temporary file, then a rename). */
export async function backupDatabase(pool: pg.Pool, file: string): Promise<TBackupManifest> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const migration = await lastMigration(client);
    const tables = await tablesInOrder(client);
    // Each table's COPY output is kept in memory until the manifest can be written first:
    // a survey's data (a few MB per thousand responses) fits easily.
    const sections: { table: TBackupTable; data: Buffer }[] = [];
    for (const t of tables) {
      const chunks: Buffer[] = [];
      const cols = t.columns.map(ident).join(', ');
      await pipeline(
        client.query(copyTo(`COPY ${ident(t.name)} (${cols}) TO STDOUT`)),
        new Writable({
          write(chunk: Buffer, _enc, done) {
            chunks.push(chunk);
            done();
          },
        }),
      );
      const data = Buffer.concat(chunks);
      const rows = data.length === 0 ? 0 : data.toString('utf8').split('\n').length - 1;
      sections.push({ table: { ...t, rows, sha256: createHash('sha256').update(data).digest('hex') }, data });
    }
    await client.query('COMMIT');
    const manifest: TBackupManifest = {
      format: 'wijkmeter-backup',
      version: 1,
      migration,
      createdOn: new Date().toISOString().slice(0, 10),
      tables: sections.map((s) => s.table),
    };
    const temporary = `${file}.part`;
    const parts: Buffer[] = [Buffer.from(`${MAGIC}\n${JSON.stringify(manifest)}\n`)];
    for (const s of sections) parts.push(Buffer.from(`TABLE ${s.table.name}\n`), s.data, Buffer.from('\\.\n'));
    await pipeline(Readable.from(parts), createGzip(), createWriteStream(temporary, { mode: 0o600 }));
    await rename(temporary, file);
    return manifest;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** Reads the archive's manifest and each table's data, checking every checksum. */
async function readArchive(file: string): Promise<{ manifest: TBackupManifest; data: Map<string, Buffer> }> {
  const lines = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
  let manifest: TBackupManifest | undefined;
  const data = new Map<string, Buffer>();
  let current: { name: string; lines: string[] } | undefined;
  let n = 0;
  for await (const line of lines) {
    n++;
    if (n === 1) {
      if (line !== MAGIC) throw new BackupError(`${file} is geen wijkmeter-back-up`);
      continue;
    }
    if (n === 2) {
      manifest = JSON.parse(line) as TBackupManifest;
      continue;
    }
    if (!current) {
      if (!line.startsWith('TABLE ')) throw new BackupError(`${file} is beschadigd (regel ${n})`);
      current = { name: line.slice(6), lines: [] };
    } else if (line === '\\.') {
      data.set(current.name, Buffer.from(current.lines.map((l) => `${l}\n`).join(''), 'utf8'));
      current = undefined;
    } else current.lines.push(line);
  }
  if (!manifest || current) throw new BackupError(`${file} is onvolledig`);
  for (const t of manifest.tables) {
    const d = data.get(t.name);
    if (!d || createHash('sha256').update(d).digest('hex') !== t.sha256) {
      throw new BackupError(`${file} is beschadigd: de gegevens van tabel ${t.name} kloppen niet met de controlesom`);
    }
  }
  return { manifest, data };
}

/**
 * Restores `file` into the (empty) database behind `pool`: migrates it to the backup's
 * migration, loads every table in one transaction, sets the id sequences past the
 * restored ids, then migrates to the latest schema of this version of wijkmeter.
 */
export async function restoreDatabase(pool: pg.Pool, file: string): Promise<TBackupManifest> {
  const { manifest, data } = await readArchive(file);
  // Like a migration, a restore may meet an older schema than today's types describe.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const db = new Kysely<any>({ dialect: new PostgresDialect({ pool: wrapPool(pool) }) });
  const m = migrator(db);
  const known = (await m.getMigrations()).map((x) => x.name);
  if (!known.includes(manifest.migration)) {
    throw new BackupError(`de back-up komt van een nieuwere wijkmeter (migratie ${manifest.migration}); werk eerst bij`);
  }
  const to = await m.migrateTo(manifest.migration);
  if (to.error) throw new BackupError(`migreren naar ${manifest.migration} mislukte: ${String(to.error)}`);

  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    for (const t of manifest.tables) {
      const existing = await client.query(`SELECT 1 FROM ${ident(t.name)} LIMIT 1`);
      if (existing.rowCount)
        throw new BackupError(`de doeldatabase is niet leeg (tabel ${t.name} heeft rijen); herstel alleen in een lege database`);
    }
    for (const t of manifest.tables) {
      const cols = t.columns.map(ident).join(', ');
      const source = new PassThrough();
      source.end(data.get(t.name));
      await pipeline(source, client.query(copyFrom(`COPY ${ident(t.name)} (${cols}) FROM STDIN`)));
      const count = await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${ident(t.name)}`);
      if (Number(count.rows[0]!.n) !== t.rows)
        throw new BackupError(`tabel ${t.name}: ${count.rows[0]!.n} rijen geladen, ${t.rows} verwacht`);
    }
    // Serial ids continue after the highest restored one.
    const serials = await client.query<{ table_name: string; column_name: string; seq: string }>(
      `SELECT table_name, column_name, pg_get_serial_sequence(quote_ident(table_name), column_name) AS seq
       FROM information_schema.columns WHERE table_schema = 'public' AND column_default LIKE 'nextval(%'`,
    );
    for (const s of serials.rows) {
      if (!s.seq) continue;
      await client.query(
        `SELECT setval($1, coalesce((SELECT max(${ident(s.column_name)}) FROM ${ident(s.table_name)}), 0) + 1, false)`,
        [s.seq],
      );
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
  const latest = await m.migrateToLatest();
  if (latest.error) throw new BackupError(`migreren naar het nieuwste schema mislukte: ${String(latest.error)}`);
  return manifest;
}

/** Kysely ends the pool it is given when destroyed; this pool belongs to the caller. */
function wrapPool(pool: pg.Pool) {
  return { connect: () => pool.connect(), end: async () => undefined } as unknown as pg.Pool;
}
