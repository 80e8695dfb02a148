/**
 * Change over the years, from the database: the waves of one programme, their complete
 * responses as the analysis engine takes them, the record of which teams continue which
 * (mergers and splits), and the comparisons and trends built from them.
 *
 * Teams are keyed by their current name (unique within a programme): a renamed team
 * keeps its id, so all its waves carry the new name and it stays one team.
 */
import { createHash } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import {
  compareWavesJson,
  trendJson,
  type TChange,
  type TComparedWave,
  type TTrend,
  type TTrendTeam,
} from '../../analysis/index.ts';
import type { TDefinition } from '../../survey-definitions/index.ts';
import type { Database } from '../db/schema.ts';
import { NotFoundError, ValidationError } from '../errors.ts';
import type { TTaskInput, TTaskName, TTaskOutput } from '../workers/tasks.ts';
import type { WaveResultCache } from '../workers/wave-cache.ts';
import { storedCompactWave } from './compact-waves.ts';
import { getPublishedVersionById, listPublishedVersions } from './definitions.ts';
import { continuationGraph, predecessorsIn, teamPairings, teamsInWave } from './team-continuations.ts';

export * from './team-continuations.ts';

type Handle = Kysely<Database> | Transaction<Database>;

export interface TProgrammeWave {
  id: number;
  label: string;
  opensOn: string;
  closesOn: string;
  isBaseline: boolean;
  definition: string;
  /** The stored questionnaire version's id. */
  versionId: number;
  threshold: number;
}

export interface TProgramme {
  id: number;
  name: string;
}

export async function getProgramme(db: Handle, programmeId: number): Promise<TProgramme> {
  const row = await db.selectFrom('programme').select(['id', 'name']).where('id', '=', programmeId).executeTakeFirst();
  if (!row) throw new NotFoundError('niet gevonden');
  return row;
}

/** The programme's waves, oldest first (by opening date). */
export async function programmeWaves(db: Handle, programmeId: number): Promise<TProgrammeWave[]> {
  const rows = await db
    .selectFrom('wave')
    .innerJoin('questionnaire_version as v', 'v.id', 'wave.questionnaire_version_id')
    .select([
      'wave.id',
      'wave.label',
      'wave.opens_on',
      'wave.closes_on',
      'wave.is_baseline',
      'wave.anonymity_threshold',
      'v.id as versionId',
      'v.questionnaire_id',
      'v.version',
    ])
    .where('wave.programme_id', '=', programmeId)
    .orderBy('wave.opens_on')
    .orderBy('wave.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    label: r.label,
    opensOn: r.opens_on,
    closesOn: r.closes_on,
    isBaseline: r.is_baseline,
    definition: `${r.questionnaire_id}@${r.version}`,
    versionId: r.versionId,
    threshold: r.anonymity_threshold,
  }));
}

/**
 * The baseline a later wave is compared with by default: the programme's nulmeting
 * (the latest baseline wave that opened before it), else its first wave.
 */
export function defaultBaseline(waves: readonly TProgrammeWave[], currentId: number): TProgrammeWave | undefined {
  const at = waves.findIndex((w) => w.id === currentId);
  const earlier = waves.slice(0, at < 0 ? waves.length : at);
  return earlier.filter((w) => w.isBaseline).at(-1) ?? earlier[0];
}

/**
 * One wave's complete responses for the engine, as codes (compact-waves.ts), with every
 * team under its current name. The codes are kept in PostgreSQL (`wave_codes`) and, with
 * a runtime, in memory (`waveResults`) until the wave's data changes, so a second
 * comparison or a trend with the same wave — in this process or another — reads no answers.
 */
export async function loadComparedWave(db: Handle, wave: TProgrammeWave, runtime?: TComparisonRuntime): Promise<TComparedWave> {
  const { definition } = await getPublishedVersionById(db as Kysely<Database>, wave.versionId);
  const load = () => storedCompactWave(db, wave.id, definition);
  const [compact, names] = await Promise.all([
    runtime ? runtime.waveResults.get(db as Kysely<Database>, `compact:${wave.id}:${wave.versionId}`, [wave.id], load) : load(),
    teamNames(db, wave.id),
  ]);
  return {
    key: String(wave.id),
    label: wave.label,
    definition,
    threshold: wave.threshold,
    // Teams travel as ids (a rename does not change the wave's data version).
    compact: { ...compact, teams: compact.teams.map((id) => names.get(Number(id)) ?? id) },
  };
}

