// Seller center: upload progress for htmx uploads, and "select all" in the listing table.
(function () {
  "use strict";

  // htmx fires htmx:xhr:progress on the element that made the request (the upload form).
  document.addEventListener("htmx:xhr:progress", function (event) {
    var form = event.target.closest ? event.target.closest("[data-upload-progress]") : null;
    if (!form || !event.detail.lengthComputable) return;
    var bar = document.getElementById(form.getAttribute("data-upload-progress"));
    if (!bar) return;
    var percent = Math.round((event.detail.loaded / event.detail.total) * 100);
    bar.value = percent;
    bar.textContent = percent + "%";
  });

  document.addEventListener("htmx:beforeRequest", function (event) {
    var form = event.target.closest ? event.target.closest("[data-upload-progress]") : null;
    if (!form) return;
    var bar = document.getElementById(form.getAttribute("data-upload-progress"));
    if (bar) bar.value = 0;
  });

  document.addEventListener("change", function (event) {
    var name = event.target.getAttribute && event.target.getAttribute("data-select-all");
    if (!name) return;
    var boxes = document.querySelectorAll('input[type="checkbox"][name="' + name + '"]');
    boxes.forEach(function (box) { box.checked = event.target.checked; });
  });
})();
