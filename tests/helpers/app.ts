/**
 * Builds the real app on a fresh test database (no port opened: use `app.inject`).
 */
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/app.ts';
import { loadConfig, type TConfig } from '../../server/config.ts';
import { publishAll } from '../../server/services/definitions.ts';
import { createTestDatabase, type TestDatabase } from './database.ts';

export interface TestApp {
  app: FastifyInstance;
  database: TestDatabase;
  /** Every line the app logged, as parsed JSON: for assertions on what logs contain. */
  logLines: () => Record<string, unknown>[];
  rawLog: () => string;
  close(): Promise<void>;
}

export async function buildTestApp(
  options: {
    publish?: boolean;
    env?: Record<string, string>;
    /** Extra routes for a test, added before the app is ready. */
    extend?: (app: FastifyInstance) => void | Promise<void>;
  } = {},
): Promise<TestApp> {
  const database = await createTestDatabase();
  const config: TConfig = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    SESSION_SECRET: 'test-secret-test-secret-test-secret-0123456789',
    // One thread per test app: test files run side by side, and each app's threads start eagerly.
    WORKER_THREADS: '1',
    ...options.env,
  });
  let raw = '';
  const stream = new Writable({
    write(chunk, _enc, done) {
      raw += chunk.toString();
      done();
    },
  });
  const { loggerOptions } = await import('../../server/logger.ts');
  const logger = { ...(loggerOptions(config) as object), stream };
  const app = await buildApp({ config, databaseUrl: database.url, logger });
  await options.extend?.(app);
  if (options.publish ?? true) await publishAll(app.db);
  await app.ready();
  return {
    app,
    database,
    rawLog: () => raw,
    logLines: () =>
      raw
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, unknown>),
    async close() {
      await app.close();
      await database.drop();
    },
  };
}
