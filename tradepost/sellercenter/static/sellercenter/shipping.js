// Shipping template editor: htmx answers "Add a zone" and "Remove zone" with every row again
// (numbered afresh); this moves the keyboard focus to where the seller goes on — the new row's
// first field, or the "Add a zone" button. Without JavaScript the buttons submit the form.
(function () {
  "use strict";

  document.addEventListener("htmx:afterSettle", function (event) {
    var container = event.detail.target;
    if (!container || container.id !== "zones") return;
    var marker = container.querySelector("[data-focus]");
    if (!marker) return;
    var target = document.getElementById(marker.getAttribute("data-focus"));
    marker.remove();
    if (target) target.focus();
  });
})();
