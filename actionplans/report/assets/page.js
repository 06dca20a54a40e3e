/* actionplans report page: every table.data sortable (click a header) and filterable (the box above it).
   Filter: every word must occur in the row; "quoted words" must occur together; column:"value" must be
   the whole of that column's cell (column: its header, one word). Inside quotes, \" is a quote and
   \\ a backslash (so any text can be quoted: a council named with a quote still filters). A header
   with data-menu gets a menu beside the box (the column's values with their counts; data-menu lists
   the order, one per line); a choice there keeps the rows whose cell is that value, together with
   the box. A link with data-filter-table="ID" data-filter="text" fills table ID's filter box and
   resets its menus (the matrix cells use it). */
(function () {
  "use strict";
  var boxes = {};

  /* Filter terms: words, "quoted words", and column:"value" (the cell of that column is the value);
     in quotes a backslash makes the next character plain (\" a quote, \\ a backslash). */
  function terms(query) {
    var out = [], re = /(?:([A-Za-z_]\w*):)?(?:"((?:[^"\\]|\\[\s\S])*)"|(\S+))/g, m;
    while ((m = re.exec(query)) !== null) {
      var t = (m[2] !== undefined ? m[2].replace(/\\([\s\S])/g, "$1") : m[3]).trim().toLowerCase();
      if (t || m[1]) out.push({ col: m[1] ? m[1].toLowerCase() : null, text: t });
    }
    return out;
  }

  function columnIndex(table) {
    if (!table._cols) {
      table._cols = {};
      var heads = table.tHead.rows[table.tHead.rows.length - 1].cells;
      for (var i = 0; i < heads.length; i++) table._cols[heads[i].textContent.trim().toLowerCase()] = i;
    }
    return table._cols;
  }

  function cellValue(td) {
    var v = td.getAttribute("data-v");
    return v !== null ? v : td.textContent.trim();
  }

  /* the terms of the box, each column name resolved to its index, and one term per menu chosen */
  function applyFilter(table, query, count, menus) {
    var cols = columnIndex(table), rows = table.tBodies[0].rows, shown = 0;
    var want = terms(query).map(function (w) {
      return { index: w.col !== null ? cols[w.col] : undefined, col: w.col, text: w.text };
    });
    (menus || []).forEach(function (m) {
      if (m.select.value !== "") want.push({ index: m.col, col: null, text: m.select.value.toLowerCase() });
    });
    for (var i = 0; i < rows.length; i++) {
      var row = rows[i];
      if (row._text === undefined) row._text = row.textContent.toLowerCase().replace(/\s+/g, " ");
      var ok = true;
      for (var j = 0; j < want.length && ok; j++) {
        var w = want[j];
        if (w.index !== undefined) {
          var cell = row.cells[w.index];
          ok = cell !== undefined && cell.textContent.trim().toLowerCase() === w.text;
        } else {
          ok = row._text.indexOf(w.col !== null ? w.col + ":" + w.text : w.text) !== -1;
        }
      }
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

  /* a menu of the values of column ``col``: the listed order first, then the others in table order */
  function makeMenu(table, col, th) {
    var rows = table.tBodies[0].rows, counts = Object.create(null), seen = [];
    for (var i = 0; i < rows.length; i++) {
      var v = rows[i].cells[col] ? rows[i].cells[col].textContent.trim() : "";
      if (v === "") continue;
      if (!(v in counts)) { counts[v] = 0; seen.push(v); }
      counts[v]++;
    }
    var order = th.getAttribute("data-menu").split("\n").filter(function (v) { return v in counts; });
    seen.forEach(function (v) { if (order.indexOf(v) === -1) order.push(v); });
    var select = document.createElement("select"), name = th.textContent.trim();
    select.setAttribute("aria-label", "Show only one " + name);
    select.appendChild(new Option("all (" + rows.length + ")", ""));
    order.forEach(function (v) { select.appendChild(new Option(v + " (" + counts[v] + ")", v)); });
    var label = document.createElement("label");
    label.appendChild(document.createTextNode(name + " "));
    label.appendChild(select);
    return { col: col, select: select, label: label };
  }

  function setup(table) {
    if (!table.tHead || !table.tBodies.length) return;
    var tools = document.createElement("div");
    tools.className = "table-tools";
    var label = document.createElement("label");
    var box = document.createElement("input");
    box.type = "search";
    box.placeholder = 'Filter rows: words, "exact phrase", column:"value"';
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
    var heads = table.tHead.rows[table.tHead.rows.length - 1].cells, menus = [];
    for (var h = 0; h < heads.length; h++) {
      if (heads[h].hasAttribute("data-menu")) menus.push(makeMenu(table, h, heads[h]));
    }
    menus.forEach(function (m) { tools.insertBefore(m.label, count); });
    function refresh() { applyFilter(table, box.value, count, menus); }
    box.addEventListener("input", refresh);
    menus.forEach(function (m) { m.select.addEventListener("change", refresh); });
    if (table.id) boxes[table.id] = { box: box, table: table, count: count, menus: menus };
    refresh();
    for (var c = 0; c < heads.length; c++) {
      (function (th, col) {
        var b = document.createElement("button");
        b.type = "button";
        /* the heading as text too: print shows it in place of the button, which chromium leaves
           blank in a header repeated on the next pages */
        th.setAttribute("data-label", th.textContent.trim());
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
    t.menus.forEach(function (m) { m.select.value = ""; });
    applyFilter(t.table, query, t.count, t.menus);
    return true;
  }

  document.addEventListener("DOMContentLoaded", function () {
    var tables = document.querySelectorAll("table.data");
    for (var i = 0; i < tables.length; i++) setup(tables[i]);
    function quote(text) { return '"' + text.trim().replace(/[\\"]/g, "\\$&") + '"'; }
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
      /* a link in a matrix (table[data-link-table]): rows whose first column's field is the row's
         name and whose data-link-column field is the column's header */
      var link = ev.target.closest("a"), table = link && link.closest("table[data-link-table]");
      if (!table) return;
      var td = link.closest("td"), tr = td.parentNode;
      var heads = table.tHead.rows[table.tHead.rows.length - 1].cells;
      go(table.getAttribute("data-link-table"),
         heads[0].textContent.trim() + ":" + quote(tr.cells[0].textContent) + " " +
         table.getAttribute("data-link-column") + ":" + quote(heads[td.cellIndex].textContent), ev);
    });
  });
  window.actionplansReport = { filter: filterTable };
})();
