// When HTMX puts news in place (an import's report, a problem, a preview asked for with
// its button), move the focus there, so keyboard and screen-reader users land on it. A
// preview refreshed by a column picker leaves the focus on the picker.
document.addEventListener("htmx:afterSwap", (event) => {
  const trigger = event.detail.requestConfig && event.detail.requestConfig.elt;
  if (trigger && trigger.closest && trigger.closest("fieldset")) return;
  const target = event.detail.target;
  const spot = target.matches("[data-focus]") ? target : target.querySelector("[data-focus]");
  if (spot) spot.focus();
});
