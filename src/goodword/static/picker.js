// Record pickers with too many records to list are a number box and a search box; a long
// list (a select) has a search box too. Choosing one of the search box's matches puts its
// number into the number box, or chooses it in the list. Without this script the number box
// or the list still works on its own, and a list's search box stays hidden.
const showFinders = (root) => {
  root.querySelectorAll(".finder[data-with-script][hidden]").forEach((finder) => {
    finder.hidden = false;
  });
};
document.addEventListener("DOMContentLoaded", () => showFinders(document));
document.addEventListener("htmx:load", (event) => showFinders(event.detail.elt));
document.addEventListener("click", (event) => {
  const choice = event.target.closest("button[data-pick-target]");
  if (!choice) return;
  const box = document.getElementById(choice.dataset.pickTarget);
  if (!box) return;
  const id = choice.dataset.pickId;
  if (box instanceof HTMLSelectElement && ![...box.options].some((o) => o.value === id)) {
    // (Someone added since the page was made.)
    box.add(new Option(choice.dataset.pickName, id));
  }
  box.value = id;
  box.dispatchEvent(new Event("change", { bubbles: true }));
  const chosen = document.getElementById(choice.dataset.pickTarget + "-chosen");
  if (chosen) chosen.textContent = "Chosen: " + choice.dataset.pickName;
  choice.closest(".picks").remove();
  box.focus();
});
