/**
 * The audit writer: administrative actions by staff (never respondents), one row each.
 * `details` holds what is needed to follow an action — ids and counts, never the text of
 * an answer (a redaction logs how much was removed, not what).
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';

export interface TAuditEntry {
  /** Who: an e-mail address, or 'cli' / 'system'. */
  actor: string;
  userId?: number | null;
  action: string;
  /** What it is about, e.g. 'wave:3'. */
  subject?: string | null;
  details?: Record<string, unknown>;
}

export async function writeAudit(db: Kysely<Database> | Transaction<Database>, entry: TAuditEntry): Promise<void> {
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
