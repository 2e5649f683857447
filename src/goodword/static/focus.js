// When HTMX puts news in place (an import's report, a problem, a preview asked for with
// its button, a report arriving by polling), move the focus there, so keyboard and
// screen-reader users land on it. News is marked `data-focus`; each piece gets the focus
// once. A preview refreshed by a column picker leaves the focus on the picker.
const seen = (root) => root.querySelectorAll("[data-focus]").forEach((el) => { el.dataset.focused = ""; });
document.addEventListener("DOMContentLoaded", () => seen(document));
document.addEventListener("htmx:afterSwap", (event) => {
  const fresh = document.querySelector("[data-focus]:not([data-focused])");
  const trigger = event.detail.requestConfig && event.detail.requestConfig.elt;
  seen(document);
  if (trigger && trigger.id === "import-preview") return;
  if (fresh) fresh.focus();
});
