/**
 * Bodies of the programme pages: the list of my programmes, a new programme, one
 * programme with its teams, waves and members, and editing a team.
 */
import type { TProgramme, TProgrammeSummary, TTeam } from '../../services/programmes.ts';
import type { Lang } from './messages.ts';
import { html, type SafeHtml } from '../html.ts';
import { formatDay, type TWaveMessages } from './messages-waves.ts';
import {
  actionButton,
  badge,
  button,
  errorSummary,
  form,
  linkButton,
  notice,
  pageHeader,
  panel,
  table,
  textField,
  type TFieldErrors,
} from './components.ts';

export type TValues = Record<string, string | undefined>;

export function doneNotice(t: TWaveMessages, done: string | undefined): SafeHtml {
  const text = done ? (t.done as Record<string, string>)[done] : undefined;
  return text ? notice('success', text) : html``;
}

export function programmesBody(t: TWaveMessages, list: readonly TProgrammeSummary[], canCreate: boolean): SafeHtml {
  return html`${pageHeader({ title: t.programmes, intro: t.programmesIntro, ...(canCreate && { actions: linkButton('/werkruimte/programmas/nieuw', t.newProgramme, 'primary') }) })}
${
  list.length === 0
    ? html`<p class="empty">${t.noProgrammes}</p>`
    : html`<ul class="cards">${list.map(
        (p) =>
          html`<li><a href="/werkruimte/programmas/${p.id}">${p.name}<span class="card-meta">${t.teamsCount(p.teams)} · ${t.wavesCount(p.waves)}</span></a></li>`,
      )}</ul>`
}`;
}

export function newProgrammeBody(t: TWaveMessages, csrf: string, values: TValues, errors: TFieldErrors): SafeHtml {
  return html`${pageHeader({ title: t.newProgramme, intro: t.newProgrammeIntro })}
<section class="panel">
${errorSummary(t, errors, { name: t.programmeName })}
${form({
  action: '/werkruimte/programmas/nieuw',
  csrf,
  body: html`${textField({ name: 'name', label: t.programmeName, hint: t.programmeNameHint, value: values.name, error: errors.name, width: 'medium' })}
<div class="form-actions">${button(t.create)} <a href="/werkruimte/programmas">${t.cancel}</a></div>`,
})}
</section>`;
}

function teamStatus(t: TWaveMessages, team: TTeam): SafeHtml {
  return team.archived ? badge(t.archived, 'off') : badge(t.active, 'ok');
}

export interface TProgrammeView {
  programme: TProgramme;
  canManage: boolean;
  csrf: string;
  done?: string | undefined;
  rename?: { values: TValues; errors: TFieldErrors };
  newTeam?: { values: TValues; errors: TFieldErrors };
}

export function programmeBody(t: TWaveMessages, lang: Lang, v: TProgrammeView): SafeHtml {
  const p = v.programme;
  const base = `/werkruimte/programmas/${p.id}`;
  const teamRows = p.teams.map((team) => [
    team.name,
    team.municipality ?? '',
    teamStatus(t, team),
    ...(v.canManage ? [html`<a href="${base}/teams/${team.id}" aria-label="${t.edit}: ${team.name}">${t.edit}</a>`] : []),
  ]);
  const waveRows = p.waves.map((w) => [
    html`<a href="/werkruimte/metingen/${w.id}">${w.label}</a>`,
    w.version,
    `${formatDay(w.opensOn, lang)} – ${formatDay(w.closesOn, lang)}`,
    badge(t.phase[w.phase], w.phase === 'open' ? 'ok' : w.phase === 'closed' ? 'off' : 'neutral'),
  ]);
  const rename = v.rename ?? { values: { name: p.name }, errors: {} };
  const newTeam = v.newTeam ?? { values: {}, errors: {} };
  return html`${pageHeader({ title: p.name, ...(v.canManage && { actions: linkButton(`${base}/metingen/nieuw`, t.newWave, 'primary') }) })}
${doneNotice(t, v.done)}
${panel(
  table({
    caption: t.waves,
    captionHidden: true,
    head: [t.wave, t.version, t.period, t.status],
    rows: waveRows,
    empty: t.noWaves,
  }),
  t.waves,
  'waves',
)}
${panel(
  html`<p class="muted">${t.teamsIntro}</p>
${table({
  caption: t.teams,
  captionHidden: true,
  head: [t.team, t.municipality, t.status, ...(v.canManage ? [t.actions] : [])],
  rows: teamRows,
  empty: t.noTeams,
})}
${
  v.canManage
    ? html`<h3>${t.addTeam}</h3>
${errorSummary(t, newTeam.errors, { name: t.teamName, municipality: t.municipality })}
${form({
  action: `${base}/teams`,
  csrf: v.csrf,
  label: t.addTeam,
  body: html`${textField({ name: 'name', label: t.teamName, value: newTeam.values.name, error: newTeam.errors.name, width: 'medium' })}
${textField({ name: 'municipality', label: t.municipality, required: false, t, value: newTeam.values.municipality, error: newTeam.errors.municipality, width: 'medium' })}
<div class="form-actions">${button(t.addTeam)}</div>`,
})}`
    : ''
}`,
  t.teams,
  'teams',
)}
${panel(
  html`<p class="muted">${t.membersIntro}</p>${table({
    caption: t.members,
    captionHidden: true,
    head: [t.name, t.email, t.role],
    rows: p.members.map((m) => [m.displayName, m.email, t.roles[m.role as keyof TWaveMessages['roles']] ?? m.role]),
    empty: t.noMembers,
  })}`,
  t.members,
  'members',
)}
${
  v.canManage
    ? panel(
        html`${errorSummary(t, rename.errors, { name: t.programmeName })}${form({
          action: base,
          csrf: v.csrf,
          label: t.renameProgramme,
          body: html`${textField({ name: 'name', label: t.programmeName, value: rename.values.name, error: rename.errors.name, width: 'medium' })}
<div class="form-actions">${button(t.save, { variant: 'secondary' })}</div>`,
        })}`,
        t.renameProgramme,
        'rename',
      )
    : ''
}`;
}

export function teamBody(
  t: TWaveMessages,
  programme: { id: number; name: string },
  team: TTeam,
  csrf: string,
  values: TValues,
  errors: TFieldErrors,
): SafeHtml {
  const base = `/werkruimte/programmas/${programme.id}/teams/${team.id}`;
  const canDelete = team.waves === 0 && team.responses === 0;
  return html`${pageHeader({ title: `${t.editTeam}: ${team.name}` })}
<section class="panel">
${errorSummary(t, errors, { name: t.teamName, municipality: t.municipality })}
${form({
  action: base,
  csrf,
  body: html`${textField({ name: 'name', label: t.teamName, value: values.name, error: errors.name, width: 'medium' })}
${textField({ name: 'municipality', label: t.municipality, required: false, t, value: values.municipality, error: errors.municipality, width: 'medium' })}
<div class="form-actions">${button(t.save)} <a href="/werkruimte/programmas/${programme.id}">${t.cancel}</a></div>`,
})}
</section>
<section class="panel" aria-labelledby="team-status"><h2 id="team-status">${t.status}: ${teamStatus(t, team)}</h2>
<p>${canDelete ? t.deleteHint : t.archiveHint}</p>
<div class="form-actions">${
    team.archived
      ? actionButton({ action: `${base}/herstellen`, csrf, label: t.restore })
      : actionButton({ action: `${base}/archiveren`, csrf, label: t.archive })
  }${canDelete ? actionButton({ action: `${base}/verwijderen`, csrf, label: t.delete, variant: 'danger' }) : ''}</div>
</section>`;
}
