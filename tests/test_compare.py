"""actionplans compare: the views (library), the inputs it reads, the page and the command."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pandas as pd
import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner

import actionplans
from actionplans.cli import main
from actionplans.model import COLUMNS
from actionplans.tables import ACTIONS, OFFICERS, Tables, frame
from actionplans.writers import write_tables
from structured import SAMPLES

AS_OF = "2013-10-01"


def row(**kw) -> dict:
    base = {c: "" for c in COLUMNS}
    base.update(kw)
    return base


def plan_rows() -> list[dict]:
    """Two councils, three plans, written to be counted by hand."""
    walsall = dict(authority="Walsall", authority_code="E08000030", plan_title="Improvement Plan", plan_date="2013-01-10",
                   source_file="walsall.docx")
    kent = dict(authority="Kent", authority_code="E10000016", plan_title="Ofsted Action Plan", source_file="kent.pdf")
    kent2 = dict(kent, plan_title="Ofsted Action Plan (refresh)", source_file="kent2.pdf")
    return [
        row(**walsall, recommendation="Improve management oversight of casework", action="Weekly case reviews by team managers",
            owners="Sue Butcher", due_end="2013-09-15", rag="Red"),  # overdue 0-3 months
        row(**walsall, recommendation="Improve management oversight of casework", action="Audit of files",
            owners="Sue Butcher; WSCB Chair", due_end="2013-03-01", rag="Amber"),  # overdue 6-12 months
        row(**walsall, recommendation="Private fostering arrangements are identified", action="Publicity campaign",
            owners="Rose Collinson", due_end="2012-01-01", rag="Blue"),  # complete: never overdue
        row(**walsall, recommendation="Private fostering arrangements are identified", action="Leaflets to schools",
            owner_raw="", due_end="2014-01-31", rag="Green", warnings="two-digit year: 'Jan 14' read as 2014"),
        row(**kent, recommendation="Reduce caseloads", action="Recruit twenty social workers", owners="DCS",
            due_end="2012-06-30", rag="Amber"),  # overdue 12+ months
        row(**kent, recommendation="Reduce caseloads", action="Refurbish the interview rooms at Maidstone office",
            owners="Head of Service", due_end="", rag="",
            warnings="relative timescale 'ASAP' needs the plan date, left blank"),
        row(**kent2, recommendation="Improve the timeliness of minutes of meetings with the fathers' group",
            action="Refurbish interview rooms at the Maidstone office", owners="Head of Service",
            due_end="2013-12-31", rag="Grey"),
        row(**walsall, recommendation="Refurbishment of the interview rooms in the Walsall office",
            action="Interview rooms refurbished at the office", owners="Sue Butcher", due_end="2013-11-30", rag="Amber"),
    ]


@pytest.fixture(scope="module")
def frame_df() -> pd.DataFrame:
    df = pd.DataFrame(plan_rows(), columns=COLUMNS)
    df.attrs["officers"] = [{"source_file": "walsall.docx", "name": "Sue Butcher",
                             "role": "Interim Assistant Director for Specialist Services", "source": "document"},
                            {"source_file": "walsall.docx", "name": "Rose Collinson",
                             "role": "interim Director, Children's Services", "source": "document"}]
    return df


@pytest.fixture(scope="module")
def views(frame_df):
    return actionplans.compare(frame_df, as_of=AS_OF)


def by(df: pd.DataFrame, **keys) -> pd.Series:
    hit = df
    for k, v in keys.items():
        hit = hit[hit[k] == v]
    assert len(hit) == 1, keys
    return hit.iloc[0]


def test_overview_one_row_per_plan(views):
    o = views.overview
    assert len(o) == 3
    w = by(o, source_file="walsall.docx")
    assert (w["authority"], w["authority_code"], w["plan_title"]) == ("Walsall", "E08000030", "Improvement Plan")
    assert w["actions"] == 5 and w["recommendations"] == 3
    assert w["with owner %"] == 80.0 and w["with due date %"] == 100.0 and w["with RAG %"] == 100.0
    assert (w["Red"], w["Amber"], w["Green"], w["Blue (complete)"]) == (1, 2, 1, 1)
    assert w["overdue"] == 2 and w["completed"] == 1  # the Blue one is past due but complete
    k = by(o, source_file="kent.pdf")
    assert k["actions"] == 2 and k["overdue"] == 1 and k["No RAG"] == 1 and k["with due date %"] == 50.0


def test_as_of_decides_what_is_overdue(frame_df):
    early = actionplans.compare(frame_df, as_of="2011-01-01")
    assert early.overview["overdue"].sum() == 0
    late = actionplans.compare(frame_df, as_of=dt.date(2015, 1, 1))
    assert late.overview["overdue"].sum() == 6  # every dated action but the Blue one


def test_overdue_by_how_late(views):
    w = by(views.overdue_by_authority, authority="Walsall")
    assert (w["overdue"], w["0–3 months"], w["3–6 months"], w["6–12 months"], w["12+ months"]) == (2, 1, 0, 1, 0)
    k = by(views.overdue_by_authority, authority="Kent")
    assert (k["overdue"], k["12+ months"]) == (1, 1)
    r = by(views.rag_by_authority, authority="Kent")
    assert (r["actions"], r["Amber"], r["Grey (not started)"], r["No RAG"]) == (3, 1, 1, 1)


def test_due_dates_per_quarter_per_authority(views):
    q = views.due_by_quarter
    assert by(q, authority="Walsall", quarter="2013 Q3")["actions"] == 1
    assert by(q, authority="Walsall", quarter="2013 Q4")["actions"] == 1
    assert by(q, authority="Kent", quarter="2013 Q4")["actions"] == 1
    assert q["actions"].sum() == 7  # the action without a due date is left out


def test_owners_and_their_roles(views):
    o = views.owners
    sue = by(o, source_file="walsall.docx", owner="Sue Butcher")
    assert sue["actions"] == 3 and sue["role"] == "Assistant Director"  # her title comes from the plan's officers
    assert by(o, source_file="walsall.docx", owner="WSCB Chair")["role"] == "LSCB / partnership business manager"
    assert by(o, source_file="walsall.docx", owner="Rose Collinson")["role"] == "Director of Children's Services"
    assert by(o, source_file="walsall.docx", owner="(no owner)")["actions"] == 1
    assert by(o, source_file="kent.pdf", owner="DCS")["role"] == "Director of Children's Services"
    r = views.roles
    assert by(r, authority="Kent", role="Head of Service")["actions"] == 2  # across Kent's two plans
    assert by(r, authority="Walsall", role="Director of Children's Services")["actions"] == 1


def test_topic_matrix_and_its_rows(frame_df):
    v = actionplans.compare(frame_df, as_of=AS_OF, row_cap=1)
    t = v.topics
    assert by(t, authority="Walsall", topic="Management oversight")["actions"] == 2
    assert by(t, authority="Walsall", topic="Management oversight")["recommendations"] == 1
    assert by(t, authority="Walsall", topic="Private fostering")["actions"] == 2
    assert by(t, authority="Kent", topic="Workforce and caseloads")["actions"] == 2
    assert t[(t["authority"] == "Kent") & (t["topic"] == "Private fostering")].empty
    rows = v.topic_rows
    cell = rows[(rows["authority"] == "Walsall") & (rows["topic"] == "Management oversight")]
    assert len(cell) == 1  # capped at row_cap
    assert cell.iloc[0]["matched"].lower() == "management oversight"
    tagged = v.action_topics
    assert len(tagged) == len(frame_df)
    assert "Private fostering" in tagged.loc[3, "topics"]  # through its recommendation


def test_untagged_texts_cluster_across_councils(views):
    c = views.clusters
    rooms = c[c["words"].str.contains("rooms|interview|refurbish")]
    assert len(rooms) == 1
    assert rooms.iloc[0]["authorities"] == 2 and rooms.iloc[0]["texts"] >= 3
    assert "Kent" in rooms.iloc[0]["authority_names"] and "Walsall" in rooms.iloc[0]["authority_names"]


def test_plans_naming_no_authority_are_not_an_authority_in_the_clusters():
    rows = [dict(r, authority="") if r["authority"] == "Walsall" else r for r in plan_rows()]
    c = actionplans.compare(pd.DataFrame(rows, columns=COLUMNS), as_of=AS_OF).clusters
    rooms = c[c["words"].str.contains("rooms|interview|refurbish")].iloc[0]
    assert rooms["authorities"] == 1 and "(authority not named)" in rooms["authority_names"]


def test_data_quality_per_plan(views):
    k = by(views.data_quality, source_file="kent.pdf")
    assert (k["actions"], k["with warnings"], k["no due date"], k["no RAG"], k["no owner"]) == (2, 1, 1, 1, 0)
    assert "relative timescale … needs the plan date" in k["commonest warnings"]
    w = by(views.data_quality, source_file="walsall.docx")
    assert w["with warnings"] == 1 and w["no owner"] == 1


def test_tables_written_by_convert_are_read_with_their_officers(tmp_path, frame_df):
    rows = plan_rows()
    tables = Tables(actions=frame(ACTIONS, rows), documents=pd.DataFrame(),
                    officers=frame(OFFICERS, frame_df.attrs["officers"]), acronyms=pd.DataFrame())
    csv = tmp_path / "a" / "actions.csv"
    write_tables(Tables(tables.actions.iloc[:4], tables.documents, tables.officers, tables.acronyms), csv)
    (tmp_path / "a" / "actions.officers.csv").write_text(
        "source_file,name,role,source\r\nwalsall.docx,Sue Butcher,Assistant Director,document\r\n", encoding="utf-8")
    pq = tmp_path / "b" / "actions.parquet"
    write_tables(Tables(tables.actions.iloc[4:], tables.documents, tables.officers, tables.acronyms), pq)
    jsonl = tmp_path / "c" / "actions.jsonl"
    write_tables(Tables(tables.actions.iloc[4:6], tables.documents, tables.officers, tables.acronyms), jsonl)
    v = actionplans.compare([csv, pq], as_of=AS_OF)
    direct = actionplans.compare(pd.DataFrame(rows, columns=COLUMNS), as_of=AS_OF)
    cols = ["authority", "source_file", "actions", "overdue", "completed", "Amber"]
    pd.testing.assert_frame_equal(v.overview[cols].sort_values("source_file", ignore_index=True),
                                  direct.overview[cols].sort_values("source_file", ignore_index=True))
    assert by(v.owners, source_file="walsall.docx", owner="Sue Butcher")["role"] == "Assistant Director"
    j = actionplans.compare(str(jsonl), as_of=AS_OF)
    assert j.overview["actions"].sum() == 2 and by(j.overview, source_file="kent.pdf")["overdue"] == 1


def test_documents_and_tables_in_one_comparison(tmp_path):
    sample = sorted(SAMPLES.glob("004_*.html"))
    if not sample:
        pytest.skip("samples/ not built")
    csv = tmp_path / "actions.csv"
    pd.DataFrame(plan_rows(), columns=COLUMNS).to_csv(csv, index=False)
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 not really a Word file")
    v = actionplans.compare([sample[0], csv, broken], as_of=AS_OF, jobs=0)
    assert set(v.overview["source_file"]) == {sample[0].name, "walsall.docx", "kent.pdf", "kent2.pdf"}
    assert by(v.overview, source_file=sample[0].name)["actions"] > 10
    assert by(v.overview, source_file=sample[0].name)["authority"] == "Wiltshire"
    assert list(v.failed["source_file"]) == ["broken.docx"] and v.failed["error"].iloc[0]
    res = _run("compare", csv, broken, "-o", tmp_path / "r.html", "-j", "0")
    assert res.exit_code == 1 and "broken.docx" in res.output and (tmp_path / "r.html").is_file()


def test_a_table_that_is_not_of_actions_is_named(tmp_path):
    bad = tmp_path / "people.csv"
    bad.write_text("name,age\nA,3\n", encoding="utf-8")
    with pytest.raises(actionplans.errors.InputError, match="people.csv.*not an actions table"):
        actionplans.compare([bad])


def test_report_is_one_self_contained_page(views, tmp_path):
    target = actionplans.write_compare_report(views, tmp_path / "r.html")
    page = target.read_text(encoding="utf-8")
    for section in ("overview", "status", "due", "owners", "topics", "quality"):
        assert f'id="{section}"' in page
    assert not re.search(r"<(script|img|link|iframe)[^>]+(src|href)=", page)  # nothing fetched
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert page.count("<svg") >= 4 and page.count("<desc") == page.count("<svg")


def test_quarters_without_actions_keep_their_place_on_the_time_axis(views, tmp_path):
    page = actionplans.write_compare_report(views, tmp_path / "r.html").read_text(encoding="utf-8")
    chart = page[page.index('id="due"'):page.index('id="due-table"')]
    labels = re.findall(r">(\d{4} Q\d)</text>", chart)
    assert labels == ["2012 Q1", "2012 Q2", "2012 Q3", "2012 Q4", "2013 Q1", "2013 Q2", "2013 Q3", "2013 Q4", "2014 Q1"]
    assert "2012 Q3: " not in chart  # an empty quarter has no bar


def test_text_is_escaped_in_the_page(tmp_path):
    rows = plan_rows()
    rows[0]["action"] = "<script>alert('x')</script> & review"
    rows[0]["recommendation"] = "<b>management oversight</b>"
    v = actionplans.compare(pd.DataFrame(rows, columns=COLUMNS), as_of=AS_OF)
    page = actionplans.write_compare_report(v, tmp_path / "r.html").read_text(encoding="utf-8")
    assert "<script>alert" not in page and "&lt;script&gt;alert" in page
    assert "<b>management" not in page


def _run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_cli_writes_report_and_tables(tmp_path):
    csv = tmp_path / "actions.csv"
    pd.DataFrame(plan_rows(), columns=COLUMNS).to_csv(csv, index=False)
    out, tables = tmp_path / "out" / "report.html", tmp_path / "views"
    res = _run("compare", csv, "-o", out, "--as-of", AS_OF, "--tables", tables)
    assert res.exit_code == 0, res.output
    assert out.is_file() and "3 plans, 8 actions" in res.output
    written = {p.stem for p in tables.glob("*.csv")}
    assert {"overview", "rag_by_authority", "overdue_by_authority", "due_by_quarter", "owners", "roles", "topics",
            "topic_rows", "clusters", "data_quality", "action_topics"} <= written
    overview = pd.read_csv(tables / "overview.csv")
    assert overview["overdue"].sum() == 3  # Walsall 2, Kent 1


def test_cli_usage_and_input_errors(tmp_path):
    csv = tmp_path / "actions.csv"
    pd.DataFrame(plan_rows(), columns=COLUMNS).to_csv(csv, index=False)
    res = _run("compare", csv, "-o", tmp_path / "r.html", "--as-of", "31/12/2013")
    assert res.exit_code == 2 and "--as-of" in res.output
    res = _run("compare", tmp_path / "nothing-here", "-o", tmp_path / "r.html")
    assert res.exit_code == 2 and "nothing-here" in res.output
    bad = tmp_path / "people.csv"
    bad.write_text("name,age\nA,3\n", encoding="utf-8")
    res = _run("compare", bad, "-o", tmp_path / "r.html")
    assert res.exit_code == 1 and "people.csv" in res.output and len(res.output.strip().splitlines()) == 1


def test_readme_documents_every_compare_option():
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    command = main.commands["compare"]
    for param in command.params:
        for opt in getattr(param, "opts", []):
            if opt.startswith("--"):
                assert opt in readme, f"README does not mention compare {opt}"
    assert "docs/img/compare-report.png" in readme
    assert (Path(__file__).resolve().parent.parent / "docs/img/compare-report.png").is_file()


def _plan(authority: str, source: str, n: int = 10, date: str = "2013-01-10", title: str = "Improvement Plan",
          **kw) -> list[dict]:
    """``n`` actions of one plan, each its own words, due date and RAG."""
    rags = ["Red", "Amber", "Green", "Blue"]
    return [row(authority=authority, plan_title=title, plan_date=date, source_file=source,
                recommendation=f"Recommendation {i // 3} on {authority}",
                action=f"Action {i}: review the {['audit', 'casework', 'training', 'panel', 'board'][i % 5]} "
                       f"arrangements number {i} with partners", due_end=f"2013-{1 + i % 12:02d}-28",
                rag=rags[i % 4], owners="Head of Service", **kw) for i in range(n)]


def test_the_same_plan_in_several_files_is_counted_once():
    docx = _plan("Walsall", "plan.docx")
    pdf = [dict(r, source_file="plan.pdf") for r in docx]
    pdf[3]["action"] = pdf[3]["action"].replace("review the", "review  the -")  # a PDF's broken line: same words
    pdf[5]["rag"] = ""  # a rating the PDF lost
    txt = [dict(r, source_file="plan.txt", plan_title="APPENDIX 1") for r in docx[:9]]  # a title lost, one row short
    other_date = [dict(r, source_file="plan-2014.docx", plan_date="2014-01-10") for r in docx]  # next year's plan
    other_rows = _plan("Walsall", "other.docx", n=10)
    for r in other_rows:
        r["action"] = r["action"].replace("Action", "Step").replace("arrangements", "plans for children")
    elsewhere = [dict(r, authority="Kent", source_file="kent.docx") for r in docx]  # the same words, another council
    frame = pd.DataFrame(docx + pdf + txt + other_date + other_rows + elsewhere, columns=COLUMNS)
    v = actionplans.compare(frame, as_of=AS_OF)
    assert sorted(v.overview["source_file"]) == ["kent.docx", "other.docx", "plan-2014.docx", "plan.docx"]
    counted = by(v.overview, source_file="plan.docx")
    assert counted["actions"] == 10 and counted["same plan also in"] == "plan.pdf; plan.txt"
    assert by(v.rag_by_authority, authority="Walsall")["actions"] == 30  # not 49
    d = v.duplicates
    assert sorted(d["duplicate"]) == ["plan.pdf", "plan.txt"] and set(d["counted"]) == {"plan.docx"}
    assert by(d, duplicate="plan.txt")["rows alike %"] == 90.0
    assert by(d, duplicate="plan.pdf")["rows alike %"] == 100.0  # the broken line and the lost rating still alike
    every = actionplans.compare(frame, as_of=AS_OF, keep_duplicates=True)
    assert len(every.overview) == 6 and every.duplicates.empty


def test_the_fullest_reading_is_counted_and_different_plans_are_not_merged():
    full = _plan("Kent", "kent.html")
    thin = [dict(r, source_file="kent.txt", owners="", action_ref="") for r in full]  # given first, fewer fields
    v = actionplans.compare(pd.DataFrame(thin + full, columns=COLUMNS), as_of=AS_OF)
    assert list(v.overview["source_file"]) == ["kent.html"] and list(v.duplicates["duplicate"]) == ["kent.txt"]
    # same council, same date, but half the actions differ: two plans
    half = [dict(r, source_file="kent-b.docx", action=r["action"] + " and the new safeguarding board") if i % 2 else
            dict(r, source_file="kent-b.docx") for i, r in enumerate(full)]
    v = actionplans.compare(pd.DataFrame(full + half, columns=COLUMNS), as_of=AS_OF)
    assert len(v.overview) == 2 and v.duplicates.empty
    # the same rows with their RAG ratings moved on (a later update of the plan): two plans
    moved = [dict(r, source_file="kent-update.docx", rag="Green") for r in full]
    v = actionplans.compare(pd.DataFrame(full + moved, columns=COLUMNS), as_of=AS_OF)
    assert len(v.overview) == 2


def test_report_counts_named_authorities_with_singulars(tmp_path):
    one = actionplans.compare(pd.DataFrame(_plan("Walsall", "w.docx", n=1), columns=COLUMNS), as_of=AS_OF)
    page = BeautifulSoup(actionplans.write_compare_report(one, tmp_path / "one.html").read_text(encoding="utf-8"),
                         "html.parser")
    head = page.select_one("header.page").get_text(" ")
    assert "1 plan from 1 authority, 1 action;" in head and "1 plans" not in page.get_text()
    rows = _plan("Walsall", "w.docx", n=2) + _plan("", "unnamed.docx", n=3) + _plan("", "unnamed2.docx", n=4, date="")
    for r in rows[5:]:
        r["action"] = "Other " + r["action"]
    v = actionplans.compare(pd.DataFrame(rows, columns=COLUMNS), as_of=AS_OF)
    page = BeautifulSoup(actionplans.write_compare_report(v, tmp_path / "r.html").read_text(encoding="utf-8"),
                         "html.parser")
    overview = page.select_one("#overview > p:not(.intro)").get_text()
    assert overview.startswith("3 plans from 1 authority (2 plans name no authority): 9 actions")
    chart = page.select_one("#topics figure.chart")
    assert chart is None or all(int(t.get_text()) <= 1 for t in chart.select("svg > text")
                                if t.get_text().isdigit() and not t.get("text-anchor") == "middle")


def test_numbered_objectives_count_as_recommendations():
    wilts = [dict(r, recommendation="", theme=f"{1 + i // 4}. Objective on supervision part {i // 4}")
             for i, r in enumerate(_plan("Wiltshire", "wilts.docx", n=10))]
    plain = [dict(r, recommendation="", theme="Supervision") for r in _plan("Kent", "kent.docx", n=4)]
    years = [dict(r, recommendation="", theme="2012 priorities for the board") for r in _plan("Hull", "hull.docx", n=3)]
    given = _plan("Walsall", "walsall.docx", n=6)
    v = actionplans.compare(pd.DataFrame(wilts + plain + years + given, columns=COLUMNS), as_of=AS_OF)
    o = v.overview
    assert by(o, authority="Wiltshire")["recommendations"] == 3
    assert by(o, authority="Wiltshire")["recommendations from"] == "numbered objectives"
    assert by(o, authority="Kent")["recommendations"] == 0 and by(o, authority="Kent")["recommendations from"] == ""
    assert by(o, authority="Hull")["recommendations"] == 0  # a year is not an objective's number
    assert by(o, authority="Walsall")["recommendations"] == 2
    assert by(o, authority="Walsall")["recommendations from"] == "recommendations"
    # the objectives stand for recommendations in the topic tags as well
    assert "Supervision" in set(v.topics[v.topics["authority"] == "Wiltshire"]["topic"])


def test_cli_summary_says_one_plan_and_one_action_in_the_singular(tmp_path):
    csv = tmp_path / "actions.csv"
    rows = pd.DataFrame(plan_rows(), columns=COLUMNS)
    rows.head(1).to_csv(csv, index=False)
    res = _run("compare", csv, "-o", tmp_path / "report.html", "--as-of", AS_OF)
    assert res.exit_code == 0, res.output
    assert "1 plan, 1 action -> " in res.output
