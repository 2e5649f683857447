// A table wider than the screen scrolls sideways in its own box (.table-scroll). When it
// does, the box can take the keyboard's focus (arrow keys then scroll it), is named for
// screen readers after the table's heading, and fades at its right edge while more of
// the table is hidden there.
const label = (box) => {
  const caption = box.querySelector("caption");
  if (caption) return caption.textContent.trim();
  const section = box.closest("section, main");
  const heading = section && section.querySelector("h1, h2, h3");
  return heading ? heading.textContent.trim() : "Table";
};
const hidden = (box) => box.scrollLeft + box.clientWidth < box.scrollWidth - 1;
const fit = () => {
  document.querySelectorAll(".table-scroll").forEach((box) => {
    const wide = box.scrollWidth > box.clientWidth + 1;
    box.classList.toggle("more", wide && hidden(box));
    if (box.dataset.ownLabel === undefined) box.dataset.ownLabel = box.hasAttribute("tabindex") ? "1" : "";
    if (box.dataset.ownLabel) return; // (a box the page made focusable itself)
    if (wide) {
      box.setAttribute("tabindex", "0");
      box.setAttribute("role", "region");
      box.setAttribute("aria-label", `${label(box)} (scrolls sideways)`);
    } else {
      ["tabindex", "role", "aria-label"].forEach((name) => box.removeAttribute(name));
    }
  });
};
document.addEventListener("DOMContentLoaded", fit);
document.addEventListener("htmx:afterSettle", fit);
window.addEventListener("resize", fit);
document.addEventListener("scroll", (event) => {
  const box = event.target;
  if (box instanceof Element && box.classList.contains("table-scroll")) {
    box.classList.toggle("more", hidden(box));
  }
}, true);
