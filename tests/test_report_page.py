"""The report page shell and its SVG charts (actionplans.report), shared by compare and other reports."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from bs4 import BeautifulSoup

from actionplans.report import Figure, Section, charts, data_table, esc, figures, heat_cell, rag_badge, render_page
from actionplans.report.page import RAG_COLOURS, asset

SVG = "{http://www.w3.org/2000/svg}"


def _svg(figure: str) -> ET.Element:
    return ET.fromstring(re.search(r"<svg.*</svg>", figure, re.S).group(0))


def test_stacked_bars_share_the_plot_and_say_their_numbers():
    fig = charts.stacked_bars([("Walsall", [1, 3, 0]), ("Kent & Medway <x>", [2, 2, 4])], ["Red", "Amber", "Green"],
                              ["#D55E00", "#E69F00", "#009E73"], ["#000"] * 3, title="RAG mix", desc="Two bars.",
                              width=700, label_width=200)
    svg = _svg(fig)  # well-formed: text is escaped
    assert svg.find(f"{SVG}title").text == "RAG mix" and svg.find(f"{SVG}desc").text == "Two bars."
    segs = svg.findall(f".//{SVG}rect")
    assert len(segs) == 5  # a zero makes no segment
    plot = 700 - 200 - 60
    first_bar = [float(r.get("width")) for r in segs[:2]]
    assert abs(sum(first_bar) - plot) < 1 and abs(first_bar[1] - 3 * first_bar[0]) < 1  # shares of 100%
    tips = [r.find(f"{SVG}title").text for r in segs]
    assert tips[0] == "Walsall — Red: 1 action (25%)"  # one action, not "1 actions"
    assert "Walsall — Amber: 3 actions (75%)" in tips
    assert "Kent & Medway <x> — Green: 4 actions (50%)" in tips


def test_counted_bars_share_one_scale():
    fig = charts.stacked_bars([("A", [10]), ("B", [5])], ["n"], ["#0072B2"], ["#fff"], title="t", desc="d",
                              percent=False)
    widths = [float(r.get("width")) for r in _svg(fig).findall(f".//{SVG}rect")]
    assert abs(widths[0] - 2 * widths[1]) < 0.5


def test_column_chart_one_bar_per_non_zero_point_and_the_marker():
    fig = charts.column_chart([("2013 Q1", 4), ("2013 Q2", 0), ("2013 Q3", 8)], title="Due", desc="d",
                              marker="2013 Q3", marker_label="as of")
    svg = _svg(fig)
    rects = svg.findall(f".//{SVG}rect")
    assert len(rects) == 2 and abs(float(rects[1].get("height")) - 2 * float(rects[0].get("height"))) < 0.5
    assert any(t.text == "as of" for t in svg.iter(f"{SVG}text"))


def test_data_table_escapes_cells_but_not_given_html():
    html = data_table(["name", "rag", "n"], [["<b>x</b>", rag_badge("Red"), 1234]], caption="c & d",
                      numeric={"n"}, html_columns={"rag"})
    assert "&lt;b&gt;x&lt;/b&gt;" in html and "<caption>c &amp; d</caption>" in html
    assert RAG_COLOURS["Red"] in html and ">Red</span>" in html  # colour and its label
    assert '<td class="n">1,234</td>' in html


def test_heat_cells_are_shaded_and_keep_their_number():
    assert heat_cell(0, 10) == ""
    assert heat_cell(1, 10) == '<span class="h1">1</span>' and heat_cell(10, 10) == '<span class="h9">10</span>'
    assert heat_cell(5, 10, link=True).endswith("<a href=#>5</a></span>")


def test_page_is_self_contained():
    page = render_page("T <1>", [Section("a", "Alpha", "<p>x</p>", intro="i & j")], subtitle=["s"])
    assert page.startswith("<!DOCTYPE html>") and "<title>T &lt;1&gt;</title>" in page
    assert "default-src 'none'" in page and "<style>" in page and "<script>" in page
    assert not re.search(r"(src|href)=\"?(https?:)?//", page)
    assert '<a href="#a">Alpha</a>' in page and "i &amp; j" in page
    assert esc(None) == "" and esc(float("nan")) == ""


def test_figures_are_cards_with_number_label_and_a_worded_alert():
    soup = BeautifulSoup(figures([Figure(1234, "days <late>", alert=True), Figure(0, "removed", alert=True),
                                  Figure(3, "added")]), "html.parser")
    cards = soup.select("div.cards > div.card")
    assert [(c.b.get_text(), c.span.get_text()) for c in cards] == [("1,234", "days <late>"), ("0", "removed"),
                                                                      ("3", "added")]
    # only a non-zero alert is flagged, and in words as well as by the edge colour
    assert ["alert" in c["class"] for c in cards] == [True, False, False]
    assert "(attention)" in cards[0].get_text() and "(attention)" not in cards[1].get_text()


def test_menu_columns_carry_their_order():
    html = data_table(["kind", "n"], [["b", 1], ["a", 2]], caption="c", menus={"kind": ["a", "b", "c & d"]})
    heads = BeautifulSoup(html, "html.parser").find_all("th")
    assert heads[0]["data-menu"].split("\n") == ["a", "b", "c & d"] and not heads[1].has_attr("data-menu")


def test_del_and_ins_are_marked_by_line_not_tint_alone():
    css = asset("page.css")
    assert re.search(r"del \{[^}]*text-decoration: line-through", css)
    assert re.search(r"ins \{[^}]*text-decoration: underline", css)


def _policy(page: str) -> dict[str, str]:
    meta = BeautifulSoup(page, "html.parser").find("meta", attrs={"http-equiv": "Content-Security-Policy"})
    return {d.split()[0]: " ".join(d.split()[1:]) for d in meta["content"].split(";") if d.strip()}


def test_csp_allows_only_the_page_script_by_its_hash():
    import base64
    import hashlib

    page = render_page("T", [Section("a", "Alpha", "<p>x</p>")])
    policy = _policy(page)
    scripts = BeautifulSoup(page, "html.parser").find_all("script")
    assert len(scripts) == 1
    # recomputed here from the script as it stands in the page, not from the code under test
    digest = base64.b64encode(hashlib.sha256(scripts[0].get_text().encode("utf-8")).digest()).decode()
    assert policy["script-src"] == f"'sha256-{digest}'"
    assert "unsafe-inline" not in policy["script-src"] and "unsafe-eval" not in policy["script-src"]
    assert policy["default-src"] == "'none'" and policy["base-uri"] == "'none'" and policy["form-action"] == "'none'"
    assert scripts[0].get_text() == asset("page.js")  # the hash is of the packaged script, whole


def test_script_hash_follows_the_script():
    from actionplans.report.page import content_security_policy, script_hash

    assert script_hash("a") != script_hash("a ")
    assert script_hash("a") in content_security_policy("a") and script_hash("b") not in content_security_policy("a")


def test_quoted_escapes_quotes_and_backslashes():
    from actionplans.report import quoted

    assert quoted('Kent "North"') == '"Kent \\"North\\""'
    assert quoted("a\\b") == '"a\\\\b"'
    assert quoted("O'Hara <x>") == "\"O'Hara <x>\""
