/**
 * Backup and restore: a backup of a database with responses (open answers with line
 * breaks, tabs, backslashes and non-Latin text), restored into the embedded PostgreSQL of
 * a fresh data folder, holds every response and answer identically; a damaged archive and
 * a database that is not empty are refused.
 */
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupDatabase, restoreDatabase } from '../../../server/db/backup.ts';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../../../server/db/embedded.ts';
import { getPublishedVersion } from '../../../server/services/definitions.ts';
import { buildTestApp, type TestApp } from '../../helpers/app.ts';
import { createTestWave, insertResponses, makeAnswers, seeded } from '../../helpers/research-data.ts';

const RESPONSES = `SELECT id, wave_id, team_id, status, started_on::text, updated_on::text, completed_on::text, encode(resume_hash, 'hex') AS resume_hash FROM response ORDER BY id`;
const ANSWERS = `SELECT response_id, item_id, value_num, value_text FROM answer ORDER BY response_id, item_id`;

async function rows(url: string, query: string): Promise<unknown[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(query)).rows;
  } finally {
    await client.end();
  }
}

describe('npm run backup / restore', () => {
  let t: TestApp;
  let dir: string;
  let fresh: EmbeddedDatabase;
  beforeAll(async () => {
    t = await buildTestApp();
    const def = (await getPublishedVersion(t.app.db, 'wijkteam@2016')).definition;
    const wave = await createTestWave(t.app.db, { label: 'Back-up 2016', teams: [{ name: 'Noord' }, { name: 'Zuid' }] });
    const random = seeded(11);
    const texts = ['regel 1\nregel 2\r\nregel 3', 'tab\there \\ backslash \\. punt', 'Ünïcödé — 東京 🏠', '\\.'];
    const responses = Array.from({ length: 60 }, (_, i) => {
      const answers = makeAnswers(def, random);
      for (const [k, v] of Object.entries(answers))
        if (typeof v === 'string' && !/^\d+$/.test(v)) answers[k] = texts[i % texts.length]!;
      return {
        teamId: wave.teams.get(i % 2 ? 'Noord' : 'Zuid')!,
        status: (i % 7 === 0 ? 'partial' : 'complete') as 'partial' | 'complete',
        answers,
      };
    });
    await insertResponses(t.app.db, wave.waveId, responses);
    dir = await mkdtemp(path.join(os.tmpdir(), 'wijkmeter-restore-'));
    // As root the embedded Postgres runs as `postgres`, which must reach the data folder.
    await chmod(dir, 0o755);
    fresh = await startEmbeddedPostgres({ dataDir: path.join(dir, 'data'), database: 'restored' });
  }, 120_000);
  afterAll(async () => {
    await t.close();
    await fresh?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('restores into a fresh data folder with every response and answer identical', async () => {
    const file = path.join(dir, 'wijkmeter.backup.gz');
    const source = new pg.Pool({ connectionString: t.database.url, max: 2 });
    const manifest = await backupDatabase(source, file);
    await source.end();
    expect(manifest.tables.find((x) => x.name === 'response')!.rows).toBe(60);
    const answerCount = manifest.tables.find((x) => x.name === 'answer')!.rows;
    expect(answerCount).toBeGreaterThan(60 * 20);
    // Parents before children.
    const order = manifest.tables.map((x) => x.name);
    expect(order.indexOf('wave')).toBeLessThan(order.indexOf('response'));
    expect(order.indexOf('response')).toBeLessThan(order.indexOf('answer'));
    expect(order).not.toContain('rate_counter');

    const target = new pg.Pool({ connectionString: fresh.url, max: 2 });
    try {
      await restoreDatabase(target, file);
    } finally {
      await target.end();
    }
    const before = { responses: await rows(t.database.url, RESPONSES), answers: await rows(t.database.url, ANSWERS) };
    const after = { responses: await rows(fresh.url, RESPONSES), answers: await rows(fresh.url, ANSWERS) };
    expect(after.responses).toHaveLength(60);
    expect(after.answers).toHaveLength(answerCount);
    expect(after).toEqual(before);
    expect(after.answers.some((a) => (a as { value_text: string | null }).value_text === 'regel 1\nregel 2\r\nregel 3')).toBe(
      true,
    );

    // The restored database is fully usable: new ids continue after the restored ones.
    const client = new pg.Client({ connectionString: fresh.url });
    await client.connect();
    const maxId = await client.query('SELECT max(id) AS m FROM programme');
    const inserted = await client.query(`INSERT INTO programme (name) VALUES ('Nieuw na herstel') RETURNING id`);
    expect(inserted.rows[0].id).toBeGreaterThan(maxId.rows[0].m);
    await client.end();

    // A second restore into the same (no longer empty) database is refused.
    const again = new pg.Pool({ connectionString: fresh.url, max: 2 });
    await expect(restoreDatabase(again, file)).rejects.toThrow(/niet leeg/);
    await again.end();
  }, 120_000);

  it('refuses a damaged archive', async () => {
    const file = path.join(dir, 'wijkmeter.backup.gz');
    const text = gunzipSync(await readFile(file)).toString('utf8');
    const damaged = path.join(dir, 'damaged.backup.gz');
    await writeFile(damaged, gzipSync(Buffer.from(text.replace('Back-up 2016', 'Back-up 2017'))));
    const target = new pg.Pool({ connectionString: fresh.url, max: 2 });
    await expect(restoreDatabase(target, damaged)).rejects.toThrow(/controlesom/);
    await target.end();
  });
});
