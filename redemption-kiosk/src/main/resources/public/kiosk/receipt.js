// Step 3, the receipt: printed once on arrival at a kiosk, read aloud, and back to a fresh start screen after a
// minute (or on 完成). A file, never inline (CSP).
(function () {
  'use strict';
  var body = document.body;
  var onKiosk = body.getAttribute('data-on-kiosk') === 'true';
  var printButton = document.getElementById('print');
  if (printButton) { printButton.addEventListener('click', function () { window.print(); }); }
  if (!onKiosk) { return; }

  var done = function () { location.replace('/kiosk'); };
  var finish = document.getElementById('finish');
  if (finish) { finish.addEventListener('click', function (e) { e.preventDefault(); done(); }); }
  var timer = null;
  var touched = function () { clearTimeout(timer); timer = setTimeout(done, 60 * 1000); };
  ['pointerdown', 'keydown'].forEach(function (e) { document.addEventListener(e, touched, true); });
  touched();
  window.addEventListener('pageshow', function (e) { if (e.persisted) { done(); } });

  if ('speechSynthesis' in window && localStorage.getItem('kiosk.speech') !== 'off') {
    var text = body.getAttribute(body.getAttribute('data-has-balance') === 'true' ? 'data-say' : 'data-say-vouchers');
    var u = new SpeechSynthesisUtterance(text);
    u.lang = body.getAttribute('data-speech-lang') || 'zh-CN';
    u.rate = 0.85;
    window.speechSynthesis.speak(u);
  }
  // the receipt printer prints without a dialog when the kiosk's browser runs with --kiosk-printing
  if (!sessionStorage.getItem('printed:' + location.pathname)) {
    sessionStorage.setItem('printed:' + location.pathname, '1');
    setTimeout(function () { window.print(); }, 600);
  }
})();
