/**
 * /werkruimte/beheer/gebruikers (admins only): invite people (role, programmes; the
 * one-time link is e-mailed when SMTP_URL is set, else shown to pass on), change roles
 * and memberships, disable and enable accounts, hand out a new password link.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireRole, type TPrincipal } from '../../auth/access.ts';
import { destroyUserSessions } from '../../auth/session-store.ts';
import { NotFoundError } from '../../errors.ts';
import { writeAudit } from '../../services/audit.ts';
import { createOneTimeLink, oneTimeLinkUrl } from '../../services/one-time-links.ts';
import {
  countActiveAdmins,
  createUser,
  findUser,
  listUsers,
  normaliseEmail,
  setDisabled,
  unknownProgrammeIds,
  updateUser,
  type TUser,
} from '../../services/users.ts';
import { html, type SafeHtml } from '../../views/html.ts';
import {
  actionButton,
  badge,
  button,
  errorSummary,
  fieldErrors,
  form,
  notice,
  pageHeader,
  panel,
  secretValue,
  table,
  type TFieldErrors,
} from '../../views/workspace/components.ts';
import { sendPage, workspacePage } from '../../views/workspace/layout.ts';
import { requestLang, roleName, wsMessages, type Messages } from '../../views/workspace/messages.ts';
import { ZDisplayName, ZEmail, ZIdList, ZRole, publicBase } from './forms.ts';
import { userFields } from './user-fields.ts';

const ZInvite = z.object({ email: ZEmail, displayName: ZDisplayName, role: ZRole, programmes: ZIdList });
const ZEdit = z.object({ displayName: ZDisplayName, role: ZRole, programmes: ZIdList });
const ZBody = z.object({
  _csrf: z.string().max(200).optional(),
  email: z.string().max(2000).optional(),
  displayName: z.string().max(2000).optional(),
  role: z.string().max(50).optional(),
  programmes: z.union([z.string().max(20), z.array(z.string().max(20)).max(1000)]).optional(),
});
type TBody = z.infer<typeof ZBody>;
const ZId = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });

const USERS = '/werkruimte/beheer/gebruikers';

const users: FastifyPluginAsyncZod = async (app) => {
  const programmeOptions = async () =>
    (await app.db.selectFrom('programme').select(['id', 'name']).orderBy('name').execute()).map((p) => ({
      value: String(p.id),
      label: p.name,
    }));

  /** Mails the link when mail is configured; otherwise returns it for the admin to pass on. */
  async function deliverLink(
    request: FastifyRequest,
    t: Messages,
    user: TUser,
    purpose: 'invite' | 'reset',
    db = app.db,
  ): Promise<{ mailed: boolean; url: string }> {
    const url = oneTimeLinkUrl(publicBase(request), await createOneTimeLink(db, user.id, purpose));
    if (!app.mailer) return { mailed: false, url };
    await app.mailer.send(
      purpose === 'invite'
        ? { to: user.email, subject: t.mailInviteSubject, text: t.mailInviteText(url, roleName(t, user.role)) }
        : { to: user.email, subject: t.mailResetSubject, text: t.mailResetText(url) },
    );
    return { mailed: true, url };
  }

  async function listPage(
    request: FastifyRequest,
    reply: FastifyReply,
    principal: TPrincipal,
    status: number,
    v: { message?: SafeHtml; errors?: TFieldErrors; values?: TBody },
  ) {
    const lang = requestLang(request);
    const t = wsMessages(lang);
    const csrf = reply.generateCsrf();
    const all = await listUsers(app.db);
    const names = new Map((await programmeOptions()).map((o) => [Number(o.value), o.label]));
    const errors = v.errors ?? {};
    const statusBadge = (s: string) =>
      s === 'active'
        ? badge(t.statusActive, 'ok')
        : s === 'invited'
          ? badge(t.statusInvited, 'warn')
          : badge(t.statusDisabled, 'off');
    const body = html`${pageHeader({ title: t.usersTitle, intro: t.usersIntro })}
${v.message ?? ''}
${panel(
  html`${errorSummary(t, errors, { email: t.email, displayName: t.displayName, role: t.role, programmes: t.programmes })}
${form({
  action: USERS,
  csrf,
  body: html`${userFields(t, { withEmail: true, values: v.values ?? {}, errors, programmes: await programmeOptions() })}<div class="form-actions">${button(app.mailer ? t.inviteButton : t.inviteButtonNoMail)}</div>`,
})}`,
  t.inviteTitle,
  'uitnodigen',
)}
${panel(
  table({
    caption: t.usersList,
    captionHidden: true,
    head: [t.email, t.displayName, t.role, t.programmes, t.status, ''],
    rows: all.map((u) => [
      u.email,
      u.displayName,
      roleName(t, u.role),
      u.role === 'admin' ? '—' : u.programmeIds.map((id) => names.get(id) ?? `#${id}`).join(', ') || '—',
      statusBadge(u.status),
      html`<a href="${USERS}/${u.id}">${t.edit}<span class="sr-only"> ${u.email}</span></a>`,
    ]),
    empty: t.noRows,
  }),
  t.usersList,
  'lijst',
)}`;
    return sendPage(
      reply,
      status,
      workspacePage({
        lang,
        title: t.usersTitle,
        principal,
        path: USERS,
        csrf,
        wide: true,
        crumbs: [{ label: t.navHome, href: '/werkruimte' }, { label: t.usersTitle }],
        body,
      }),
    );
  }

  async function editPage(
    request: FastifyRequest,
    reply: FastifyReply,
    principal: TPrincipal,
    user: TUser,
    status: number,
    v: { message?: SafeHtml; errors?: TFieldErrors; values?: TBody },
  ) {
    const lang = requestLang(request);
    const t = wsMessages(lang);
    const csrf = reply.generateCsrf();
    const errors = v.errors ?? {};
    const values: TBody = v.values ?? {
      displayName: user.displayName,
      role: user.role,
      programmes: user.programmeIds.map(String),
    };
    const self = user.id === principal.userId;
    const base = `${USERS}/${user.id}`;
    const body = html`${pageHeader({ title: t.editUserTitle(user.email) })}
