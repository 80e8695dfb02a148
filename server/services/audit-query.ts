/**
 * Reading the audit log for the admin page: filter by action, actor and date range,
 * newest first, one page at a time. Writing lives in ./audit.ts.
 */
import { sql } from 'kysely';
import type { DB } from '../db/kysely.ts';

export interface TAuditFilter {
  action?: string | undefined;
  /** Part of the actor (an e-mail address), case-insensitive. */
  actor?: string | undefined;
  /** Inclusive dates, YYYY-MM-DD, in the server's time zone. */
  from?: string | undefined;
  until?: string | undefined;
}

export interface TAuditRow {
  id: string;
  actor: string;
  action: string;
  subject: string | null;
  details: Record<string, unknown>;
  createdAt: Date;
}

export const AUDIT_PAGE_SIZE = 50;

function filtered(db: DB, f: TAuditFilter) {
  let q = db.selectFrom('audit_log');
  if (f.action) q = q.where('action', '=', f.action);
  if (f.actor) q = q.where(sql<boolean>`position(${f.actor.toLowerCase()} in lower(actor)) > 0`);
  if (f.from) q = q.where('created_at', '>=', sql<Date>`${f.from}::date`);
  if (f.until) q = q.where('created_at', '<', sql<Date>`${f.until}::date + 1`);
  return q;
}

export async function listAudit(
  db: DB,
  f: TAuditFilter,
  page: number,
): Promise<{ rows: TAuditRow[]; total: number; pages: number }> {
  const { total } = await filtered(db, f)
    .select((eb) => eb.fn.countAll<string>().as('total'))
    .executeTakeFirstOrThrow();
  const rows = await filtered(db, f)
    .select(['id', 'actor', 'action', 'subject', 'details', 'created_at'])
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(AUDIT_PAGE_SIZE)
    .offset((page - 1) * AUDIT_PAGE_SIZE)
    .execute();
  const count = Number(total);
  return {
    total: count,
    pages: Math.max(1, Math.ceil(count / AUDIT_PAGE_SIZE)),
    rows: rows.map((r) => ({
      id: String(r.id),
      actor: r.actor,
      action: r.action,
      subject: r.subject,
      details: (r.details ?? {}) as Record<string, unknown>,
      createdAt: r.created_at,
    })),
  };
}

/** The actions that occur in the log, for the filter's drop-down. */
export async function auditActions(db: DB): Promise<string[]> {
  const rows = await db.selectFrom('audit_log').select('action').distinct().orderBy('action').execute();
  return rows.map((r) => r.action);
}
