/**
 * `npm run migrate`: brings the database to the latest schema and exits. Uses
 * DATABASE_URL, or the embedded Postgres under DATA_DIR when it is unset. `--lang en`
 * for English messages.
 */
import { migrateToLatest } from '../db/migrate.ts';
import { cliLanguage, withDatabase } from './context.ts';
import { cliMessages } from './messages.ts';

const t = cliMessages(cliLanguage());

await withDatabase(async ({ db }) => {
  const results = await migrateToLatest(db);
  if (results.length === 0) console.log(t.upToDate);
  for (const r of results)
    console.log(r.status === 'Success' ? t.migrationApplied(r.migrationName) : t.migrationStatus(r.status, r.migrationName));
});
