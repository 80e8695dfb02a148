/**
 * Who may see what. Every research page and route asks here, never on its own:
 *   - nobody logged in                          → 401 (pages send the user to the login)
 *   - not a member of the programme (or unknown) → 404, as if it did not exist
 *   - a manager asking for raw data, open answers or management → 403
 * Admins are members of every programme.
 */
import type { FastifyRequest } from 'fastify';
import { ForbiddenError, NotFoundError, UnauthorizedError } from '../errors.ts';
import type { TRole } from '../services/users.ts';

export type { TRole } from '../services/users.ts';

export interface TPrincipal {
  userId: number;
  email: string;
  displayName: string;
  role: TRole;
  programmeIds: readonly number[];
  via: 'session' | 'token';
}

/**
 * What a request wants to do with a programme's data:
 *   results       aggregated figures, charts, comparisons (every role)
 *   raw-data      per-respondent data sets (researchers and admins)
 *   open-answers  open answers verbatim and their coding (researchers and admins)
 *   manage        set up or change teams, waves, links (researchers and admins)
 */
export type TNeed = 'results' | 'raw-data' | 'open-answers' | 'manage';

declare module 'fastify' {
  interface FastifyRequest {
    /** The logged-in staff member (session or API token); undefined for respondents. */
    principal: TPrincipal | undefined;
  }
}

const ROLES_FOR: Record<TNeed, readonly TRole[]> = {
  results: ['admin', 'researcher', 'manager'],
  'raw-data': ['admin', 'researcher'],
  'open-answers': ['admin', 'researcher'],
  manage: ['admin', 'researcher'],
};

export function requirePrincipal(request: FastifyRequest): TPrincipal {
  if (!request.principal) throw new UnauthorizedError('Log in om verder te gaan.');
  return request.principal;
}

export function requireRole(request: FastifyRequest, ...roles: TRole[]): TPrincipal {
  const principal = requirePrincipal(request);
  if (!roles.includes(principal.role)) throw new ForbiddenError('Uw rol geeft geen toegang tot dit onderdeel.');
  return principal;
}

export function isMember(principal: TPrincipal, programmeId: number): boolean {
  return principal.role === 'admin' || principal.programmeIds.includes(programmeId);
}

/** Checks membership first (404), then the role (403): a non-member learns nothing. */
export function checkProgrammeAccess(principal: TPrincipal, programmeId: number | undefined, need: TNeed): void {
  if (programmeId === undefined || !isMember(principal, programmeId)) throw new NotFoundError('niet gevonden');
  if (!ROLES_FOR[need].includes(principal.role)) {
    throw new ForbiddenError('Uw rol geeft geen toegang tot dit onderdeel.');
  }
}

export async function requireProgrammeAccess(request: FastifyRequest, programmeId: number, need: TNeed): Promise<TPrincipal> {
  const principal = requirePrincipal(request);
  const row = await request.server.db.selectFrom('programme').select('id').where('id', '=', programmeId).executeTakeFirst();
  checkProgrammeAccess(principal, row?.id, need);
  return principal;
}

export async function requireWaveAccess(
  request: FastifyRequest,
  waveId: number,
  need: TNeed,
): Promise<{ principal: TPrincipal; programmeId: number }> {
  const principal = requirePrincipal(request);
  const row = await request.server.db.selectFrom('wave').select('programme_id').where('id', '=', waveId).executeTakeFirst();
  checkProgrammeAccess(principal, row?.programme_id, need);
  return { principal, programmeId: row!.programme_id };
}
