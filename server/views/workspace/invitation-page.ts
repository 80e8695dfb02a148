/**
 * A printable A4 invitation for one team: the text, the team's link and a QR code of it
 * (inline SVG, drawn on the server). Its own small document with a print stylesheet, so
 * that what comes out of the printer is only the invitation.
 */
import QRCode from 'qrcode';
import type { Lang } from './messages.ts';
import { html, SafeHtml } from '../html.ts';
import { formatDay, type TWaveMessages } from './messages-waves.ts';

/** The QR code as SVG markup; the input is our own URL, the output the library's paths. */
export async function qrSvg(url: string, label: string): Promise<SafeHtml> {
  const svg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return new SafeHtml(svg.replace('<svg ', html`<svg role="img" aria-label="${label}" class="qr" `.toString()));
}

export async function invitationPage(
  t: TWaveMessages,
  lang: Lang,
  p: { waveId: number; team: string; url: string; closesOn: string; threshold: number },
): Promise<SafeHtml> {
  const qr = await qrSvg(p.url, t.qrLabel(p.team));
  return html`<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${t.invitationFor(p.team)} · wijkmeter</title>
<link rel="stylesheet" href="/static/invitation.css">
<script src="/static/invitation.js" defer></script>
</head>
<body>
<nav class="screen-only" aria-label="${t.invitation}">
<a href="/werkruimte/metingen/${p.waveId}">${t.invitationBack}</a>
<button type="button" class="print-button" hidden>${t.invitationPrint}</button>
</nav>
<main class="sheet">
<p class="team">${p.team}</p>
<h1>${t.invitationTitle}</h1>
<p>${t.invitationText(p.team, formatDay(p.closesOn, lang))}</p>
<p>${t.invitationAnonymity(p.threshold)}</p>
<p class="how">${t.invitationHow}</p>
<div class="qr-box">${qr}</div>
<p class="url">${p.url}</p>
</main>
</body>
</html>`;
}
