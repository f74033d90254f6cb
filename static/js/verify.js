// The side-by-side verification page: the scan page by page with zoom, and keyboard shortcuts
// for the decisions (v verified, r rejected, n not authentic). No inline handlers: the
// Content-Security-Policy allows scripts from this site only.
(function () {
  "use strict";

  function setUpViewer(viewer) {
    var pages = Array.prototype.slice.call(viewer.querySelectorAll("[data-page-number]"));
    var tools = viewer.querySelector("[data-viewer-tools]");
    var pageLabel = viewer.querySelector("[data-page-label]");
    var zoomLabel = viewer.querySelector("[data-zoom-label]");
    var current = 0;
    var zoom = 1;
    if (!pages.length || !tools) return;
    tools.hidden = false;
    viewer.classList.add("paged");

    function show(index) {
      current = Math.max(0, Math.min(pages.length - 1, index));
      pages.forEach(function (page, i) { page.hidden = i !== current; });
      pageLabel.textContent = viewer.dataset.labelPage + " " + (current + 1) + " " + viewer.dataset.labelOf + " " + pages.length;
      tools.querySelector("[data-page=prev]").disabled = current === 0;
      tools.querySelector("[data-page=next]").disabled = current === pages.length - 1;
    }

    function setZoom(value) {
      zoom = Math.max(0.5, Math.min(4, value));
      pages.forEach(function (page) {
        var img = page.querySelector("img");
        img.style.width = (zoom * 100) + "%";
        img.style.maxWidth = zoom > 1 ? "none" : "100%";
      });
      zoomLabel.textContent = Math.round(zoom * 100) + "%";
    }

    tools.addEventListener("click", function (event) {
      var button = event.target.closest("button");
      if (!button) return;
      if (button.dataset.page === "prev") show(current - 1);
      if (button.dataset.page === "next") show(current + 1);
      if (button.dataset.zoom === "in") setZoom(zoom * 1.25);
      if (button.dataset.zoom === "out") setZoom(zoom / 1.25);
      if (button.dataset.zoom === "fit") setZoom(1);
    });
    viewer.addEventListener("keydown", function (event) {
      if (event.key === "PageDown" || event.key === "ArrowRight") { show(current + 1); event.preventDefault(); }
      if (event.key === "PageUp" || event.key === "ArrowLeft") { show(current - 1); event.preventDefault(); }
      if (event.key === "+" || event.key === "=") { setZoom(zoom * 1.25); event.preventDefault(); }
      if (event.key === "-") { setZoom(zoom / 1.25); event.preventDefault(); }
    });
    pages.forEach(function (page) { page.querySelector("img").loading = "eager"; });
    show(0);
    setZoom(1);
  }

  function typing(target) {
    if (!target || !target.tagName) return false;
    var tag = target.tagName.toLowerCase();
    if (tag === "textarea" || tag === "select" || target.isContentEditable) return true;
    if (tag !== "input") return false;
    return ["radio", "checkbox", "button", "submit", "reset"].indexOf((target.type || "").toLowerCase()) === -1;
  }

  function setUpShortcuts(form) {
    var message = form.querySelector("[data-shortcut-message]");
    var note = form.querySelector("#note");
    var submitted = false;
    var toggle = document.getElementById("shortcuts-on");
    if (toggle) {
      toggle.hidden = false;
      toggle.parentNode.hidden = false;
      try { toggle.checked = window.localStorage.getItem("berkas.shortcuts") !== "off"; } catch (e) { /* private mode */ }
      toggle.addEventListener("change", function () {
        try { window.localStorage.setItem("berkas.shortcuts", toggle.checked ? "on" : "off"); } catch (e) { /* ignore */ }
      });
    }
    form.addEventListener("submit", function () { submitted = true; });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && typing(event.target)) { event.target.blur(); return; }
      if (event.ctrlKey || event.metaKey || event.altKey || event.repeat || typing(event.target) || submitted) return;
      if (toggle && !toggle.checked) return;  // single-key shortcuts turned off (WCAG 2.1.4)
      var button = form.querySelector("[data-shortcut='" + event.key.toLowerCase() + "']");
      if (!button) return;
      event.preventDefault();
      if (button.dataset.needs === "reason" && !form.querySelector("input[name=reason]:checked") && !note.value.trim()) {
        message.textContent = message.dataset.needReason;
        form.querySelector("input[name=reason]").focus();
        return;
      }
      if (button.dataset.needs === "note" && !note.value.trim()) {
        message.textContent = message.dataset.needNote;
        note.focus();
        return;
      }
      message.textContent = "";
      if (form.requestSubmit) { form.requestSubmit(button); } else { button.click(); }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("[data-viewer]"), setUpViewer);
    var form = document.querySelector("[data-decision-form]");
    if (form) setUpShortcuts(form);
  });
})();
