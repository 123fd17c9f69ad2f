// 纳入帮扶 / 修改帮扶信息 (U05): a field the service requires only when a group is ticked carries
// data-required-with="<group>"; its label gets " *" (and the input `required`) while that box is ticked.
// Without this script the hint under the field says the same and the server checks it.
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
      input.required = box.checked;
    }
    box.addEventListener("change", sync);
    sync();
  }
  document.querySelectorAll("input[data-required-with]").forEach(wire);
})();
