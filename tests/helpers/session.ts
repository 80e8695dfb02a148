/**
 * A browser without a browser for inject tests: keeps cookies between requests, reads
 * the CSRF token from a page's form, and logs in through the real /inloggen form.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { hashPassword } from '../../server/auth/passwords.ts';
import type { DB } from '../../server/db/kysely.ts';
import { createUser, type TRole } from '../../server/services/users.ts';

export const TEST_PASSWORD = 'correct horse battery staple';

export async function createUserWithPassword(
  db: DB,
  options: { role: TRole; email: string; programmeIds?: readonly number[]; password?: string; displayName?: string },
): Promise<number> {
  const user = await createUser(db, {
    email: options.email,
    role: options.role,
    displayName: options.displayName,
    programmeIds: options.programmeIds ?? [],
    passwordHash: await hashPassword(options.password ?? TEST_PASSWORD),
  });
  return user.id;
}

export function csrfOf(body: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(body);
  if (!match) throw new Error('no CSRF field on the page');
  return match[1]!;
}

export class Client {
  readonly cookies = new Map<string, string>();
  constructor(
    readonly app: FastifyInstance,
    /** The client's address (request.ip), e.g. to play an office behind one address. */
    readonly remoteAddress = '127.0.0.1',
    readonly headers: Record<string, string> = {},
  ) {}

  private remember(res: LightMyRequestResponse): void {
    for (const c of res.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      const gone = c.value === '' || (c.maxAge !== undefined && c.maxAge <= 0) || (c.expires && c.expires.getTime() < Date.now());
      if (gone) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
  }

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async get(url: string): Promise<LightMyRequestResponse> {
    const res = await this.app.inject({
      method: 'GET',
      url,
      remoteAddress: this.remoteAddress,
      headers: { ...this.headers, cookie: this.cookieHeader() },
    });
    this.remember(res);
    return res;
  }

  /** Posts a form; `csrfFrom` is the page whose form gives the token (default: `url`). */
  async post(
    url: string,
    fields: Record<string, string | string[]>,
    options: { csrfFrom?: string; csrf?: string } = {},
  ): Promise<LightMyRequestResponse> {
    const csrf = options.csrf ?? csrfOf((await this.get(options.csrfFrom ?? url)).body);
    const form = new URLSearchParams();
    form.append('_csrf', csrf);
    for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) form.append(k, one);
    const res = await this.app.inject({
      method: 'POST',
      url,
      remoteAddress: this.remoteAddress,
      headers: { ...this.headers, cookie: this.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
      payload: form.toString(),
    });
    this.remember(res);
    return res;
  }

  async login(email: string, password = TEST_PASSWORD): Promise<LightMyRequestResponse> {
    return this.post('/inloggen', { email, password });
  }
}
