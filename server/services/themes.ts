/**
 * A wave's theme list (code, label, description), kept in order, or copied from an
 * earlier wave of the same programme. Every change is audit-logged.
 */
import { z } from 'zod';
import type { DB } from '../db/kysely.ts';
import { ConflictError, NotFoundError, ValidationError } from '../errors.ts';
import { writeAudit } from './audit.ts';

export interface TTheme {
  id: number;
  code: string;
  label: string;
  description: string;
  position: number;
}

export interface TActor {
  email: string;
  userId: number;
}

export const ZThemeInput = z.object({
  code: z
    .string()
    .trim()
    .toLowerCase()
    .regex(
      /^[a-z][a-z0-9_]{0,29}$/,
      'Een code begint met een letter en bevat alleen letters, cijfers en _ (hoogstens 30 tekens).',
    ),
  label: z.string().trim().min(1, 'Geef het thema een naam.').max(100, 'Hoogstens 100 tekens.'),
  description: z.string().trim().max(1000, 'Hoogstens 1000 tekens.').default(''),
});
export type TThemeInput = z.input<typeof ZThemeInput>;

/** Field → message, for showing next to each field. */
export type TFieldErrors = Partial<Record<'code' | 'label' | 'description', string>>;

export class ThemeInputError extends ValidationError {
  declare readonly details: { fields: TFieldErrors };
}

function parseTheme(input: TThemeInput): z.output<typeof ZThemeInput> {
  const parsed = ZThemeInput.safeParse(input);
  if (parsed.success) return parsed.data;
  const fields: TFieldErrors = {};
  for (const issue of parsed.error.issues) {
    const key = issue.path[0] as keyof TFieldErrors;
    fields[key] ??= issue.message;
  }
  throw new ThemeInputError('Het thema is niet opgeslagen: zie de velden.', { fields });
}

export async function listThemes(db: DB, waveId: number): Promise<TTheme[]> {
  const rows = await db.selectFrom('theme').selectAll().where('wave_id', '=', waveId).orderBy('position').orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, code: r.code, label: r.label, description: r.description, position: r.position }));
}

async function codeTaken(db: DB, waveId: number, code: string, exceptId?: number): Promise<boolean> {
  let q = db.selectFrom('theme').select('id').where('wave_id', '=', waveId).where('code', '=', code);
  if (exceptId !== undefined) q = q.where('id', '<>', exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

export async function addTheme(db: DB, waveId: number, input: TThemeInput, actor: TActor): Promise<TTheme> {
  const theme = parseTheme(input);
  if (await codeTaken(db, waveId, theme.code)) {
    throw new ThemeInputError('Het thema is niet opgeslagen: zie de velden.', {
      fields: { code: 'Deze code bestaat al in deze meting.' },
    });
  }
  const last = await db
    .selectFrom('theme')
    .select((eb) => eb.fn.max('position').as('max'))
    .where('wave_id', '=', waveId)
    .executeTakeFirst();
  const row = await db
    .insertInto('theme')
    .values({ wave_id: waveId, ...theme, position: Number(last?.max ?? 0) + 1 })
    .returningAll()
    .executeTakeFirstOrThrow();
  await writeAudit(db, {
    actor: actor.email,
    userId: actor.userId,
    action: 'theme.add',
    subject: `wave:${waveId}`,
    details: { theme: theme.code },
  });
  return { id: row.id, code: row.code, label: row.label, description: row.description, position: row.position };
}

async function themeOf(db: DB, waveId: number, themeId: number) {
  const row = await db.selectFrom('theme').selectAll().where('wave_id', '=', waveId).where('id', '=', themeId).executeTakeFirst();
  if (!row) throw new NotFoundError('Dit thema bestaat niet (meer).');
  return row;
}

export async function updateTheme(db: DB, waveId: number, themeId: number, input: TThemeInput, actor: TActor): Promise<void> {
  const before = await themeOf(db, waveId, themeId);
  const theme = parseTheme(input);
  if (await codeTaken(db, waveId, theme.code, themeId)) {
    throw new ThemeInputError('Het thema is niet opgeslagen: zie de velden.', {
      fields: { code: 'Deze code bestaat al in deze meting.' },
    });
  }
  await db.updateTable('theme').set(theme).where('id', '=', themeId).execute();
  await writeAudit(db, {
    actor: actor.email,
    userId: actor.userId,
    action: 'theme.update',
    subject: `wave:${waveId}`,
    details: { theme: before.code, ...(before.code !== theme.code && { newCode: theme.code }) },
  });
}

/** Removes a theme and every code given with it (coders' codes and final codes). */
export async function deleteTheme(db: DB, waveId: number, themeId: number, actor: TActor): Promise<void> {
  const theme = await themeOf(db, waveId, themeId);
  await db.transaction().execute(async (trx) => {
    const used = await trx
      .selectFrom('coding')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('theme_id', '=', themeId)
      .executeTakeFirstOrThrow();
    await trx.deleteFrom('theme').where('id', '=', themeId).execute();
    await writeAudit(trx, {
      actor: actor.email,
      userId: actor.userId,
      action: 'theme.delete',
      subject: `wave:${waveId}`,
      details: { theme: theme.code, codesRemoved: Number(used.n) },
    });
  });
}

/** Copies an earlier wave's themes (same programme; the caller checks) ; codes already present are skipped. */
export async function copyThemes(db: DB, fromWaveId: number, toWaveId: number, actor: TActor): Promise<number> {
  if (fromWaveId === toWaveId) throw new ConflictError('Kies een andere meting om thema’s van over te nemen.');
  const source = await listThemes(db, fromWaveId);
  if (source.length === 0) throw new ConflictError('Die meting heeft nog geen thema’s.');
  return db.transaction().execute(async (trx) => {
    const existing = new Set(
      (await trx.selectFrom('theme').select('code').where('wave_id', '=', toWaveId).execute()).map((r) => r.code),
    );
    const last = await trx
      .selectFrom('theme')
      .select((eb) => eb.fn.max('position').as('max'))
      .where('wave_id', '=', toWaveId)
      .executeTakeFirst();
    let position = Number(last?.max ?? 0);
    const rows = source
      .filter((t) => !existing.has(t.code))
      .map((t) => ({ wave_id: toWaveId, code: t.code, label: t.label, description: t.description, position: ++position }));
    if (rows.length > 0) await trx.insertInto('theme').values(rows).execute();
    await writeAudit(trx, {
      actor: actor.email,
      userId: actor.userId,
      action: 'theme.copy',
      subject: `wave:${toWaveId}`,
      details: { fromWave: fromWaveId, copied: rows.length, skipped: source.length - rows.length },
    });
    return rows.length;
  });
}

/** The other waves of the programme that have themes: candidates to copy from. */
export async function wavesWithThemes(
  db: DB,
  programmeId: number,
  exceptWaveId: number,
): Promise<{ id: number; label: string; themes: number }[]> {
  const rows = await db
    .selectFrom('wave')
    .innerJoin('theme', 'theme.wave_id', 'wave.id')
    .select(['wave.id', 'wave.label', (eb) => eb.fn.countAll<string>().as('n')])
    .where('wave.programme_id', '=', programmeId)
    .where('wave.id', '<>', exceptWaveId)
    .groupBy(['wave.id', 'wave.label'])
    .orderBy('wave.id')
    .execute();
  return rows.map((r) => ({ id: r.id, label: r.label, themes: Number(r.n) }));
}
