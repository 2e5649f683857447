// Record pickers with too many records to list are a number box and a search box. Choosing
// one of the search box's matches puts its number into the number box. Without this script
// the number box still works on its own.
document.addEventListener("click", (event) => {
  const choice = event.target.closest("button[data-pick-target]");
  if (!choice) return;
  const box = document.getElementById(choice.dataset.pickTarget);
  if (!box) return;
  box.value = choice.dataset.pickId;
  const chosen = document.getElementById(choice.dataset.pickTarget + "-chosen");
  if (chosen) chosen.textContent = "Chosen: " + choice.dataset.pickName;
  choice.closest(".picks").remove();
  box.focus();
});
