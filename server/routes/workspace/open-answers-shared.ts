/**
 * What every open-answer route shares: the access check (researchers and admins who are
 * members; managers 403, non-members 404 — auth/access.ts; the workspace's error handler
 * turns those into pages), and the shapes of form bodies.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { requireWaveAccess, type TPrincipal } from '../../auth/access.ts';
import { openWave, type TOpenWave } from '../../services/open-answers.ts';
import { requestLang } from '../../views/workspace/messages.ts';
import type { TOaContext } from '../../views/workspace/open-answers-read.ts';

export const ZWaveId = z.coerce.number({ error: 'Verwacht een metingnummer.' }).int().positive().max(2_147_483_647);
export const ZWaveParams = z.object({ id: ZWaveId });
export const ZRef = z.string().regex(/^[A-Za-z0-9_-]{16}$/, 'Onbekend antwoord.');
export const ZAnswerParams = z.object({ id: ZWaveId, ref: ZRef });
export const ZThemeParams = z.object({ id: ZWaveId, themeId: ZWaveId });
/** A urlencoded form: every field a string, repeated fields (checkboxes) an array. */
export const ZFormBody = z.record(z.string(), z.union([z.string(), z.array(z.string())]));
export type TFormBody = z.infer<typeof ZFormBody>;
export const ZHtml = z.string().describe('An HTML page');
/** A form post: 303 to the next page, or the form again (400 invalid, 403 expired CSRF token). */
export const ZFormResponses = { 303: z.undefined().describe('To the next page'), 400: ZHtml, 403: ZHtml };

export function field(body: TFormBody, name: string): string | undefined {
  const value = body[name];
  return Array.isArray(value) ? value[0] : value;
}

export function fields(body: TFormBody, name: string): string[] {
  const value = body[name];
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

export function ids(body: TFormBody, name: string): number[] {
  return fields(body, name)
    .map((v) => Number(v))
    .filter((n) => Number.isInteger(n) && n > 0);
}

export interface TOaRequest {
  principal: TPrincipal;
  wave: TOpenWave;
  ctx: TOaContext;
}

/** The access check first, then the wave: nothing about the wave is read for someone without access. */
export async function openAnswerAccess(request: FastifyRequest, reply: FastifyReply, waveId: number): Promise<TOaRequest> {
  const { principal } = await requireWaveAccess(request, waveId, 'open-answers');
  const wave = await openWave(request.server.db, waveId);
  const ctx: TOaContext = {
    lang: requestLang(request),
    principal,
    waveId,
    waveLabel: wave.label,
    csrf: reply.generateCsrf(),
    path: request.url,
  };
  return { principal, wave, ctx };
}

export function actorOf(principal: TPrincipal): { email: string; userId: number } {
  return { email: principal.email, userId: principal.userId };
}

// The workspace's one way to send a page.
export { sendPage } from '../../views/workspace/layout.ts';

/** After a successful post: back to a page, with a short message in the query (?ok=…). */
export function seeOther(reply: FastifyReply, url: string): FastifyReply {
  return reply.redirect(url, 303);
}
