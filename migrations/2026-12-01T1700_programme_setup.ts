/**
 * Programme set-up in the workspace: teams are archived rather than deleted once they
 * took part (their responses and past figures keep pointing at them), a wave names the
 * earlier wave it is compared with, and a wave can be closed before its closing date.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // An archived team is no longer offered for new waves; its past waves stay as they were.
  await db.schema.alterTable('team').addColumn('archived_at', 'timestamptz').execute();

  // The wave this one is compared with (its nulmeting); null for a first wave.
  await db.schema
    .alterTable('wave')
    .addColumn('baseline_wave_id', 'integer', (c) => c.references('wave.id').onDelete('set null'))
    .execute();
  await db.schema
    .alterTable('wave')
    .addCheckConstraint('wave_baseline_not_self', sql`baseline_wave_id IS NULL OR baseline_wave_id <> id`)
    .execute();

  // Closed early: from this day on the wave takes no answers, whatever closes_on says.
  // A separate column so the planned closing date stays on record.
  await db.schema.alterTable('wave').addColumn('closed_on', 'date').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('wave').dropColumn('closed_on').execute();
  await db.schema.alterTable('wave').dropConstraint('wave_baseline_not_self').execute();
  await db.schema.alterTable('wave').dropColumn('baseline_wave_id').execute();
  await db.schema.alterTable('team').dropColumn('archived_at').execute();
}
