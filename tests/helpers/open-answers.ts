/**
 * Test data for the open-answer pages: a 2016 wave whose complete responses carry open
 * answers (teams at and below the threshold), plus a small form client for `app.inject`
 * that keeps the CSRF cookie and reads the `_csrf` field from a page.
 */
import type { FastifyInstance } from 'fastify';
import type { DB } from '../../server/db/kysely.ts';
import { getDefinition } from '../../survey-definitions/index.ts';
import { createTestWave, insertResponses, makeAnswers, seeded, type TestResponse } from './research-data.ts';

const def2016 = getDefinition('wijkteam@2016')!;

/** 30 distinct open answers; number 7 names a colleague (to be redacted). */
export const OPEN_TEXTS = Array.from({ length: 30 }, (_, i) =>
  i === 6
    ? 'Meer overleg met collega Pietersen-Wolthuis over de wachtlijst, en tijd om samen te leren.'
    : `Antwoord ${String(i + 1).padStart(2, '0')}: ${['meer tijd voor cliënten', 'duidelijke kaders van de gemeente', 'kennis van de sociale kaart', 'een vaste werkplek in de wijk', 'coaching op het werk', 'betere samenwerking met de huisarts'][i % 6]}.`,
);

export interface OpenAnswerWave {
  waveId: number;
  programmeId: number;
  teams: Map<string, number>;
  /** Response id per open text, for assertions on rows (never shown in pages). */
  responseOf: Map<string, string>;
}

/**
 * Noord 16 and Oost 12 complete responses with an open answer, Zuid 2 (below the threshold
 * of 5): 30 open answers. Besides: complete responses without an open answer, and a
 * partial response with one (never shown: complete responses only).
 */
export async function createOpenAnswerWave(
  db: DB,
  options: { label?: string; programme?: string } = {},
): Promise<OpenAnswerWave> {
  const wave = await createTestWave(db, {
    label: options.label ?? '2016 vervolgmeting',
    ...(options.programme && { programme: options.programme }),
    teams: [{ name: 'Noord' }, { name: 'Oost' }, { name: 'Zuid' }],
    threshold: 5,
  });
  const random = seeded(42);
  const teamOf = (i: number) => (i < 16 ? 'Noord' : i < 28 ? 'Oost' : 'Zuid');
  const responses: TestResponse[] = OPEN_TEXTS.map((text, i) => ({
    teamId: wave.teams.get(teamOf(i))!,
    status: 'complete',
    answers: makeAnswers(def2016, random, { 'bg.function': 'medewerker', 'open.needs': text }),
  }));
  const withoutOpen = (team: string): TestResponse => {
    const answers = makeAnswers(def2016, random, { 'bg.function': 'medewerker' });
    delete answers['open.needs'];
    return { teamId: wave.teams.get(team)!, status: 'complete', answers };
  };
  responses.push(withoutOpen('Noord'), withoutOpen('Oost'));
  responses.push({
    teamId: wave.teams.get('Noord')!,
    status: 'partial',
    answers: { 'bg.function': 'medewerker', 'open.needs': 'Half ingevuld: nog niet verstuurd.' },
  });
  const ids = await insertResponses(db, wave.waveId, responses);
  return { ...wave, responseOf: new Map(OPEN_TEXTS.map((text, i) => [text, ids[i]!])) };
}

/** Cookies and CSRF token of one browser-like client, for form posts through app.inject. */
export class FormClient {
  private cookies = new Map<string, string>();
  csrf = '';
  constructor(
    private readonly app: FastifyInstance,
    private readonly headers: Record<string, string>,
  ) {}

  private keep(setCookie: string | string[] | undefined): void {
    for (const c of [setCookie ?? []].flat()) {
      const [pair] = c.split(';');
      const [name, ...rest] = pair!.split('=');
      this.cookies.set(name!.trim(), rest.join('='));
    }
  }

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async get(url: string) {
    const res = await this.app.inject({ method: 'GET', url, headers: { ...this.headers, cookie: this.cookieHeader() } });
    this.keep(res.headers['set-cookie']);
    const token = /name="_csrf" value="([^"]+)"/.exec(res.body);
    if (token) this.csrf = token[1]!;
    return res;
  }

  async post(url: string, fields: [string, string][], options: { csrf?: boolean } = {}) {
    const body = new URLSearchParams(options.csrf === false ? fields : [['_csrf', this.csrf], ...fields]).toString();
    const res = await this.app.inject({
      method: 'POST',
      url,
      headers: { ...this.headers, cookie: this.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
      payload: body,
    });
    this.keep(res.headers['set-cookie']);
    return res;
  }
}
