/* Copy a draft with the Clipboard API; where it is unavailable, select the text to copy by hand. */
(function () {
  function reveal(root) {
    (root || document).querySelectorAll("button[data-copy][hidden]").forEach(function (b) { b.hidden = false; });
  }
  document.addEventListener("DOMContentLoaded", function () { reveal(document); });
  document.addEventListener("htmx:afterSwap", function (event) { reveal(event.target); });
  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("button[data-copy]") : null;
    if (!button) return;
    var box = document.getElementById(button.getAttribute("data-copy"));
    if (!box) return;
    var done = button.getAttribute("data-done") || "Copied";
    function select() { box.focus(); if (box.select) box.select(); button.textContent = "Selected: press Ctrl+C"; }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(box.value).then(function () { button.textContent = done; }, select);
    } else {
      select();
    }
  });
})();
