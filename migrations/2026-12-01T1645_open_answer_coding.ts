/**
 * Coding open answers into themes: a theme list per wave, each coder's codes kept apart
 * (double coding is blind, and Cohen's kappa needs both sets), and the final codes one
 * researcher settles. Frozen in time: imports nothing from the app (Kysely<any>).
 *
 * Codes point at an answer row (response id + item id), never copy its text: a redaction
 * replaces the one stored text and every coding follows it.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // A random key per wave: the order in which answers are read and the opaque ids pages
  // use are derived from it, so neither follows submission order or the response id.
  await db.schema
    .createTable('open_answer_key')
    .addColumn('wave_id', 'integer', (c) => c.primaryKey().references('wave.id').onDelete('cascade'))
    .addColumn('secret', 'bytea', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('theme')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('wave_id', 'integer', (c) => c.notNull().references('wave.id').onDelete('cascade'))
    // The code becomes part of an export column name (theme_<code>): SPSS-safe.
    .addColumn('code', 'text', (c) => c.notNull().check(sql`code ~ '^[a-z][a-z0-9_]{0,29}$'`))
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addUniqueConstraint('theme_wave_code_unique', ['wave_id', 'code'])
    .execute();

  // One row per answer a coder has coded, also when no theme applies: "coded, none"
  // differs from "not coded yet" for progress and for kappa.
  await db.schema
    .createTable('coded_answer')
    .addColumn('response_id', 'uuid', (c) => c.notNull())
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('coder_id', 'integer', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('coded_answer_pk', ['response_id', 'item_id', 'coder_id'])
    .addForeignKeyConstraint('coded_answer_answer_fk', ['response_id', 'item_id'], 'answer', ['response_id', 'item_id'], (fk) =>
      fk.onDelete('cascade'),
    )
    .execute();
  await db.schema.createIndex('coded_answer_coder').on('coded_answer').column('coder_id').execute();

  await db.schema
    .createTable('coding')
    .addColumn('response_id', 'uuid', (c) => c.notNull())
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('coder_id', 'integer', (c) => c.notNull())
    .addColumn('theme_id', 'integer', (c) => c.notNull().references('theme.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('coding_pk', ['response_id', 'item_id', 'coder_id', 'theme_id'])
    .addForeignKeyConstraint(
      'coding_coded_answer_fk',
      ['response_id', 'item_id', 'coder_id'],
      'coded_answer',
      ['response_id', 'item_id', 'coder_id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();

  // A settled answer: its final codes were decided by one researcher (after the coders
  // disagreed, or to overrule them). Without a row here, agreeing coders decide.
  await db.schema
    .createTable('settled_answer')
    .addColumn('response_id', 'uuid', (c) => c.notNull())
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('settled_by', 'integer', (c) => c.references('app_user.id').onDelete('set null'))
    .addPrimaryKeyConstraint('settled_answer_pk', ['response_id', 'item_id'])
    .addForeignKeyConstraint('settled_answer_answer_fk', ['response_id', 'item_id'], 'answer', ['response_id', 'item_id'], (fk) =>
      fk.onDelete('cascade'),
    )
    .execute();

  await db.schema
    .createTable('final_code')
    .addColumn('response_id', 'uuid', (c) => c.notNull())
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('theme_id', 'integer', (c) => c.notNull().references('theme.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('final_code_pk', ['response_id', 'item_id', 'theme_id'])
    .addForeignKeyConstraint(
      'final_code_settled_fk',
      ['response_id', 'item_id'],
      'settled_answer',
      ['response_id', 'item_id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['final_code', 'settled_answer', 'coding', 'coded_answer', 'theme', 'open_answer_key']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
