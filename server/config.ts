/**
 * Configuration from environment variables, validated once at start. A wrong value stops
 * the start with one line that names the variable and what is expected.
 */
import { z } from 'zod';

const ZBool = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => v === 'true' || v === '1' || v === 'yes');

export const ZConfig = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce
      .number({ error: 'expected a port number between 0 and 65535' })
      .int('expected a whole port number')
      .min(0, 'expected a port number between 0 and 65535')
      .max(65535, 'expected a port number between 0 and 65535')
      .default(3000),
    HOST: z.string().min(1, 'expected a host name or address, e.g. 127.0.0.1').default('127.0.0.1'),
    /** Postgres connection string. Unset: an embedded Postgres is started under DATA_DIR. */
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'expected a connection string like postgres://user:password@host:5432/db')
      .optional(),
    /** Where the embedded Postgres and generated secrets live. */
    DATA_DIR: z.string().min(1).default('./data'),
    /** Signs cookies and derives link tokens. Unset in development: generated once under DATA_DIR. */
    SESSION_SECRET: z.string().min(32, 'expected at least 32 characters of random text').optional(),
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
        error: 'expected one of fatal, error, warn, info, debug, trace, silent',
      })
      .default('info'),
    /** Public base URL used in the links printed for respondents. */
    PUBLIC_URL: z.url({ error: 'expected an absolute URL such as https://wijkmeter.example.nl' }).optional(),
    /** Requests per minute from one address before 429 (an office of 25 shares one address). */
    RATE_LIMIT_PER_MINUTE: z.coerce
      .number({ error: 'expected a whole number of requests per minute' })
      .int('expected a whole number of requests per minute')
      .min(60, 'expected at least 60 requests per minute')
      .default(1200),
    /** Worker threads for heavy work (analyses, charts, PDFs, exports); default one per core; they run at a lower priority than the event loop. */
    WORKER_THREADS: z.coerce.number({ error: 'expected a whole number of threads' }).int().min(1).max(64).optional(),
    /** Heavy tasks that may wait for a thread before new ones get "bezig" (503). */
    WORKER_QUEUE: z.coerce.number({ error: 'expected a whole number of tasks' }).int().min(0).max(10_000).default(32),
    /** Outgoing mail for invitations and password links, e.g. smtp://user:pass@mail.example.nl:587. Unset: links are shown to the admin. */
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\//, 'expected an SMTP URL such as smtp://user:password@mail.example.nl:587')
      .optional(),
    /** Sender of those e-mails. */
    MAIL_FROM: z.string().min(3, 'expected a sender such as "wijkmeter <noreply@example.nl>"').optional(),
    /** Minutes without a request after which a workspace session ends. */
    SESSION_IDLE_MINUTES: z.coerce
      .number({ error: 'expected a whole number of minutes' })
      .int()
      .min(5)
      .max(24 * 60)
      .default(120),
    /** Hours after login after which a workspace session ends, however active. */
    SESSION_MAX_HOURS: z.coerce
      .number({ error: 'expected a whole number of hours' })
      .int()
      .min(1)
      .max(7 * 24)
      .default(12),
    /** Behind a reverse proxy: trust X-Forwarded-* for the rate limiter and secure cookies. */
    TRUST_PROXY: ZBool.default(false),
  })
  .superRefine((config, ctx) => {
    // Links are built from configuration only, never from the request's Host header (which
    // whoever sends the request chooses): in production there must be one to build from.
    if (config.NODE_ENV === 'production' && !config.PUBLIC_URL) {
      ctx.addIssue({
        code: 'custom',
        path: ['PUBLIC_URL'],
        message: 'required when NODE_ENV=production (the public address respondents use, e.g. https://wijkmeter.example.nl)',
      });
    }
  });
export type TConfig = z.infer<typeof ZConfig>;

/** The base of every link we print or show: PUBLIC_URL, or in development our own address. */
export function publicBaseUrl(config: Pick<TConfig, 'PUBLIC_URL' | 'HOST' | 'PORT'>): string {
  if (config.PUBLIC_URL) return config.PUBLIC_URL.replace(/\/+$/, '');
  const host = config.HOST === '0.0.0.0' || config.HOST === '::' || config.HOST === '127.0.0.1' ? 'localhost' : config.HOST;
  return `http://${host}:${config.PORT}`;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses the environment; throws a ConfigError with one line per wrong variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): TConfig {
  // An empty variable means "not set": shells and compose files often leave them empty.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = ZConfig.safeParse(cleaned);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((issue) => {
    const name = String(issue.path[0] ?? 'environment');
    const given = env[name];
    return `Invalid ${name}${given === undefined ? '' : `=${JSON.stringify(given)}`}: ${issue.message}`;
  });
  throw new ConfigError(lines.join('\n'));
}
