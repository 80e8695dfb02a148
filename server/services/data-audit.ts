/**
 * Audit rows for data leaving or entering a wave (exports of per-respondent data,
 * imports). Counts and formats only: nothing from the data itself goes into the log.
 * A small writer of its own until the shared audit writer (services/audit.ts) exists;
 * then this becomes a call to it.
 */
import type { DB } from '../db/kysely.ts';

export interface TDataAudit {
  action: 'wave.import' | 'wave.export';
  waveId: number;
  /** `cli`, or the e-mail address of the staff member. */
  actor: string;
  userId?: number | null;
  details: Record<string, string | number | boolean>;
}

export async function auditData(db: DB, entry: TDataAudit): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      actor: entry.actor,
      user_id: entry.userId ?? null,
      action: entry.action,
      subject: `wave:${entry.waveId}`,
      details: JSON.stringify(entry.details),
    })
    .execute();
}
