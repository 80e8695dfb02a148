/**
 * Getting into the workspace: /inloggen, /uitloggen, /wachtwoord-vergeten, the one-time
 * link page /wachtwoord/:token, and /taal/:lang (the language switch of every workspace
 * page). Everything works without JavaScript; every form carries a CSRF token.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { clearPair, recordFailure, throttledFor } from '../auth/login-throttle.ts';
import { hashPassword, verifyPassword } from '../auth/passwords.ts';
import { destroyUserSessions } from '../auth/session-store.ts';
import { endSession, startSession } from '../plugins/auth.ts';
import { writeAudit } from '../services/audit.ts';
import { consumeLink, createOneTimeLink, findValidLink, oneTimeLinkUrl } from '../services/one-time-links.ts';
import { findLoginByEmail, normaliseEmail, setPasswordHash } from '../services/users.ts';
import { html } from '../views/html.ts';
import { button, errorSummary, fieldErrors, form, notice, textField, type TFieldErrors } from '../views/workspace/components.ts';
import { renderWorkspaceError } from '../views/workspace/errors.ts';
import { messageBody, sendPage, workspacePage } from '../views/workspace/layout.ts';
import { LANG_COOKIE, requestLang, wsMessages, type Messages } from '../views/workspace/messages.ts';
import { ZNewPassword, publicBase, safeReturnPath } from './workspace/forms.ts';

const ZLoginBody = z.object({
  _csrf: z.string().max(200).optional(),
  email: z.string().max(1000).default(''),
  password: z.string().max(1000).default(''),
  terug: z.string().max(1000).optional(),
});

const ZLoginForm = z.object({
  email: z.string().trim().min(1, 'errRequired').max(320, 'errEmail'),
  password: z.string().min(1, 'errRequired'),
});

const ZPasswordBody = z.object({
  _csrf: z.string().max(200).optional(),
  password: z.string().max(1000).default(''),
  repeat: z.string().max(1000).default(''),
});

function loginPage(
  request: FastifyRequest,
  reply: FastifyReply,
  v: { email?: string; errors?: TFieldErrors; message?: ReturnType<typeof notice>; terug?: string | undefined },
) {
  const lang = requestLang(request);
  const t = wsMessages(lang);
  const errors = v.errors ?? {};
  const action = v.terug ? `/inloggen?terug=${encodeURIComponent(v.terug)}` : '/inloggen';
  const body = html`<div class="auth"><section class="panel">
<h1>${t.loginTitle}</h1>
<p class="lead">${t.loginIntro}</p>
${v.message ?? ''}
${errorSummary(t, errors, { email: t.email, password: t.password })}
${form({
  action,
  csrf: reply.generateCsrf(),
  body: html`${textField({ name: 'email', label: t.email, type: 'email', autocomplete: 'username', value: v.email, error: errors.email, maxLength: 320 })}
${textField({ name: 'password', label: t.password, type: 'password', autocomplete: 'current-password', error: errors.password })}
<div class="form-actions">${button(t.loginButton)}</div>`,
})}
<p class="auth-links"><a href="/wachtwoord-vergeten">${t.loginForgot}</a></p>
<p class="auth-links muted">${t.loginNoAccount}</p>
</section></div>`;
  return workspacePage({ lang, title: t.loginTitle, path: request.url, body });
}

function passwordForm(t: Messages, reply: FastifyReply, action: string, errors: TFieldErrors) {
  return html`${errorSummary(t, errors, { password: t.newPassword, repeat: t.repeatPassword })}
${form({
  action,
  csrf: reply.generateCsrf(),
  body: html`${textField({ name: 'password', label: t.newPassword, hint: t.newPasswordHint, type: 'password', autocomplete: 'new-password', error: errors.password })}
${textField({ name: 'repeat', label: t.repeatPassword, type: 'password', autocomplete: 'new-password', error: errors.repeat })}
<div class="form-actions">${button(t.setPasswordButton)}</div>`,
})}`;
}

const login: FastifyPluginAsyncZod = async (app) => {
  app.addHook('onRequest', async (request) => {
    request.htmlErrors = renderWorkspaceError;
  });

  app.get(
    '/inloggen',
    {
      schema: {
        querystring: z.object({
          terug: z.string().max(1000).optional(),
          uitgelogd: z.string().optional(),
          verlopen: z.string().optional(),
          wachtwoord: z.string().optional(),
        }),
      },
    },
    async (request, reply) => {
      const t = wsMessages(requestLang(request));
      const terug = safeReturnPath(request.query.terug);
      if (request.principal?.via === 'session') return reply.redirect(terug ?? '/werkruimte', 303);
      const q = request.query;
      const message =
        q.wachtwoord !== undefined
          ? notice('success', t.passwordSet)
          : q.uitgelogd !== undefined
            ? notice('success', t.loggedOut)
            : q.verlopen !== undefined
              ? notice('info', t.sessionEnded)
              : undefined;
      return sendPage(reply, 200, loginPage(request, reply, { terug, message }));
    },
  );

  app.post(
    '/inloggen',
    { schema: { body: ZLoginBody, querystring: z.object({ terug: z.string().max(1000).optional() }) } },
    async (request, reply) => {
      const t = wsMessages(requestLang(request));
      const terug = safeReturnPath(request.query.terug ?? request.body.terug);
      const typed = request.body.email.slice(0, 320);
      if (!request.csrfValid()) {
        return sendPage(reply, 400, loginPage(request, reply, { email: typed, terug, errors: { _form: t.errExpired } }));
      }
      const parsed = ZLoginForm.safeParse(request.body);
      if (!parsed.success) {
        return sendPage(reply, 400, loginPage(request, reply, { email: typed, terug, errors: fieldErrors(t, parsed.error) }));
      }
      const email = normaliseEmail(parsed.data.email);
      const keys = app.loginThrottleKeys(email, request.ip);
      const wait = await throttledFor(app.db, keys);
      if (wait > 0) {
        await writeAudit(app.db, { actor: email, action: 'login.throttled', subject: email });
        return sendPage(
          reply,
          429,
          loginPage(request, reply, { email: typed, terug, message: notice('error', t.loginThrottled(wait)) }),
        );
      }
      const found = await findLoginByEmail(app.db, email);
      const ok = (await verifyPassword(found?.passwordHash, parsed.data.password)) && found !== undefined && !found.user.disabled;
      if (!ok) {
        await recordFailure(app.db, keys);
        await writeAudit(app.db, { actor: email, userId: found?.user.id, action: 'login.failed', subject: email });
        // One message for an unknown address, a wrong password and a disabled account.
        return sendPage(reply, 401, loginPage(request, reply, { email: typed, terug, message: notice('error', t.loginFailed) }));
      }
      await clearPair(app.db, keys);
      await startSession(request, found.user.id);
      await writeAudit(app.db, {
        actor: found.user.email,
        userId: found.user.id,
        action: 'login.succeeded',
        subject: `user:${found.user.id}`,
      });
      return reply.redirect(terug ?? '/werkruimte', 303);
    },
  );

  app.get('/uitloggen', async (request, reply) => {
    const lang = requestLang(request);
    const t = wsMessages(lang);
    if (!request.principal) return reply.redirect('/inloggen', 303);
    const body = html`<div class="auth"><section class="panel"><h1>${t.logoutTitle}</h1><p>${t.logoutText}</p>${form({
      action: '/uitloggen',
      csrf: reply.generateCsrf(),
      body: html`<div class="form-actions">${button(t.logout)}<a href="/werkruimte">${t.cancel}</a></div>`,
    })}</section></div>`;
    return sendPage(
      reply,
      200,
      workspacePage({ lang, title: t.logoutTitle, principal: request.principal, path: request.url, body }),
    );
  });

  app.post(
    '/uitloggen',
    { schema: { body: z.object({ _csrf: z.string().max(200).optional() }).optional() } },
    async (request, reply) => {
      if (!request.csrfValid()) return reply.redirect('/uitloggen', 303);
      const principal = request.principal;
      await endSession(request);
      if (principal)
        await writeAudit(app.db, {
          actor: principal.email,
          userId: principal.userId,
          action: 'logout',
          subject: `user:${principal.userId}`,
        });
      return reply.redirect('/inloggen?uitgelogd=1', 303);
    },
  );

  app.get('/wachtwoord-vergeten', async (request, reply) => {
    const lang = requestLang(request);
    const t = wsMessages(lang);
    return sendPage(reply, 200, workspacePage({ lang, title: t.forgotTitle, path: request.url, body: forgotBody(t, reply, {}) }));
  });

  function forgotBody(t: Messages, reply: FastifyReply, v: { email?: string; errors?: TFieldErrors; done?: boolean }) {
    const errors = v.errors ?? {};
    return html`<div class="auth"><section class="panel"><h1>${t.forgotTitle}</h1>
${v.done ? notice('success', app.mailer ? t.forgotSent : t.forgotNoMail) : html`<p class="lead">${t.forgotIntro}</p>`}
${errorSummary(t, errors, { email: t.email })}
${
  v.done
    ? ''
    : form({
        action: '/wachtwoord-vergeten',
        csrf: reply.generateCsrf(),
        body: html`${textField({ name: 'email', label: t.email, type: 'email', autocomplete: 'username', value: v.email, error: errors.email, maxLength: 320 })}<div class="form-actions">${button(t.forgotButton)}</div>`,
      })
}
<p class="auth-links"><a href="/inloggen">${t.loginTitle}</a></p></section></div>`;
  }

  app.post(
    '/wachtwoord-vergeten',
    { schema: { body: z.object({ _csrf: z.string().max(200).optional(), email: z.string().max(1000).default('') }) } },
    async (request, reply) => {
      const lang = requestLang(request);
      const t = wsMessages(lang);
      const page = (status: number, v: Parameters<typeof forgotBody>[2]) =>
        sendPage(
          reply,
          status,
          workspacePage({ lang, title: t.forgotTitle, path: '/wachtwoord-vergeten', body: forgotBody(t, reply, v) }),
        );
      const typed = request.body.email.slice(0, 320);
      if (!request.csrfValid()) return page(400, { email: typed, errors: { _form: t.errExpired } });
      const parsed = z.email('errEmail').max(320, 'errEmail').safeParse(typed.trim());
      if (!parsed.success) return page(400, { email: typed, errors: { email: t.errEmail } });
      const found = await findLoginByEmail(app.db, parsed.data);
      // The same answer whether or not the address has an account.
      if (found && !found.user.disabled && app.mailer) {
        const token = await createOneTimeLink(app.db, found.user.id, 'reset');
        const url = oneTimeLinkUrl(publicBase(request), token);
        const mt = wsMessages(lang);
        await app.mailer
          .send({ to: found.user.email, subject: mt.mailResetSubject, text: mt.mailResetText(url) })
          .catch((err: unknown) => {
            request.log.error({ err }, 'password reset mail failed');
          });
        await writeAudit(app.db, {
          actor: found.user.email,
          userId: found.user.id,
          action: 'password.reset_requested',
          subject: `user:${found.user.id}`,
        });
      }
      return page(200, { done: true });
    },
  );

  // The one-time link: GET shows the form and uses nothing up; the POST sets the password.
  const ZToken = z.object({ token: z.string().min(20).max(100) });

  app.get('/wachtwoord/:token', { schema: { params: ZToken } }, async (request, reply) => {
    const lang = requestLang(request);
    const t = wsMessages(lang);
    const link = await findValidLink(app.db, request.params.token);
    if (!link) {
      return sendPage(
        reply,
        410,
        workspacePage({
          lang,
          title: t.linkInvalidTitle,
          body: messageBody(t.linkInvalidTitle, t.linkInvalidText, { href: '/wachtwoord-vergeten', label: t.loginForgot }),
        }),
      );
    }
    const body = html`<div class="auth"><section class="panel"><h1>${t.setPasswordTitle}</h1><p class="lead">${t.setPasswordIntro(link.email)}</p>${passwordForm(t, reply, `/wachtwoord/${request.params.token}`, {})}</section></div>`;
    return sendPage(reply, 200, workspacePage({ lang, title: t.setPasswordTitle, body }));
  });

  app.post('/wachtwoord/:token', { schema: { params: ZToken, body: ZPasswordBody } }, async (request, reply) => {
    const lang = requestLang(request);
    const t = wsMessages(lang);
    const link = await findValidLink(app.db, request.params.token);
    const invalid = () =>
      sendPage(
        reply,
        410,
        workspacePage({
          lang,
          title: t.linkInvalidTitle,
          body: messageBody(t.linkInvalidTitle, t.linkInvalidText, { href: '/wachtwoord-vergeten', label: t.loginForgot }),
        }),
      );
    if (!link) return invalid();
    const again = (errors: TFieldErrors) =>
      sendPage(
        reply,
        400,
        workspacePage({
          lang,
          title: t.setPasswordTitle,
          body: html`<div class="auth"><section class="panel"><h1>${t.setPasswordTitle}</h1><p class="lead">${t.setPasswordIntro(link.email)}</p>${passwordForm(t, reply, `/wachtwoord/${request.params.token}`, errors)}</section></div>`,
        }),
      );
    if (!request.csrfValid()) return again({ _form: t.errExpired });
    const parsed = ZNewPassword.safeParse(request.body);
    if (!parsed.success) return again(fieldErrors(t, parsed.error));
    const passwordHash = await hashPassword(parsed.data.password);
    if (!(await consumeLink(app.db, link.id))) return invalid();
    await setPasswordHash(app.db, link.userId, passwordHash);
    // Whoever was logged in with the old password is logged out.
    await destroyUserSessions(app.db, link.userId);
    await writeAudit(app.db, {
      actor: link.email,
      userId: link.userId,
      action: 'password.set',
      subject: `user:${link.userId}`,
      details: { via: link.purpose },
    });
    return reply.redirect('/inloggen?wachtwoord=1', 303);
  });

  app.get(
    '/taal/:lang',
    {
      schema: {
        params: z.object({ lang: z.enum(['nl', 'en']) }),
        querystring: z.object({ terug: z.string().max(1000).optional() }),
      },
    },
    async (request, reply) => {
      void reply.setCookie(LANG_COOKIE, request.params.lang, { path: '/', sameSite: 'lax', httpOnly: true, maxAge: 365 * 86400 });
      return reply.redirect(safeReturnPath(request.query.terug) ?? '/werkruimte', 303);
    },
  );
};

export default login;
