// Small behaviours that must work without inline scripts (CSP: script-src 'self'). Text goes through
// Django's JavaScript catalog (gettext, interpolate: /jsi18n/, loaded before this file by base.html).
(function () {
  "use strict";
  // A long section folded on a phone (details[data-open-wide], e.g. the burden index's villages by township) is
  // open from the start on a wider screen, as the page was before it was folded (newuser16 #11).
  if (window.matchMedia && window.matchMedia("(min-width: 601px)").matches) {
    document.querySelectorAll("details[data-open-wide]").forEach(function (d) { d.open = true; });
  }
  document.addEventListener("click", function (event) {
    var toggle = event.target.closest("[data-nav-toggle]");
    if (toggle) {
      var nav = document.getElementById("sidenav");
      if (nav) {
        var open = nav.classList.toggle("open");
        toggle.setAttribute("aria-expanded", open ? "true" : "false");
      }
    }
    // the page-expired page (CSRF failure, core.views.csrf_failure): back to the form, typed text and all
    if (event.target.closest("[data-history-back]")) {
      window.history.back();
    }
    // a copy button (the direct line's receipt code, fix-ui17a #2): copies its target's text, then says so; without
    // JavaScript the button stays hidden and the text itself is selected in one tap (user-select: all)
    var copyEl = event.target.closest("[data-copy]");
    if (copyEl) {
      copyText(copyEl);
    }
    var confirmEl = event.target.closest("[data-confirm]");
    if (confirmEl && !window.confirm(confirmEl.getAttribute("data-confirm"))) {
      event.preventDefault();
    }
  });
  function copyText(button) {
    var target = document.getElementById(button.getAttribute("data-copy"));
    if (!target) { return; }
    var text = target.textContent.trim();
    var done = function () {
      button.textContent = gettext("已复制");
      button.setAttribute("aria-live", "polite");
    };
    var byHand = function () {  // no Clipboard API (plain http, older browsers): select it and use the copy command
      var range = document.createRange();
      range.selectNodeContents(target);
      var selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      var copied = false;
      try { copied = document.execCommand("copy"); } catch (e) { copied = false; }
      if (copied) { done(); } else { button.textContent = gettext("已选中，请长按复制"); }
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, byHand);
    } else {
      byHand();
    }
  }
  // A field with data-maxlength keeps its limit without the browser's silent cut of pasted text: a counter
  // says how many characters there are and turns red past the limit; the server refuses naming the limit.
  function counter(field) {
    var limit = parseInt(field.getAttribute("data-maxlength"), 10);
    var note = document.createElement("small");
    note.className = "char-count muted";
    note.setAttribute("aria-live", "polite");
    field.insertAdjacentElement("afterend", note);
    function update() {
      // characters as the server counts them: code points (an emoji is one), surrounding blanks left out
      var n = Array.from(field.value.trim()).length;
      var said = n > limit ? gettext("已输入 %(n)s 字，最多 %(limit)s 字，超出 %(over)s 字，请删减")
                           : gettext("已输入 %(n)s 字，最多 %(limit)s 字");
      note.textContent = interpolate(said, { n: n, limit: limit, over: n - limit }, true);
      note.classList.toggle("over", n > limit);
    }
    field.addEventListener("input", update);
    update();
    // The server refuses a long text in the counter's own words: one message per field, not the same twice.
    var row = field.closest(".form-row") || field.parentNode;
    Array.prototype.forEach.call(row.querySelectorAll(".errorlist li, .field-error"), function (error) {
      // the server's message names the same limit; its count may differ from the live one (the field was edited)
      if (error.textContent.indexOf(interpolate(gettext("最多 %(limit)s 字"), { limit: limit }, true)) !== -1) {
        var list = error.parentNode;
        error.remove();
        if (list.classList.contains("errorlist") && !list.children.length) { list.remove(); }
      }
    });
  }
  // A form's one-time token must come back with what was typed when the browser goes back to a re-fetched form.
  // Chromium restores a text field's value only when it differs from the one in the page: the field is sent
  // empty and filled here, unless the browser has already put back the value of the earlier visit — then the
  // token travels with the restored text and 提交 again is recognised as the same form (the server shows the
  // first case). Without script the hidden form_token beside it still serves a plain re-post.
  function keepOnBack(field) {
    if (!field.value) { field.value = field.getAttribute("data-keep-on-back"); }
  }
  // A filter box over a long checkbox list (data-filter-checks = the list's id): typing hides the boxes whose label
  // does not contain the words; a ticked box always stays in sight. Without script the box stays hidden.
  function checkFilter(input) {
    var list = document.getElementById(input.getAttribute("data-filter-checks"));
    if (!list) { return; }
    input.hidden = false;
    input.addEventListener("input", function () {
      var words = input.value.trim();
      Array.prototype.forEach.call(list.querySelectorAll("label"), function (label) {
        var box = label.querySelector("input");
        label.hidden = Boolean(words) && label.textContent.indexOf(words) === -1 && !(box && box.checked);
      });
    });
  }
  // Photos shrunk on the phone before they go up (newuser15 F7: three 9 MB camera photos went up unchanged): a picture
  // whose long side passes data-shrink-photos (px) is drawn upright (its EXIF orientation applied) on a canvas of that
  // long side and sent as JPEG at quality 0.8. Whatever the browser cannot do — no createImageBitmap, no DataTransfer,
  // an undecodable file, a result no smaller — keeps the original; the server bounds what arrives either way.
  var SHRINK_QUALITY = 0.8;
  var SHRINK_ABOVE_BYTES = 1536 * 1024;   // a small photo is sent as it is, whatever its pixels
  function decode(file) {
    return window.createImageBitmap(file, { imageOrientation: "from-image" })
      .catch(function () { return window.createImageBitmap(file); });   // an engine without the option (EXIF by default)
  }
  function shrinkOne(file, longSide) {
    if (!/^image\/(jpeg|png|webp)$/.test(file.type) || file.size <= SHRINK_ABOVE_BYTES) { return Promise.resolve(file); }
    return decode(file).then(function (bitmap) {
      var scale = Math.min(1, longSide / Math.max(bitmap.width, bitmap.height));
      var canvas = document.createElement("canvas");
      canvas.width = Math.round(bitmap.width * scale);
      canvas.height = Math.round(bitmap.height * scale);
      var context = canvas.getContext("2d");
      context.fillStyle = "#fff";   // a transparent PNG becomes JPEG on white, not black
      context.fillRect(0, 0, canvas.width, canvas.height);
      context.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
      if (bitmap.close) { bitmap.close(); }
      return new Promise(function (resolve) {
        canvas.toBlob(function (blob) {
          if (!blob || blob.size >= file.size) { resolve(file); return; }
          resolve(new File([blob], file.name.replace(/\.[^.]*$/, "") + ".jpg",
                           { type: "image/jpeg", lastModified: file.lastModified }));
        }, "image/jpeg", SHRINK_QUALITY);
      });
    }).catch(function () { return file; });
  }
  function megabytes(bytes) { return (bytes / 1048576).toFixed(1); }
  function shrinkPhotos(input) {
    var longSide = parseInt(input.getAttribute("data-shrink-photos"), 10) || 1600;
    var note = document.createElement("small");
    note.className = "muted photo-shrink";
    note.setAttribute("aria-live", "polite");
    input.insertAdjacentElement("afterend", note);
    var form = input.form, busy = null, waiting = null;
    input.addEventListener("change", function () {
      var files = Array.prototype.slice.call(input.files || []);
      if (!files.length || !window.createImageBitmap || !window.DataTransfer) { note.textContent = ""; return; }
      var before = files.reduce(function (n, f) { return n + f.size; }, 0);
      note.textContent = gettext("正在压缩照片…");
      busy = Promise.all(files.map(function (f) { return shrinkOne(f, longSide); })).then(function (out) {
        var after = out.reduce(function (n, f) { return n + f.size; }, 0);
        if (after < before) {
          var list = new window.DataTransfer();
          out.forEach(function (f) { list.items.add(f); });
          input.files = list.files;
          note.textContent = interpolate(gettext("照片已压缩：%(before)s MB → %(after)s MB"),
                                         { before: megabytes(before), after: megabytes(after) }, true);
        } else {
          note.textContent = "";
        }
      }).catch(function () { note.textContent = ""; }).then(function () {
        busy = null;
        input.setAttribute("data-shrunk", "1");
        if (waiting) { var submitter = waiting; waiting = null; form.requestSubmit(submitter.form ? submitter : undefined); }
      });
    });
    // 提交 while the photos are still being shrunk: sent as soon as they are ready
    if (form) {
      form.addEventListener("submit", function (event) {
        if (busy) { event.preventDefault(); waiting = event.submitter || form; }
      });
    }
  }
  // A page that answers a refused POST with the form again (data-history-url: the page's own address, e.g. a report's
  // after a refused 报送): its history entry becomes that address, so 返回 to it later (after a successful 报送)
  // fetches the page by GET and shows what is now true, not the refusal as if it were current (newuser22 #3).
  var own = document.querySelector("[data-history-url]");
  if (own && window.history.replaceState) { window.history.replaceState(null, "", own.getAttribute("data-history-url")); }
  // A page shown again by 返回 (e.g. on the page-expired page after a new login in another tab; from the back/forward
  // cache, or re-loaded with the browser restoring what was typed) may hold the CSRF token it was first rendered with:
  // give its forms the current one (Django's csrftoken cookie, whose unmasked value the check accepts), so the text
  // still typed there can be submitted again. On any other page the cookie's value is just as valid.
  window.addEventListener("pageshow", function () {
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    if (!match) { return; }
    Array.prototype.forEach.call(document.querySelectorAll("input[name=csrfmiddlewaretoken]"), function (input) {
      input.value = match[1];
    });
    document.body.setAttribute("hx-headers", JSON.stringify({ "X-CSRFToken": match[1] }));
  });
  // A village select that follows its town select (data-follows = the town select's id; data-places = the id of a
  // json_script of [village code, village name, town code]): choosing a town offers that town's villages only, and a
  // village of another town is dropped (newuser18 #6). Without script the page lists the chosen town's villages and
  // the server says when a village of another town was sent.
  function followTown(select) {
    var town = document.getElementById(select.getAttribute("data-follows"));
    var data = document.getElementById(select.getAttribute("data-places"));
    if (!town || !data) { return; }
    var places = JSON.parse(data.textContent);
    town.addEventListener("change", function () {
      var chosen = select.value;
      while (select.options.length > 1) { select.remove(1); }   // the first option is 全部
      places.forEach(function (place) {
        if (!town.value || place[2] === town.value) {
          select.add(new Option(place[1], place[0], false, place[0] === chosen));
        }
      });
      if (select.value !== chosen) { select.value = ""; }
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("select[data-follows][data-places]"), followTown);
    Array.prototype.forEach.call(document.querySelectorAll("input[type=file][data-shrink-photos]"), shrinkPhotos);
    Array.prototype.forEach.call(document.querySelectorAll("input[data-filter-checks]"), checkFilter);
    Array.prototype.forEach.call(document.querySelectorAll("input[data-keep-on-back]"), keepOnBack);
    Array.prototype.forEach.call(document.querySelectorAll("[data-maxlength]"), counter);
    Array.prototype.forEach.call(document.querySelectorAll("button[data-copy][hidden]"), function (button) {
      button.hidden = false;
    });
  });
})();
