/**
 * Bodies of the wave pages: the form for a new wave, a wave with its links and dates,
 * and the confirmation pages for closing early and reissuing links.
 */
import type { TWaveDetail } from '../../services/wave-admin.ts';
import type { Lang } from './messages.ts';
import { html, type SafeHtml } from '../html.ts';
import { formatDay, type TWaveMessages } from './messages-waves.ts';
import { doneNotice, type TValues } from './programme-pages.ts';
import {
  actionButton,
  badge,
  button,
  errorSummary,
  facts,
  fieldId,
  form,
  linkButton,
  notice,
  pageHeader,
  panel,
  selectField,
  textField,
  type TFieldErrors,
} from './components.ts';

export const codebookHref = (key: string) => `/werkruimte/vragenlijsten/${encodeURIComponent(key)}/codeboek`;

export interface TNewWaveView {
  programme: { id: number; name: string };
  teams: readonly { id: number; name: string }[];
  versions: readonly { key: string; title: string }[];
  baselines: readonly { id: number; label: string }[];
  csrf: string;
  /** What was typed (text fields), the ticked teams and the typed sizes. */
  values: TValues;
  ticked: ReadonlySet<string>;
  errors: TFieldErrors;
}

export function newWaveBody(t: TWaveMessages, v: TNewWaveView): SafeHtml {
  const e = v.errors;
  const labels = {
    label: t.waveLabel,
    definition: t.questionnaire,
    teams: t.participatingTeams,
    opensOn: t.opensOn,
    closesOn: t.closesOn,
    threshold: t.threshold,
    baseline: t.baselineWave,
  };
  const teamId = fieldId('teams');
  return html`${pageHeader({ title: t.newWave })}
<section class="panel">
${errorSummary(t, e, labels)}
${form({
  action: `/werkruimte/programmas/${v.programme.id}/metingen/nieuw`,
  csrf: v.csrf,
  body: html`${textField({ name: 'label', label: t.waveLabel, hint: t.waveLabelHint, value: v.values.label, error: e.label, width: 'medium' })}
${selectField({
  name: 'definition',
  label: t.questionnaire,
  hint: t.questionnaireHint,
  value: v.values.definition ?? v.versions[v.versions.length - 1]?.key,
  width: 'full',
  error: e.definition,
  options: v.versions.map((q) => ({ value: q.key, label: `${q.key} — ${q.title}` })),
})}
<ul class="codebook-links">${v.versions.map((q) => html`<li><a href="${codebookHref(q.key)}" target="_blank" rel="noopener">${t.viewCodebook(q.key)}</a></li>`)}</ul>
<fieldset class="field choices${e.teams ? ' field--error' : ''}" id="${teamId}" aria-describedby="${teamId}-hint${e.teams ? ` ${teamId}-error` : ''}">
<legend class="field-label">${t.participatingTeams}</legend>
<p class="field-hint" id="${teamId}-hint">${t.participatingHint}</p>
${e.teams ? html`<p class="field-error" id="${teamId}-error"><span class="sr-only">${t.errorPrefix} </span>${e.teams}</p>` : ''}
${
  v.teams.length === 0
    ? html`<p class="empty">${t.noActiveTeams}</p>`
    : v.teams.map(
        (team) => html`<div class="team-choice">
<div class="choice"><input type="checkbox" id="team-${team.id}" name="team" value="${team.id}"${v.ticked.has(String(team.id)) ? html` checked` : ''}><label for="team-${team.id}">${team.name}</label></div>
<label class="sr-only" for="members-${team.id}">${t.membersOf(team.name)}</label>
<input class="input input--short" id="members-${team.id}" name="members_${team.id}" type="number" inputmode="numeric" min="1" max="1000" value="${v.values[`members_${team.id}`] ?? ''}" placeholder="${t.members}">
</div>`,
      )
}
</fieldset>
${textField({ name: 'opensOn', label: t.opensOn, hint: t.dateHint, type: 'date', value: v.values.opensOn, error: e.opensOn, width: 'short' })}
${textField({ name: 'closesOn', label: t.closesOn, hint: t.dateHint, type: 'date', value: v.values.closesOn, error: e.closesOn, width: 'short' })}
${textField({ name: 'threshold', label: t.threshold, hint: t.thresholdHint, type: 'number', min: 3, max: 100, value: v.values.threshold ?? '5', error: e.threshold, width: 'short' })}
${selectField({
  name: 'baseline',
  label: t.baselineWave,
  hint: t.baselineHint,
  value: v.values.baseline ?? '',
  error: e.baseline,
  options: [{ value: '', label: t.noBaseline }, ...v.baselines.map((b) => ({ value: String(b.id), label: b.label }))],
})}
<div class="form-actions">${button(t.createWave)} <a href="/werkruimte/programmas/${v.programme.id}">${t.cancel}</a></div>`,
})}
</section>`;
}

export interface TWaveLinkView {
  teamId: number | null;
  team: string | null;
  url: string;
}

