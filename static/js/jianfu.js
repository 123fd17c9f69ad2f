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
  // The server marks every nav entry whose URL prefixes the current path (/dispatch/ and
  // /dispatch/catalogue/ both match); keep only the most specific one highlighted.
  var active = Array.prototype.slice.call(document.querySelectorAll("#sidenav a.active"));
  if (active.length > 1) {
    active.sort(function (a, b) { return b.getAttribute("href").length - a.getAttribute("href").length; });
    active.slice(1).forEach(function (a) { a.classList.remove("active"); a.removeAttribute("aria-current"); });
  }
})();
