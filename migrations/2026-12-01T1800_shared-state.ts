/**
 * State that several app instances on one database must share, kept in PostgreSQL rather
 * than in a process's memory:
 * - `wave_data_version`: a counter per wave, raised by triggers whenever what an analysis
 *   of the wave's complete responses reads changes (a response completed, changed or
 *   removed; an answer of a complete response; the wave or its teams). Caches of results
 *   compare it instead of guessing. Partial saves do not raise it: a counter row updated
 *   by every respondent's save would make all saves of a wave wait for each other.
 * - `rate_counter`: fixed-window counters for the limiters (failed links, resume codes,
 *   logins, request floods), keyed by a keyed hash of the client address. UNLOGGED: not
 *   written to the WAL, gone after a crash — counters need neither durability nor copies.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('wave_data_version')
    .addColumn('wave_id', 'integer', (c) => c.primaryKey().references('wave.id').onDelete('cascade'))
    .addColumn('version', 'bigint', (c) => c.notNull().defaultTo(1))
    .execute();

  await sql`
    CREATE FUNCTION bump_wave_data_version(wave_id integer) RETURNS void LANGUAGE sql AS $$
      -- Through the wave table: while a wave is being deleted its rows cascade, and no
      -- counter may be made for it then.
      INSERT INTO wave_data_version (wave_id, version) SELECT w.id, 1 FROM wave w WHERE w.id = bump_wave_data_version.wave_id
      ON CONFLICT (wave_id) DO UPDATE SET version = wave_data_version.version + 1
    $$`.execute(db);

  // Statement-level with transition tables: an import of thousands of rows raises each
  // wave's counter once, not once per row.
  await sql`
    CREATE FUNCTION wave_data_changed_responses() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM bump_wave_data_version(w.wave_id) FROM (SELECT DISTINCT wave_id FROM changed_rows WHERE status = 'complete') w;
      RETURN NULL;
    END $$`.execute(db);
  await sql`
    CREATE FUNCTION wave_data_changed_answers() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM bump_wave_data_version(w.wave_id) FROM (
        SELECT DISTINCT r.wave_id FROM changed_rows c JOIN response r ON r.id = c.response_id WHERE r.status = 'complete'
      ) w;
      RETURN NULL;
    END $$`.execute(db);
  await sql`
    CREATE FUNCTION wave_data_changed_row() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_TABLE_NAME = 'wave' THEN PERFORM bump_wave_data_version(NEW.id);
      ELSIF TG_TABLE_NAME = 'response' THEN PERFORM bump_wave_data_version(NEW.wave_id);
      ELSIF TG_OP = 'DELETE' THEN PERFORM bump_wave_data_version(OLD.wave_id);
      ELSE PERFORM bump_wave_data_version(NEW.wave_id);
      END IF;
      RETURN NULL;
    END $$`.execute(db);

  await sql`CREATE TRIGGER response_inserted AFTER INSERT ON response REFERENCING NEW TABLE AS changed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION wave_data_changed_responses()`.execute(db);
  await sql`CREATE TRIGGER response_deleted AFTER DELETE ON response REFERENCING OLD TABLE AS changed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION wave_data_changed_responses()`.execute(db);
  // Row-level with a condition: partial saves (the many) do not fire it, completions do.
  await sql`CREATE TRIGGER response_updated AFTER UPDATE ON response FOR EACH ROW
    WHEN (OLD.status = 'complete' OR NEW.status = 'complete') EXECUTE FUNCTION wave_data_changed_row()`.execute(db);
  for (const [event, table] of [
    ['INSERT', 'NEW'],
    ['UPDATE', 'NEW'],
    ['DELETE', 'OLD'],
  ] as const) {
    await sql
      .raw(
        `CREATE TRIGGER answer_${event.toLowerCase()}d AFTER ${event} ON answer REFERENCING ${table} TABLE AS changed_rows
      FOR EACH STATEMENT EXECUTE FUNCTION wave_data_changed_answers()`,
      )
      .execute(db);
  }
  await sql`CREATE TRIGGER wave_updated AFTER UPDATE ON wave FOR EACH ROW EXECUTE FUNCTION wave_data_changed_row()`.execute(db);
  await sql`CREATE TRIGGER wave_team_changed AFTER INSERT OR UPDATE OR DELETE ON wave_team FOR EACH ROW EXECUTE FUNCTION wave_data_changed_row()`.execute(
    db,
  );

  await sql`
    CREATE UNLOGGED TABLE rate_counter (
      bucket text NOT NULL,
      key bytea NOT NULL,
      window_start timestamptz NOT NULL,
      count integer NOT NULL,
      PRIMARY KEY (bucket, key)
    )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE IF EXISTS rate_counter`.execute(db);
  for (const t of [
    'response_inserted ON response',
    'response_deleted ON response',
    'response_updated ON response',
    'answer_inserted ON answer',
    'answer_updated ON answer',
    'answer_deleted ON answer',
    'wave_updated ON wave',
    'wave_team_changed ON wave_team',
  ]) {
    await sql.raw(`DROP TRIGGER IF EXISTS ${t}`).execute(db);
  }
  await sql`DROP FUNCTION IF EXISTS wave_data_changed_row(), wave_data_changed_answers(), wave_data_changed_responses(), bump_wave_data_version(integer)`.execute(
    db,
  );
  await db.schema.dropTable('wave_data_version').ifExists().execute();
}
