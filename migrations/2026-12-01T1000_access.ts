/**
 * Access: which staff member belongs to which programme, and personal API tokens for
 * scripts (R, Python). Tokens are stored only as SHA-256 hashes, so a copy of the
 * database opens nothing.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('programme_member')
    .addColumn('user_id', 'integer', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
    .addColumn('programme_id', 'integer', (c) => c.notNull().references('programme.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('programme_member_pk', ['user_id', 'programme_id'])
    .execute();
  await db.schema.createIndex('programme_member_programme').on('programme_member').column('programme_id').execute();

  await db.schema
    .createTable('api_token')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'bytea', (c) => c.notNull().unique())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    // A date, not a time: enough to see a token is still in use.
    .addColumn('last_used_on', 'date')
    .addColumn('revoked_at', 'timestamptz')
    .execute();

  // A disabled account keeps its audit trail but can no longer log in or use tokens.
  await db.schema.alterTable('app_user').addColumn('disabled_at', 'timestamptz').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('app_user').dropColumn('disabled_at').execute();
  await db.schema.dropTable('api_token').ifExists().execute();
  await db.schema.dropTable('programme_member').ifExists().execute();
}
