/**
 * The nouns of the product. Frozen in time: imports nothing from the app (Kysely<any>).
 *
 * Anonymity is structural here: `response` has no column that could point at a team
 * link, an invitation, an IP address, a user agent or a time of day. Only dates.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('programme')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('team')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('programme_id', 'integer', (c) => c.notNull().references('programme.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('municipality', 'text')
    .addUniqueConstraint('team_programme_name_unique', ['programme_id', 'name'])
    .execute();

  await db.schema
    .createTable('questionnaire')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('questionnaire_version')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('questionnaire_id', 'text', (c) => c.notNull().references('questionnaire.id'))
    .addColumn('version', 'text', (c) => c.notNull())
    .addColumn('definition', 'jsonb', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('published_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('questionnaire_version_unique', ['questionnaire_id', 'version'])
    .execute();

  // A published version never changes: enforced by the database, whoever connects.
  await sql`
    CREATE FUNCTION questionnaire_version_immutable() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'questionnaire version %@% is published and cannot be changed or removed; publish a new version instead',
        OLD.questionnaire_id, OLD.version
        USING ERRCODE = 'integrity_constraint_violation';
    END $$`.execute(db);
  await sql`
    CREATE TRIGGER questionnaire_version_immutable
    BEFORE UPDATE OR DELETE ON questionnaire_version
    FOR EACH ROW EXECUTE FUNCTION questionnaire_version_immutable()`.execute(db);
  await sql`
    CREATE TRIGGER questionnaire_version_no_truncate
    BEFORE TRUNCATE ON questionnaire_version
    FOR EACH STATEMENT EXECUTE FUNCTION questionnaire_version_immutable()`.execute(db);

  await db.schema
    .createTable('wave')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('programme_id', 'integer', (c) => c.notNull().references('programme.id').onDelete('cascade'))
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('questionnaire_version_id', 'integer', (c) => c.notNull().references('questionnaire_version.id'))
    .addColumn('opens_on', 'date', (c) => c.notNull())
    .addColumn('closes_on', 'date', (c) => c.notNull())
    .addColumn('anonymity_threshold', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(5)
        .check(sql`anonymity_threshold >= 3`),
    )
    .addColumn('is_baseline', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('wave_programme_label_unique', ['programme_id', 'label'])
    .addCheckConstraint('wave_dates_ordered', sql`closes_on >= opens_on`)
    .execute();

  await db.schema
    .createTable('wave_team')
    .addColumn('wave_id', 'integer', (c) => c.notNull().references('wave.id').onDelete('cascade'))
    .addColumn('team_id', 'integer', (c) => c.notNull().references('team.id'))
    .addColumn('member_count', 'integer', (c) => c.notNull().check(sql`member_count > 0`))
    .addPrimaryKeyConstraint('wave_team_pk', ['wave_id', 'team_id'])
    .execute();

  // Anonymous entry links. The token itself is never stored: only its hash (to recognise
  // it) and a random nonce from which the server secret re-derives it (to print the link
  // again). `team_id` null is the general link on which respondents choose their team.
  await db.schema
    .createTable('team_link')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('wave_id', 'integer', (c) => c.notNull().references('wave.id').onDelete('cascade'))
    .addColumn('team_id', 'integer', (c) => c.references('team.id'))
    .addColumn('nonce', 'bytea', (c) => c.notNull())
    .addColumn('token_hash', 'bytea', (c) => c.notNull().unique())
    .addColumn('revoked', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute();
  await sql`CREATE UNIQUE INDEX team_link_one_per_team ON team_link (wave_id, coalesce(team_id, 0)) WHERE NOT revoked`.execute(
    db,
  );

  await sql`CREATE TYPE response_status AS ENUM ('partial', 'complete')`.execute(db);
  await db.schema
    .createTable('response')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('wave_id', 'integer', (c) => c.notNull().references('wave.id').onDelete('cascade'))
    // Null while a respondent on the general link has not chosen a team yet.
    .addColumn('team_id', 'integer', (c) => c.references('team.id'))
    .addColumn('status', sql`response_status`, (c) => c.notNull().defaultTo('partial'))
    // Dates only: a time of day could single out a respondent.
    .addColumn('started_on', 'date', (c) => c.notNull().defaultTo(sql`current_date`))
    .addColumn('updated_on', 'date', (c) => c.notNull().defaultTo(sql`current_date`))
    .addColumn('completed_on', 'date')
    // Hash of the respondent's own resume code; cleared once the response is complete.
    .addColumn('resume_hash', 'bytea', (c) => c.unique())
    .addCheckConstraint(
      'response_complete_consistent',
      sql`(status = 'complete') = (completed_on IS NOT NULL) AND (status <> 'complete' OR resume_hash IS NULL)`,
    )
    .execute();
  // Resume codes of sent responses, kept apart from them (no response id, no date): a
  // code that was used once can never start a second response, and nothing links it back.
  await db.schema
    .createTable('spent_resume_code')
    .addColumn('code_hash', 'bytea', (c) => c.primaryKey())
    .execute();
  await db.schema.createIndex('response_wave_idx').on('response').columns(['wave_id', 'team_id', 'status']).execute();

  await db.schema
    .createTable('answer')
    .addColumn('response_id', 'uuid', (c) => c.notNull().references('response.id').onDelete('cascade'))
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('value_num', 'double precision')
    .addColumn('value_text', 'text')
    .addPrimaryKeyConstraint('answer_pk', ['response_id', 'item_id'])
    .addCheckConstraint('answer_one_value', sql`(value_num IS NULL) <> (value_text IS NULL)`)
    .execute();

  await sql`CREATE TYPE user_role AS ENUM ('admin', 'researcher', 'manager')`.execute(db);
  await db.schema
    .createTable('app_user')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('role', sql`user_role`, (c) => c.notNull())
    .addColumn('password_hash', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // Administrative actions by staff (not respondents), so a timestamp is fine here.
  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.references('app_user.id'))
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('subject', 'text')
    .addColumn('details', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['audit_log', 'app_user', 'answer', 'spent_resume_code', 'response', 'team_link', 'wave_team', 'wave']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
  await sql`DROP TRIGGER IF EXISTS questionnaire_version_immutable ON questionnaire_version`.execute(db);
  await sql`DROP TRIGGER IF EXISTS questionnaire_version_no_truncate ON questionnaire_version`.execute(db);
  for (const table of ['questionnaire_version', 'questionnaire', 'team', 'programme']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
  await sql`DROP FUNCTION IF EXISTS questionnaire_version_immutable()`.execute(db);
  await sql`DROP TYPE IF EXISTS user_role`.execute(db);
  await sql`DROP TYPE IF EXISTS response_status`.execute(db);
}
