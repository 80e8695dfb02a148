// Copy buttons next to a wave's links. Without JavaScript the buttons stay hidden and the
// links can be selected in their read-only fields.
(function () {
  'use strict';
  function say(id, text) {
    var status = document.querySelector('.copy-status[data-for="' + id + '"]');
    if (status) status.textContent = text;
  }
  function fallback(input) {
    input.focus();
    input.select();
    try {
      return document.execCommand('copy');
    } catch {
      return false;
    }
  }
  document.querySelectorAll('button.copy-button[data-copy]').forEach(function (button) {
    button.hidden = false;
    button.addEventListener('click', function () {
      var id = button.getAttribute('data-copy');
      var input = document.getElementById(id);
      if (!input) return;
      var done = function () {
        say(id, button.getAttribute('data-copied'));
      };
      var failed = function () {
        if (fallback(input)) done();
        else say(id, button.getAttribute('data-failed'));
      };
      if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(input.value).then(done, failed);
      else failed();
    });
  });
})();
