// Refreshes the response monitor every 30 seconds from GET /api/waves/:id/progress.
// The page is complete without it; this only keeps the figures current.
(function () {
  'use strict';
  var root = document.querySelector('.monitor[data-progress-url]');
  if (!root) return;
  var url = root.getAttribute('data-progress-url');
  var lang = root.getAttribute('data-lang') === 'en' ? 'en-GB' : 'nl-NL';
  var pct = new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 0 });
  var day = new Intl.DateTimeFormat(lang, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  function text(name, values) {
    var s = root.getAttribute('data-t-' + name) || '';
    Object.keys(values).forEach(function (k) {
      s = s.split('{' + k + '}').join(String(values[k]));
    });
    return s;
  }
  function fmtDay(iso) {
    return day.format(new Date(iso + 'T12:00:00Z'));
  }
  function set(scope, field, value) {
    var el = scope.querySelector('[data-field="' + field + '"]');
    if (el) el.textContent = value;
    return el;
  }
  function render(p) {
    set(root, 'totalOfMembers', text('of-members', { c: p.total.complete, m: p.total.members }));
    set(root, 'totalRate', pct.format(p.total.responseRate));
    var phase =
      p.phase === 'open'
        ? p.daysLeft === 1
          ? text('days-one', {})
          : text('days-many', { n: p.daysLeft })
        : p.phase === 'not_open'
          ? text('not-open', { d: fmtDay(p.opensOn) })
          : text('closed', {});
    set(root, 'phase', phase);
    set(root, 'asOf', text('as-of', { d: fmtDay(p.asOf) }));
    p.teams.forEach(function (t) {
      var row = root.querySelector('.monitor-team[data-team="' + t.teamId + '"]');
      if (!row) return;
      set(row, 'ofMembers', text('of-members', { c: t.complete, m: t.members }));
      set(row, 'rate', '(' + pct.format(t.responseRate) + ')');
      set(row, 'complete', t.complete);
      set(row, 'partial', t.partial);
      set(row, 'members', t.members);
      var bar = row.querySelector('[data-field="bar"]');
      if (bar) bar.setAttribute('aria-label', text('bar', { team: t.team, c: t.complete, m: t.members }));
      var fill = row.querySelector('[data-field="fill"]');
      if (fill) {
        fill.setAttribute('width', String(t.members > 0 ? Math.min(100, Math.round((t.complete / t.members) * 1000) / 10) : 0));
        fill.setAttribute('fill', t.belowThreshold ? '#b07000' : '#1e6b3a');
      }
      var status = row.querySelector('[data-field="status"] .badge');
      if (status) {
        status.textContent = t.belowThreshold ? text('below', { n: p.threshold - t.complete }) : text('enough', {});
        status.className = 'badge ' + (t.belowThreshold ? 'badge--warn' : 'badge--ok');
      }
    });
    root.setAttribute('data-refreshed', p.asOf);
  }
  function refresh() {
    fetch(url, { credentials: 'same-origin', headers: { accept: 'application/json' } })
      .then(function (r) {
        return r.ok ? r.json() : Promise.reject(r.status);
      })
      .then(render)
      .catch(function () {
        /* keep the figures shown; the next round tries again */
      });
  }
  var live = root.querySelector('.monitor-live');
  if (live) live.hidden = false;
  window.setInterval(refresh, 30000);
  window.wijkmeterRefreshMonitor = refresh;
})();
