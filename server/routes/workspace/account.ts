/**
 * /werkruimte/account: my details, personal API tokens (created — shown once — and
 * revoked), and changing my password.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requirePrincipal, type TPrincipal } from '../../auth/access.ts';
import { hashPassword, verifyPassword } from '../../auth/passwords.ts';
import { destroyUserSessions } from '../../auth/session-store.ts';
import { writeAudit } from '../../services/audit.ts';
import { createApiToken, findLoginByEmail, listApiTokens, revokeApiToken, setPasswordHash } from '../../services/users.ts';
import { html, type SafeHtml } from '../../views/html.ts';
import {
  actionButton,
  button,
  errorSummary,
  facts,
  fieldErrors,
  form,
  notice,
  pageHeader,
  panel,
  secretValue,
  table,
  textField,
  type TFieldErrors,
} from '../../views/workspace/components.ts';
import { sendPage, workspacePage } from '../../views/workspace/layout.ts';
import { requestLang, roleName, wsMessages } from '../../views/workspace/messages.ts';
import { ZNewPassword } from './forms.ts';

const ZTokenForm = z.object({ label: z.string().trim().min(1, 'errRequired').max(80, 'errLabelTooLong') });

interface TAccountView {
  message?: SafeHtml;
  tokenErrors?: TFieldErrors;
  tokenLabel?: string;
  passwordErrors?: TFieldErrors;
}

const account: FastifyPluginAsyncZod = async (app) => {
  async function render(request: FastifyRequest, reply: FastifyReply, principal: TPrincipal, status: number, v: TAccountView) {
    const lang = requestLang(request);
    const t = wsMessages(lang);
    const csrf = reply.generateCsrf();
    const tokens = await listApiTokens(app.db, principal.userId);
    const programmes = principal.programmeIds.length
      ? await app.db
          .selectFrom('programme')
          .select('name')
          .where('id', 'in', [...principal.programmeIds])
          .orderBy('name')
          .execute()
      : [];
    const date = (d: Date | string) =>
      new Date(d).toLocaleDateString(lang === 'en' ? 'en-GB' : 'nl-NL', { day: 'numeric', month: 'long', year: 'numeric' });
    const te = v.tokenErrors ?? {};
    const pe = v.passwordErrors ?? {};
    const body = html`${pageHeader({ title: t.accountTitle })}
${v.message ?? ''}
${panel(
  facts([
    [t.displayName, principal.displayName],
    [t.email, principal.email],
    [t.accountRole, roleName(t, principal.role)],
    [t.accountProgrammes, principal.role === 'admin' ? t.homeAllProgrammes : programmes.map((p) => p.name).join(', ') || '—'],
  ]),
  t.accountDetails,
  'gegevens',
)}
${panel(
  html`<p>${t.tokensIntro}</p>
${table({
  caption: t.tokensTitle,
  captionHidden: true,
  head: [t.tokenLabel, t.tokenCreatedOn, t.tokenLastUsed, ''],
  rows: tokens.map((tk) => [
    tk.label,
    date(tk.createdAt),
    tk.lastUsedOn ? date(tk.lastUsedOn) : t.tokenNever,
    actionButton({
      action: `/werkruimte/account/tokens/${tk.id}/intrekken`,
      csrf,
      label: t.tokenRevoke,
      ariaLabel: `${t.tokenRevoke}: ${tk.label}`,
      variant: 'danger',
    }),
  ]),
  empty: t.tokensNone,
})}
${errorSummary(t, te, { label: t.tokenLabel })}
${form({
  action: '/werkruimte/account/tokens',
  csrf,
  body: html`${textField({ name: 'label', label: t.tokenLabel, hint: t.tokenLabelHint, value: v.tokenLabel, error: te.label, maxLength: 80, width: 'medium' })}<div class="form-actions">${button(t.tokenCreate)}</div>`,
})}`,
  t.tokensTitle,
  'tokens',
)}
${panel(
  html`${errorSummary(t, pe, { current: t.currentPassword, password: t.newPassword, repeat: t.repeatPassword })}
${form({
  action: '/werkruimte/account/wachtwoord',
  csrf,
  body: html`${textField({ name: 'current', label: t.currentPassword, type: 'password', autocomplete: 'current-password', error: pe.current, width: 'medium' })}
${textField({ name: 'password', label: t.newPassword, hint: t.newPasswordHint, type: 'password', autocomplete: 'new-password', error: pe.password, width: 'medium' })}
${textField({ name: 'repeat', label: t.repeatPassword, type: 'password', autocomplete: 'new-password', error: pe.repeat, width: 'medium' })}
<div class="form-actions">${button(t.changePasswordButton)}</div>`,
})}`,
  t.changePasswordTitle,
  'wachtwoord',
)}`;
    return sendPage(
      reply,
      status,
      workspacePage({
        lang,
        title: t.accountTitle,
        principal,
        path: '/werkruimte/account',
        csrf,
        crumbs: [{ label: t.navHome, href: '/werkruimte' }, { label: t.accountTitle }],
        body,
      }),
    );
  }

  app.get(
    '/account',
    { schema: { querystring: z.object({ gedaan: z.enum(['ingetrokken', 'wachtwoord']).optional() }) } },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      const t = wsMessages(requestLang(request));
      const done = request.query.gedaan;
      const message =
        done === 'ingetrokken'
          ? notice('success', t.tokenRevoked)
          : done === 'wachtwoord'
            ? notice('success', t.passwordChanged)
            : undefined;
      return render(request, reply, principal, 200, { message });
    },
  );

  const ZCsrf = { _csrf: z.string().max(200).optional() };

  app.post(
    '/account/tokens',
    { schema: { body: z.object({ ...ZCsrf, label: z.string().max(1000).default('') }) } },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      const t = wsMessages(requestLang(request));
      const typed = request.body.label.slice(0, 200);
      if (!request.csrfValid())
        return render(request, reply, principal, 400, { tokenLabel: typed, tokenErrors: { _form: t.errExpired } });
      const parsed = ZTokenForm.safeParse(request.body);
      if (!parsed.success)
        return render(request, reply, principal, 400, { tokenLabel: typed, tokenErrors: fieldErrors(t, parsed.error) });
      const { id, token } = await createApiToken(app.db, principal.userId, parsed.data.label);
      await writeAudit(app.db, {
        actor: principal.email,
        userId: principal.userId,
        action: 'token.created',
        subject: `token:${id}`,
        details: { label: parsed.data.label },
      });
      // Shown once, in this answer only (no redirect: the token is in no URL and no log).
      return render(request, reply, principal, 201, {
        message: notice('success', html`<p>${t.tokenCreated}</p>${secretValue(t.tokenValue, token, 'new-token')}`),
      });
    },
  );

  app.post(
    '/account/tokens/:id/intrekken',
    { schema: { params: z.object({ id: z.coerce.number().int().positive() }), body: z.object(ZCsrf) } },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      if (!request.csrfValid()) return reply.redirect('/werkruimte/account', 303);
      if (await revokeApiToken(app.db, principal.userId, request.params.id)) {
        await writeAudit(app.db, {
          actor: principal.email,
          userId: principal.userId,
          action: 'token.revoked',
          subject: `token:${request.params.id}`,
        });
      }
      return reply.redirect('/werkruimte/account?gedaan=ingetrokken', 303);
    },
  );

  app.post(
    '/account/wachtwoord',
    {
      schema: {
        body: z.object({
          ...ZCsrf,
          current: z.string().max(1000).default(''),
          password: z.string().max(1000).default(''),
          repeat: z.string().max(1000).default(''),
        }),
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      const t = wsMessages(requestLang(request));
      if (!request.csrfValid()) return render(request, reply, principal, 400, { passwordErrors: { _form: t.errExpired } });
      const errors: TFieldErrors = {};
      const parsed = ZNewPassword.safeParse(request.body);
      const login = await findLoginByEmail(app.db, principal.email);
      if (!(await verifyPassword(login?.passwordHash, request.body.current))) errors.current = t.errPasswordWrong;
      if (!parsed.success) Object.assign(errors, fieldErrors(t, parsed.error));
      if (Object.keys(errors).length > 0 || !parsed.success)
        return render(request, reply, principal, 400, { passwordErrors: errors });
      await setPasswordHash(app.db, principal.userId, await hashPassword(parsed.data.password));
      // Other devices logged in with the old password are logged out; this one stays.
      await destroyUserSessions(app.db, principal.userId, request.session.sessionId);
      await writeAudit(app.db, {
        actor: principal.email,
        userId: principal.userId,
        action: 'password.changed',
        subject: `user:${principal.userId}`,
      });
      return reply.redirect('/werkruimte/account?gedaan=wachtwoord', 303);
    },
  );
};

export default account;
