/**
 * `wave_codes`: a wave's answers packed as codes (one byte per answer), kept so that a
 * comparison or analysis of a wave whose data did not change reads a few megabytes
 * instead of millions of answer rows, also in a new process or another instance.
 *
 * A row is valid only for the `data_version` it was made from; when the wave's counter
 * (`wave_data_version`) moves on, the trigger deletes the wave's rows at once, so codes of
 * a changed or removed response do not outlive it.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('wave_codes')
    .addColumn('wave_id', 'integer', (c) => c.notNull().references('wave.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('data_version', 'bigint', (c) => c.notNull())
    .addColumn('payload', 'bytea', (c) => c.notNull())
    .addPrimaryKeyConstraint('wave_codes_pk', ['wave_id', 'kind'])
    .execute();
  await sql`
    CREATE FUNCTION wave_codes_outdated() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      DELETE FROM wave_codes WHERE wave_id = NEW.wave_id AND data_version <> NEW.version;
      RETURN NULL;
    END $$`.execute(db);
  await sql`CREATE TRIGGER wave_codes_outdated AFTER INSERT OR UPDATE ON wave_data_version
    FOR EACH ROW EXECUTE FUNCTION wave_codes_outdated()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TRIGGER IF EXISTS wave_codes_outdated ON wave_data_version`.execute(db);
  await sql`DROP FUNCTION IF EXISTS wave_codes_outdated()`.execute(db);
  await db.schema.dropTable('wave_codes').ifExists().execute();
}
