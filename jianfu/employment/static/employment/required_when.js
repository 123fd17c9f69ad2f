// 纳入帮扶 / 修改帮扶信息 (U05): a field the service requires only when a group is ticked carries
// data-required-with="<group>"; its label gets " *" while that box is ticked. The input is never made
// `required`: the browser's bubble on a field below the fold blocked 纳入帮扶 with no word on the page
// (newuser16 #6); the server checks it and says why next to the field.
(function () {
  "use strict";
  function wire(input) {
    var form = input.form;
    var box = form && form.querySelector('input[name="groups"][value="' + input.dataset.requiredWith + '"]');
    var label = form && input.id && form.querySelector('label[for="' + input.id + '"]');
    if (!box || !label) { return; }
    var base = label.textContent.replace(/\s*\*\s*$/, "");
    function sync() {
      label.textContent = box.checked ? base + " *" : base;
    }
    box.addEventListener("change", sync);
    sync();
  }
  document.querySelectorAll("input[data-required-with]").forEach(wire);
})();
