/**
 * Builds the Fastify app without starting it (tests use `app.inject`). Registration
 * order: infrastructure, then domain, then routes.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { availableParallelism } from 'node:os';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { TConfig } from './config.ts';
import { countRespondentRequests, logController, loggerOptions } from './logger.ts';
import auth from './plugins/auth.ts';
import mail from './plugins/mail.ts';
import database from './plugins/database.ts';
import errorHandler from './plugins/error-handler.ts';
import api from './routes/api/index.ts';
import health from './routes/health.ts';
import home from './routes/home.ts';
import login from './routes/login.ts';
import survey from './routes/survey/index.ts';
import workspace from './routes/workspace/index.ts';
import security from './plugins/security.ts';
import staticFiles from './plugins/static.ts';
import workers from './plugins/workers.ts';

declare module 'fastify' {
  interface FastifyInstance {
    config: TConfig;
  }
}

export interface BuildOptions {
  config: TConfig;
  /** The database to use; the caller decides (DATABASE_URL, embedded, or a test database). */
  databaseUrl: string;
  /** Overrides the logger (tests pass a stream to inspect what is logged). */
  logger?: FastifyServerOptions['logger'];
}

export async function buildApp(options: BuildOptions): Promise<FastifyInstance> {
  const { config } = options;
  const app = Fastify({
    logger: options.logger ?? loggerOptions(config),
    logController: logController(config),
    genReqId: () => randomUUID(),
    trustProxy: config.TRUST_PROXY,
    bodyLimit: 256 * 1024,
    requestTimeout: 30_000,
    connectionTimeout: 60_000,
    return503OnClosing: true,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('config', config);
  countRespondentRequests(app);

  // Infrastructure
  await app.register(errorHandler);
  await app.register(database, { connectionString: options.databaseUrl });
  // main.ts always provides one; a throwaway secret only serves ad-hoc test apps.
  const secret = config.SESSION_SECRET ?? randomBytes(32).toString('base64url');
  const secureCookies = config.NODE_ENV === 'production' || (config.PUBLIC_URL ?? '').startsWith('https:');
  await app.register(security, { secret, secureCookies, requestsPerMinute: config.RATE_LIMIT_PER_MINUTE });
  await app.register(staticFiles);
  await app.register(workers, {
    threads: config.WORKER_THREADS ?? Math.max(1, availableParallelism()),
    queue: config.WORKER_QUEUE,
  });
  await app.register(auth, { secret, secureCookies });
  await app.register(mail);

  // Routes
  await app.register(health);
  await app.register(home);
  await app.register(login);
  await app.register(api, { prefix: '/api' });
  await app.register(workspace, { prefix: '/werkruimte' });
  await app.register(survey);

  return app;
}
