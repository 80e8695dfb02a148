/**
 * The audit log: one row for every administrative action (a wave created, data imported,
 * an account changed), written by `writeAudit` in the same transaction as the action, so
 * an action without its log line cannot happen. Details are counts, ids and labels only:
 * never answers, tokens, resume codes or passwords. Keys that name a secret are refused,
 * and a key about answers may only hold a count.
 */
import type { DbHandle } from '../db/transaction.ts';

export interface TAuditEntry {
  /** Who did it: an e-mail address, `cli`, `cli:<os user>`, `system`. */
  actor: string;
  userId?: number | null;
  /** `<thing>.<verb>`, e.g. `wave.create`, `wave.import`, `user.disable`. */
  action: string;
  /** What it was done to, e.g. `wave:12`, `user:3`. */
  subject?: string | null;
  details?: Readonly<Record<string, string | number | boolean | null | readonly (string | number)[]>>;
}

const SECRET_KEYS = /token|password|passwd|secret|resume|hash|cookie|session/i;
const ANSWER_KEYS = /answer/i;

export async function writeAudit(db: DbHandle, entry: TAuditEntry): Promise<void> {
  const details = entry.details ?? {};
  const bad = Object.entries(details)
    .filter(([k, v]) => SECRET_KEYS.test(k) || (ANSWER_KEYS.test(k) && typeof v !== 'number'))
    .map(([k]) => k);
  // A programming error, caught by the tests of whichever action logs it.
  if (bad.length > 0) throw new Error(`audit details must not hold secrets or answers: ${bad.join(', ')}`);
  await db
    .insertInto('audit_log')
    .values({
      actor: entry.actor,
      user_id: entry.userId ?? null,
      action: entry.action,
      subject: entry.subject ?? null,
      details: JSON.stringify(details),
    })
    .execute();
}
