"""Spreadsheet trackers of our own wording, built with openpyxl in the test's tmp dir, with their expected
actions. One tracker, several layouts a council's tracker has: a key sheet; one sheet per theme; a title
block above the table; a recommendation merged over several action rows; RAG as fills (rgb, indexed and
theme colours with tint), as letters, and as a conditional format's fill only; serial dates through
their number formats; a hidden column and a hidden row (their text must not be read); frozen header
rows; a boolean column; a percentage.

``tests/fixtures/sheets/tracker.ods`` is this tracker saved by LibreOffice (``python
tests/sheet_trackers.py --ods`` rebuilds it; the suite runs without LibreOffice).
"""
from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

HIDDEN_TEXT = "Internal note not for publication"
HIDDEN_ROW_ACTION = "Withdrawn action kept only for the record"

# (theme, recommendation, action, owners, due_start, due_end, rag)
EXPECTED = [
    ("Early help", "Strengthen the early help offer so that families are supported sooner",
     "Publish one early help assessment form for all partner agencies", "Head of Early Help",
     "2024-06-30", "2024-06-30", "Red"),
    ("Early help", "Strengthen the early help offer so that families are supported sooner",
     "Train school pastoral staff to complete the early help assessment", "Early Help Coordinator",
     "2024-09-01", "2024-09-30", "Green"),
    ("Early help", "Improve the quality of referrals made by partner agencies",
     "Audit a sample of contacts each month and share what the audit finds", "Front Door Service Manager",
     "2024-03-31", "2024-03-31", "Amber"),
    ("Permanence", "", "Review every child's plan for permanence at the second review", "IRO Manager",
     "2024-12-31", "2024-12-31", "Green"),
    ("Permanence", "", "Track care proceedings weekly against the 26 week timescale", "Legal Services Lead",
     "2025-01-31", "2025-01-31", "Amber"),
    ("Permanence", "", "Recruit two more family finders to the adoption team", "Head of Fostering",
     "2025-03-31", "2025-03-31", "Red"),
]


def build_xlsx(path: Path, conditional: bool = True) -> Path:
    """The tracker as an XLSX workbook. With ``conditional`` the Permanence sheet's RAG letters are
    coloured by conditional formatting rules only (no fill of their own)."""
    from openpyxl import Workbook
    from openpyxl.formatting.rule import CellIsRule, Rule
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.styles.colors import Color
    from openpyxl.styles.differential import DifferentialStyle
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    key = wb.active
    key.title = "Key"
    key["A1"] = "RAG key"
    key["A1"].font = Font(bold=True)
    key.append(["Colour", "Meaning"])
    for word, colour, meaning in (("Red", "FF0000", "Off track and needs action"),
                                  ("Amber", "FFC000", "Some slippage against the plan"),
                                  ("Green", "00B050", "On track"), ("Blue", "0070C0", "Complete")):
        key.append([word, meaning])
        key.cell(row=key.max_row, column=1).fill = PatternFill("solid", fgColor=colour)

    ws = wb.create_sheet("Early help")
    ws["A1"] = "Children's Services Improvement Tracker 2024"
    ws["A1"].font = Font(bold=True, size=14)
    ws["A2"] = "Reviewed by the improvement board on 5 February 2024"
    ws.append([])
    ws.append(["Ref", "Recommendation", "Action", "Lead officer", "Target date", "RAG", "Officer notes"])
    for c in range(1, 8):
        ws.cell(row=4, column=c).font = Font(bold=True)
    rows = [
        ("1.1", EXPECTED[0][1], EXPECTED[0][2], EXPECTED[0][3], dt.datetime(2024, 6, 30), HIDDEN_TEXT),
        ("1.2", None, EXPECTED[1][2], EXPECTED[1][3], dt.datetime(2024, 9, 1), ""),
        ("1.3", EXPECTED[2][1], EXPECTED[2][2], EXPECTED[2][3], dt.datetime(2024, 3, 31), ""),
        ("1.4", EXPECTED[2][1], HIDDEN_ROW_ACTION, "Nobody", dt.datetime(2023, 1, 1), ""),
    ]
    for ref, rec, action, lead, due, note in rows:
        ws.append([ref, rec, action, lead, due, None, note or None])
    ws.merge_cells("B5:B6")
    ws["B5"].alignment = Alignment(wrap_text=True, vertical="top")
    ws["E5"].number_format = "dd/mm/yyyy"
    ws["E6"].number_format = "mmm-yy"          # shown to the month: "Sep-24"
    ws["E7"].number_format = "mm-dd-yy"        # builtin 14: shown in the reader's locale
    ws["E8"].number_format = "dd/mm/yyyy"
    ws["F5"].fill = PatternFill("solid", fgColor="FF0000")                                  # rgb
    ws["F6"].fill = PatternFill("solid", fgColor=Color(theme=6, tint=-0.249977111117893))  # accent3, darker 25%
    ws["F7"].fill = PatternFill("solid", fgColor=Color(indexed=51))                         # #FFCC00
    ws.column_dimensions["G"].hidden = True
    ws.row_dimensions[8].hidden = True

    ws = wb.create_sheet("Permanence")
    ws.append(["Ref", "Action", "Lead", "Due", "Progress", "Funded", "RAG"])
    for c in range(1, 8):
        ws.cell(row=1, column=c).font = Font(bold=True)
    for i, (ref, progress, funded, letter) in enumerate((("2.1", 0.25, True, "G"), ("2.2", 0.5, False, "A"),
                                                          ("2.3", 0, True, "R")), start=3):
        exp = EXPECTED[i]
        ws.append([ref, exp[2], exp[3], dt.datetime.fromisoformat(exp[5]), progress, funded, letter])
        r = ws.max_row
        ws.cell(row=r, column=4).number_format = "d mmmm yyyy"
        ws.cell(row=r, column=5).number_format = "0%"
        ws.cell(row=r, column=2).alignment = Alignment(wrap_text=True)
    ws.freeze_panes = "A2"
    dv = DataValidation(type="list", formula1='"R,A,G,C"', allow_blank=True)
    ws.add_data_validation(dv)
    dv.add("G2:G100")
    if conditional:
        fills = {"R": "FF0000", "A": "FFC000", "G": "00B050"}
        for letter in ("R", "A"):
            ws.conditional_formatting.add("G2:G100", CellIsRule(operator="equal", formula=[f'"{letter}"'],
                                                                 fill=PatternFill(bgColor=fills[letter])))
        rule = Rule(type="containsText", operator="containsText", text="G",
                    dxf=DifferentialStyle(fill=PatternFill(bgColor=fills["G"])))
        rule.formula = ['NOT(ISERROR(SEARCH("G",G2)))']
        ws.conditional_formatting.add("G2:G100", rule)
    else:
        fills = {"R": "FF0000", "A": "FFC000", "G": "00B050"}
        for r in range(2, 5):
            ws.cell(row=r, column=7).fill = PatternFill("solid", fgColor=fills[ws.cell(row=r, column=7).value])
    wb.active = 1
    wb.save(path)
    return path


