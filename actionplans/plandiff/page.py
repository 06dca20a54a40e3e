"""A self-contained HTML page: inline styles and script, nothing fetched (works offline).

One function, :func:`render_page`, so the page shell can be swapped for a shared one. Its
tables sort by a click on a header (numbers as numbers) and filter as you type; RAG values
are shown as labelled badges in colours told apart with colour-blind vision (Okabe-Ito),
always with the word, never colour alone.
"""
from __future__ import annotations

from html import escape
from typing import Sequence

#: RAG badge colours (Okabe-Ito palette), black text on each passes WCAG AA contrast
RAG_COLOURS = {"Red": "#D55E00", "Amber": "#E69F00", "Green": "#009E73", "Blue": "#56B4E9", "Grey": "#BBBBBB"}

_CSS = """
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;margin:1.5rem;color:#1b1b1b;background:#fff}
h1{font-size:1.4rem;margin:0 0 .3rem}h2{font-size:1.1rem;margin:1.4rem 0 .5rem}
.meta{color:#505a5f;margin:0 0 1rem}
.cards{display:flex;flex-wrap:wrap;gap:.6rem;margin:.6rem 0}
.card{border:1px solid #b1b4b6;border-left:5px solid #1d70b8;padding:.4rem .8rem;min-width:7.5rem}
.card b{display:block;font-size:1.35rem}
.card.warn{border-left-color:#D55E00}
ul.summary{margin:.4rem 0 1rem;padding-left:1.2rem}
.controls{display:flex;flex-wrap:wrap;gap:.8rem;align-items:center;margin:.8rem 0}
.controls input,.controls select{font:inherit;padding:.25rem .4rem}
table.data{border-collapse:collapse;width:100%}
table.data th,table.data td{border:1px solid #b1b4b6;padding:.3rem .45rem;vertical-align:top;text-align:left}
table.data th{background:#f3f2f1;position:sticky;top:0;cursor:pointer}
table.data th[aria-sort=ascending]::after{content:" \\25B2"}
table.data th[aria-sort=descending]::after{content:" \\25BC"}
table.data td.num{text-align:right;font-variant-numeric:tabular-nums}
table.data td.long{min-width:10rem;max-width:26rem}
table.data td.small{font-size:.85em;color:#383f43;max-width:10rem;overflow-wrap:anywhere}
table.data tr:nth-child(even) td{background:#fafafa}
.rag{display:inline-block;padding:0 .45rem;border-radius:3px;font-weight:600;color:#000;border:1px solid #0b0c0c}
""" + "".join(f".rag-{name}{{background:{colour}}}" for name, colour in RAG_COLOURS.items()) + """
.count{color:#505a5f}
del{background:#fbe3d6;text-decoration:line-through}ins{background:#d6ebf7;text-decoration:underline}
@media print{table.data th{position:static}.controls{display:none}}
"""

_JS = """
(function(){
function cellValue(td){var v=td.getAttribute('data-sort');return v!==null?v:td.textContent.trim();}
function compare(a,b){var x=parseFloat(a),y=parseFloat(b);
  if(a!==''&&b!==''&&!isNaN(x)&&!isNaN(y)&&isFinite(a)&&isFinite(b))return x-y;
  return a.localeCompare(b,undefined,{numeric:true});}
document.querySelectorAll('table.data').forEach(function(table){
  var heads=table.tHead.rows[0].cells;
  Array.prototype.forEach.call(heads,function(th,col){
    th.tabIndex=0;
    function sort(){var asc=th.getAttribute('aria-sort')!=='ascending';
      Array.prototype.forEach.call(heads,function(h){h.removeAttribute('aria-sort');});
      th.setAttribute('aria-sort',asc?'ascending':'descending');
      var body=table.tBodies[0],rows=Array.prototype.slice.call(body.rows);
      rows.sort(function(r1,r2){var a=cellValue(r1.cells[col]),b=cellValue(r2.cells[col]);
        if(a===''||b==='')return (a==='')-(b==='');  /* blanks last, either way */
        var c=compare(a,b);return asc?c:-c;});
      rows.forEach(function(r){body.appendChild(r);});}
    th.addEventListener('click',sort);
    th.addEventListener('keydown',function(e){if(e.key==='Enter'||e.key===' '){e.preventDefault();sort();}});
  });
});
function applyFilters(id){
  var table=document.getElementById(id),filters=document.querySelectorAll('[data-filter-for="'+id+'"]'),shown=0;
  Array.prototype.forEach.call(table.tBodies[0].rows,function(row){
    var ok=true;
    Array.prototype.forEach.call(filters,function(f){var q=f.value.trim().toLowerCase();if(!q)return;
      var col=f.getAttribute('data-col');
      if(col!==null){if(cellValue(row.cells[+col]).toLowerCase()!==q)ok=false;}
      else if(row.textContent.toLowerCase().indexOf(q)<0)ok=false;});
    row.hidden=!ok;if(ok)shown++;});
  var out=document.querySelector('[data-count-for="'+id+'"]');if(out)out.textContent=shown+' of '+table.tBodies[0].rows.length+' rows';
}
document.querySelectorAll('[data-filter-for]').forEach(function(f){
  var id=f.getAttribute('data-filter-for');f.addEventListener('input',function(){applyFilters(id);});applyFilters(id);});
})();
"""


def rag_badge(value: str) -> str:
    """A RAG value as a labelled badge (plain escaped text when it is no RAG value)."""
    if value in RAG_COLOURS:
        return f'<span class="rag rag-{value}">{escape(value)}</span>'
    return escape(value)


def render_page(title: str, sections: Sequence[str]) -> str:
    """A whole HTML page around ``sections`` (HTML fragments, their text already escaped)."""
    body = "\n".join(sections)
    return (f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f'<meta name="generator" content="actionplans">\n<title>{escape(title)}</title>\n'
            f'<style>{_CSS}</style>\n</head>\n<body>\n{body}\n<script>{_JS}</script>\n</body>\n</html>\n')