async function teamNames(db: Handle, waveId: number): Promise<Map<number, string>> {
  const rows = await db
    .selectFrom('team as t')
    .innerJoin('wave', 'wave.programme_id', 't.programme_id')
    .select(['t.id', 't.name'])
    .where('wave.id', '=', waveId)
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Every published version: the ones a lineage may run through. */
export async function publishedDefinitions(db: Handle): Promise<TDefinition[]> {
  return (await listPublishedVersions(db as Kysely<Database>)).map((v) => v.definition);
}

// ---------------------------------------------------------------------------------------
// Comparisons and trends

/** The waves asked for, each of the programme (else 404, as if it did not exist), in the order given. */
export async function wavesOfProgramme(db: Handle, programmeId: number, waveIds: readonly number[]): Promise<TProgrammeWave[]> {
  const waves = await programmeWaves(db, programmeId);
  return waveIds.map((id) => {
    const wave = waves.find((w) => w.id === id);
    if (!wave) throw new NotFoundError('niet gevonden');
    return wave;
  });
}

/**
 * Where the CPU part runs and what is kept: the app's worker pool and per-wave cache
 * (`app` itself fits). Without it — a command-line tool, a test — everything runs here.
 */
export interface TComparisonRuntime {
  runInWorker<N extends TTaskName>(name: N, input: TTaskInput<N>): Promise<Awaited<TTaskOutput<N>>>;
  waveResults: WaveResultCache;
}

/** Everything but the waves' data a comparison depends on (a rename, a continuation), as a key. */
function keyOf(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('base64url').slice(0, 22);
}

interface TComparisonJob {
  key: string;
  waveIds: number[];
  compute: () => Promise<string>;
}

async function comparisonJob(
  db: Handle,
  programmeId: number,
  baselineId: number,
  currentId: number,
  runtime?: TComparisonRuntime,
): Promise<TComparisonJob> {
  if (baselineId === currentId) throw new ValidationError('Kies als nulmeting een andere meting dan de meting die u vergelijkt.');
  const [baseline, current] = await wavesOfProgramme(db, programmeId, [baselineId, currentId]);
  const teams = await teamPairings(db, programmeId, baselineId, currentId);
  const compute = async () => {
    // Side by side: while Node decodes one wave's team, Postgres gathers the other's.
    const [b, c, versions] = await Promise.all([
      loadComparedWave(db, baseline!, runtime),
      loadComparedWave(db, current!, runtime),
      publishedDefinitions(db),
    ]);
    const input = { baseline: b, current: c, options: { versions, teams } };
    return runtime ? runtime.runInWorker('compareWavesJson', input) : compareWavesJson(input);
  };
  return { key: `change:${baselineId}:${currentId}:${keyOf(teams)}`, waveIds: [baselineId, currentId], compute };
}

/**
 * The comparison as the API sends it: JSON, checked against `ZChange` (in the worker,
 * with a runtime), kept per pair of waves until either wave's data changes.
 */
export async function compareStoredWavesJson(
  db: Handle,
  programmeId: number,
  baselineId: number,
  currentId: number,
  runtime?: TComparisonRuntime,
): Promise<string> {
  const job = await comparisonJob(db, programmeId, baselineId, currentId, runtime);
  return runtime ? runtime.waveResults.get(db as Kysely<Database>, `${job.key}:json`, job.waveIds, job.compute) : job.compute();
}

export async function compareStoredWaves(
  db: Handle,
  programmeId: number,
  baselineId: number,
  currentId: number,
  runtime?: TComparisonRuntime,
): Promise<TChange> {
  const job = await comparisonJob(db, programmeId, baselineId, currentId, runtime);
  const parsed = async () => JSON.parse(await job.compute()) as TChange;
  if (!runtime) return parsed();
  return runtime.waveResults.get(db as Kysely<Database>, job.key, job.waveIds, async () =>
    JSON.parse(await runtime.waveResults.get(db as Kysely<Database>, `${job.key}:json`, job.waveIds, job.compute)),
  );
}

async function trendJob(
  db: Handle,
  programmeId: number,
  waveIds: readonly number[],
  runtime?: TComparisonRuntime,
): Promise<TComparisonJob> {
  if (new Set(waveIds).size !== waveIds.length) throw new ValidationError('Elke meting mag maar één keer in de trend staan.');
  if (waveIds.length < 2) throw new ValidationError('Kies minstens twee metingen voor een trend.');
  const all = await programmeWaves(db, programmeId);
  const chosen = new Set((await wavesOfProgramme(db, programmeId, waveIds)).map((w) => w.id));
  const ordered = all.filter((w) => chosen.has(w.id));
  const latest = ordered.at(-1)!;
  const [graph, teamSets] = await Promise.all([
    continuationGraph(db, programmeId),
    Promise.all(ordered.map((w) => teamsInWave(db, w.id))),
  ]);
  const latestTeams = teamSets.at(-1)!;
  const teams: TTrendTeam[] = [...latestTeams.entries()]
    .sort((a, b) => a[1].localeCompare(b[1], 'nl', { numeric: true }))
    .map(([id, name]) => ({
      team: name,
      perWave: teamSets.map((set, i) =>
        ordered[i] === latest
          ? [name]
          : predecessorsIn(id, new Set(set.keys()), graph)
              .map((p) => set.get(p)!)
              .sort(),
      ),
    }));
  const compute = async () => {
    const [waves, versions] = await Promise.all([
      Promise.all(ordered.map((w) => loadComparedWave(db, w, runtime))),
      publishedDefinitions(db),
    ]);
    const input = { waves, options: { versions, teams } };
    return runtime ? runtime.runInWorker('trendJson', input) : trendJson(input);
  };
  const ids = ordered.map((w) => w.id);
  return { key: `trend:${ids.join(',')}:${keyOf(teams)}`, waveIds: ids, compute };
}

/** The trend as the API sends it (see compareStoredWavesJson). */
export async function storedTrendJson(
  db: Handle,
  programmeId: number,
  waveIds: readonly number[],
  runtime?: TComparisonRuntime,
): Promise<string> {
  const job = await trendJob(db, programmeId, waveIds, runtime);
  return runtime ? runtime.waveResults.get(db as Kysely<Database>, `${job.key}:json`, job.waveIds, job.compute) : job.compute();
}

/** The trend over the given waves, put in order of opening date. */
export async function storedTrend(
  db: Handle,
  programmeId: number,
  waveIds: readonly number[],
  runtime?: TComparisonRuntime,
): Promise<TTrend> {
  const job = await trendJob(db, programmeId, waveIds, runtime);
  if (!runtime) return JSON.parse(await job.compute()) as TTrend;
  return runtime.waveResults.get(db as Kysely<Database>, job.key, job.waveIds, async () =>
    JSON.parse(await runtime.waveResults.get(db as Kysely<Database>, `${job.key}:json`, job.waveIds, job.compute)),
  );
}
