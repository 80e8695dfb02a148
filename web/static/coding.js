/*
 * Keyboard shortcuts for coding open answers (progressive enhancement: every form works
 * without this script). Digits toggle the theme with that number (0: "no theme") in the
 * answer that has the focus, or the only answer on the page; n saves and goes to the
 * next answer; p goes to the previous one. Keys typed into a text field are left alone.
 */
(function () {
  'use strict';
  function typing(el) {
    if (!el) return false;
    var tag = el.tagName;
    return (
      tag === 'TEXTAREA' ||
      tag === 'SELECT' ||
      (tag === 'INPUT' && el.type !== 'checkbox' && el.type !== 'radio') ||
      el.isContentEditable
    );
  }
  function currentGroup() {
    var active = document.activeElement;
    var group = active && active.closest ? active.closest('fieldset.themes-pick') : null;
    if (group) return group;
    var all = document.querySelectorAll('fieldset.themes-pick');
    return all.length === 1 ? all[0] : null;
  }
  document.addEventListener('keydown', function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
    var key = event.key;
    if (/^[0-9]$/.test(key)) {
      var group = currentGroup();
      var box = group && group.querySelector('input[data-key="' + key + '"]');
      if (box) {
        box.checked = !box.checked;
        box.dispatchEvent(new Event('change', { bubbles: true }));
        event.preventDefault();
      }
    } else if (key === 'n') {
      var next = document.getElementById('save-next');
      if (next) {
        event.preventDefault();
        next.click();
      }
    } else if (key === 'p') {
      var prev = document.getElementById('prev');
      if (prev) {
        event.preventDefault();
        window.location.href = prev.href;
      }
    }
  });
  // Choosing a theme and "no theme" exclude each other.
  document.addEventListener('change', function (event) {
    var box = event.target;
    if (!box || box.type !== 'checkbox' || !box.checked) return;
    var group = box.closest('fieldset.themes-pick');
    if (!group) return;
    var none = group.querySelector('input[data-key="0"]');
    if (box === none) {
      group.querySelectorAll('input[type="checkbox"]').forEach(function (b) {
        if (b !== none) b.checked = false;
      });
    } else if (none) {
      none.checked = false;
    }
  });
})();
