// Asks before an irreversible action: a form (or its button) with data-confirm="question" is sent only after the
// question is answered OK. A file, not inline: the Content-Security-Policy forbids inline scripts.
(function () {
  'use strict';
  document.addEventListener('submit', function (e) {
    var form = e.target;
    var button = e.submitter;
    var question = (button && button.getAttribute('data-confirm')) || form.getAttribute('data-confirm');
    if (question && !window.confirm(question)) {
      e.preventDefault();
      e.stopImmediatePropagation();
    }
  }, true);
}());
