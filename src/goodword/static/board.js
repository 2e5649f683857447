/* Drag a card onto a column: posts the same form the Move button sends. */
(function () {
  var dragged = null;
  /* The board a move brings is scrolled sideways as far as the one it replaces, so a phone
     stays on the column it showed (capturing: before focus.js moves the focus to the card). */
  var scrolled = 0;
  document.addEventListener("htmx:beforeSwap", function () {
    var board = document.getElementById("board");
    if (board) scrolled = board.scrollLeft;
  }, true);
  document.addEventListener("htmx:afterSwap", function () {
    var board = document.getElementById("board");
    if (board) board.scrollLeft = scrolled;
  }, true);
  function column(target) { return target && target.closest ? target.closest("[data-stage]") : null; }
  document.addEventListener("dragstart", function (event) {
    var card = event.target.closest ? event.target.closest("[data-opportunity]") : null;
    if (!card) return;
    dragged = card.getAttribute("data-opportunity");
    event.dataTransfer.setData("text/plain", dragged);
    event.dataTransfer.effectAllowed = "move";
  });
  document.addEventListener("dragover", function (event) {
    var target = column(event.target);
    if (!dragged || !target) return;
    event.preventDefault();
    target.classList.add("drop-here");
  });
  document.addEventListener("dragleave", function (event) {
    var target = column(event.target);
    if (target && !target.contains(event.relatedTarget)) target.classList.remove("drop-here");
  });
  document.addEventListener("drop", function (event) {
    var target = column(event.target);
    if (!dragged || !target || !window.htmx) return;
    event.preventDefault();
    target.classList.remove("drop-here");
    window.htmx.ajax("POST", "/opportunities/" + dragged + "/stage", {
      target: "#board", swap: "outerHTML", values: {stage: target.getAttribute("data-stage")}
    });
    dragged = null;
  });
  document.addEventListener("dragend", function () { dragged = null; });
})();
