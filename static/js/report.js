// The quality report (templates/quality/reports/report_detail.html): its sections fold
// (<details>). A link to something inside a closed fold opens it, and printing opens them all.
(function () {
  "use strict";

  function openTo(hash) {
    if (!hash || hash.length < 2) return;
    var target = document.getElementById(decodeURIComponent(hash.slice(1)));
    for (var node = target; node; node = node.parentElement) {
      if (node.tagName === "DETAILS") node.open = true;
    }
    if (target) target.scrollIntoView();
  }

  function ready() {
    openTo(window.location.hash);
    window.addEventListener("hashchange", function () { openTo(window.location.hash); });
    document.querySelectorAll("[data-fold-all]").forEach(function (button) {
      button.addEventListener("click", function () {
        var open = button.getAttribute("data-fold-all") === "open";
        document.querySelectorAll("details.report-fold").forEach(function (d) { d.open = open; });
      });
    });
  }

  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details.report-fold").forEach(function (d) { d.open = true; });
  });
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
})();
