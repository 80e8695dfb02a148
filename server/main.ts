/**
 * Entry point of `npm start`: validate configuration, find or start the database,
 * migrate, publish the questionnaire definitions, listen, and close gracefully.
 */
import closeWithGrace from 'close-with-grace';
import { buildApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { DataFolderInUseError, startEmbeddedPostgres, type EmbeddedDatabase } from './db/embedded.ts';
import { migrateToLatest } from './db/migrate.ts';
import { AppError } from './errors.ts';
import { serverSecret } from './secrets.ts';
import { prepareClosedWaves } from './services/closed-wave-codes.ts';
import { publishAll } from './services/definitions.ts';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
    config = { ...config, SESSION_SECRET: await serverSecret(config) };
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }

  let embedded: EmbeddedDatabase | undefined;
  let databaseUrl = config.DATABASE_URL;
  if (!databaseUrl) {
    console.log(`Starting the embedded PostgreSQL in ${config.DATA_DIR}/postgres …`);
    try {
      embedded = await startEmbeddedPostgres({ dataDir: config.DATA_DIR, role: 'server', onLog: (line) => console.error(line) });
    } catch (error) {
      if (!(error instanceof DataFolderInUseError)) throw error;
      console.error(`wijkmeter start niet: ${error.message}`);
      process.exit(1);
    }
    databaseUrl = embedded.url;
  }

  const app = await buildApp({ config, databaseUrl }).catch(async (error: unknown) => {
    await embedded?.stop();
    throw error;
  });

  // One shutdown path for signals, uncaught errors and failed starts: in-flight requests
  // finish, the pool closes (in app.close), then the embedded Postgres stops.
  // Postgres runs in its own session (db/embedded.ts), so Ctrl+C to the terminal's process
  // group reaches only us: it stops last, after the requests in flight were answered.
  let closing = false;
  const closeListeners = closeWithGrace({ delay: 10_000 }, async ({ signal, err }) => {
    closing = true;
    if (err) app.log.error({ err }, 'shutting down after an error');
    else app.log.info({ signal }, 'shutting down');
    // A keep-alive connection whose request was still running when the close began goes
    // idle later; Node closes only the connections idle at that moment, so sweep again
    // until the close is done (else it waits for the keep-alive timeout).
    const sweep = setInterval(() => app.server.closeIdleConnections(), 100);
    await app.close();
    clearInterval(sweep);
    await embedded?.stop();
  });
  app.addHook('onClose', async () => closeListeners.uninstall());
  const preparation = closedWavePreparation(app);

  // Supervision: a postmaster that dies is started again on the same port (the pool's
  // connections fail meanwhile and respondents get the "try again in a minute" page). When
  // it cannot be started again, we exit non-zero so that our own supervisor restarts us.
  embedded?.onUnexpectedExit(() => {
    if (closing) return;
    void (async () => {
      const since = Date.now();
      for (let attempt = 1; attempt <= 10 && !closing; attempt++) {
        try {
          await embedded!.restart();
          app.log.warn({ attempt, ms: Date.now() - since }, 'embedded PostgreSQL restarted');
          return;
        } catch (error) {
          app.log.error({ err: error, attempt }, 'embedded PostgreSQL did not restart');
          await new Promise((r) => setTimeout(r, Math.min(attempt, 5) * 1000));
        }
      }
      if (closing) return;
      app.log.fatal('embedded PostgreSQL cannot be restarted; exiting');
      closing = true;
      closeListeners.uninstall();
      await app.close().catch(() => undefined);
      await embedded!.stop().catch(() => undefined);
      process.exit(1);
    })();
  });

  try {
    await migrateToLatest(app.db);
    const published = await publishAll(app.db);
    for (const p of published) app.log.info({ version: p.key, status: p.status }, 'questionnaire version');
    const address = await app.listen({ port: config.PORT, host: config.HOST });
    preparation.start();
    const shown = address.replace('://127.0.0.1', '://localhost');
    console.log(`\nwijkmeter draait op ${shown}  (stoppen: Ctrl+C)\n`);
  } catch (error) {
    // A refused publication or a port in use is the operator's to fix: say it plainly.
    if (error instanceof AppError || (error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      console.error(`wijkmeter start niet: ${(error as Error).message}`);
    } else {
      app.log.error({ err: error }, 'start failed');
    }
    await app.close();
    await embedded?.stop();
    process.exitCode = 1;
  }
}

await main();

/**
 * Closed waves' codes made ahead (services/closed-wave-codes.ts): a minute after the start
 * (out of the way of the start itself), then every 15 minutes (a wave closes at midnight or when closed early). One run at a
 * time; the close waits for a run under way, so no query outlives the pool.
 */
function closedWavePreparation(app: Awaited<ReturnType<typeof buildApp>>): { start(): void } {
  let running: Promise<void> = Promise.resolve();
  let stopped = false;
  const timers: NodeJS.Timeout[] = [];
  const run = () => {
    if (stopped) return;
    running = running
      .then(() => prepareClosedWaves(app.db))
      .then((r) => {
        if (r.made > 0) app.log.info(r, 'codes of closed waves made ahead');
      })
      .catch((error: unknown) => app.log.warn({ err: error }, 'codes of closed waves not made ahead'));
  };
  app.addHook('onClose', async () => {
    stopped = true;
    for (const timer of timers) clearTimeout(timer);
    await running;
  });
  return {
    start() {
      timers.push(setTimeout(run, 60_000).unref(), setInterval(run, 15 * 60_000).unref());
    },
  };
}
