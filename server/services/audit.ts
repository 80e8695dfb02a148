/**
 * The audit log: one writer for every administrative action (logins, accounts, tokens,
 * programmes, waves, links, exports, imports). Who did what to which object, and when.
 * Never answers, tokens or passwords: `details` is for ids, counts and names, and keys
 * that look like secrets are dropped before writing, as a last line of defence.
 */
import type { DB } from '../db/kysely.ts';

export interface TAuditEntry {
  /** Who: the user's e-mail address, or 'cli' / 'system' for actions without a user. */
  actor: string;
  userId?: number | null | undefined;
  /** Dotted, past tense: 'login.succeeded', 'user.created', 'token.revoked', 'wave.created'. */
  action: string;
  /** The object acted on, as 'kind:id' or an e-mail address: 'user:12', 'wave:3'. */
  subject?: string | null | undefined;
  details?: Record<string, unknown> | undefined;
}

const SECRET_KEY = /pass(word)?|token|secret|answer|hash/i;

function scrub(details: Record<string, unknown> | undefined): Record<string, unknown> {
  if (!details) return {};
  return Object.fromEntries(Object.entries(details).filter(([key]) => !SECRET_KEY.test(key)));
}

export async function writeAudit(db: DB, entry: TAuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      actor: entry.actor,
      user_id: entry.userId ?? null,
      action: entry.action,
      subject: entry.subject ?? null,
      details: JSON.stringify(scrub(entry.details)),
    })
    .execute();
}
