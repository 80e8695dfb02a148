// Progressive enhancement for the questionnaire pages. The pages work without this file;
// with it, answers are saved as the respondent goes and follow-up questions appear and
// disappear as their trigger is answered.
(function () {
  'use strict';
  var form = document.querySelector('form[data-autosave]');
  if (!form) return;
  var status = form.querySelector('.save-status');

  // --- Follow-up questions on the same page (data-show-if) ---------------------------
  function currentValue(name) {
    var fields = form.querySelectorAll('[name="' + CSS.escape(name) + '"]');
    for (var i = 0; i < fields.length; i++) {
      var f = fields[i];
      if (f.type === 'radio') {
        if (f.checked) return f.value;
      } else if (f.value !== '') return f.value;
    }
    return undefined;
  }
  function holds(c) {
    var v = currentValue(c.item);
    if (v === undefined) return false;
    if (c.op === 'eq') return String(v) === String(c.value);
    if (c.op === 'in') return c.values.map(String).indexOf(String(v)) >= 0;
    if (c.op === 'gt') return Number(v) > c.value;
    return true;
  }
  var conditional = Array.prototype.slice.call(form.querySelectorAll('[data-show-if]'));
  function applyConditions() {
    conditional.forEach(function (el) {
      var show = holds(JSON.parse(el.getAttribute('data-show-if')));
      el.hidden = !show;
      var hint = el.querySelector('.cond-hint');
      if (hint) hint.hidden = true;
    });
  }
  applyConditions();

  // --- Character counters for long texts --------------------------------------------
  Array.prototype.forEach.call(form.querySelectorAll('textarea[maxlength]'), function (ta) {
    var out = document.createElement('p');
    out.className = 'counter';
    out.setAttribute('aria-live', 'polite');
    ta.parentNode.insertBefore(out, ta.nextSibling);
    function update() {
      out.textContent = ta.maxLength - ta.value.length + ' ' + ta.getAttribute('data-counter');
    }
    ta.addEventListener('input', update);
    update();
  });

  // --- Autosave -------------------------------------------------------------------------
  var timer = null;
  var inFlight = false;
  var again = false;
  function say(text) {
    if (status) status.textContent = text;
  }
  function save() {
    if (inFlight) {
      again = true;
      return;
    }
    inFlight = true;
    say(form.getAttribute('data-saving'));
    var body = new URLSearchParams(new FormData(form));
    body.delete('nav');
    fetch(form.action + '/autosave', {
      method: 'POST',
      body: body,
      credentials: 'same-origin',
      headers: { Accept: 'application/json' },
    })
      .then(function (res) {
        say(res.ok ? form.getAttribute('data-saved') : res.status === 422 ? '' : form.getAttribute('data-save-failed'));
      })
      .catch(function () {
        say(form.getAttribute('data-save-failed'));
      })
      .then(function () {
        inFlight = false;
        if (again) {
          again = false;
          save();
        }
      });
  }
  function schedule(delay) {
    clearTimeout(timer);
    timer = setTimeout(save, delay);
  }
  form.addEventListener('change', function () {
    applyConditions();
    schedule(300);
  });
  form.addEventListener('input', function (e) {
    if (e.target.tagName === 'TEXTAREA' || e.target.type === 'text') schedule(1500);
  });
  // Saving on hide covers a closed tab or a phone that goes to sleep mid-page.
  document.addEventListener('visibilitychange', function () {
    if (document.visibilityState === 'hidden' && timer) {
      clearTimeout(timer);
      timer = null;
      save();
    }
  });

  // Move focus to the error summary so screen readers announce it.
  var summary = document.getElementById('error-summary');
  if (summary) summary.focus();
})();
