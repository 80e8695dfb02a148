/**
 * The one writer of the audit log: administrative actions by staff (never answers,
 * tokens or passwords). The caller passes its transaction, so the entry is written with
 * the change it records, or not at all.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';

type Handle = Kysely<Database> | Transaction<Database>;

export interface TAuditEntry {
  /** Who did it, as shown in the log: an e-mail address, 'cli', 'system'. */
  actor: string;
  userId?: number | null;
  /** Dotted verb, e.g. 'programme.create', 'wave.close', 'links.reissue'. */
  action: string;
  /** What it was done to, e.g. 'wave:12'. */
  subject?: string | null;
  details?: Record<string, unknown>;
}

export async function writeAudit(db: Handle, entry: TAuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      actor: entry.actor,
      user_id: entry.userId ?? null,
      action: entry.action,
      subject: entry.subject ?? null,
      details: JSON.stringify(entry.details ?? {}),
    })
    .execute();
}
