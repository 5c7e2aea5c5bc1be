// The print button of printed artefacts (a script file, not inline: the content security policy forbids inline code).
document.querySelectorAll('.print-button').forEach(function (b) {
  b.addEventListener('click', function () { window.print(); });
});
