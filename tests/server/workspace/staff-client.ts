/**
 * A staff member's browser without JavaScript, over app.inject: a bearer token for who
 * they are (the auth plugin resolves it for pages too), cookies kept between requests,
 * and the CSRF token read from the form it posts back.
 */
import type { FastifyInstance } from 'fastify';

export class StaffClient {
  private cookies = new Map<string, string>();
  private csrf: string | undefined;

  constructor(
    private readonly app: FastifyInstance,
    private readonly headers: Record<string, string>,
  ) {}

  private keep(setCookie: string | string[] | undefined): void {
    for (const c of [setCookie ?? []].flat()) {
      const [pair] = c.split(';');
      const eq = pair!.indexOf('=');
      this.cookies.set(pair!.slice(0, eq), pair!.slice(eq + 1));
    }
  }

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async get(url: string) {
    const res = await this.app.inject({ method: 'GET', url, headers: { ...this.headers, cookie: this.cookieHeader() } });
    this.keep(res.headers['set-cookie']);
    const match = /name="_csrf" value="([^"]+)"/.exec(res.body);
    if (match) this.csrf = match[1];
    return res;
  }

  /** Posts a form; the CSRF token comes from the last page read unless `_csrf` is given. */
  async post(url: string, fields: Record<string, string | string[]>) {
    const body = new URLSearchParams();
    if (this.csrf && !('_csrf' in fields)) body.append('_csrf', this.csrf);
    for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) body.append(k, one);
    const res = await this.app.inject({
      method: 'POST',
      url,
      payload: body.toString(),
      headers: { ...this.headers, 'content-type': 'application/x-www-form-urlencoded', cookie: this.cookieHeader() },
    });
    this.keep(res.headers['set-cookie']);
    const match = /name="_csrf" value="([^"]+)"/.exec(res.body);
    if (match) this.csrf = match[1];
    return res;
  }
}

/** The text of the field error shown next to a field (`f-<name>-error`), or undefined. */
export function fieldError(page: string, name: string): string | undefined {
  // The message follows a prefix for screen readers only ("Fout: ").
  const match = new RegExp(`id="f-${name}-error">(?:<span class="sr-only">[^<]*</span>)?([^<]*)<`).exec(page);
  return match?.[1];
}

/** The value an input was rendered with. */
export function inputValue(page: string, name: string): string | undefined {
  const tag = new RegExp(`<input[^>]* name="${name}"[^>]*>`).exec(page)?.[0];
  return tag ? /value="([^"]*)"/.exec(tag)?.[1] : undefined;
}
