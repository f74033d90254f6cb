// The upload page, enhanced: drag-and-drop, a progress bar (XMLHttpRequest upload progress to
// POST /api/v1/documents/), the page's corners on a photo (detected by the server, dragged by
// the employee when unsure), and the legibility verdict once processing ends, without reloading.
// Without this script the page is a plain form posting to itself.
(function () {
  "use strict";
  var form = document.getElementById("upload-form");
  if (!form || !window.XMLHttpRequest || !window.FormData) { return; }

  var text = document.getElementById("upload-text").dataset;
  var english = (document.documentElement.lang || "id").slice(0, 2) === "en";
  var fileInput = document.getElementById("file");
  var cameraInput = document.getElementById("camera");
  var dropzone = document.getElementById("dropzone");
  var chosen = document.getElementById("file-chosen");
  var fileError = document.getElementById("file-error");
  var typeError = document.getElementById("document_type-error");
  // the employee picker (staff); an employee uploading for themself has none
  var employeeField = form.querySelector("[data-employee-picker]");
  var employeeError = employeeField ? document.getElementById(employeeField.id + "-error") : null;
  var progressBox = document.getElementById("upload-progress-box");
  var progress = document.getElementById("upload-progress");
  var percent = document.getElementById("upload-percent");
  var submit = document.getElementById("upload-submit");
  var result = document.getElementById("upload-result");
  var cornersField = document.getElementById("corners");
  var csrf = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  var selected = null;
  var all = [];  // every file chosen at once (photos of one document's pages), in order
  var POLL_MS = 1500, POLL_LIMIT_MS = 180000;

  document.querySelectorAll(".js-only").forEach(function (el) { el.hidden = false; });
  form.classList.add("enhanced");

  // --- errors beside the field that caused them -------------------------------------------
  function showError(el, message, field) {
    el.textContent = message;
    el.hidden = !message;
    if (field) {
      if (message) { field.setAttribute("aria-invalid", "true"); } else { field.removeAttribute("aria-invalid"); }
      var described = (field.getAttribute("aria-describedby") || "").split(" ");
      if (message && described.indexOf(el.id) < 0) {  // read out with the field
        field.setAttribute("aria-describedby", described.concat([el.id]).join(" ").trim());
      }
    }
  }
  function clearErrors() {
    showError(fileError, "", fileInput);
    showError(typeError, "", document.getElementById("document_type"));
    if (employeeError) { showError(employeeError, "", employeeField); }
  }

  // --- choosing a file: picker, camera or drop ------------------------------------------------
  function humanSize(bytes) {
    return bytes >= 1048576 ? (bytes / 1048576).toFixed(1) + " MB" : Math.max(1, Math.round(bytes / 1024)) + " KB";
  }
  function choose(file) {
    selected = file || null;
    clearErrors();
    result.hidden = true;
    chosen.textContent = selected ? text.chosen + " " + selected.name + " (" + humanSize(selected.size) + ")" : "";
    if (all.length > 1) { chosen.textContent += " + " + (all.length - 1); }
    corners.close();
    if (selected && all.length <= 1 && /^image\/(jpeg|png|webp)$/.test(selected.type)) { corners.open(selected); }
  }
  [fileInput, cameraInput].forEach(function (input) {
    input.addEventListener("change", function () {
      var other = input === fileInput ? cameraInput : fileInput;
      if (input.files.length) { other.value = ""; }
      all = Array.prototype.slice.call(input.files);
      choose(input.files[0]);
    });
  });
  ["dragenter", "dragover"].forEach(function (name) {
    dropzone.addEventListener(name, function (event) {
      event.preventDefault();
      dropzone.classList.add("dragging");
    });
  });
  ["dragleave", "drop"].forEach(function (name) {
    dropzone.addEventListener(name, function () { dropzone.classList.remove("dragging"); });
  });
  dropzone.addEventListener("drop", function (event) {
    event.preventDefault();
    var files = event.dataTransfer && event.dataTransfer.files;
    if (files && files.length) {
      fileInput.value = "";
      cameraInput.value = "";
      all = Array.prototype.slice.call(files);
      choose(files[0]);
    }
  });

  // --- the four corners on a photo ------------------------------------------------------------
  var corners = (function () {
    var editor = document.getElementById("corner-editor");
    var stage = document.getElementById("corner-stage");
    var photo = document.getElementById("corner-photo");
    var outline = document.getElementById("corner-outline");
    var polygon = outline.querySelector("polygon");
    var help = document.getElementById("corner-help");
    var handles = Array.prototype.slice.call(editor.querySelectorAll(".corner-handle"));
    var state = { points: null, initial: null, width: 0, height: 0, moved: false, token: 0 };

    function frame() {
      return [[0, 0], [state.width - 1, 0], [state.width - 1, state.height - 1], [0, state.height - 1]];
    }
    function draw() {
      if (!state.points) { return; }
      polygon.setAttribute("points", state.points.map(function (p) { return p[0] + "," + p[1]; }).join(" "));
      handles.forEach(function (handle, i) {
        var p = state.points[i];
        handle.style.left = (100 * p[0] / state.width) + "%";
        handle.style.top = (100 * p[1] / state.height) + "%";
        // a button takes no aria-valuetext: its name carries the position (axe: aria-allowed-attr)
        if (!handle.dataset.name) { handle.dataset.name = handle.getAttribute("aria-label"); }
        handle.setAttribute("aria-label", handle.dataset.name + " (" + Math.round(p[0]) + ", " + Math.round(p[1]) + ")");
      });
      cornersField.value = state.moved ? JSON.stringify(state.points.map(function (p) {
        return [Math.round(p[0] * 10) / 10, Math.round(p[1] * 10) / 10];
      })) : "";
    }
    function place(i, x, y) {
      state.points[i] = [Math.min(Math.max(x, 0), state.width - 1), Math.min(Math.max(y, 0), state.height - 1)];
      state.moved = true;
      draw();
    }
    function toImage(event) {
      var box = photo.getBoundingClientRect();
      return [(event.clientX - box.left) * state.width / box.width, (event.clientY - box.top) * state.height / box.height];
    }
    handles.forEach(function (handle, i) {
      handle.addEventListener("pointerdown", function (event) {
        event.preventDefault();
        handle.setPointerCapture(event.pointerId);
        handle.classList.add("active");
        handle.focus();
      });
      handle.addEventListener("pointermove", function (event) {
        if (!handle.hasPointerCapture(event.pointerId)) { return; }
        var p = toImage(event);
        place(i, p[0], p[1]);
      });
      function release(event) {
        if (handle.hasPointerCapture(event.pointerId)) { handle.releasePointerCapture(event.pointerId); }
        handle.classList.remove("active");
      }
      handle.addEventListener("pointerup", release);
      handle.addEventListener("pointercancel", release);
      handle.addEventListener("keydown", function (event) {
        var steps = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
        var step = steps[event.key];
        if (!step || !state.points) { return; }
        event.preventDefault();
        // one step is 1% (Shift: 5%) of the photo's longer side
        var size = Math.max(state.width, state.height) * (event.shiftKey ? 0.05 : 0.01);
        place(i, state.points[i][0] + step[0] * size, state.points[i][1] + step[1] * size);
      });
    });
    document.getElementById("corner-reset").addEventListener("click", function () {
      if (!state.initial) { return; }
      state.points = state.initial.map(function (p) { return p.slice(); });
      state.moved = false;
      draw();
    });

    function detect(token, image) {
      // A copy at most 1600 px long is enough to find the page; corners scale back to the photo.
      var scale = Math.min(1, 1600 / Math.max(state.width, state.height));
      var canvas = document.createElement("canvas");
      canvas.width = Math.max(1, Math.round(state.width * scale));
      canvas.height = Math.max(1, Math.round(state.height * scale));
      canvas.getContext("2d").drawImage(image, 0, 0, canvas.width, canvas.height);
      canvas.toBlob(function (blob) {
        var body = new FormData();
        body.append("file", blob, "photo.jpg");
        var xhr = new XMLHttpRequest();
        xhr.open("POST", form.dataset.detect);
        xhr.setRequestHeader("X-CSRFToken", csrf);
        xhr.setRequestHeader("Accept", "application/json");
        xhr.onload = function () {
          if (token !== state.token) { return; }
          var answer = null;
          try { answer = JSON.parse(xhr.responseText); } catch (e) { answer = null; }
          if (xhr.status !== 200 || !answer || !answer.corners) { unsure(text.nodetect); return; }
          var sx = state.width / answer.width, sy = state.height / answer.height;
          state.initial = answer.corners.map(function (p) { return [p[0] * sx, p[1] * sy]; });
          state.points = state.initial.map(function (p) { return p.slice(); });
          editor.dataset.confidence = answer.confidence;
          var sure = answer.found && answer.confidence >= 0.6;
          editor.classList.toggle("unsure", !sure);
          help.textContent = sure ? text.found : text.unsure;
          draw();
          editor.dataset.ready = "true";
        };
        xhr.onerror = function () { if (token === state.token) { unsure(text.nodetect); } };
        xhr.send(body);
      }, "image/jpeg", 0.85);
    }
    function unsure(message, waiting) {
      state.initial = frame();
      state.points = frame();
      editor.classList.add("unsure");
      help.textContent = message;
      draw();
      if (!waiting) { editor.dataset.ready = "true"; }
    }
    return {
      open: function (file) {
        var token = ++state.token;
        var reader = new FileReader();
        reader.onload = function () {
          if (token !== state.token) { return; }
          photo.onload = function () {
            if (token !== state.token) { return; }
            state.width = photo.naturalWidth;
            state.height = photo.naturalHeight;
            state.moved = false;
            outline.setAttribute("viewBox", "0 0 " + state.width + " " + state.height);
            editor.hidden = false;
            editor.dataset.ready = "false";
            unsure("…", true);
            detect(token, photo);
          };
          photo.src = reader.result;  // a data: URL: the CSP allows img-src 'self' data:
        };
        reader.readAsDataURL(file);
      },
      close: function () {
        state.token++;
        state.points = null;
        state.moved = false;
        cornersField.value = "";
        editor.hidden = true;
        delete editor.dataset.confidence;
      }
    };
  })();

  // --- sending, with progress, then the verdict ------------------------------------------------
  function message(error) {
    if (!error) { return ""; }
    return english && error.message_en ? error.message_en : (error.detail || "");
  }
  function fieldOf(code) {
    if (code === "unknown_document_type") { return "document_type"; }
    if ((code === "employee_not_found" || code === "invalid_nip") && employeeError) { return "employee"; }
    return "file";
  }
  form.noValidate = true;  // the page says what is missing beside the field, in the page's language
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearErrors();
    if (!selected) {
      showError(fileError, text.nofile, fileInput);
      fileInput.focus();
      return;
    }
    var typeField = document.getElementById("document_type");
    if (typeField && !typeField.value) {
      showError(typeError, text.notype, typeField);
      typeField.focus();
      return;
    }
    var body = new FormData(form);
    body.delete("file");
    if (all.length > 1) {  // photos of one document's pages, in page order: one document
      all.forEach(function (f) { body.append("file", f, f.name || "photo.jpg"); });
      body.delete("corners");
    } else {
      body.append("file", selected, selected.name || "photo.jpg");
    }
    if (!cornersField.value) { body.delete("corners"); }
    var xhr = new XMLHttpRequest();
    xhr.open("POST", form.dataset.api);
    xhr.setRequestHeader("X-CSRFToken", csrf);
    xhr.setRequestHeader("Accept", "application/json");
    xhr.upload.onprogress = function (e) {
      if (!e.lengthComputable) { return; }
      var value = Math.round(100 * e.loaded / e.total);
      progress.value = value;
      progress.textContent = value + "%";
      percent.textContent = value + "%";
    };
    xhr.upload.onload = function () {
      progress.value = 100;
      percent.textContent = "100%";
      showResult("checking", text.checking);
    };
    xhr.onload = function () {
      var answer = null;
      try { answer = JSON.parse(xhr.responseText); } catch (e) { answer = null; }
      submit.disabled = false;
      if (xhr.status === 201 && answer) {
        follow(answer.id, Date.now());
        return;
      }
      progressBox.hidden = true;
      result.hidden = true;
      var words = message(answer) || text.server;
      if (answer && fieldOf(answer.code) === "document_type") {
        showError(typeError, words, document.getElementById("document_type"));
      } else if (answer && fieldOf(answer.code) === "employee") {
        showError(employeeError, words, employeeField);
        employeeField.focus();
      } else {
        showError(fileError, words, fileInput);
      }
    };
    xhr.onerror = function () {
      submit.disabled = false;
      progressBox.hidden = true;
      result.hidden = true;
      showError(fileError, text.network, fileInput);
    };
    submit.disabled = true;
    progress.value = 0;
    percent.textContent = "0%";
    progressBox.hidden = false;
    xhr.send(body);
  });

  function follow(id, started) {
    var xhr = new XMLHttpRequest();
    xhr.open("GET", form.dataset.status.replace("/0/", "/" + id + "/"));
    xhr.setRequestHeader("Accept", "application/json");
    xhr.onload = function () {
      var answer = null;
      try { answer = JSON.parse(xhr.responseText); } catch (e) { answer = null; }
      if (xhr.status === 200 && answer && answer.status !== "received" && answer.status !== "processing") {
        verdict(answer);
        return;
      }
      var progress = xhr.status === 200 && answer && answer.progress;
      if (progress && progress.first_page) {
        // a long document: the first page's verdict is known before the other pages are read
        var first = progress.first_page;
        var read = " (" + progress.pages_read + "/" + progress.pages + ")";
        showResult("checking", (first.legible ? text.firstok : text.firstbad) + read, id,
                   (first.reasons || []).map(function (r) { return english ? r.message_en : r.message_id; }));
      }
      if (Date.now() - started > POLL_LIMIT_MS) {
        showResult("checking", text.slow, id);
      } else {
        window.setTimeout(function () { follow(id, started); }, POLL_MS);
      }
    };
    xhr.onerror = function () { window.setTimeout(function () { follow(id, started); }, POLL_MS * 2); };
    xhr.send();
  }

  function verdict(answer) {
    progressBox.hidden = true;
    var legibility = answer.legibility || {};
    if (answer.status === "failed") {
      showResult("failed", text.failed, answer.id, [message({ detail: (answer.error || {}).message })]);
    } else if (answer.status === "needs_rescan" || legibility.legible === false) {
      var reasons = (legibility.reasons || []).map(function (r) {
        return english ? r.message_en : r.message_id;
      });
      if (notTheirs(answer)) { reasons.unshift(text.mismatch); }
      showResult("needs_rescan", text.rescan, answer.id, reasons);
    } else if (notTheirs(answer)) {
      // never "Legible" alone when the NIP or name on the scan is someone else's
      showResult("mismatch", text.mismatch, answer.id);
    } else {
      showResult("legible", text.legible, answer.id);
    }
    form.reset();
    choose(null);
    result.hidden = false;
  }

  function notTheirs(answer) {
    var checks = answer.field_checks || {};
    return checks.nip === "mismatch" || checks.nama === "mismatch";
  }

  function showResult(kind, words, id, reasons) {
    result.textContent = "";
    result.className = "card upload-result result-" + kind;
    result.dataset.verdict = kind;
    var p = document.createElement("p");
    p.className = "verdict";
    p.textContent = words;
    result.appendChild(p);
    if (reasons && reasons.length) {
      var list = document.createElement("ul");
      reasons.forEach(function (r) {
        if (!r) { return; }
        var li = document.createElement("li");
        li.textContent = r;
        list.appendChild(li);
      });
      result.appendChild(list);
    }
    if (id) {
      var links = document.createElement("p");
      links.className = "result-links";
      var view = document.createElement("a");
      view.href = form.dataset.detail.replace("/0/", "/" + id + "/");
      view.textContent = text.view;
      var home = document.createElement("a");
      home.href = form.dataset.home;
      home.textContent = text.home;
      links.appendChild(view);
      links.appendChild(document.createTextNode(" · "));
      links.appendChild(home);
      result.appendChild(links);
    }
    result.hidden = false;
    // the focus goes to the answer, so a keyboard or screen-reader user is not left on a reset form
    result.setAttribute("tabindex", "-1");
    result.focus();
  }
})();
