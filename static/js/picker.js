// Employee picker: a text field where the NIP goes, enhanced into a combobox that finds employees by
// name or NIP as one types (GET /api/v1/employees/?q=, scoped to whom the user may see). Without
// JavaScript the field still takes a typed NIP. Markup: <input data-employee-picker
// data-source="/api/v1/employees/" aria-describedby="ID-chosen"> and <small id="ID-chosen">.
(function () {
  "use strict";
  var MAX = 10;

  function setup(input) {
    var listId = input.id + "-options";
    var list = document.createElement("ul");
    list.id = listId;
    list.className = "picker-options";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", input.getAttribute("data-list-label") || "");
    list.hidden = true;
    input.insertAdjacentElement("afterend", list);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listId);
    input.setAttribute("autocomplete", "off");
    var chosen = document.getElementById(input.id + "-chosen");
    var results = [], active = -1, timer = null, asked = "";

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function highlight(index) {
      var items = list.querySelectorAll("[role=option]");
      for (var i = 0; i < items.length; i++) items[i].setAttribute("aria-selected", i === index ? "true" : "false");
      active = index;
      if (index >= 0 && items[index]) {
        input.setAttribute("aria-activedescendant", items[index].id);
        items[index].scrollIntoView({block: "nearest"});
      }
    }

    function choose(index) {
      var employee = results[index];
      if (!employee) return;
      input.value = employee.nip;
      if (chosen) chosen.textContent = employee.nama + " · " + (employee.unit_name || "");
      close();
      input.dispatchEvent(new Event("change", {bubbles: true}));
    }

    function show(found) {
      results = found.slice(0, MAX);
      list.textContent = "";
      results.forEach(function (employee, i) {
        var item = document.createElement("li");
        item.id = listId + "-" + i;
        item.setAttribute("role", "option");
        item.setAttribute("aria-selected", "false");
        item.setAttribute("data-nip", employee.nip);
        var name = document.createElement("strong");
        name.textContent = employee.nama;
        var detail = document.createElement("small");
        detail.textContent = employee.nip + " · " + (employee.unit_name || "");
        item.appendChild(name);
        item.appendChild(document.createElement("br"));
        item.appendChild(detail);
        item.addEventListener("mousedown", function (event) { event.preventDefault(); choose(i); });
        list.appendChild(item);
      });
      if (!results.length) {
        var none = document.createElement("li");
        none.className = "picker-none";
        none.textContent = input.getAttribute("data-none") || "—";
        list.appendChild(none);
      }
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      active = -1;
    }

    function ask() {
      var q = input.value.trim();
      if (q.length < 2) { close(); return; }
      asked = q;
      fetch(input.getAttribute("data-source") + "?q=" + encodeURIComponent(q), {
        credentials: "same-origin", headers: {"Accept": "application/json"}
      }).then(function (answer) { return answer.ok ? answer.json() : {results: []}; })
        .then(function (data) { if (asked === q) show(data.results || []); })
        .catch(function () { close(); });
    }

    input.addEventListener("input", function () {
      if (chosen) chosen.textContent = "";
      clearTimeout(timer);
      timer = setTimeout(ask, 200);
    });
    input.addEventListener("keydown", function (event) {
      if (list.hidden) return;
      var count = results.length;
      if (event.key === "ArrowDown" && count) { event.preventDefault(); highlight((active + 1) % count); }
      else if (event.key === "ArrowUp" && count) { event.preventDefault(); highlight((active - 1 + count) % count); }
      else if (event.key === "Enter" && active >= 0) { event.preventDefault(); choose(active); }
      else if (event.key === "Escape") { close(); }
    });
    input.addEventListener("blur", function () { setTimeout(close, 150); });
  }

  document.querySelectorAll("input[data-employee-picker]").forEach(setup);
})();
