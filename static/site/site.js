// The site's only script. Everything works without it; it adds "copy" buttons for the citations and moves
// keyboard focus to a figure when a link jumps to it, so screen-reader users land where sighted users look.
(function () {
  "use strict";

  function copyButtons() {
    document.querySelectorAll("button[data-copy]").forEach(function (button) {
      var source = document.getElementById(button.getAttribute("data-copy"));
      if (!source || !navigator.clipboard) return;
      var label = button.textContent;
      button.hidden = false;
      button.addEventListener("click", function () {
        navigator.clipboard.writeText(source.textContent.trim()).then(function () {
          button.textContent = "✓ " + label;
          setTimeout(function () { button.textContent = label; }, 2000);
        });
      });
    });
  }

  function focusTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    if (!id.startsWith("figure-")) return;
    var target = document.getElementById(id);
    if (!target) return;
    if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
    target.focus({ preventScroll: true });
  }

  document.addEventListener("DOMContentLoaded", function () {
    copyButtons();
    focusTarget();
  });
  window.addEventListener("hashchange", focusTarget);
})();