def permanence_csv(encoding: str = "utf-8-sig", delimiter: str = ",") -> bytes:
    """The Permanence sheet as Excel saves it as CSV: values as shown, no fills."""
    import csv
    import io

    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter, lineterminator="\r\n")
    w.writerow(["Permanence tracker – March 2024"])
    w.writerow([])
    w.writerow(["Ref", "Action", "Lead", "Due", "Progress", "Funded", "RAG"])
    for i, (ref, progress, funded, letter) in enumerate((("2.1", "25%", "TRUE", "G"), ("2.2", "50%", "FALSE", "A"),
                                                          ("2.3", "0%", "TRUE", "R")), start=3):
        exp = EXPECTED[i]
        due = dt.date.fromisoformat(exp[5]).strftime("%d/%m/%Y")
        w.writerow([ref, exp[2], exp[3], due, progress, funded, letter])
    return buf.getvalue().encode(encoding)


def ole_file(stream: str = "EncryptedPackage") -> bytes:
    """A minimal OLE compound file (the container of pre-2007 Office files, and of a password-protected
    XLSX or DOCX) holding one stream of 4096 bytes named ``stream``: header, one FAT sector, one
    directory sector, eight data sectors."""
    import struct

    end, free, fat_sect, nostream = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFF
    header = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 16
              + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + b"\x00" * 6
              + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, end, 0, end, 0)
              + struct.pack("<I", 0) + struct.pack("<I", free) * 108)
    assert len(header) == 512
    fat = [fat_sect, end] + list(range(3, 10)) + [end]
    fat_sector = struct.pack(f"<{len(fat)}I", *fat) + struct.pack("<I", free) * (128 - len(fat))

    def entry(name: str, kind: int, child: int, start: int, size: int) -> bytes:
        raw = name.encode("utf-16-le") + b"\x00\x00" if name else b""
        return (raw.ljust(64, b"\x00") + struct.pack("<HBB", len(raw), kind, 1 if kind else 0)
                + struct.pack("<III", nostream, nostream, child) + b"\x00" * 16 + struct.pack("<I", 0)
                + b"\x00" * 16 + struct.pack("<IQ", start, size))

    directory = (entry("Root Entry", 5, 1, end, 0) + entry(stream, 2, nostream, 2, 4096)
                 + entry("", 0, nostream, 0, 0) * 2)
    assert len(directory) == 512
    return header + fat_sector + directory + b"\x5a" * 4096


def _build_ods() -> None:  # pragma: no cover - run by hand, needs LibreOffice
    import shutil
    import subprocess
    import tempfile

    out = Path(__file__).resolve().parent / "fixtures" / "sheets"
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        src = build_xlsx(Path(tmp) / "tracker.xlsx")
        subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp}/profile", "--headless", "--convert-to",
                        "ods", "--outdir", tmp, str(src)], check=True, capture_output=True, timeout=300)
        shutil.copy(Path(tmp) / "tracker.ods", out / "tracker.ods")
    print("wrote", out / "tracker.ods")


if __name__ == "__main__":  # pragma: no cover
    if "--ods" in sys.argv:
        _build_ods()
