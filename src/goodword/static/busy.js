// A form that takes a while (a scan of everyone for duplicates) is marked `data-busy` with
// what to say while it works: once sent, its button is disabled, so a second click sends
// nothing, and its status line says the words.
document.addEventListener("submit", (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || !form.dataset.busy || event.defaultPrevented) return;
  const status = form.querySelector("[data-busy-status]");
  if (status) status.textContent = form.dataset.busy;
  // (After the browser has taken the form's values: a disabled button sends none.)
  setTimeout(() => form.querySelectorAll("button[type=submit]").forEach((b) => { b.disabled = true; }));
});
// The import page's file box is marked invalid, and points at the problem, while the
// page shows why its files were refused, by the preview or the import (the whole page does
// it without JavaScript).
document.addEventListener("htmx:afterSettle", () => {
  const problems = ["preview-problem", "import-problem"].filter((id) => document.getElementById(id));
  for (const [id, hint] of [["f-files", "h-files"], ["f-folder", "h-folder"]]) {
    const box = document.getElementById(id);
    if (!box) continue;
    if (problems.length) box.setAttribute("aria-invalid", "true");
    else box.removeAttribute("aria-invalid");
    box.setAttribute("aria-describedby", [hint, ...problems].join(" "));
  }
});
// Other files chosen on the import page are a fresh start: the refusal or report of the
// last ones goes (their report stays under earlier imports). An import still running keeps
// its progress in view.
document.addEventListener("change", (event) => {
  const target = event.target;
  if (!(target instanceof HTMLInputElement) || !["f-files", "f-folder"].includes(target.id)) return;
  const result = document.getElementById("import-result");
  if (result && !result.querySelector("#import-progress")) result.replaceChildren();
});
