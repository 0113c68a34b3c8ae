// Behaviour the templates ask for with data attributes; the Content-Security-Policy allows no
// inline scripts, no inline event handlers and no hx-on (htmx.config.allowEval is false).
(function () {
  "use strict";

  // An autosaving field (data-not-saved="message"): when htmx cannot reach the server or the
  // server answers an error, its hx-target says so; the field keeps the text.
  function notSaved(event) {
    var field = event.detail && event.detail.elt;
    if (!field || !field.dataset || !field.dataset.notSaved) return;
    var selector = field.getAttribute("hx-target");
    var status = selector ? document.querySelector(selector) : null;
    if (status) status.textContent = field.dataset.notSaved;
  }
  document.addEventListener("htmx:sendError", notSaved);
  document.addEventListener("htmx:responseError", notSaved);
})();
