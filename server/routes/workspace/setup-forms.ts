/**
 * What the programme, team and wave forms accept. Input schemas clamp and normalise what
 * a browser sends; their messages are keys of the `errors` catalogue in
 * views/workspace/messages-waves.ts, translated when the form is shown again.
 */
import { z } from 'zod';
import type { TWaveErrorKey, TWaveMessages } from '../../views/workspace/messages-waves.ts';

/** A urlencoded body: every field a string, repeated fields an array. */
export const ZFormBody = z.record(z.string(), z.union([z.string(), z.array(z.string())]));
export type TFormBody = z.infer<typeof ZFormBody>;

export const ZId = z.coerce.number().int().positive().max(2_147_483_647);
export const ZIdParams = z.object({ id: ZId });
export const ZTeamParams = z.object({ id: ZId, teamId: ZId });
export const ZDoneQuery = z.object({ gedaan: z.string().max(40).optional() });

const key = (k: TWaveErrorKey) => k;
const ZDay = z.iso.date({ error: key('date') });

export const NAME_MAX = 120;
export const LABEL_MAX = 80;

export const ZProgrammeForm = z.object({
  name: z.string(key('required')).trim().min(1, key('required')).max(NAME_MAX, key('nameTooLong')),
});

export const ZTeamForm = z.object({
  name: z.string(key('required')).trim().min(1, key('required')).max(NAME_MAX, key('nameTooLong')),
  municipality: z
    .string()
    .trim()
    .max(NAME_MAX, key('municipalityTooLong'))
    .default('')
    .transform((m) => (m === '' ? null : m)),
});

const datesOrdered = <T extends { opensOn: string; closesOn: string }>(d: T) => d.closesOn >= d.opensOn;

export const ZDatesForm = z
  .object({ opensOn: ZDay, closesOn: ZDay })
  .refine(datesOrdered, { message: key('closesBeforeOpens'), path: ['closesOn'] });

export const ZWaveForm = z
  .object({
    label: z.string(key('required')).trim().min(1, key('required')).max(LABEL_MAX, key('labelTooLong')),
    definition: z.string(key('version')).regex(/^[a-z][a-z0-9_.]*@[0-9A-Za-z._-]+$/, key('version')),
    opensOn: ZDay,
    closesOn: ZDay,
    threshold: z
      .string()
      .trim()
      .default('5')
      .transform((s) => (s === '' ? '5' : s))
      .pipe(z.string().regex(/^-?\d{1,6}$/, key('thresholdNumber')))
      .transform(Number)
      .pipe(z.number().min(3, key('thresholdMin')).max(100, key('thresholdMax'))),
    baseline: z
      .string()
      .default('')
      .pipe(z.union([z.literal(''), z.string().regex(/^\d{1,9}$/, key('baseline'))]))
      .transform((s) => (s === '' ? null : Number(s))),
  })
  .refine(datesOrdered, { message: key('closesBeforeOpens'), path: ['closesOn'] });

export type TErrorsByField = Record<string, string>;

/** The first message per field, translated. */
export function translateIssues(t: TWaveMessages, error: z.ZodError): TErrorsByField {
  const out: TErrorsByField = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? '_form');
    if (field in out) continue;
    const message = (t.errors as Record<string, string>)[issue.message];
    out[field] = message ?? t.errors.required;
  }
  return out;
}

/** One string per field: a repeated text field keeps its last value. */
export function single(body: TFormBody, name: string): string | undefined {
  const v = body[name];
  return Array.isArray(v) ? v[v.length - 1] : v;
}

export function pick(body: TFormBody, names: readonly string[]): Record<string, string | undefined> {
  return Object.fromEntries(names.map((n) => [n, single(body, n)]));
}

/**
 * The teams ticked on the wave form (`team` = id, repeated) with their sizes
 * (`members_<id>`). Every ticked team must be an active team of the programme and have
 * a size; sizes typed for unticked teams are ignored.
 */
export function parseWaveTeams(
  body: TFormBody,
  activeTeamIds: ReadonlySet<number>,
): { teams: { teamId: number; members: number }[]; error?: TWaveErrorKey } {
  const raw = [body.team ?? []].flat();
  if (raw.length === 0) return { teams: [], error: 'teamsNone' };
  const teams: { teamId: number; members: number }[] = [];
  for (const value of new Set(raw)) {
    const teamId = /^\d{1,9}$/.test(value) ? Number(value) : Number.NaN;
    if (!activeTeamIds.has(teamId)) return { teams: [], error: 'teamUnknown' };
    const members = (single(body, `members_${teamId}`) ?? '').trim();
    if (members === '') return { teams: [], error: 'membersMissing' };
    if (!/^\d{1,4}$/.test(members) || Number(members) < 1 || Number(members) > 1000) return { teams: [], error: 'membersNumber' };
    teams.push({ teamId, members: Number(members) });
  }
  return { teams };
}
