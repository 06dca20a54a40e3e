"""Two versions of one small action plan, written as DOCX with python-docx, for the diff tests.

The new version edits the old one in six ways, each of which ``actionplans diff`` must
report and nothing else: a RAG changed, a date moved, an action added, one removed, one
reworded, an owner changed.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path


@dataclass(frozen=True)
class Row:
    ref: str
    action: str
    lead: str
    due: str
    rag: str


OLD = (
    Row("1.1", "Audit all open child protection plans to confirm that each has an up-to-date assessment and a named social worker.",
        "Head of Safeguarding", "31 January 2025", "Green"),
    Row("1.2", "Introduce weekly management oversight meetings for cases stepped down from child protection to child in need.",
        "Service Manager, Assessment", "28 February 2025", "Red"),
    Row("1.3", "Review the threshold document with partners and publish a revised version on the safeguarding partnership website.",
        "Partnership Business Manager", "31 March 2025", "Amber"),
    Row("2.1", "Recruit permanent team managers to every locality team so that no team is led by an agency manager.",
        "Head of Workforce Development", "31 March 2025", "Amber"),
    Row("2.2", "Deliver training on chronologies and analysis in assessments to all frontline practitioners.",
        "Principal Social Worker", "30 April 2025", "Green"),
    Row("2.3", "Set up a monthly practice quality board chaired by the Director of Children's Services.",
        "Director of Children's Services", "31 May 2025", "Green"),
    Row("3.1", "Ensure every care leaver has a pathway plan reviewed within the last six months.",
        "Head of Safeguarding", "30 June 2025", "Amber"),
    Row("3.2", "Commission an independent review of placement sufficiency for children in care aged over twelve.",
        "Head of Commissioning", "31 July 2025", "Red"),
)

ADDED = Row("3.3", "Launch a care leavers' hub offering drop-in advice on housing, education and employment.",
            "Head of Commissioning", "30 September 2025", "Red")
REWORDED_13 = ("Review the threshold document with all statutory partners and publish the revised version on the "
               "partnership website.")


def new_version(old=OLD) -> tuple[Row, ...]:
    """The edited version: 1.2 Red -> Amber, 2.1 due 31 March -> 30 June 2025 (91 days later),
    1.3 reworded, 2.2 removed, 3.1 a new lead, 3.3 added."""
    out = []
    for r in old:
        if r.ref == "1.2":
            r = replace(r, rag="Amber")
        elif r.ref == "1.3":
            r = replace(r, action=REWORDED_13)
        elif r.ref == "2.1":
            r = replace(r, due="30 June 2025")
        elif r.ref == "2.2":
            continue
        elif r.ref == "3.1":
            r = replace(r, lead="Principal Social Worker")
        out.append(r)
    return tuple(out) + (ADDED,)


NEW = new_version()


def write_docx(rows, path: Path, title: str = "Children's Services Improvement Plan") -> Path:
    """A plan as a council writes one in Word: a title, a line of context, one actions table."""
    from docx import Document

    doc = Document()
    doc.add_heading(title, level=1)
    doc.add_paragraph("Action plan following the inspection of services for children in need of help and protection.")
    table = doc.add_table(rows=1, cols=5)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ("Ref", "Action", "Lead", "Target date", "RAG")):
        cell.text = text
        cell.paragraphs[0].runs[0].bold = True
    for r in rows:
        for cell, text in zip(table.add_row().cells, (r.ref, r.action, r.lead, r.due, r.rag)):
            cell.text = text
    doc.save(path)
    return path


def write_html(rows, path: Path, title: str = "Children's Services Improvement Plan") -> Path:
    """The same plan as a council's committee website publishes it: a heading and a <table>."""
    from html import escape

    body = "".join(
        "<tr>" + "".join(f"<td>{escape(text)}</td>" for text in (r.ref, r.action, r.lead, r.due, r.rag)) + "</tr>\n"
        for r in rows)
    path.write_text(
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{escape(title)}</title></head><body>\n"
        f"<h1>{escape(title)}</h1>\n<p>Action plan following the inspection of services for children in need "
        f"of help and protection.</p>\n<table border='1'>\n<thead><tr><th>Ref</th><th>Action</th><th>Lead</th>"
        f"<th>Target date</th><th>RAG</th></tr></thead>\n<tbody>\n{body}</tbody></table>\n</body></html>\n",
        encoding="utf-8")
    return path
