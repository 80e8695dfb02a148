/**
 * Test data for the researchers' side: waves, and responses written straight into the
 * tables (the questionnaire pages are not needed to have data to export or analyse).
 * Answers are generated from the definition with a seeded generator, so every run sees
 * the same data.
 */
import type { DB } from '../../server/db/kysely.ts';
import type { TResponseStatus } from '../../survey-definitions/answers.ts';
import { createWave, waveTeams } from '../../server/services/waves.ts';
import { allItems, isItemShown, scaleOf, type TDefinition } from '../../survey-definitions/index.ts';
import { TEST_SECRET } from './survey.ts';

export { TEST_SECRET };

/** The seeded generator of the benchmarks (mulberry32): the same data on every run. */
export { prng as seeded } from '../../bench/synthetic.ts';

export type TestAnswers = Record<string, string | number>;

/**
 * A valid answer set: every asked item answered (optional ones now and then left open),
 * conditions respected. `overrides` are applied first, so conditions follow them.
 */
export function makeAnswers(
  def: TDefinition,
  random: () => number,
  overrides: TestAnswers = {},
  options: { skipOptional?: number } = {},
): TestAnswers {
  const answers: TestAnswers = {};
  const pick = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  for (const item of allItems(def)) {
    if (item.kind === 'team') continue;
    if (!isItemShown(def, item, answers)) continue;
    if (item.id in overrides) {
      answers[item.id] = overrides[item.id]!;
      continue;
    }
    if (!item.required && random() < (options.skipOptional ?? 0.2)) continue;
    switch (item.kind) {
      case 'likert':
      case 'grade': {
        const scale = scaleOf(def, item);
        answers[item.id] = pick(scale.min, scale.max);
        break;
      }
      case 'number':
        answers[item.id] = pick(item.min, item.max);
        break;
      case 'single_choice':
        answers[item.id] = item.options[pick(0, item.options.length - 1)]!.value;
        break;
      case 'text':
        answers[item.id] = `Meer tijd voor overleg (${pick(1, 99)})`;
        break;
    }
  }
  return answers;
}

export async function createTestWave(
  db: DB,
  options: {
    label: string;
    programme?: string;
    definition?: string;
    teams: { name: string; members?: number }[];
    threshold?: number;
  },
): Promise<{ waveId: number; programmeId: number; teams: Map<string, number> }> {
  const created = await createWave(db, TEST_SECRET, {
    programme: options.programme ?? 'Sociale wijkteams Testdorp',
    label: options.label,
    definition: options.definition ?? 'wijkteam@2016',
    teams: options.teams.map((t) => ({ name: t.name, members: t.members ?? 20 })),
    opensOn: '2016-02-01',
    closesOn: '2016-03-11',
    threshold: options.threshold,
  });
  const teams = await waveTeams(db, created.waveId);
  const wave = await db.selectFrom('wave').select('programme_id').where('id', '=', created.waveId).executeTakeFirstOrThrow();
  return { waveId: created.waveId, programmeId: wave.programme_id, teams: new Map(teams.map((t) => [t.name, t.id])) };
}

export interface TestResponse {
  teamId: number | null;
  status: TResponseStatus;
  answers: TestAnswers;
}

/** Writes responses as the questionnaire pages would: numbers in value_num, strings in value_text. */
export async function insertResponses(db: DB, waveId: number, responses: readonly TestResponse[]): Promise<string[]> {
  const ids: string[] = [];
  for (const r of responses) {
    const row = await db
      .insertInto('response')
      .values({
        wave_id: waveId,
        team_id: r.teamId,
        status: r.status,
        started_on: '2016-02-03',
        updated_on: '2016-02-03',
        completed_on: r.status === 'complete' ? '2016-02-03' : null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.push(row.id);
    const answers = Object.entries(r.answers).map(([item_id, value]) => ({
      response_id: row.id,
      item_id,
      value_num: typeof value === 'number' ? value : null,
      value_text: typeof value === 'string' ? value : null,
    }));
    if (answers.length > 0) await db.insertInto('answer').values(answers).execute();
  }
  return ids;
}

/** Row counts of the tables an import writes to. */
export async function tableCounts(db: DB): Promise<{ responses: number; answers: number }> {
  const responses = await db
    .selectFrom('response')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  const answers = await db
    .selectFrom('answer')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return { responses: Number(responses.n), answers: Number(answers.n) };
}

/** A Dutch open answer of exactly 1,000 UTF-8 bytes, with diacritics throughout. */
export function dutchAnswer(bytes = 1000): string {
  const words = ['Één', 'cliënt', 'coöperatie', 'ideeën', 'overleg', 'financiën', 'zó', 'privé', 'reünie', 'wijkteam'];
  let text = '';
  for (let i = 0; Buffer.byteLength(text) < bytes - 12; i++) text += `${words[i % words.length]} `;
  while (Buffer.byteLength(text) < bytes) text += 'x';
  return text;
}
