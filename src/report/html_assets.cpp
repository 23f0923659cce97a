// The HTML report's style sheet and script, inlined in every page so the file needs nothing
// else: no network, no fonts, no library. The script only runs the documents table (filter,
// sort, pages); everything else is drawn by trendscan and reads and prints without it.
#include "report/html_parts.hpp"

namespace trendscan::internal {

std::string_view PageStyle() {
  return R"css(
:root { color-scheme: light; --ink: #1a1a1a; --muted: #555; --rule: #d0d0d0; --band: #f4f4f4; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0 auto; max-width: 1100px; padding: 0 24px 48px; color: var(--ink); background: #fff;
  font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; }
header { border-bottom: 2px solid var(--ink); padding: 18px 0 8px; margin-bottom: 8px; }
h1 { font-size: 1.6em; margin: 0 0 4px; }
h2 { font-size: 1.3em; margin: 32px 0 8px; padding-top: 8px; border-top: 1px solid var(--rule); }
h3 { font-size: 1.12em; margin: 22px 0 6px; }
h4 { font-size: 1em; margin: 14px 0 4px; }
p { margin: 4px 0 8px; }
.summary, .note, figcaption, .source, .muted { color: var(--muted); }
nav ol { list-style: none; padding: 0; margin: 8px 0 0; display: flex; flex-wrap: wrap; gap: 4px 16px; }
nav a { color: #0b57a4; }
table { border-collapse: collapse; margin: 6px 0 10px; font-size: 0.92em; }
th, td { border-bottom: 1px solid var(--rule); padding: 3px 8px; text-align: left; vertical-align: top; }
th { background: var(--band); font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
#documents-table td:nth-child(2) { white-space: nowrap; }
.scroll { overflow-x: auto; max-width: 100%; }
figure { margin: 10px 0 16px; break-inside: avoid; }
figcaption { font-size: 0.9em; margin: 2px 0 4px; }
svg { max-width: 100%; height: auto; font-family: inherit; }
svg text { font-size: 12px; fill: var(--ink); }
svg.defs { position: absolute; width: 0; height: 0; }
.marker { stroke: #222; stroke-width: 1; }
.bar { stroke: #222; stroke-width: 0.5; }
.figure, .tick, .inner, .axis-label, .col-label { fill: var(--muted); font-size: 11px; }
.term, .leaf, .row-label { font-size: 12.5px; }
.theme-label { font-weight: 700; font-size: 13px; }
.word { font-size: 11px; }
.axis { stroke: #888; stroke-width: 1; }
.grid { stroke: #e2e2e2; stroke-width: 1; }
.branch { fill: none; stroke: #444; stroke-width: 1.6; }
.node { fill: #444; }
.series-line { fill: none; stroke-width: 2; }
.hollow { fill: #fff; stroke: #333; stroke-width: 1.2; }
.chosen { fill: #333; }
.known-point { fill: #333; }
.cell { stroke: #fff; stroke-width: 1; }
.cell-value { font-size: 10.5px; font-weight: 700; }
.cell-value.on-dark { fill: #fff; }
.swatch { vertical-align: -2px; }
.series-grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(330px, 1fr)); gap: 4px 18px; }
.series-grid figure { margin: 4px 0; }
.flag { font-weight: 700; }
.flag.emerging { color: #8a3b00; }
.flag.declining { color: #3d1f73; }
.theme { border-top: 1px solid var(--rule); margin-top: 18px; }
.theme h3 { margin-top: 12px; }
.cols { display: grid; grid-template-columns: repeat(auto-fit, minmax(420px, 1fr)); gap: 0 24px; }
blockquote { margin: 4px 0 2px; padding: 4px 12px; border-left: 4px solid var(--rule); background: #fafafa; }
ol.passages, ol.central { padding-left: 1.4em; }
ol.passages li, ol.central li { margin-bottom: 8px; }
cite { font-style: normal; font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 0.9em; }
table.kwic td { border-bottom: 1px dotted var(--rule); }
table.kwic td.left { text-align: right; white-space: nowrap; }
table.kwic td.right { white-space: nowrap; }
table.kwic td.kw { font-weight: 700; white-space: nowrap; padding: 3px 2px; }
table.kwic mark { background: #ffe8a8; color: inherit; }
table.kwic th.term { background: #fff; border-bottom: 1px solid var(--ink); padding-top: 8px; }
.controls { display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: center; margin: 6px 0; }
.controls input, .controls select, .controls button, th button { font: inherit; }
th button { border: 0; background: none; padding: 0; font-weight: 600; cursor: pointer; color: inherit; }
th[aria-sort="ascending"] button::after { content: " ▲"; }
th[aria-sort="descending"] button::after { content: " ▼"; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
dl.params { display: grid; grid-template-columns: repeat(auto-fill, minmax(240px, 1fr)); gap: 0 16px; font-size: 0.9em; }
dl.params div { display: flex; gap: 8px; border-bottom: 1px solid var(--rule); padding: 2px 0; }
dl.params dt { font-weight: 600; } dl.params dd { margin: 0; }
footer { margin-top: 36px; border-top: 1px solid var(--rule); color: var(--muted); font-size: 0.85em; }
@media print {
  @page { size: A4; margin: 14mm 12mm; }
  body { max-width: none; padding: 0; font-size: 9.5pt; }
  nav, .controls, .no-print { display: none !important; }
  h2 { break-after: avoid; }
  h3, h4 { break-after: avoid; }
  /* Whole figures, quotes and rows stay on a page; a theme may run on to the next. */
  blockquote, li, tr, .cols > figure { break-inside: avoid; }
  .scroll { overflow: visible; }
  a { color: inherit; text-decoration: none; }
  .cols { grid-template-columns: 1fr 1fr; }
  .series-grid { grid-template-columns: 1fr 1fr; }
}
)css";
}

std::string_view PageScript() {
  return R"js(
(function () {
  "use strict";
  var holder = document.getElementById("documents-data");
  var table = document.getElementById("documents-table");
  if (!holder || !table) return;
  var data = JSON.parse(holder.textContent);
  var rows = data.rows, body = table.tBodies[0];
  var filter = document.getElementById("documents-filter");
  var themeChoice = document.getElementById("documents-theme");
  var knownChoice = document.getElementById("documents-known");
  var info = document.getElementById("documents-info");
  var prev = document.getElementById("documents-prev");
  var next = document.getElementById("documents-next");
  var perPage = 50, page = 0, view = rows, sortColumn = -1, sortDirection = 1;
  var svgNs = "http://www.w3.org/2000/svg";
  var colors = {}, names = {};
  data.themes.forEach(function (t) { colors[t[0]] = t[2]; names[t[0]] = t[1]; });

  function group(n) { return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ","); }
  function cell(tr, text, className) {
    var td = document.createElement("td");
    td.textContent = text;
    if (className) td.className = className;
    tr.appendChild(td);
    return td;
  }
  function mixBar(mix) {
    var svg = document.createElementNS(svgNs, "svg"), x = 0, label = [];
    svg.setAttribute("width", "90");
    svg.setAttribute("height", "12");
    svg.setAttribute("viewBox", "0 0 90 12");
    svg.setAttribute("role", "img");
    for (var i = 0; i + 1 < mix.length; i += 2) {
      var r = document.createElementNS(svgNs, "rect"), w = 90 * mix[i + 1];
      r.setAttribute("x", x.toFixed(1));
      r.setAttribute("y", "1");
      r.setAttribute("width", w.toFixed(1));
      r.setAttribute("height", "10");
      r.setAttribute("fill", colors[mix[i]] || "#999");
      r.setAttribute("class", "bar");
      svg.appendChild(r);
      x += w;
      label.push("T" + mix[i] + " " + Math.round(100 * mix[i + 1]) + "%");
    }
    svg.setAttribute("aria-label", label.join(", "));
    return svg;
  }
  function row(d) {
    var tr = document.createElement("tr");
    var first = document.createElement("td");
    var title = document.createElement("b");
    title.textContent = d[1] || d[0];
    first.appendChild(title);
    first.appendChild(document.createElement("br"));
    var id = document.createElement("cite");
    id.textContent = d[0];
    first.appendChild(id);
    tr.appendChild(first);
    cell(tr, d[2] || "");
    cell(tr, d[3] > 0 ? "T" + d[3] + " · " + names[d[3]] : "none");
    if (data.mix) tr.appendChild(document.createElement("td")).appendChild(mixBar(d[7] || []));
    cell(tr, d[4].toFixed(2), "num");
    cell(tr, d[5] >= 0 ? data.known[d[5]] + " " + (100 * d[6]).toFixed(1) + "%" : "none");
    return tr;
  }
  function draw() {
    var pages = Math.max(1, Math.ceil(view.length / perPage));
    page = Math.min(page, pages - 1);
    var from = page * perPage, to = Math.min(view.length, from + perPage);
    var fragment = document.createDocumentFragment();
    for (var i = from; i < to; i++) fragment.appendChild(row(view[i]));
    body.textContent = "";
    body.appendChild(fragment);
    info.textContent = view.length === 0 ? "No document matches." :
      "Documents " + group(from + 1) + "–" + group(to) + " of " + group(view.length) +
      (view.length < rows.length ? " (of " + group(rows.length) + ")" : "") +
      ", page " + group(page + 1) + " of " + group(pages);
    prev.disabled = page === 0;
    next.disabled = to >= view.length;
  }
  function compare(a, b) {
    var x = a[sortColumn], y = b[sortColumn];
    if (sortColumn === 5) { x = a[5] >= 0 ? a[6] : -1; y = b[5] >= 0 ? b[6] : -1; }
    if (x === y) return 0;
    if (x === null || x === "") return 1;
    if (y === null || y === "") return -1;
    return (x < y ? -1 : 1) * sortDirection;
  }
  function update() {
    var q = filter.value.trim().toLowerCase(), t = themeChoice.value, k = knownChoice.value;
    view = rows.filter(function (d) {
      if (t !== "" && d[3] !== +t) return false;
      if (k !== "" && d[5] !== +k) return false;
      return q === "" || d[0].toLowerCase().indexOf(q) >= 0 ||
        (d[1] || "").toLowerCase().indexOf(q) >= 0;
    });
    if (sortColumn >= 0) view.sort(compare);
    page = 0;
    draw();
  }
  Array.prototype.forEach.call(table.tHead.querySelectorAll("th[data-column]"), function (th) {
    var button = th.querySelector("button");
    button.addEventListener("click", function () {
      var column = +th.getAttribute("data-column");
      sortDirection = column === sortColumn ? -sortDirection : (column === 4 || column === 5 ? -1 : 1);
      sortColumn = column;
      Array.prototype.forEach.call(table.tHead.querySelectorAll("th"), function (other) {
        other.removeAttribute("aria-sort");
      });
      th.setAttribute("aria-sort", sortDirection > 0 ? "ascending" : "descending");
      update();
    });
  });
  filter.addEventListener("input", update);
  themeChoice.addEventListener("change", update);
  knownChoice.addEventListener("change", update);
  prev.addEventListener("click", function () { page--; draw(); });
  next.addEventListener("click", function () { page++; draw(); });
  document.getElementById("documents-controls").hidden = false;
  Array.prototype.forEach.call(document.querySelectorAll(".js-hidden"), function (e) {
    e.hidden = true;
  });
  draw();
})();
)js";
}

}  // namespace trendscan::internal
