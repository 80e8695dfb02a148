/**
 * Shared pieces of workspace forms: zod schemas whose messages are catalogue keys (see
 * views/workspace/components.ts for the pattern), the return path after login, and the
 * public base URL for links in e-mails.
 */
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { PASSWORD_MAX, PASSWORD_MIN } from '../../auth/passwords.ts';
import { publicBaseUrl } from '../../config.ts';
import { ROLES } from '../../services/users.ts';

export const ZNewPassword = z
  .object({
    password: z.string().min(PASSWORD_MIN, 'errPasswordShort').max(PASSWORD_MAX, 'errPasswordLong'),
    repeat: z.string(),
  })
  .refine((v) => v.password === v.repeat, { path: ['repeat'], message: 'errPasswordMismatch' });

export const ZEmail = z.string('errRequired').trim().min(1, 'errRequired').max(320, 'errEmail').pipe(z.email('errEmail'));
export const ZDisplayName = z.string('errRequired').trim().max(120, 'errNameTooLong').default('');
export const ZRole = z.enum(ROLES, 'errRole');

/** Checkbox values arrive as one string or a list; ids must be whole numbers. */
export const ZIdList = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
  .pipe(
    z
      .array(
        z
          .string()
          .regex(/^\d{1,9}$/, 'errProgramme')
          .transform(Number),
      )
      .max(500, 'errProgramme'),
  );

/**
 * Where to go after login: only a path on this site. "//evil.example" and "/\evil" are
 * protocol-relative URLs to another site in browsers, so they are refused.
 */
export function safeReturnPath(value: string | undefined): string | undefined {
  if (!value || value.length > 500) return undefined;
  if (!/^\/(?![/\\])[\x21-\x7e]*$/.test(value)) return undefined;
  return value;
}

/**
 * The base URL of every link we hand out (respondents' links, one-time links in e-mails):
 * PUBLIC_URL, else — only in development, production requires PUBLIC_URL — the address
 * this request came to, so links work on whatever port a developer or test listens on.
 */
export function publicBase(request: FastifyRequest): string {
  const { config } = request.server;
  return config.PUBLIC_URL ? publicBaseUrl(config) : `${request.protocol}://${request.host}`;
}
