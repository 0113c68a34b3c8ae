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

  // The error summary at the top of a form page (templates/partnerships/_error_summary.html):
  // the focus moves to it when the page opens, so a screen reader reads the problems first; a
  // link in it moves the focus to its field (or the first input of a group) with its label in view.
  function errorSummary() {
    var summary = document.querySelector("[data-error-summary]");
    if (!summary) return;
    summary.focus();
    summary.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#']");
      if (!link) return;
      var target = document.getElementById(link.getAttribute("href").slice(1));
      if (!target) return;
      var field = target.matches("input, select, textarea, button")
        ? target
        : target.querySelector("input, select, textarea");
      if (!field) return;
      event.preventDefault();
      var label = document.querySelector("label[for='" + field.id + "']");
      (target.closest("fieldset") || label || field).scrollIntoView();
      field.focus({ preventScroll: true });
    });
  }

  // A list table marked table-stack (static/css/app.css) becomes cards on a phone: each cell
  // gets its column's name as data-label, unless the template gave one.
  function stackTables() {
    document.querySelectorAll("table.table-stack").forEach(function (table) {
      var headRow = table.tHead && table.tHead.rows[table.tHead.rows.length - 1];
      if (!headRow) return;
      var names = [];
      Array.prototype.forEach.call(headRow.cells, function (cell) {
        for (var i = 0; i < (cell.colSpan || 1); i++) names.push(cell.textContent.trim());
      });
      Array.prototype.forEach.call(table.tBodies, function (body) {
        Array.prototype.forEach.call(body.rows, function (row) {
          var column = 0;
          Array.prototype.forEach.call(row.cells, function (cell) {
            if (!cell.hasAttribute("data-label") && cell.colSpan === 1 && names[column]) {
              cell.setAttribute("data-label", names[column]);
            }
            column += cell.colSpan || 1;
          });
        });
      });
    });
  }

  function ready() {
    stackTables();
    errorSummary();
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
})();
