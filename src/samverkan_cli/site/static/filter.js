// Filtering and search for the förteckning. Progressive enhancement: without JavaScript the
// whole table is shown and the form stays hidden. Nothing is fetched from anywhere.
(function () {
  "use strict";
  var form = document.getElementById("filter");
  if (!form) { return; }
  form.hidden = false;
  var rows = Array.prototype.slice.call(document.querySelectorAll("tr[data-typ]"));
  var sections = Array.prototype.slice.call(document.querySelectorAll("section[data-section]"));
  var status = document.getElementById("filter-status");
  function value(name) { return form.elements[name].value; }
  function apply() {
    var typ = value("typ"), part = value("part"), malgrupp = value("malgrupp");
    var words = value("q").toLowerCase().split(/\s+/).filter(Boolean);
    var shown = 0;
    rows.forEach(function (row) {
      var text = row.getAttribute("data-text");
      var ok = (!typ || row.getAttribute("data-typ") === typ) &&
        (!part || (" " + row.getAttribute("data-parter") + " ").indexOf(" " + part + " ") >= 0) &&
        (!malgrupp || row.getAttribute("data-malgrupp") === malgrupp) &&
        words.every(function (w) { return text.indexOf(w) >= 0; });
      row.hidden = !ok;
      if (ok) { shown += 1; }
    });
    sections.forEach(function (section) {
      section.hidden = !section.querySelector("tr[data-typ]:not([hidden])");
    });
    status.textContent = shown === rows.length ? "Visar alla " + shown + " dokument." :
      "Visar " + shown + " av " + rows.length + " dokument.";
  }
  form.addEventListener("input", apply);
  form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
  form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
  apply();
}());
