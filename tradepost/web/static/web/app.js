// Progressive enhancement only: every form also works without JavaScript.
document.documentElement.classList.add("js");
document.addEventListener("change", (event) => {
  const select = event.target.closest("select[data-autosubmit]");
  if (select && select.form) {
    select.form.requestSubmit();
  }
});

// Search suggestions: arrow keys move between the options, Escape closes the list.
document.addEventListener("keydown", (event) => {
  const box = document.getElementById("site-search");
  const list = document.getElementById("search-suggestions");
  if (!box || !list || list.hidden) return;
  const links = [...list.querySelectorAll("a")];
  const at = links.indexOf(document.activeElement);
  if (event.key === "Escape" && (event.target === box || at >= 0)) {
    list.hidden = true;
    box.setAttribute("aria-expanded", "false");
    box.focus();
  } else if (event.key === "ArrowDown" && (event.target === box || at >= 0) && links.length) {
    event.preventDefault();
    links[Math.min(at + 1, links.length - 1)].focus();
  } else if (event.key === "ArrowUp" && at >= 0) {
    event.preventDefault();
    (at === 0 ? box : links[at - 1]).focus();
  }
});
document.addEventListener("htmx:afterSwap", (event) => {
  if (event.target.id === "search-suggestions" || event.detail.target?.id === "search-suggestions") {
    const list = document.getElementById("search-suggestions");
    const box = document.getElementById("site-search");
    if (list && box) box.setAttribute("aria-expanded", list.hidden ? "false" : "true");
  }
});
