// Progress of a bulk issue: polls the batch API (session login) until every line is done or
// failed, then reloads once to list what was issued. Text only (textContent), never HTML.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var box = document.querySelector("[data-batch-status-url]");
    if (!box || box.dataset.finished === "1") return;
    var progress = box.querySelector("progress");
    var state = box.querySelector("[data-state]");
    var errors = document.getElementById("batch-errors");
    var lineWord = errors.dataset.line || "";

    function count(name, value) { box.querySelector("[data-count=" + name + "]").textContent = value; }

    function poll() {
      fetch(box.dataset.batchStatusUrl, {credentials: "same-origin", headers: {"Accept": "application/json"}})
        .then(function (response) { if (!response.ok) throw new Error(response.status); return response.json(); })
        .then(function (batch) {
          progress.max = batch.total;
          progress.value = batch.done + batch.failed;
          count("done", batch.done);
          count("failed", batch.failed);
          count("total", batch.total);
          if (batch.errors.length) {
            errors.textContent = "";
            batch.errors.forEach(function (e) {
              var item = document.createElement("li");
              item.textContent = lineWord + " " + (e.index + 2) + " · NIP " + e.employee + ": " + e.detail;
              errors.appendChild(item);
            });
          }
          if (batch.finished) {
            state.textContent = state.dataset.finishedText;
            window.location.reload();
          } else {
            window.setTimeout(poll, 1500);
          }
        })
        .catch(function () { window.setTimeout(poll, 5000); });
    }
    window.setTimeout(poll, 1000);
  });
})();
