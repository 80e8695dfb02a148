import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kyselyOn } from '../../server/db/kysely.ts';
import { pgTypes } from '../../server/db/pg-types.ts';
import { ConflictError } from '../../server/errors.ts';
import { publishAll, publishDefinition } from '../../server/services/definitions.ts';
import { contentHash, getDefinition } from '../../survey-definitions/index.ts';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { runCli } from '../helpers/cli.ts';
import { createTestDatabase } from '../helpers/database.ts';

const runCliWith = (script: string, args: string[], databaseUrl: string) => runCli(script, args, { DATABASE_URL: databaseUrl });

const wijkteam2015 = getDefinition('wijkteam@2015')!;
const wijkteam2016 = getDefinition('wijkteam@2016')!;

describe('questionnaire API', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => t.close());

  it('GET /api/questionnaires lists every published version, oldest first', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/questionnaires' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.questionnaires).toHaveLength(1);
    const [wijkteam] = body.questionnaires;
    expect(wijkteam.id).toBe('wijkteam');
    expect(wijkteam.title).toEqual(wijkteam2016.title);
    expect(wijkteam.versions).toEqual([
      {
        key: 'wijkteam@2015',
        version: '2015',
        title: wijkteam2015.title,
        contentHash: contentHash(wijkteam2015),
        publishedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
        previous: null,
      },
      {
        key: 'wijkteam@2016',
        version: '2016',
        title: wijkteam2016.title,
        contentHash: contentHash(wijkteam2016),
        publishedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
        previous: 'wijkteam@2015',
      },
    ]);
  });

  it('GET /api/questionnaires/:id/versions/:version returns the stored definition', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/questionnaires/wijkteam/versions/2016' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(JSON.parse(JSON.stringify(wijkteam2016)));
    expect(res.headers.etag).toBe(`"${contentHash(wijkteam2016)}"`);
  });

  it('answers 404 with a clear message for an unknown questionnaire or version', async () => {
    const version = await t.app.inject({ method: 'GET', url: '/api/questionnaires/wijkteam/versions/2099' });
    expect(version.statusCode).toBe(404);
    expect(version.json()).toMatchObject({ error: 'not_found', message: expect.stringContaining('wijkteam@2099') });

    const questionnaire = await t.app.inject({ method: 'GET', url: '/api/questionnaires/buurtteam/versions/2016' });
    expect(questionnaire.statusCode).toBe(404);
    expect(questionnaire.json().message).toContain('buurtteam@2016');
  });

  it('answers 400 for parameters that cannot name a version', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/questionnaires/Wijk%20Team/versions/2016' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: 'validation_error' });
  });
});

describe('publishing questionnaire versions', () => {
  let t: TestApp;
  beforeAll(async () => {
    // buildTestApp publishes every version, as the server does on start.
    t = await buildTestApp();
  });
  afterAll(async () => t.close());

  async function storedHash(version: string): Promise<string> {
    const row = await t.app.db
      .selectFrom('questionnaire_version')
      .select('content_hash')
      .where('questionnaire_id', '=', 'wijkteam')
      .where('version', '=', version)
      .executeTakeFirstOrThrow();
    return row.content_hash;
  }

  it('publishing again is a no-op', async () => {
    const results = await publishAll(t.app.db);
    expect(results.map((r) => [r.key, r.status])).toEqual([
      ['wijkteam@2015', 'unchanged'],
      ['wijkteam@2016', 'unchanged'],
    ]);
    const rows = await t.app.db.selectFrom('questionnaire_version').select('id').execute();
    expect(rows).toHaveLength(2);
  });

  it('refuses a changed definition under a published version and asks for a new version', async () => {
    const changed = { ...wijkteam2016, title: { nl: 'Wijkteammeting 2016, stilletjes aangepast' } };
    const attempt = publishDefinition(t.app.db, changed);
    await expect(attempt).rejects.toBeInstanceOf(ConflictError);
    await expect(attempt).rejects.toThrow(/nieuwe versie/);
    expect(await storedHash('2016')).toBe(contentHash(wijkteam2016));
  });

  it('Postgres itself refuses an UPDATE of a published version', async () => {
    await expect(
      sql`UPDATE questionnaire_version SET definition = '{}'::jsonb WHERE version = '2015'`.execute(t.app.db),
    ).rejects.toThrow(/wijkteam@2015 is published and cannot be changed or removed/);
    expect(await storedHash('2015')).toBe(contentHash(wijkteam2015));
  });

  it('Postgres itself refuses a DELETE (and a TRUNCATE) of a published version', async () => {
    await expect(sql`DELETE FROM questionnaire_version WHERE version = '2016'`.execute(t.app.db)).rejects.toThrow(
      /wijkteam@2016 is published and cannot be changed or removed/,
    );
    await expect(sql`TRUNCATE questionnaire_version CASCADE`.execute(t.app.db)).rejects.toThrow(/cannot be changed or removed/);
    const rows = await t.app.db.selectFrom('questionnaire_version').select('version').orderBy('version').execute();
    expect(rows.map((r) => r.version)).toEqual(['2015', '2016']);
  });
});

describe('npm run definitions:publish', () => {
  it('publishes every version into an empty database, then leaves them alone', async () => {
    const database = await createTestDatabase();
    try {
      const first = await runCliWith('server/cli/publish.ts', [], database.url);
      expect(first.stderr).toBe('');
      expect(first.code).toBe(0);
      expect(first.stdout).toContain('wijkteam@2015: gepubliceerd');
      expect(first.stdout).toContain('wijkteam@2016: gepubliceerd');

      const second = await runCliWith('server/cli/publish.ts', [], database.url);
      expect(second.code).toBe(0);
      expect(second.stdout).toContain('wijkteam@2015: ongewijzigd');
      expect(second.stdout).toContain('wijkteam@2016: ongewijzigd');

      const pool = new pg.Pool({ connectionString: database.url, max: 1, types: pgTypes });
      const db = kyselyOn(pool);
      try {
        const rows = await db
          .selectFrom('questionnaire_version')
          .select(['version', 'content_hash'])
          .orderBy('version')
          .execute();
        expect(rows).toEqual([
          { version: '2015', content_hash: contentHash(wijkteam2015) },
          { version: '2016', content_hash: contentHash(wijkteam2016) },
        ]);
      } finally {
        await db.destroy();
      }
    } finally {
      await database.drop();
    }
  });
});
