/**
 * Helpers for questionnaire tests: a wave with team links on a test app, and a minimal
 * form client for `app.inject` that keeps cookies and reads the hidden form fields.
 */
import type { FastifyInstance } from 'fastify';
import { createWave } from '../../server/services/waves.ts';
import { today } from '../../server/lib/dates.ts';

export const TEST_SECRET = 'test-secret-test-secret-test-secret-0123456789';

export interface TestWave {
  waveId: number;
  tokens: Record<string, string>;
  generalToken: string;
}

function shiftDays(day: string, days: number): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export async function openWave(
  app: FastifyInstance,
  options: {
    definition?: string;
    label?: string;
    opensIn?: number;
    closesIn?: number;
    teams?: { name: string; members: number }[];
  } = {},
): Promise<TestWave> {
  const day = today();
  const created = await createWave(app.db, TEST_SECRET, {
    programme: 'Sociale wijkteams Zwolle e.o.',
    label: options.label ?? `Meting ${Math.random().toString(36).slice(2, 8)}`,
    definition: options.definition ?? 'wijkteam@2015',
    teams: options.teams ?? [
      { name: 'Zwolle-Noord', members: 18 },
      { name: 'Elburg', members: 16 },
    ],
    opensOn: shiftDays(day, options.opensIn ?? -7),
    closesOn: shiftDays(day, options.closesIn ?? 30),
  });
  return {
    waveId: created.waveId,
    tokens: Object.fromEntries(created.links.map((l) => [l.team, l.token])),
    generalToken: created.generalToken,
  };
}

/** Reads `name="x" value="y"` of a hidden input from a page. */
export function hiddenField(page: string, name: string): string {
  const match = new RegExp(`<input type="hidden" name="${name}" value="([^"]*)"`).exec(page);
  if (!match) throw new Error(`no hidden field ${name} on the page`);
  return match[1]!;
}

/** A cookie-keeping client over app.inject, as a browser without JavaScript would be. */
export class FormClient {
  private cookies = new Map<string, string>();

  constructor(private readonly app: FastifyInstance) {}

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private keep(setCookie: string | string[] | undefined): void {
    for (const c of [setCookie ?? []].flat()) {
      const [pair] = c.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq);
      const value = pair!.slice(eq + 1);
      if (value === '' || /Max-Age=0|Expires=Thu, 01 Jan 1970/i.test(c)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async get(url: string) {
    const res = await this.app.inject({ method: 'GET', url, headers: { cookie: this.cookieHeader() } });
    this.keep(res.headers['set-cookie']);
    return res;
  }

  async post(url: string, fields: Record<string, string | string[]>, extraHeaders: Record<string, string> = {}) {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) body.append(k, one);
    const res = await this.app.inject({
      method: 'POST',
      url,
      payload: body.toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: this.cookieHeader(), ...extraHeaders },
    });
    this.keep(res.headers['set-cookie']);
    return res;
  }

  forget(): void {
    this.cookies.clear();
  }
}
