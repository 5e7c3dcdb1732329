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

// Flash-deal countdowns (<time data-countdown="ISO end">): ticked once a second. The server
// renders the same remaining time as text, and the end date beside it, for readers without JS.
function tickCountdowns() {
  for (const clock of document.querySelectorAll("time[data-countdown]")) {
    const left = Math.max(0, Math.floor((Date.parse(clock.dataset.countdown) - Date.now()) / 1000));
    if (left === 0) {
      clock.textContent = clock.dataset.ended || "";
      continue;
    }
    const days = Math.floor(left / 86400);
    const pad = (n) => String(n).padStart(2, "0");
    const time = `${pad(Math.floor(left / 3600) % 24)}:${pad(Math.floor(left / 60) % 60)}:${pad(left % 60)}`;
    clock.textContent = days > 0 ? `${days} ${clock.dataset.dayUnit || "d"} ${time}` : time;
  }
}
setInterval(tickCountdowns, 1000);
document.addEventListener("htmx:afterSettle", tickCountdowns);
