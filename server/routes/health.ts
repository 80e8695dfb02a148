/**
 * /healthz: the process answers and reaches its database (503 when it does not, so that a
 * dead database is seen — the embedded one is restarted by main.ts meanwhile).
 * /readyz: the database answers and its schema is current; 503 otherwise, so an
 * orchestrator keeps traffic away until migrations have run.
 */
import { sql } from 'kysely';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { pendingMigrations } from '../db/migrate.ts';

const ZHealth = z.object({ status: z.enum(['ok', 'unavailable']), database: z.enum(['ok', 'unreachable']) });
const ZReady = z.object({
  status: z.enum(['ready', 'unavailable']),
  database: z.enum(['ok', 'unreachable']),
  pendingMigrations: z.array(z.string()),
});

const health: FastifyPluginAsyncZod = async (app) => {
  app.get('/healthz', { schema: { response: { 200: ZHealth, 503: ZHealth } } }, async (_request, reply) => {
    try {
      // A short deadline: a health check must answer even when the pool is stuck.
      await Promise.race([
        sql`SELECT 1`.execute(app.db),
        new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 2_000).unref()),
      ]);
      return { status: 'ok' as const, database: 'ok' as const };
    } catch {
      return reply.status(503).send({ status: 'unavailable', database: 'unreachable' });
    }
  });

  app.get('/readyz', { schema: { response: { 200: ZReady, 503: ZReady } } }, async (request, reply) => {
    try {
      await sql`SELECT 1`.execute(app.db);
      const pending = await pendingMigrations(app.db);
      const ready = pending.length === 0;
      return reply
        .status(ready ? 200 : 503)
        .send({ status: ready ? 'ready' : 'unavailable', database: 'ok', pendingMigrations: pending });
    } catch (error) {
      request.log.warn({ err: error }, 'readiness check failed');
      return reply.status(503).send({ status: 'unavailable', database: 'unreachable', pendingMigrations: [] });
    }
  });
};

export default health;
