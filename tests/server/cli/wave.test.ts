/**
 * `npm run wave` as a researcher runs it, against a real test database: creating a wave
 * prints one link per team and a general link; only hashes are stored; `links` prints
 * the same links again; `links --reissue` replaces them.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../helpers/database.ts';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../../..');
const SECRET = 'cli-test-secret-cli-test-secret-0123456789';

interface LinksOutput {
  waveId: number;
  links: { team: string; url: string }[];
  generalUrl: string;
}

describe('npm run wave', () => {
  let database: TestDatabase;
  const wave = (...args: string[]) =>
    run(process.execPath, ['--import', 'tsx', 'server/cli/wave.ts', ...args], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: database.url, SESSION_SECRET: SECRET, LOG_LEVEL: 'silent' },
    });

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => database.drop());

  it('creates a wave, prints anonymous links, stores only their hashes, and prints them again', async () => {
    const created = await wave(
      'create',
      '--programme',
      'Sociale wijkteams Zwolle e.o.',
      '--label',
      '2016 vervolgmeting',
      '--definition',
      'wijkteam@2016',
      '--teams',
      'Zwolle-Noord:18, Zwolle Zuid:22,Elburg:16',
      '--opens',
      '2016-01-11',
      '--closes',
      '2016-02-26',
      '--threshold',
      '6',
      '--base-url',
      'https://wijkmeter.example.nl/',
      '--json',
    );
    const out = JSON.parse(created.stdout) as LinksOutput;
    expect(out.links.map((l) => l.team)).toEqual(['Zwolle-Noord', 'Zwolle Zuid', 'Elburg']);
    for (const url of [...out.links.map((l) => l.url), out.generalUrl]) {
      expect(url).toMatch(/^https:\/\/wijkmeter\.example\.nl\/v\/[A-Za-z0-9_-]{32}$/);
    }
    const tokens = [...out.links.map((l) => l.url), out.generalUrl].map((u) => u.split('/v/')[1]!);
    expect(new Set(tokens).size).toBe(4);

    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const waveRow = await client.query('SELECT anonymity_threshold, opens_on::text, closes_on::text FROM wave WHERE id = $1', [
        out.waveId,
      ]);
      expect(waveRow.rows[0]).toEqual({ anonymity_threshold: 6, opens_on: '2016-01-11', closes_on: '2016-02-26' });
      const teams = await client.query(
        'SELECT t.name, wt.member_count FROM wave_team wt JOIN team t ON t.id = wt.team_id ORDER BY t.name',
      );
      expect(teams.rows).toEqual([
        { name: 'Elburg', member_count: 16 },
        { name: 'Zwolle Zuid', member_count: 22 },
        { name: 'Zwolle-Noord', member_count: 18 },
      ]);
      const dump = await client.query(`SELECT string_agg(row_to_json(l)::text, ' ') AS t FROM team_link l`);
      for (const token of tokens) expect(dump.rows[0].t).not.toContain(token);
    } finally {
      await client.end();
    }

    const again = JSON.parse(
      (await wave('links', '--wave', String(out.waveId), '--base-url', 'https://wijkmeter.example.nl', '--json')).stdout,
    ) as LinksOutput;
    expect(new Set(again.links.map((l) => l.url))).toEqual(new Set(out.links.map((l) => l.url)));
    expect(again.generalUrl).toBe(out.generalUrl);

    const reissued = JSON.parse((await wave('links', '--wave', String(out.waveId), '--reissue', '--json')).stdout) as LinksOutput;
    expect(reissued.links).toHaveLength(3);
    for (const l of reissued.links) expect(out.links.map((o) => o.url.split('/v/')[1])).not.toContain(l.url.split('/v/')[1]);

    // For people: Dutch by default, English with --lang en.
    const dutch = (await wave('links', '--wave', String(out.waveId))).stdout;
    expect(dutch).toContain('Algemene link:');
    const english = (await wave('links', '--wave', String(out.waveId), '--lang', 'en', '--reissue')).stdout;
    expect(english).toContain('New links issued; the old links no longer work.');
    expect(english).toContain('General link:');
    expect(english).not.toMatch(/Algemene|Nieuwe/);
  }, 180_000); // six runs of the tool, each a fresh Node process with tsx

  it('refuses bad input with one clear message and writes nothing', async () => {
    const attempts: [string[], RegExp][] = [
      [['--teams', 'Zwolle-Noord'], /"Zwolle-Noord" moet er uitzien als "<teamnaam>:<aantal leden>"/],
      [['--threshold', '2'], /nooit lager dan 3/],
      [['--closes', '2015-01-01'], /sluitingsdatum ligt vóór de openingsdatum/],
      [['--definition', 'wijkteam@1999'], /wijkteam@1999 is niet gepubliceerd/],
      [['--opens', '11-01-2016'], /verwacht een datum als JJJJ-MM-DD/],
      [['--teams', 'Elburg', '--lang', 'en'], /"Elburg" should look like "<team name>:<number of members>"/],
      [['--lang', 'fr'], /--lang: kies nl of en/],
    ];
    for (const [override, message] of attempts) {
      const args: Record<string, string> = {
        '--programme': 'P',
        '--label': `L ${override[0]}`,
        '--definition': 'wijkteam@2015',
        '--teams': 'A:5,B:6',
        '--opens': '2015-02-02',
        '--closes': '2015-03-13',
      };
      for (let i = 0; i < override.length; i += 2) args[override[i]!] = override[i + 1]!;
      const error = await wave('create', ...Object.entries(args).flat()).then(
        () => undefined,
        (e: { code: number; stderr: string }) => e,
      );
      expect(error?.code).toBe(1);
      expect(error?.stderr).toMatch(message);
    }
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    const count = await client.query(`SELECT count(*)::int AS n FROM wave WHERE label LIKE 'L %'`);
    await client.end();
    expect(count.rows[0].n).toBe(0);
  }, 180_000); // seven runs of the tool, each a fresh Node process with tsx
});
