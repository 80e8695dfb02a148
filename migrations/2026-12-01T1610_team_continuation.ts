/**
 * Teams across waves. A team keeps its identity (its id) when it is renamed; when teams
 * merge or split, a researcher records which earlier teams a team continues, and
 * comparisons per team follow that record. Both teams belong to one programme (the
 * trigger says so, since a foreign key cannot).
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('team_continuation')
    .addColumn('team_id', 'integer', (c) => c.notNull().references('team.id').onDelete('cascade'))
    .addColumn('continues_team_id', 'integer', (c) => c.notNull().references('team.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('team_continuation_pk', ['team_id', 'continues_team_id'])
    .addCheckConstraint('team_continuation_not_itself', sql`team_id <> continues_team_id`)
    .execute();
  await db.schema.createIndex('team_continuation_continues').on('team_continuation').column('continues_team_id').execute();
  await sql`
    CREATE FUNCTION team_continuation_same_programme() RETURNS trigger AS $$
    BEGIN
      IF (SELECT programme_id FROM team WHERE id = NEW.team_id)
         IS DISTINCT FROM (SELECT programme_id FROM team WHERE id = NEW.continues_team_id) THEN
        RAISE EXCEPTION 'team_continuation: both teams must belong to the same programme';
      END IF;
      RETURN NEW;
    END $$ LANGUAGE plpgsql`.execute(db);
  await sql`
    CREATE TRIGGER team_continuation_same_programme BEFORE INSERT OR UPDATE ON team_continuation
    FOR EACH ROW EXECUTE FUNCTION team_continuation_same_programme()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('team_continuation').ifExists().execute();
  await sql`DROP FUNCTION IF EXISTS team_continuation_same_programme()`.execute(db);
}
