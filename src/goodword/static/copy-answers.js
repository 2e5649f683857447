/* Copy a suggested answer with the Clipboard API; where that is not allowed, select its text. */
(function () {
  document.querySelectorAll(".rf-copy[hidden]").forEach(function (b) { b.hidden = false; });
  if (window.goodwordCopyReady) return;
  window.goodwordCopyReady = true;
  function select(node) {
    var range = document.createRange();
    range.selectNodeContents(node);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }
  function say(button, words) {
    var note = button.nextElementSibling;
    if (note) note.textContent = words;
  }
  function fallback(button, node) {
    select(node);
    say(button, "Selected: press Ctrl+C (or \u2318C) to copy.");
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest(".rf-copy") : null;
    if (!button) return;
    var node = document.getElementById(button.getAttribute("data-copy"));
    if (!node) return;
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(node.textContent).then(
        function () { say(button, "Copied."); },
        function () { fallback(button, node); }
      );
    } else {
      fallback(button, node);
    }
  });
})();
