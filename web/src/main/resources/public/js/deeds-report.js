// The report form: when the chosen rule needs a photo or a witness, say so and make that field required, so a
// grid worker learns it before sending rather than from a refusal. (A file, not inline: the CSP forbids inline code.)
(function () {
  var rule = document.getElementById('rule');
  if (!rule) { return; }
  var photo = document.getElementById('photo');
  var witness = document.querySelector('input[name="witness"]');
  function update() {
    var option = rule.options[rule.selectedIndex];
    var evidence = option ? option.getAttribute('data-evidence') : null;
    document.getElementById('evidence-PHOTO').hidden = evidence !== 'PHOTO';
    document.getElementById('evidence-WITNESS').hidden = evidence !== 'WITNESS';
    if (photo) { photo.required = evidence === 'PHOTO'; }
    if (witness) { witness.required = evidence === 'WITNESS'; }
  }
  rule.addEventListener('change', update);
  update();
})();
