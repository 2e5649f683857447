// The search box in the header lists its results under itself. Escape closes the list and
// keeps the words typed (a second Escape clears them, as the browser does); a click
// anywhere else closes the list too. Results still on their way for a closed list are
// not shown, until the words change.
document.addEventListener("DOMContentLoaded", () => {
  const form = document.querySelector(".quick-search");
  const results = document.getElementById("quick-results");
  if (!form || !results) return;
  const input = form.querySelector("input");
  let closed = false;
  const close = () => { closed = true; results.replaceChildren(); };
  input.addEventListener("input", () => { closed = false; });
  form.addEventListener("keydown", (event) => {
    if (event.key !== "Escape" || !results.hasChildNodes()) return;
    event.preventDefault();
    close();
    input.focus();
  });
  document.addEventListener("click", (event) => {
    if (!form.contains(event.target)) close();
  });
  document.addEventListener("htmx:beforeSwap", (event) => {
    if (closed && event.detail.target === results) event.detail.shouldSwap = false;
  });
});
// After Back or Forward, HTMX puts back the page as it was shown, but not the words typed
// in a search box that writes them into the address (the people and organizations lists):
// the box shows the words of the address, as the list does.
document.addEventListener("htmx:historyRestore", () => {
  const words = new URLSearchParams(window.location.search).get("q") || "";
  document.querySelectorAll("input[name=q][hx-push-url]").forEach((box) => { box.value = words; });
});
