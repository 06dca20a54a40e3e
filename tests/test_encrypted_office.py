"""A password-protected DOCX or XLSX is an OLE compound file holding an "EncryptedPackage" stream,
not a zip: it is reported as encrypted, with how to remove the password, whatever it is named —
never as a legacy .doc (issue 19, item 2)."""
from __future__ import annotations

import shutil
from pathlib import Path

import olefile
import pytest
from click.testing import CliRunner

from actionplans.cli import main
from actionplans.errors import InputError
from actionplans.ingest import read
from actionplans.ingest.sniff import encrypted_reason, sniff_format
from sheet_trackers import ole_file

LOCKED = Path(__file__).resolve().parent / "fixtures" / "encrypted" / "locked.xlsx"


def test_the_fixture_is_an_encrypted_ooxml_package():
    assert olefile.isOleFile(str(LOCKED))
    with olefile.OleFileIO(str(LOCKED)) as ole:
        assert ole.exists("EncryptedPackage") and ole.exists("EncryptionInfo")
        assert not ole.exists("WordDocument") and not ole.exists("Workbook")


@pytest.mark.parametrize("name,kind,app", [
    ("plan.docx", "Word document", "Word"), ("plan.DOCX", "Word document", "Word"),
    ("tracker.xlsx", "Excel workbook", "Excel"), ("tracker.xlsm", "Excel workbook", "Excel"),
    ("plan.doc", "Word document", "Word"),  # renamed, or saved so: the content decides it is encrypted
    ("download.bin", "Office file", "Word or Excel"),
])
def test_an_encrypted_package_is_reported_as_encrypted_under_any_name(tmp_path, name, kind, app):
    for source in (LOCKED.read_bytes(), ole_file("EncryptedPackage")):
        path = tmp_path / name
        path.write_bytes(source)
        with pytest.raises(InputError) as caught:
            sniff_format(path)
        message = str(caught.value)
        assert message == encrypted_reason(path)
        assert message.startswith(f"password-protected (encrypted) {kind}: open it in {app}, remove the password")
        assert "save it again" in message
        assert "legacy" not in message and ".doc)" not in message
        with pytest.raises(InputError, match="password-protected"):
            read(path)


def test_a_legacy_word_or_excel_file_is_still_told_apart(tmp_path):
    doc = tmp_path / "old.doc"
    doc.write_bytes(ole_file("WordDocument"))
    with pytest.raises(InputError, match=r"legacy binary Word/OLE file \(\.doc\); save it as \.docx"):
        sniff_format(doc)
    xls = tmp_path / "old.xls"
    xls.write_bytes(ole_file("Workbook"))
    with pytest.raises(InputError, match=r"legacy binary Excel file \(\.xls\)"):
        sniff_format(xls)


def test_convert_and_inspect_say_it_in_one_line_and_go_on(tmp_path):
    plans = tmp_path / "plans"
    plans.mkdir()
    shutil.copy(LOCKED, plans / "locked.docx")
    shutil.copy(LOCKED, plans / "locked.xlsx")
    (plans / "ok.csv").write_text("Ref,Action,Lead,Due\n1,Refresh the threshold document,Head of Service,"
                                  "March 2024\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    result = CliRunner().invoke(main, ["convert", str(plans), "-o", str(out), "-j", "0"])
    assert result.exit_code == 1  # some input failed, the rest written
    errors = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert len(errors) == 2
    assert any("locked.docx: password-protected (encrypted) Word document" in e and "Protect Document" in e
               for e in errors)
    assert any("locked.xlsx: password-protected (encrypted) Excel workbook" in e and "Protect Workbook" in e
               for e in errors)
    assert "Refresh the threshold document" in out.read_text(encoding="utf-8")
    shown = CliRunner().invoke(main, ["inspect", str(plans / "locked.docx")])
    assert shown.exit_code == 1
    assert "password-protected (encrypted) Word document" in shown.output
    assert "legacy" not in shown.output
