/**
 * Setup for the tools that need a raw pg pool (COPY streams): configuration, the
 * database (DATABASE_URL or the embedded one — a running server's when there is one),
 * and one clear line on failure.
 */
import pg from 'pg';
import { ConfigError, loadConfig, type TConfig } from '../config.ts';
import { BackupError } from '../db/backup.ts';
import { DataFolderInUseError, startEmbeddedPostgres } from '../db/embedded.ts';
import { pgTypes } from '../db/pg-types.ts';
import { UsageError } from './context.ts';

export async function withPool(work: (ctx: { config: TConfig; pool: pg.Pool }) => Promise<void>): Promise<void> {
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
  let embedded;
  try {
    embedded = config.DATABASE_URL ? undefined : await startEmbeddedPostgres({ dataDir: config.DATA_DIR });
  } catch (error) {
    if (error instanceof DataFolderInUseError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const pool = new pg.Pool({ connectionString: config.DATABASE_URL ?? embedded!.url, max: 2, types: pgTypes });
  try {
    await work({ config, pool });
  } catch (error) {
    process.exitCode = 1;
    if (error instanceof BackupError || error instanceof UsageError) console.error(error.message);
    else console.error(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
  } finally {
    await pool.end();
    await embedded?.stop();
  }
}
