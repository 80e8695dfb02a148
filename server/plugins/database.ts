/**
 * The database: @fastify/postgres owns the pg pool (and ends it when the app closes);
 * Kysely is built on that same pool. Nothing else creates or ends a pool in the server.
 */
import fastifyPostgres from '@fastify/postgres';
import fp from 'fastify-plugin';
import { kyselyOn, type DB } from '../db/kysely.ts';
import { pgTypes } from '../db/pg-types.ts';

declare module 'fastify' {
  interface FastifyInstance {
    db: DB;
  }
}

export interface DatabasePluginOptions {
  connectionString: string;
  max?: number;
}

export default fp<DatabasePluginOptions>(
  async (app, options) => {
    await app.register(fastifyPostgres, {
      connectionString: options.connectionString,
      max: options.max ?? 10,
      types: pgTypes,
      // A slow query must not hold a respondent's request forever.
      statement_timeout: 15_000,
      connectionTimeoutMillis: 5_000,
    });
    // A broken idle client must not crash the process; the pool replaces it.
    app.pg.pool.on('error', (error) => app.log.error({ err: error }, 'idle database client failed'));
    // Nor a client that is checked out between two statements when the server goes away
    // (a dead postmaster): pg emits 'error' on the client itself then, and the pool listens
    // only to idle ones. The statement under way fails on its own and the caller sees it.
    app.pg.pool.on('connect', (client) => {
      client.on('error', (error) => app.log.warn({ err: error }, 'database connection lost'));
    });
    app.decorate('db', kyselyOn(app.pg.pool));
  },
  { name: 'database' },
);
