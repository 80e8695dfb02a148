/**
 * The caller owns the transaction (style.md, example 7): services take a `DbHandle` — the
 * database or a transaction — and a use case that must be atomic wraps its work in
 * `inTransaction`. Called with a transaction, it runs inside it (so a caller can combine
 * several use cases in one transaction); called with the database, it opens one.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.ts';

export type DbHandle = Kysely<Database> | Transaction<Database>;

export async function inTransaction<T>(db: DbHandle, work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  if (db.isTransaction) return work(db as Transaction<Database>);
  return db.transaction().execute(work);
}
