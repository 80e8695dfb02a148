/**
 * Shared setup for command-line tools: configuration, the database (DATABASE_URL or the
 * embedded one), a pool owned by this function, and one clear line on failure.
 */
import pg from 'pg';
import type { TLanguage } from '../../survey-definitions/schema.ts';
import { ConfigError, loadConfig, type TConfig } from '../config.ts';
import { startEmbeddedPostgres } from '../db/embedded.ts';
import { kyselyOn, type DB } from '../db/kysely.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { pgTypes } from '../db/pg-types.ts';
import { AppError } from '../errors.ts';

export interface CliContext {
  config: TConfig;
  db: DB;
}

export async function withDatabase(work: (ctx: CliContext) => Promise<void>, options: { migrate?: boolean } = {}): Promise<void> {
  let config: TConfig;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const embedded = config.DATABASE_URL ? undefined : await startEmbeddedPostgres({ dataDir: config.DATA_DIR });
  const pool = new pg.Pool({ connectionString: config.DATABASE_URL ?? embedded!.url, max: 4, types: pgTypes });
  const db = kyselyOn(pool);
  try {
    if (options.migrate) await migrateToLatest(db);
    await work({ config, db });
  } catch (error) {
    process.exitCode = 1;
    if (error instanceof AppError || error instanceof UsageError) console.error(error.message);
    else console.error(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
  } finally {
    await pool.end();
    await embedded?.stop();
  }
}

/**
 * The language of a tool's messages: `--lang en` (or `--lang=en`) anywhere on the command
 * line, Dutch otherwise. Read before the tool parses its options, so that even a usage
 * error is worded in the chosen language.
 */
export function cliLanguage(args: readonly string[] = process.argv.slice(2)): TLanguage {
  for (let i = 0; i < args.length; i++) {
    const value =
      args[i] === '--lang' ? args[i + 1] : args[i]!.startsWith('--lang=') ? args[i]!.slice('--lang='.length) : undefined;
    if (value === 'en') return 'en';
  }
  return 'nl';
}

/** A wrong command line: printed as is, no stack. */
export class UsageError extends Error {
  override name = 'UsageError';
}
