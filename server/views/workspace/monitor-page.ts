/**
 * The response monitor: one bar per team (complete ÷ members) with a mark at the
 * anonymity threshold, and the figures in words next to it. The bars are SVG drawn with
 * attributes only (the CSP allows no inline style); web/static/monitor.js refreshes the
 * figures every 30 s from GET /api/waves/:id/progress, and the page is right without it.
 */
import type { TTeamProgress, TWaveProgress } from '../../services/progress.ts';
import type { Lang } from './messages.ts';
import { html, type SafeHtml } from '../html.ts';
import { formatDay, type TWaveMessages } from './messages-waves.ts';
import { badge, pageHeader } from './components.ts';

export function percent(rate: number, lang: Lang): string {
  return new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'nl-NL', { style: 'percent', maximumFractionDigits: 0 }).format(rate);
}

/** Width of the filled part, 0–100; more answers than members fills the bar. */
const barWidth = (complete: number, members: number) =>
  members > 0 ? Math.min(100, Math.round((complete / members) * 1000) / 10) : 0;

export function phaseText(t: TWaveMessages, p: TWaveProgress, lang: Lang): string {
  if (p.phase === 'open') return t.daysLeft(p.daysLeft);
  if (p.phase === 'not_open') return t.notOpenYet(formatDay(p.opensOn, lang));
  return t.closedPhase;
}

function thresholdBadge(t: TWaveMessages, team: TTeamProgress, threshold: number): SafeHtml {
  return team.belowThreshold
    ? badge(`${t.belowThreshold} · ${t.belowThresholdShort(threshold - team.complete)}`, 'warn')
    : badge(t.enough, 'ok');
}

function teamRow(t: TWaveMessages, lang: Lang, team: TTeamProgress, threshold: number): SafeHtml {
  const width = barWidth(team.complete, team.members);
  const mark = team.members > 0 ? Math.min(100, Math.round((threshold / team.members) * 1000) / 10) : 0;
  return html`<li class="monitor-team" data-team="${team.teamId}">
<div class="monitor-head"><h3 class="monitor-name">${team.team}</h3>
<p class="monitor-figure"><strong data-field="ofMembers">${t.ofMembers(team.complete, team.members)}</strong> <span data-field="rate">(${percent(team.responseRate, lang)})</span></p></div>
<svg class="monitor-bar" viewBox="0 0 100 8" preserveAspectRatio="none" width="100%" height="20" role="img" aria-label="${t.barLabel(team.team, team.complete, team.members)}" data-field="bar">
<rect x="0" y="0" width="100" height="8" fill="#dde4ea"></rect>
<rect x="0" y="0" width="${width}" height="8" fill="${team.belowThreshold ? '#b07000' : '#1e6b3a'}" data-field="fill"></rect>
<rect x="${Math.max(0, mark - 0.4)}" y="0" width="0.8" height="8" fill="#1b2631" data-field="mark"></rect>
</svg>
<p class="monitor-detail"><span>${t.complete}: <span data-field="complete">${team.complete}</span></span> · <span>${t.partial}: <span data-field="partial">${team.partial}</span></span> · <span>${t.members}: <span data-field="members">${team.members}</span></span> · <span data-field="status">${thresholdBadge(t, team, threshold)}</span></p>
</li>`;
}

/** A text with placeholders instead of numbers, for the refresh script to fill in. */
function template(fn: (...args: never[]) => string, ...placeholders: string[]): string {
  return (fn as unknown as (...args: string[]) => string)(...placeholders);
}

/** The texts the refresh script needs, as data attributes (no inline script under the CSP). */
function textAttributes(t: TWaveMessages): SafeHtml {
  const texts: Record<string, string> = {
    'of-members': template(t.ofMembers, '{c}', '{m}'),
    bar: template(t.barLabel, '{team}', '{c}', '{m}'),
    below: `${t.belowThreshold} · ${template(t.belowThresholdShort, '{n}')}`,
    enough: t.enough,
    'days-one': t.daysLeft(1),
    'days-many': template(t.daysLeft, '{n}'),
    'not-open': template(t.notOpenYet, '{d}'),
    closed: t.closedPhase,
    'as-of': template(t.asOf, '{d}'),
  };
  return html`${Object.entries(texts).map(([k, v]) => html` data-t-${k}="${v}"`)}`;
}

export function monitorBody(t: TWaveMessages, lang: Lang, p: TWaveProgress, programmeName: string): SafeHtml {
  return html`${pageHeader({ title: `${t.monitor}: ${p.label}`, intro: programmeName })}
<section class="panel monitor" aria-labelledby="monitor-title" data-progress-url="/api/waves/${p.waveId}/progress" data-lang="${lang}"${textAttributes(t)}>
<h2 id="monitor-title" class="sr-only">${t.monitor}</h2>
<p class="monitor-summary"><strong>${t.total}: <span data-field="totalOfMembers">${t.ofMembers(p.total.complete, p.total.members)}</span> (<span data-field="totalRate">${percent(p.total.responseRate, lang)}</span>)</strong> · <span data-field="phase">${phaseText(t, p, lang)}</span></p>
<p class="muted">${t.monitorIntro(p.threshold)} <span aria-hidden="true">(${t.thresholdMark})</span></p>
<ul class="monitor-teams">${p.teams.map((team) => teamRow(t, lang, team, p.threshold))}</ul>
${p.withoutTeam.partial > 0 ? html`<p class="muted" data-field="withoutTeam">${t.withoutTeam(p.withoutTeam.partial)}</p>` : ''}
<p class="muted"><span data-field="asOf">${t.asOf(formatDay(p.asOf, lang))}</span> <span class="monitor-live" hidden>${t.autoRefresh}</span> <a href="/werkruimte/metingen/${p.waveId}/respons">${t.refreshNow}</a></p>
<p class="monitor-status sr-only" role="status" aria-live="polite"></p>
</section>`;
}
