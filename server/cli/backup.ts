/**
 * `npm run backup [-- <file>]`: a consistent backup of the whole database into one file
 * (db/backup.ts), also while the server runs. Uses DATABASE_URL, or the embedded
 * Postgres under DATA_DIR (the running server's, when there is one). Without a file name:
 * DATA_DIR/backups/wijkmeter-<date>-<time>.backup.gz.
 *
 * `npm run restore -- <file>`: see cli/restore.ts.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { backupDatabase } from '../db/backup.ts';
import { withPool } from './pool-context.ts';

await withPool(async ({ pool, config }) => {
  const given = process.argv[2];
  let file = given;
  if (!file) {
    const stamp = new Date().toISOString().slice(0, 16).replace(/[:T]/g, '-');
    const dir = path.join(config.DATA_DIR, 'backups');
    await mkdir(dir, { recursive: true, mode: 0o700 });
    file = path.join(dir, `wijkmeter-${stamp}.backup.gz`);
  }
  const manifest = await backupDatabase(pool, path.resolve(file));
  const rows = manifest.tables.reduce((sum, t) => sum + t.rows, 0);
  const count = (name: string) => manifest.tables.find((t) => t.name === name)?.rows ?? 0;
  console.log(`Back-up geschreven: ${file}`);
  console.log(
    `  ${manifest.tables.length} tabellen, ${rows} rijen (${count('response')} responses, ${count('answer')} antwoorden); schema ${manifest.migration}`,
  );
});
