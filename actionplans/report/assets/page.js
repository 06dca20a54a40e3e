/* actionplans report page: every table.data sortable (click a header) and filterable (the box above it).
   Filter: every word must occur in the row; "quoted words" must occur together. A link with
   data-filter-table="ID" data-filter="text" fills table ID's filter box (the matrix cells use it). */
(function () {
  "use strict";
  var boxes = {};

  function terms(query) {
    var out = [], re = /"([^"]*)"|(\S+)/g, m;
    while ((m = re.exec(query.toLowerCase())) !== null) {
      var t = (m[1] !== undefined ? m[1] : m[2]).trim();
      if (t) out.push(t);
    }
    return out;
  }

  function cellValue(td) {
    var v = td.getAttribute("data-v");
    return v !== null ? v : td.textContent.trim();
  }

  function applyFilter(table, query, count) {
    var want = terms(query), rows = table.tBodies[0].rows, shown = 0;
    for (var i = 0; i < rows.length; i++) {
      var row = rows[i];
      if (row._text === undefined) row._text = row.textContent.toLowerCase().replace(/\s+/g, " ");
      var ok = true;
      for (var j = 0; j < want.length && ok; j++) ok = row._text.indexOf(want[j]) !== -1;
      row.classList.toggle("hidden", !ok);
      if (ok) shown++;
    }
    count.textContent = shown + " of " + rows.length + " rows";
  }

  function sortBy(table, col, th) {
    var body = table.tBodies[0], rows = Array.prototype.slice.call(body.rows);
    var dir = th.getAttribute("aria-sort") === "ascending" ? -1 : 1;
    var values = rows.map(function (r) { return r.cells[col] ? cellValue(r.cells[col]) : ""; });
    var numeric = values.every(function (v) { return v === "" || !isNaN(Number(v.replace(/[,%]/g, ""))); });
    var keyed = rows.map(function (r, i) {
      var v = values[i];
      return { row: r, i: i, blank: v === "", key: numeric ? Number(v.replace(/[,%]/g, "")) : v.toLowerCase() };
    });
    keyed.sort(function (a, b) {
      if (a.blank !== b.blank) return a.blank ? 1 : -1; /* blanks last either way */
      if (a.key < b.key) return -dir;
      if (a.key > b.key) return dir;
      return a.i - b.i;
    });
    var heads = th.parentNode.cells;
    for (var k = 0; k < heads.length; k++) heads[k].removeAttribute("aria-sort");
    th.setAttribute("aria-sort", dir === 1 ? "ascending" : "descending");
    var frag = document.createDocumentFragment();
    keyed.forEach(function (x) { frag.appendChild(x.row); });
    body.appendChild(frag);
  }

  function setup(table) {
    if (!table.tHead || !table.tBodies.length) return;
    var tools = document.createElement("div");
    tools.className = "table-tools";
    var label = document.createElement("label");
    var box = document.createElement("input");
    box.type = "search";
    box.placeholder = "Filter rows (all words must match)";
    var caption = table.caption ? table.caption.textContent : "table";
    box.setAttribute("aria-label", "Filter " + caption);
    label.appendChild(box);
    var count = document.createElement("span");
    count.className = "count";
    count.setAttribute("aria-live", "polite");
    tools.appendChild(label);
    tools.appendChild(count);
    var wrap = table.closest(".table-wrap") || table;
    wrap.parentNode.insertBefore(tools, wrap);
    box.addEventListener("input", function () { applyFilter(table, box.value, count); });
    if (table.id) boxes[table.id] = { box: box, table: table, count: count };
    applyFilter(table, "", count);
    var heads = table.tHead.rows[table.tHead.rows.length - 1].cells;
    for (var c = 0; c < heads.length; c++) {
      (function (th, col) {
        var b = document.createElement("button");
        b.type = "button";
        while (th.firstChild) b.appendChild(th.firstChild);
        b.title = "Sort by this column";
        th.appendChild(b);
        b.addEventListener("click", function () { sortBy(table, col, th); });
      })(heads[c], c);
    }
  }

  function filterTable(id, query) {
    var t = boxes[id];
    if (!t) return false;
    t.box.value = query;
    applyFilter(t.table, query, t.count);
    return true;
  }

  document.addEventListener("DOMContentLoaded", function () {
    var tables = document.querySelectorAll("table.data");
    for (var i = 0; i < tables.length; i++) setup(tables[i]);
    function quote(text) { return '"' + text.trim().replace(/"/g, " ") + '"'; }
    function go(id, query, ev) {
      if (filterTable(id, query)) {
        var t = boxes[id].table;
        (t.closest(".table-wrap") || t).scrollIntoView({ block: "start" });
        ev.preventDefault();
      }
    }
    document.addEventListener("click", function (ev) {
      if (!ev.target.closest) return;
      var a = ev.target.closest("[data-filter-table]");
      if (a) return go(a.getAttribute("data-filter-table"), a.getAttribute("data-filter") || "", ev);
      /* a link in a matrix (table[data-link-table]): its row's name and its column's header */
      var link = ev.target.closest("a"), table = link && link.closest("table[data-link-table]");
      if (!table) return;
      var td = link.closest("td"), tr = td.parentNode;
      var heads = table.tHead.rows[table.tHead.rows.length - 1].cells;
      go(table.getAttribute("data-link-table"),
         quote(tr.cells[0].textContent) + " " + quote(heads[td.cellIndex].textContent), ev);
    });
  });
  window.actionplansReport = { filter: filterTable };
})();
