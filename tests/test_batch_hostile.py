"""A batch of real samples mixed with broken and hostile files, built here, run through the
real command line: exit 1, one error line per broken file naming it, every good file
converted, no hang, and none of the hostile files' content in any message."""
from __future__ import annotations

import hashlib
import os
import shutil
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from structured import SAMPLES

SECRET = "SECRET-c0ffee-never-print-me"

# --- an encrypted PDF (standard security handler, revision 2, user password "secret") ----------

_PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")


def _rc4(key: bytes, data: bytes) -> bytes:
    s, j = list(range(256)), 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) % 256
        s[i], s[j] = s[j], s[i]
    out, i, j = bytearray(), 0, 0
    for b in data:
        i = (i + 1) % 256
        j = (j + s[i]) % 256
        s[i], s[j] = s[j], s[i]
        out.append(b ^ s[(s[i] + s[j]) % 256])
    return bytes(out)


def encrypted_pdf(user: bytes = b"secret", owner: bytes = b"owner") -> bytes:
    def pad(pw: bytes) -> bytes:
        return (pw + _PAD)[:32]

    o = _rc4(hashlib.md5(pad(owner)).digest()[:5], pad(user))
    ident = b"0123456789abcdef"
    u = _rc4(hashlib.md5(pad(user) + o + struct.pack("<i", -4) + ident).digest()[:5], _PAD)
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>",
            b"<< /Filter /Standard /V 1 /R 2 /O <" + o.hex().encode() + b"> /U <" + u.hex().encode()
            + b"> /P -4 >>"]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for n, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += (b"trailer\n<< /Size %d /Root 1 0 R /Encrypt 4 0 R /ID [<%s> <%s>] >>\nstartxref\n%d\n%%%%EOF\n"
            % (len(objs) + 1, ident.hex().encode(), ident.hex().encode(), xref))
    return bytes(out)


# --- hostile DOCX packages made from a real sample ----------------------------------------------


