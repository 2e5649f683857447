// When HTMX puts news in place (an import's report, a problem, a preview asked for with
// its button, a report arriving by polling), move the focus there, so keyboard and
// screen-reader users land on it. News is marked `data-focus`; each piece gets the focus
// once. A preview refreshed by a column picker leaves the focus on the picker.
// A page that opens with what the last action did (a flash: "Merged…", "Changes saved.")
// puts the focus on it, so it is read first, not the menu again.
const seen = (root) => root.querySelectorAll("[data-focus]").forEach((el) => { el.dataset.focused = ""; });
// A page that opens with a form's problems (a form sent with something wrong, far down a
// long page such as a person's) scrolls to them and puts the focus there.
document.addEventListener("DOMContentLoaded", () => {
  seen(document);
  if (document.activeElement !== document.body) return;
  const problems = document.querySelector(".form-errors");
  const flash = document.querySelector("[data-flash]");
  if (problems) {
    problems.focus({ preventScroll: true });
    problems.scrollIntoView({ block: "center" });
  } else if (flash) {
    // After a redirect to a part of a page (`/opportunities/9#next-moves`), the message is
    // there, under the part's heading, where the eyes and the focus land: the server puts
    // it there (pages.flash_under_heading); a part it could not tell moves it here.
    const part = location.hash.length > 1 && document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (part && part !== flash) {
      const heading = part.querySelector(":scope > h2, :scope > h3");
      if (part.contains(flash)) { /* already in place */ }
      else if (heading) heading.after(flash);
      else part.prepend(flash);
      // (The browser's jump to the part, once the page has loaded, resets the focus.)
      flash.focus();
      window.addEventListener("load", () => {
        if (document.activeElement === document.body) flash.focus();
      }, { once: true });
    } else flash.focus({ preventScroll: true });
  }
});
// In a form marked `data-submit-by-button` (a merge's choices), Enter on a choice does not
// send the form, as browsers otherwise do: only its buttons do.
document.addEventListener("keydown", (event) => {
  const field = event.target;
  if (event.key !== "Enter" || !(field instanceof HTMLInputElement)) return;
  if (!["radio", "checkbox"].includes(field.type)) return;
  if (field.form && field.form.hasAttribute("data-submit-by-button")) event.preventDefault();
});
document.addEventListener("htmx:afterSwap", (event) => {
  const fresh = document.querySelector("[data-focus]:not([data-focused])");
  const trigger = event.detail.requestConfig && event.detail.requestConfig.elt;
  seen(document);
  if (trigger && trigger.id === "import-preview") return;
  if (fresh) fresh.focus();
});
