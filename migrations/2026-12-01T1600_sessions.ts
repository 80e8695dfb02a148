/**
 * Logins: server-side sessions (so logging out and role changes act at once), counters of
 * failed logins for throttling, and one-time links to set a password (invitation,
 * reset). Session ids and link tokens are stored only as SHA-256 hashes, so a copy of the
 * database opens no session and sets no password.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('app_session')
    .addColumn('sid_hash', 'bytea', (c) => c.primaryKey())
    // Null until someone logs in on the session; lets "log out everywhere" find them.
    .addColumn('user_id', 'integer', (c) => c.references('app_user.id').onDelete('cascade'))
    .addColumn('data', 'jsonb', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('app_session_user').on('app_session').column('user_id').execute();
  await db.schema.createIndex('app_session_expires').on('app_session').column('expires_at').execute();

  // Keys are hashes (of an e-mail address, an address, or both): no address is stored.
  await db.schema
    .createTable('login_failure')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('window_start', 'timestamptz', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('one_time_link')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
    .addColumn('purpose', 'text', (c) => c.notNull().check(sql`purpose in ('invite', 'reset')`))
    .addColumn('token_hash', 'bytea', (c) => c.notNull().unique())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('used_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('one_time_link_user').on('one_time_link').column('user_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('one_time_link').ifExists().execute();
  await db.schema.dropTable('login_failure').ifExists().execute();
  await db.schema.dropTable('app_session').ifExists().execute();
}
