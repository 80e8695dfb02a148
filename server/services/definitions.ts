/**
 * Publishing questionnaire versions: each definition in survey-definitions/ is stored in
 * Postgres with a content hash. A published version never changes (a trigger enforces
 * it); publishing a changed file under an existing version is refused.
 */
import { definitions, contentHash } from '../../survey-definitions/index.ts';
import { definitionKey, ZDefinition, type TDefinition } from '../../survey-definitions/schema.ts';
import { inTransaction, type DbHandle } from '../db/transaction.ts';
import { ConflictError, NotFoundError } from '../errors.ts';

export type PublishStatus = 'published' | 'unchanged';

export interface PublishResult {
  key: string;
  status: PublishStatus;
  hash: string;
}

export async function publishDefinition(db: DbHandle, def: TDefinition): Promise<PublishResult> {
  const key = definitionKey(def);
  const hash = contentHash(def);
  return inTransaction(db, async (trx) => {
    await trx
      .insertInto('questionnaire')
      .values({ id: def.id, title: def.title.nl })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
    const inserted = await trx
      .insertInto('questionnaire_version')
      .values({ questionnaire_id: def.id, version: def.version, definition: JSON.stringify(def), content_hash: hash })
      .onConflict((oc) => oc.columns(['questionnaire_id', 'version']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (inserted) return { key, status: 'published', hash };
    const existing = await trx
      .selectFrom('questionnaire_version')
      .select('content_hash')
      .where('questionnaire_id', '=', def.id)
      .where('version', '=', def.version)
      .executeTakeFirstOrThrow();
    if (existing.content_hash !== hash) {
      throw new ConflictError(
        `${key} is al gepubliceerd met een andere inhoud, en een gepubliceerde versie verandert nooit. ` +
          `Kopieer de definitie naar een nieuwe versie (verhoog "version", zet "previous": "${key}", leg de lineage vast) ` +
          `en publiceer die; zie survey-definitions/README.md.`,
      );
    }
    return { key, status: 'unchanged', hash };
  });
}

/** Publishes every definition in survey-definitions/ (run on start and by the CLI). */
export async function publishAll(db: DbHandle): Promise<PublishResult[]> {
  const results: PublishResult[] = [];
  for (const def of definitions) results.push(await publishDefinition(db, def));
  return results;
}

export interface PublishedVersion {
  id: number;
  key: string;
  definition: TDefinition;
  contentHash: string;
  publishedAt: Date;
}

/** A published version as stored: what a wave was fielded with, whatever the files say now. */
export async function getPublishedVersion(db: DbHandle, key: string): Promise<PublishedVersion> {
  const [questionnaireId, version] = key.split('@');
  if (!questionnaireId || !version) throw new NotFoundError(`onbekende vragenlijstversie "${key}" (verwacht <id>@<versie>)`);
  const row = await db
    .selectFrom('questionnaire_version')
    .selectAll()
    .where('questionnaire_id', '=', questionnaireId)
    .where('version', '=', version)
    .executeTakeFirst();
  if (!row) throw new NotFoundError(`vragenlijstversie ${key} is niet gepubliceerd`);
  return toPublished(row);
}

/**
 * Published versions never change (the database refuses it), so a parsed version can be
 * kept for as long as its database handle lives: every questionnaire page needs one.
 */
const versionCache = new WeakMap<DbHandle, Map<number, PublishedVersion>>();

export async function getPublishedVersionById(db: DbHandle, id: number): Promise<PublishedVersion> {
  let cache = versionCache.get(db);
  if (!cache) versionCache.set(db, (cache = new Map()));
  const cached = cache.get(id);
  if (cached) return cached;
  const row = await db.selectFrom('questionnaire_version').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFoundError(`vragenlijstversie ${id} bestaat niet`);
  const version = toPublished(row);
  cache.set(id, version);
  return version;
}

export async function listPublishedVersions(db: DbHandle): Promise<PublishedVersion[]> {
  const rows = await db.selectFrom('questionnaire_version').selectAll().orderBy('questionnaire_id').orderBy('version').execute();
  return rows.map(toPublished);
}

function toPublished(row: {
  id: number;
  questionnaire_id: string;
  version: string;
  definition: unknown;
  content_hash: string;
  published_at: Date;
}): PublishedVersion {
  return {
    id: row.id,
    key: `${row.questionnaire_id}@${row.version}`,
    definition: ZDefinition.parse(row.definition),
    contentHash: row.content_hash,
    publishedAt: row.published_at,
  };
}
