// The print button of a team's invitation (the browser's own print works without it).
(function () {
  'use strict';
  var button = document.querySelector('.print-button');
  if (!button) return;
  button.hidden = false;
  button.addEventListener('click', function () {
    window.print();
  });
})();
