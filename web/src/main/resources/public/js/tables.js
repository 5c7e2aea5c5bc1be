// Phones: a data table wider than its column scrolls sideways in its own box (app.css, table.data.wide) instead of
// widening the page, and the box takes the keyboard's focus so it can be scrolled without a pointer
// (axe: scrollable-region-focusable).
(function () {
  function fit() {
    document.querySelectorAll('main table.data:not(.stack)').forEach(function (t) {
      var box = t.parentElement;
      if (!box) return;
      var cs = getComputedStyle(box);
      var room = box.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
      if (!t.classList.contains('wide') && Math.max(t.scrollWidth, t.getBoundingClientRect().width) > room + 1) {
        t.classList.add('wide');
        if (!t.hasAttribute('tabindex')) t.setAttribute('tabindex', '0');
      }
    });
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', fit); else fit();
})();
