// Small behaviours that must work without inline scripts (CSP: script-src 'self').
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var toggle = event.target.closest("[data-nav-toggle]");
    if (toggle) {
      var nav = document.getElementById("sidenav");
      if (nav) {
        var open = nav.classList.toggle("open");
        toggle.setAttribute("aria-expanded", open ? "true" : "false");
      }
    }
    var confirmEl = event.target.closest("[data-confirm]");
    if (confirmEl && !window.confirm(confirmEl.getAttribute("data-confirm"))) {
      event.preventDefault();
    }
  });
  // A field with data-maxlength keeps its limit without the browser's silent cut of pasted text: a counter
  // says how many characters there are and turns red past the limit; the server refuses naming the limit.
  function counter(field) {
    var limit = parseInt(field.getAttribute("data-maxlength"), 10);
    var note = document.createElement("small");
    note.className = "char-count muted";
    note.setAttribute("aria-live", "polite");
    field.insertAdjacentElement("afterend", note);
    function update() {
      var n = field.value.length;
      note.textContent = "已输入 " + n + " 字，最多 " + limit + " 字" + (n > limit ? "，超出 " + (n - limit) + " 字，请删减" : "");
      note.classList.toggle("over", n > limit);
    }
    field.addEventListener("input", update);
    update();
  }
  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("[data-maxlength]"), counter);
  });
})();