export interface TWaveView {
  wave: TWaveDetail;
  canManage: boolean;
  csrf: string;
  links: readonly TWaveLinkView[];
  done?: string | undefined;
  dates?: { values: TValues; errors: TFieldErrors };
}

function linkRow(t: TWaveMessages, waveId: number, link: TWaveLinkView): SafeHtml {
  const id = `link-${link.teamId ?? 'algemeen'}`;
  const label = link.team ? t.linkFor(link.team) : t.generalLink;
  return html`<li class="wave-link">
<label class="field-label" for="${id}">${label}</label>
<div class="copy-row"><input class="input secret-value" id="${id}" type="text" readonly value="${link.url}">
<button class="btn btn--secondary copy-button" type="button" data-copy="${id}" data-copied="${t.copied}" data-failed="${t.copyFailed}" aria-label="${t.copy}: ${label}" hidden>${t.copy}</button></div>
${link.teamId !== null ? html`<p><a href="/werkruimte/metingen/${waveId}/uitnodiging/${link.teamId}" aria-label="${t.printInvitationFor(link.team ?? '')}">${t.invitation}</a></p>` : ''}
<p class="copy-status" role="status" data-for="${id}"></p>
</li>`;
}

export function waveBody(t: TWaveMessages, lang: Lang, v: TWaveView): SafeHtml {
  const w = v.wave;
  const base = `/werkruimte/metingen/${w.id}`;
  const phase = html`${badge(t.phase[w.phase], w.phase === 'open' ? 'ok' : w.phase === 'closed' ? 'off' : 'neutral')}${
    w.closedOn ? html` <span class="muted">(${t.closedEarlyOn(formatDay(w.closedOn, lang))})</span>` : ''
  }`;
  const dates = v.dates ?? { values: { opensOn: w.opensOn, closesOn: w.closesOn }, errors: {} };
  const teamLinks = v.links.filter((l) => l.teamId !== null);
  const general = v.links.filter((l) => l.teamId === null);
  return html`${pageHeader({ title: w.label, intro: w.programmeName, actions: linkButton(`${base}/respons`, t.responseMonitor, 'primary') })}
${doneNotice(t, v.done)}
${dates.errors._form ? notice('warning', dates.errors._form) : ''}
${panel(
  facts([
    [t.status, phase],
    [t.questionnaire, html`${w.version} — ${w.versionTitle} · <a href="${codebookHref(w.version)}">${t.codebook}</a>`],
    [t.period, `${formatDay(w.opensOn, lang)} – ${formatDay(w.closesOn, lang)}`],
    [t.threshold, String(w.threshold)],
    [t.baselineWave, w.baseline ? html`<a href="/werkruimte/metingen/${w.baseline.id}">${w.baseline.label}</a>` : t.noBaseline],
    [t.participatingTeams, w.teams.map((team) => `${team.name} (${team.members})`).join(', ')],
  ]),
  t.facts,
  'facts',
)}
${
  v.canManage
    ? panel(
        html`<p>${t.linksIntro}</p>
<ul class="wave-links">${teamLinks.map((l) => linkRow(t, w.id, l))}${general.map((l) => linkRow(t, w.id, l))}</ul>
<p>${linkButton(`${base}/links/opnieuw`, t.reissue)}</p>`,
        t.links,
        'links',
      )
    : html`<p class="muted">${t.linksOnlyManagers}</p>`
}
${
  v.canManage && w.phase !== 'closed'
    ? panel(
        html`<p class="muted">${t.changeDatesHint}</p>
${errorSummary(t, dates.errors, { opensOn: t.opensOn, closesOn: t.closesOn })}
${form({
  action: `${base}/data`,
  csrf: v.csrf,
  label: t.changeDates,
  body: html`${textField({ name: 'opensOn', label: t.opensOn, hint: t.dateHint, type: 'date', value: dates.values.opensOn, error: dates.errors.opensOn, width: 'short' })}
${textField({ name: 'closesOn', label: t.closesOn, hint: t.dateHint, type: 'date', value: dates.values.closesOn, error: dates.errors.closesOn, width: 'short' })}
<div class="form-actions">${button(t.save, { variant: 'secondary' })}</div>`,
})}
<h3>${t.closeEarly}</h3>
<p>${t.closeEarlyHint}</p>
<p>${linkButton(`${base}/sluiten`, t.closeEarly)}</p>`,
        t.changeDates,
        'dates',
      )
    : ''
}`;
}

export function confirmBody(
  t: TWaveMessages,
  c: { title: string; text: string; action: string; csrf: string; confirm: string; back: string },
): SafeHtml {
  return html`<section class="panel panel--message" aria-labelledby="confirm-title"><h1 id="confirm-title">${c.title}</h1>
<div class="notice notice--warning"><div class="notice-body"><p>${c.text}</p></div></div>
<div class="form-actions">${actionButton({ action: c.action, csrf: c.csrf, label: c.confirm, variant: 'danger' })} <a href="${c.back}">${t.cancel}</a></div>
</section>`;
}
