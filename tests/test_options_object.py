"""One options object (ConvertOptions) reaches every stage: the PDF reader's tolerances from the
library API, and normalise's roster and acronym definitions handed to the side tables."""
from pathlib import Path

import pytest

import actionplans
from actionplans import ConvertOptions, OptionError, PdfSettings, extract_file
from actionplans.conversion import side_tables
from actionplans.model import Document, Extraction, Paragraph, RawRecord, SideData
from actionplans.normalise import normalise_document

PDF = Path(__file__).parent / "fixtures" / "pdf" / "unruled_table.pdf"


def test_pdf_settings_reach_the_reader():
    assert len(extract_file(PDF).document.tables) == 1
    strict = ConvertOptions(pdf=PdfSettings(unruled_min_rows=1000))  # no unruled table has that many lines
    assert extract_file(PDF, strict).document.tables == []


def test_pdf_settings_through_convert():
    default = actionplans.convert_tables([str(PDF)], jobs=0).documents
    strict = actionplans.convert_tables([str(PDF)], jobs=0, pdf=PdfSettings(unruled_min_rows=1000)).documents
    assert (default.loc[0, "tables"], strict.loc[0, "tables"]) == (1, 0)


def test_a_pdf_option_of_the_wrong_type_is_a_usage_error():
    with pytest.raises(OptionError, match="PdfSettings"):
        actionplans.convert_tables([str(PDF)], jobs=0, pdf={"unruled_min_rows": 3})


def _extraction() -> Extraction:
    doc = Document("plan.docx", "docx", (Paragraph("The Local Safeguarding Children Board (LSCB) meets."),))
    records = (RawRecord(1, 1, action="LSCB to review the audit", owner_raw="Jane Smith"),
               RawRecord(1, 2, action="Train staff", owner_raw="Sam Patel, Head of Service"))
    return Extraction(document=doc, records=records, side=SideData(roster=(("Jane Smith", "Director"),)))


def test_normalise_returns_the_roster_and_definitions_it_resolved(tmp_path):
    roster = tmp_path / "roster.csv"
    roster.write_text("name,role,aliases\nAlex Jones,Chair,\n", encoding="utf-8")
    plan = normalise_document(_extraction(), ConvertOptions(roster=str(roster)))
    sources = {e.name: e.source for e in plan.roster.entries}
    assert sources["Alex Jones"] == "user" and sources["Jane Smith"] == "document"
    assert sources.get("Sam Patel") == "plan"
    assert plan.definitions.get("LSCB").expansion == "Local Safeguarding Children Board"
    officers, acronyms = side_tables(plan)
    assert ("Alex Jones", "Chair", "user") in officers and ("Jane Smith", "Director", "document") in officers
    assert ("LSCB", "Local Safeguarding Children Board", "inline") in acronyms