${v.message ?? ''}
${self ? notice('info', t.notYourself) : ''}
${panel(
  html`${errorSummary(t, errors, { displayName: t.displayName, role: t.role, programmes: t.programmes })}
${form({ action: base, csrf, body: html`${userFields(t, { withEmail: false, values, errors, programmes: await programmeOptions(), roleLocked: self })}<div class="form-actions">${button(t.save)}<a href="${USERS}">${t.cancel}</a></div>` })}`,
  t.accountDetails,
  'gegevens',
)}
${panel(html`<p>${t.resetLinkText}</p>${actionButton({ action: `${base}/link`, csrf, label: t.resetLinkButton })}`, t.password, 'link')}
${
  self
    ? ''
    : panel(
        user.disabled
          ? actionButton({ action: `${base}/inschakelen`, csrf, label: t.enableButton })
          : html`<p>${t.disableText}</p>${actionButton({ action: `${base}/uitschakelen`, csrf, label: t.disableButton, variant: 'danger' })}`,
        t.disableTitle,
        'uitschakelen',
      )
}`;
    return sendPage(
      reply,
      status,
      workspacePage({
        lang,
        title: t.editUserTitle(user.email),
        principal,
        path: base,
        csrf,
        crumbs: [{ label: t.navHome, href: '/werkruimte' }, { label: t.usersTitle, href: USERS }, { label: user.email }],
        body,
      }),
    );
  }

  async function userOr404(id: number): Promise<TUser> {
    const user = await findUser(app.db, id);
    if (!user) throw new NotFoundError('niet gevonden');
    return user;
  }

  app.get(
    `/beheer/gebruikers`,
    { schema: { querystring: z.object({ gedaan: z.string().max(20).optional() }) } },
    async (request, reply) => {
      const principal = requireRole(request, 'admin');
      return listPage(request, reply, principal, 200, {});
    },
  );

  app.post(`/beheer/gebruikers`, { schema: { body: ZBody } }, async (request, reply) => {
    const principal = requireRole(request, 'admin');
    const t = wsMessages(requestLang(request));
    const values = request.body;
    if (!request.csrfValid()) return listPage(request, reply, principal, 400, { values, errors: { _form: t.errExpired } });
    const parsed = ZInvite.safeParse(values);
    if (!parsed.success) return listPage(request, reply, principal, 400, { values, errors: fieldErrors(t, parsed.error) });
    const input = parsed.data;
    if ((await unknownProgrammeIds(app.db, input.programmes)).length > 0)
      return listPage(request, reply, principal, 400, { values, errors: { programmes: t.errProgramme } });
    const existing = await app.db
      .selectFrom('app_user')
      .select('id')
      .where('email', '=', normaliseEmail(input.email))
      .executeTakeFirst();
    if (existing) return listPage(request, reply, principal, 409, { values, errors: { email: t.errDuplicateEmail } });
    // One transaction: if the mail cannot be sent, no half-invited account stays behind.
    const result = await app.db.transaction().execute(async (trx) => {
      const user = await createUser(trx, {
        email: input.email,
        displayName: input.displayName,
        role: input.role,
        programmeIds: input.role === 'admin' ? [] : input.programmes,
      });
      await writeAudit(trx, {
        actor: principal.email,
        userId: principal.userId,
        action: 'user.created',
        subject: user.email,
        details: { id: user.id, role: user.role, programmeIds: user.programmeIds },
      });
      const delivered = await deliverLink(request, t, user, 'invite', trx);
      await writeAudit(trx, {
        actor: principal.email,
        userId: principal.userId,
        action: 'user.invited',
        subject: user.email,
        details: { mailed: delivered.mailed },
      });
      return { user, ...delivered };
    });
    const message = result.mailed
      ? notice('success', t.invitedMail(result.user.email))
      : notice(
          'success',
          html`<p>${t.invitedLink(result.user.email)}</p>${secretValue(t.resetLinkShown, result.url, 'invite-link')}`,
        );
    return listPage(request, reply, principal, 201, { message });
  });

  app.get(
    `/beheer/gebruikers/:id`,
    { schema: { params: ZId, querystring: z.object({ gedaan: z.enum(['opgeslagen', 'uit', 'aan']).optional() }) } },
    async (request, reply) => {
      const principal = requireRole(request, 'admin');
      const t = wsMessages(requestLang(request));
      const user = await userOr404(request.params.id);
      const done = request.query.gedaan;
      const message =
        done === 'opgeslagen'
          ? notice('success', t.userSaved)
          : done === 'uit'
            ? notice('success', t.userDisabled)
            : done === 'aan'
              ? notice('success', t.userEnabled)
              : undefined;
      return editPage(request, reply, principal, user, 200, { message });
    },
  );

  app.post(`/beheer/gebruikers/:id`, { schema: { params: ZId, body: ZBody } }, async (request, reply) => {
    const principal = requireRole(request, 'admin');
    const t = wsMessages(requestLang(request));
    const user = await userOr404(request.params.id);
    const values = request.body;
    if (!request.csrfValid()) return editPage(request, reply, principal, user, 400, { values, errors: { _form: t.errExpired } });
    const parsed = ZEdit.safeParse(values);
    if (!parsed.success) return editPage(request, reply, principal, user, 400, { values, errors: fieldErrors(t, parsed.error) });
    const input = parsed.data;
    if ((await unknownProgrammeIds(app.db, input.programmes)).length > 0)
      return editPage(request, reply, principal, user, 400, { values, errors: { programmes: t.errProgramme } });
    if (user.id === principal.userId && input.role !== user.role)
      return editPage(request, reply, principal, user, 400, { values, errors: { role: t.notYourself } });
    if (user.role === 'admin' && input.role !== 'admin' && !user.disabled && (await countActiveAdmins(app.db)) <= 1) {
      return editPage(request, reply, principal, user, 400, { values, errors: { role: t.lastAdmin } });
    }
    const programmeIds = input.role === 'admin' ? [] : input.programmes;
    await app.db.transaction().execute(async (trx) => {
      await updateUser(trx, user.id, { displayName: input.displayName || user.displayName, role: input.role, programmeIds });
      const actor = { actor: principal.email, userId: principal.userId, subject: user.email };
      if (input.role !== user.role)
        await writeAudit(trx, {
          ...actor,
          action: 'user.role_changed',
          details: { id: user.id, from: user.role, to: input.role },
        });
      const before = [...user.programmeIds].sort((a, b) => a - b).join(',');
      const after = [...new Set(programmeIds)].sort((a, b) => a - b).join(',');
      if (before !== after)
        await writeAudit(trx, {
          ...actor,
          action: 'user.memberships_changed',
          details: { id: user.id, from: user.programmeIds, to: [...new Set(programmeIds)] },
        });
      if (input.displayName && input.displayName !== user.displayName)
        await writeAudit(trx, { ...actor, action: 'user.renamed', details: { id: user.id } });
    });
    return reply.redirect(`${USERS}/${user.id}?gedaan=opgeslagen`, 303);
  });

  for (const [path, disabled] of [
    ['uitschakelen', true],
    ['inschakelen', false],
  ] as const) {
    app.post(
      `/beheer/gebruikers/:id/${path}`,
      { schema: { params: ZId, body: z.object({ _csrf: z.string().max(200).optional() }) } },
      async (request, reply) => {
        const principal = requireRole(request, 'admin');
        const t = wsMessages(requestLang(request));
        const user = await userOr404(request.params.id);
        if (!request.csrfValid()) return reply.redirect(`${USERS}/${user.id}`, 303);
        if (user.id === principal.userId)
          return editPage(request, reply, principal, user, 400, { message: notice('error', t.notYourself) });
        if (disabled && user.role === 'admin' && !user.disabled && (await countActiveAdmins(app.db)) <= 1) {
          return editPage(request, reply, principal, user, 400, { message: notice('error', t.lastAdmin) });
        }
        await app.db.transaction().execute(async (trx) => {
          await setDisabled(trx, user.id, disabled);
          if (disabled) await destroyUserSessions(trx, user.id);
          await writeAudit(trx, {
            actor: principal.email,
            userId: principal.userId,
            action: disabled ? 'user.disabled' : 'user.enabled',
            subject: user.email,
            details: { id: user.id },
          });
        });
        return reply.redirect(`${USERS}/${user.id}?gedaan=${disabled ? 'uit' : 'aan'}`, 303);
      },
    );
  }

  app.post(
    `/beheer/gebruikers/:id/link`,
    { schema: { params: ZId, body: z.object({ _csrf: z.string().max(200).optional() }) } },
    async (request, reply) => {
      const principal = requireRole(request, 'admin');
      const t = wsMessages(requestLang(request));
      const user = await userOr404(request.params.id);
      if (!request.csrfValid()) return reply.redirect(`${USERS}/${user.id}`, 303);
      const login = await app.db
        .selectFrom('app_user')
        .select('password_hash')
        .where('id', '=', user.id)
        .executeTakeFirstOrThrow();
      const purpose = login.password_hash ? 'reset' : 'invite';
      const delivered = await deliverLink(request, t, user, purpose);
      await writeAudit(app.db, {
        actor: principal.email,
        userId: principal.userId,
        action: 'user.link_issued',
        subject: user.email,
        details: { id: user.id, purpose, mailed: delivered.mailed },
      });
      const message = delivered.mailed
        ? notice('success', t.resetLinkMailed(user.email))
        : notice('success', secretValue(t.resetLinkShown, delivered.url, 'reset-link'));
      return editPage(request, reply, principal, user, 200, { message });
    },
  );
};

export default users;