def _rezip(src: Path, dst: Path, replace: dict[str, bytes], extra_stream: tuple[str, int] | None = None) -> None:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, replace.get(info.filename, zin.read(info.filename)))
        if extra_stream:  # a part that inflates to `size` bytes: a zip bomb
            name, size = extra_stream
            chunk = b" " * (1 << 20)
            with zout.open(name, "w", force_zip64=True) as fh:
                for _ in range(size // len(chunk)):
                    fh.write(chunk)


BILLION_LAUGHS = ("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [<!ENTITY lol \"" + SECRET + "\">"
                  + "".join(f"<!ENTITY lol{i} \"" + f"&lol{i - 1};" * 10 + "\">" if i else
                            "<!ENTITY lol0 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
                            for i in range(9))
                  + "]>\n<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
                  "<w:body><w:p><w:r><w:t>&lol8;</w:t></w:r></w:p></w:body></w:document>").encode()

XXE = ("<?xml version=\"1.0\"?>\n<!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
       "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
       "<w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>").encode()


def _sample(suffix: str, seed: str = "003_") -> Path:
    found = sorted(SAMPLES.glob(f"{seed}*{suffix}"))
    if not found:
        pytest.skip(f"samples/ has no {seed}*{suffix}")
    return found[0]


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    plans = root / "plans"
    plans.mkdir()
    docx, pdf = _sample(".docx"), _sample(".pdf")
    good = {}
    for src in (docx, _sample(".html"), _sample(".txt"), pdf, _sample(".docx", "001_")):
        shutil.copy(src, plans / src.name)
        good[src.name] = src
    shutil.copy(docx, plans / "misnamed-docx.pdf")  # the content, not the name, decides
    good["misnamed-docx.pdf"] = docx
    html = _sample(".html", "001_")
    shutil.copy(html, plans / "misnamed-html.txt")
    good["misnamed-html.txt"] = html

    bad = {
        "empty.docx": b"",
        "truncated.docx": docx.read_bytes()[: docx.stat().st_size // 2],
        "truncated.pdf": pdf.read_bytes()[: pdf.stat().st_size // 3],
        "garbage.pdf": b"%PDF-1.7\n" + (SECRET.encode() + os.urandom(64)) * 200,
        "noise.docx": b"\x00\x01\x02" + SECRET.encode() + bytes(range(256)) * 40,
        "encrypted.pdf": encrypted_pdf(),
        "legacy.docx": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512 + SECRET.encode(),
        "not-a-word-zip.docx": None,
        "laughs.docx": None,
        "xxe.docx": None,
        "bomb.docx": None,
    }
    for name, data in bad.items():
        if data is not None:
            (plans / name).write_bytes(data)
    with zipfile.ZipFile(plans / "not-a-word-zip.docx", "w") as zf:
        zf.writestr("notes.txt", SECRET)
    _rezip(docx, plans / "laughs.docx", {"word/document.xml": BILLION_LAUGHS})
    _rezip(docx, plans / "xxe.docx", {"word/document.xml": XXE})
    _rezip(docx, plans / "bomb.docx", {}, ("word/media/bomb.xml", 512 * 1024 * 1024))
    assert (plans / "bomb.docx").stat().st_size < 5 * 1024 * 1024

    # these two end as a correct conversion or a clear error, never a crash or a hang
    either = {"nested.html": "<html><body>" + "<div>" * 100_000 + SECRET + "</div>" * 100_000 + "</body></html>",
              "bigcell.html": "<html><body><table><tr><th>Action</th><th>Lead</th><th>Timescale</th></tr>"
                              "<tr><td>" + "Review the plan. " * (20 * 1024 * 1024 // 17)
                              + "</td><td>DCS</td><td>March 2014</td></tr></table></body></html>"}
    for name, text in either.items():
        (plans / name).write_text(text, encoding="utf-8")
    (plans / "notes.xyz").write_text("not a document", encoding="utf-8")

    out = root / "out" / "actions.csv"
    proc = subprocess.run(
        [sys.executable, "-m", "actionplans.cli", "convert", str(plans), "-o", str(out), "--tables", "all",
         "--jobs", "2", "--timeout", "90", "--memory-limit", "2048", "-v"],
        capture_output=True, text=True, timeout=600, stdin=subprocess.DEVNULL)
    docs = pd.read_csv(out.with_name("actions.documents.csv"), dtype=str, keep_default_na=False)
    return {"plans": plans, "good": good, "bad": [n for n in bad], "either": list(either), "proc": proc,
            "out": out, "docs": docs.set_index("source_file")}


def test_exit_status_is_1(batch):
    assert batch["proc"].returncode == 1, batch["proc"].stderr[-2000:]


def test_one_error_line_per_broken_file(batch):
    lines = batch["proc"].stderr.splitlines()
    errors = [line for line in lines if line.startswith("error: ")]
    for name in batch["bad"]:
        mine = [line for line in errors if line.startswith(f"error: {batch['plans'] / name}: ")]
        assert len(mine) == 1, (name, errors)
        assert len(mine[0]) < 400
    assert "encrypted PDF" in next(line for line in errors if "encrypted.pdf" in line)
    for name in batch["good"]:
        assert not any(f"/{name}:" in line for line in errors), name


def test_every_good_file_converted(batch):
    docs = batch["docs"]
    for name, original in batch["good"].items():
        assert docs.loc[name, "status"] == "ok", (name, docs.loc[name, "error"])
        assert int(docs.loc[name, "actions"]) > 0, name
    assert docs.loc["misnamed-docx.pdf", "format"] == "docx"
    assert docs.loc["misnamed-docx.pdf", "actions"] == docs.loc[batch["good"]["misnamed-docx.pdf"].name, "actions"]
    assert docs.loc["misnamed-html.txt", "format"] == "html"
    actions = pd.read_csv(batch["out"], dtype=str, keep_default_na=False)
    per_file = actions["source_file"].value_counts()
    for name in batch["good"]:
        assert per_file[name] == int(docs.loc[name, "actions"])


def test_broken_files_recorded_as_failed(batch):
    docs = batch["docs"]
    for name in batch["bad"]:
        assert docs.loc[name, "status"] == "failed", name
        assert docs.loc[name, "error"], name
    for name in batch["either"]:
        assert docs.loc[name, "status"] in ("ok", "failed")
        assert (docs.loc[name, "status"] == "failed") == bool(docs.loc[name, "error"])
    assert "notes.xyz" not in docs.index  # not a document: skipped, and listed with -v
    assert f"skipped: {batch['plans'] / 'notes.xyz'} (not a document)" in batch["proc"].stderr


def test_nothing_leaked(batch):
    stderr = batch["proc"].stderr
    assert SECRET not in stderr
    assert "Traceback" not in stderr
    assert "root:" not in stderr  # /etc/passwd never made it anywhere
    documents = batch["out"].with_name("actions.documents.csv").read_text(encoding="utf-8")
    assert SECRET not in documents
    assert "root:" not in batch["out"].read_text(encoding="utf-8")


def test_summary_line(batch):
    last = batch["proc"].stderr.strip().splitlines()[-1]
    n_files = len(batch["good"]) + len(batch["bad"]) + len(batch["either"])
    failed = (batch["docs"]["status"] == "failed").sum()
    assert last.startswith(f"{n_files} files, ")
    assert f", {failed} failed, " in last and last.endswith(str(batch["out"]))
