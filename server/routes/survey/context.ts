/**
 * What every questionnaire route shares: the survey context the plugin resolved from the
 * token (read it with `surveyOf`, never through `request.survey!`), the URLs of the flow,
 * the device cookies, the page chrome, and sending a page.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { TAnswers, TLanguage } from '../../../survey-definitions/index.ts';
import { publicBaseUrl } from '../../config.ts';
import type { FailureLimiter } from '../../lib/failure-limiter.ts';
import { normaliseResumeCode, type TSurveyContext } from '../../services/responses.ts';
import { missingRequired, visiblePages } from '../../survey/form.ts';
import { safeHref, url, type SafeHtml, type SafeUrl } from '../../views/html.ts';
import type { Chrome } from '../../views/layout.ts';
import { messages } from '../../views/messages.ts';
import type { TResumeInfo } from '../../views/survey/parts.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the survey plugin's preHandler; read it with `surveyOf(request)`. */
    survey?: TSurveyContext;
    lang: TLanguage;
  }
}

export interface TSurveyOptions {
  /** Counts wrong resume codes per address (wrong tokens have their own limiter). */
  limiter: FailureLimiter;
}

export const ZTokenParams = z.object({ token: z.string().max(100) });
export const ZBlockParams = ZTokenParams.extend({ block: z.string().max(100) });
export const ZResumeParams = ZTokenParams.extend({ code: z.string().max(40) });

/** The open survey this request is for. Only routes under the survey plugin have one. */
export function surveyOf(request: FastifyRequest): TSurveyContext {
  if (!request.survey) throw new Error('no survey context: the route is not under the survey plugin');
  return request.survey;
}

/** Every URL of the questionnaire flow, for one token. */
export function flowUrls(token: string) {
  return {
    landing: () => url('/v/:token', { token }),
    fresh: () => url('/v/:token/nieuw', { token }),
    page: (block: string, fragment?: string) => url('/v/:token/b/:block', { token, block }, undefined, fragment),
    review: () => url('/v/:token/controle', { token }),
    send: () => url('/v/:token/verzenden', { token }),
    thanks: () => url('/v/:token/bedankt', { token }),
    resumeForm: () => url('/v/:token/hervat', { token }),
    resumeLink: (code: string) => url('/v/:token/hervat/:code', { token, code }),
  };
}
export type TFlowUrls = ReturnType<typeof flowUrls>;

export function urlsOf(request: FastifyRequest): TFlowUrls {
  return flowUrls((request.params as { token: string }).token);
}

/** Where a returning respondent continues: the first page with a required question open, else the review. */
export function firstOpenPage(ctx: TSurveyContext, urls: TFlowUrls, answers: TAnswers): SafeUrl {
  const missing = missingRequired(ctx, answers)[0];
  return missing ? urls.page(missing.block.id) : urls.review();
}

export function firstPage(ctx: TSurveyContext, urls: TFlowUrls): SafeUrl {
  return urls.page(visiblePages(ctx, {})[0]!.id);
}

// ---- Device cookies -------------------------------------------------------------------

const COOKIE_DAYS = 60;

export interface TCookies {
  /** The resume code this device holds for the wave, if its cookie is intact. */
  deviceCode(request: FastifyRequest, ctx: TSurveyContext): string | undefined;
  rememberCode(reply: FastifyReply, ctx: TSurveyContext, code: string): void;
  /** Whether this device sent the questionnaire of this wave. */
  sentHere(request: FastifyRequest, ctx: TSurveyContext): boolean;
  markSent(reply: FastifyReply, ctx: TSurveyContext): void;
  forget(reply: FastifyReply, ctx: TSurveyContext): void;
}

export function deviceCookies(app: FastifyInstance): TCookies {
  const secure = app.config.NODE_ENV === 'production' || (app.config.PUBLIC_URL ?? '').startsWith('https:');
  const base = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure, signed: true };
  const codeCookie = (ctx: TSurveyContext) => `wm_r${ctx.wave.id}`;
  const doneCookie = (ctx: TSurveyContext) => `wm_d${ctx.wave.id}`;
  return {
    deviceCode(request, ctx) {
      const raw = request.cookies[codeCookie(ctx)];
      if (!raw) return undefined;
      const unsigned = request.unsignCookie(raw);
      return unsigned.valid && unsigned.value ? normaliseResumeCode(unsigned.value) : undefined;
    },
    rememberCode(reply, ctx, code) {
      void reply.setCookie(codeCookie(ctx), code, { ...base, maxAge: COOKIE_DAYS * 86400 });
    },
    sentHere: (request, ctx) => request.cookies[doneCookie(ctx)] !== undefined,
    markSent(reply, ctx) {
      void reply.clearCookie(codeCookie(ctx), { path: '/' });
      void reply.setCookie(doneCookie(ctx), '1', { ...base, maxAge: 365 * 86400 });
    },
    forget(reply, ctx) {
      void reply.clearCookie(codeCookie(ctx), { path: '/' });
      void reply.clearCookie(doneCookie(ctx), { path: '/' });
    },
  };
}

// ---- Chrome and sending ---------------------------------------------------------------

/** The chrome of a page of this wave: its label in the header, a language switch on GET pages. */
export function chromeOf(request: FastifyRequest, title: string): Chrome {
  const path = request.url.split('?')[0]!;
  return {
    lang: request.lang,
    title,
    programme: surveyOf(request).wave.label,
    switchLanguageUrl: request.method === 'GET' ? safeHref(`${path}?taal=${messages(request.lang).languageCode}`) : undefined,
  };
}

/** The chrome of a page that must not say which wave (if any) a token belongs to. */
export function bareChrome(request: FastifyRequest, title: string): Chrome {
  return { lang: request.lang, title, programme: undefined };
}

export function resumeInfo(app: FastifyInstance, request: FastifyRequest, code: string): TResumeInfo {
  // From configuration only: the Host header is whatever the sender of the request chose.
  return { code, url: `${publicBaseUrl(app.config)}${urlsOf(request).resumeLink(code).value}` };
}

export function sendHtml(reply: FastifyReply, status: number, page: SafeHtml) {
  return reply.status(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(page.value);
}
