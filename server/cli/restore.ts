/**
 * `npm run restore -- <file>`: loads a backup made by `npm run backup` into an empty
 * database (DATABASE_URL, or the embedded Postgres under DATA_DIR — start with a fresh
 * DATA_DIR, or a new database). Refuses a database that already holds data. Stop the
 * server first; start it again afterwards.
 */
import path from 'node:path';
import { restoreDatabase } from '../db/backup.ts';
import { UsageError } from './context.ts';
import { withPool } from './pool-context.ts';

await withPool(async ({ pool }) => {
  const file = process.argv[2];
  if (!file) throw new UsageError('Gebruik: npm run restore -- <back-upbestand>');
  const manifest = await restoreDatabase(pool, path.resolve(file));
  const count = (name: string) => manifest.tables.find((t) => t.name === name)?.rows ?? 0;
  console.log(`Hersteld uit ${file} (back-up van ${manifest.createdOn}):`);
  console.log(
    `  ${count('response')} responses, ${count('answer')} antwoorden, ${count('wave')} metingen, ${count('app_user')} gebruikers`,
  );
});
