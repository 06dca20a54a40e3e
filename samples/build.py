#!/usr/bin/env python3
"""Build the sample documents in samples/ from the seed plans.

How the files here were made
----------------------------
For every ``<shared>/seeds/structured/<stem>.json`` (the clean layout of one real council plan):

1. ``<stem>.docx`` is authored with python-docx (samples/author_docx.py) the way an officer makes a
   plan in Word: A4 landscape where the layout says so, Title and Heading N styles, bordered
   tables with repeating header rows, merged cells for spans, bold and fills as given, and a
   "Page N of M" footer. Core properties and zip timestamps are fixed, so the DOCX is byte-stable.
2. ``<stem>.pdf`` and ``<stem>.html`` are exported from that DOCX by LibreOffice, headless:
       soffice --headless -env:UserInstallation=file:///tmp/... --convert-to pdf --outdir DIR X.docx
       soffice --headless ... --convert-to "html:XHTML Writer File:UTF8" --outdir DIR X.docx
   LibreOffice is Debian's ``libreoffice-writer-nogui`` package; the exact version used is
   written to samples/BUILD_INFO.txt. The PDF's creation time and /ID are then fixed (same-length
   replacements), so with the same LibreOffice every output is byte-stable.
3. ``<stem>.txt`` (or ``<stem>.md`` when the seed's text export is Markdown, i.e. has ATX
   headings) is a verbatim copy of ``<shared>/seeds/<stem>.txt``.
4. ``MANIFEST.csv`` lists every sample file (file, seed, format, authority) for the scorer.

Run ``make samples`` (or ``.venv/bin/python samples/build.py [--shared DIR] [--out DIR]``).
Bad input (a missing folder, a malformed layout file) stops with a one-line reason.
"""
from __future__ import annotations

import argparse
import csv
import json
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Optional, Sequence

sys.dont_write_bytecode = True  # keep samples/ free of __pycache__
sys.path.insert(0, str(Path(__file__).resolve().parent))

from author_docx import SamplePlan, write_docx  # noqa: E402

from actionplans.errors import InputError  # noqa: E402
from actionplans.model import Block, Cell, Heading, Paragraph, Row, Table  # noqa: E402

HERE = Path(__file__).resolve().parent
DEFAULT_SHARED = HERE.parent.parent / "shared"
MANIFEST_COLUMNS = ("file", "seed", "format", "authority")
FORMAT_ORDER = ("docx", "pdf", "html", "txt", "md")
SOFFICE_TIMEOUT_S = 600
#: a text export with at least this many ATX heading lines ("# ...") is Markdown
MARKDOWN_MIN_HEADINGS = 3


@dataclass(frozen=True)
class SampleFile:
    file: str  # relative to the samples folder
    seed: str
    format: str
    authority: str


# ---------------------------------------------------------------------------
# Reading the structured layouts
# ---------------------------------------------------------------------------


def _cell(raw, where: str) -> Optional[Cell]:
    if raw is None:
        return None
    if isinstance(raw, str):
        return Cell(text=raw)
    if not isinstance(raw, dict) or not isinstance(raw.get("text", ""), str):
        raise InputError(f"{where}: a cell must be text, null or an object with 'text'")
    fill = raw.get("fill")
    if fill is not None and not re.fullmatch(r"#?[0-9A-Fa-f]{6}", str(fill)):
        raise InputError(f"{where}: fill {fill!r} is not #RRGGBB")
    return Cell(text=raw.get("text", ""), rowspan=int(raw.get("rowspan", 1)), colspan=int(raw.get("colspan", 1)),
                bold=bool(raw.get("bold")), fill=("#" + str(fill).lstrip("#").upper()) if fill else None)


def _table(raw: dict, where: str) -> Table:
    rows = raw.get("rows")
    if not isinstance(rows, list) or not rows or not all(isinstance(r, list) for r in rows):
        raise InputError(f"{where}: a table needs a non-empty list of rows")
    width = max(len(r) for r in rows)
    n_header = int(raw.get("header_rows", 0))
    out = []
    for i, cells in enumerate(rows):
        padded = list(cells) + [""] * (width - len(cells))
        out.append(Row(cells=tuple(_cell(c, f"{where} row {i + 1}") for c in padded), is_header=i < n_header))
    return Table(rows=tuple(out))


def _block(raw, where: str) -> Block:
    kind = raw.get("type") if isinstance(raw, dict) else None
    if kind == "heading":
        return Heading(str(raw.get("text", "")), level=int(raw.get("level", 1)))
    if kind == "paragraph":
        return Paragraph(str(raw.get("text", "")), bold=bool(raw.get("bold")))
    if kind == "table":
        return _table(raw, where)
    raise InputError(f"{where}: unknown block type {kind!r}")


def load_plan(path: Path) -> SamplePlan:
    """Read one structured layout file; malformed content raises InputError."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"{path.name}: cannot read layout ({type(exc).__name__})") from exc
    if not isinstance(data, dict) or not isinstance(data.get("blocks"), list):
        raise InputError(f"{path.name}: layout has no list of blocks")
    blocks = tuple(_block(b, f"{path.name} block {i + 1}") for i, b in enumerate(data["blocks"]))
    return SamplePlan(seed=str(data.get("seed") or path.stem), authority=data.get("authority"),
                      title=data.get("title"), landscape=bool(data.get("landscape")), blocks=blocks)


# ---------------------------------------------------------------------------
# LibreOffice
# ---------------------------------------------------------------------------


def find_soffice() -> str:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if not exe:
        raise InputError("LibreOffice not found (apt-get install libreoffice-writer-nogui)")
    return exe


def libreoffice_version(soffice: str) -> str:
    out = subprocess.run([soffice, "--version"], capture_output=True, text=True, timeout=120)
    return out.stdout.strip() or out.stderr.strip()


def debian_package_version(package: str) -> str:
    try:
        out = subprocess.run(["dpkg-query", "-W", "-f=${Version}", package], capture_output=True, text=True,
                             timeout=60)
    except OSError:
        return "unknown (no dpkg-query)"
    return out.stdout.strip() or "not installed"


def export(soffice: str, docx_files: Sequence[Path], target: str, outdir: Path) -> None:
    """Convert ``docx_files`` with LibreOffice into ``outdir`` (one process for all files)."""
    with tempfile.TemporaryDirectory(prefix="lo-profile-") as profile:
        cmd = [soffice, "--headless", "--norestore", f"-env:UserInstallation=file://{profile}",
               "--convert-to", target, "--outdir", str(outdir), *map(str, docx_files)]
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=SOFFICE_TIMEOUT_S)
    if proc.returncode != 0:
        reason = (proc.stderr or proc.stdout).strip().splitlines()[-1:] or ["no output"]
        raise InputError(f"LibreOffice failed converting to {target}: {reason[0]}")


def inline_html_assets(html_path: Path) -> None:
    """Make an exported page self-contained: images become data URIs, their files go."""
    import base64
    import mimetypes

    text = html_path.read_text(encoding="utf-8")

    def replace(match: re.Match) -> str:
        ref = match.group(2)
        asset = html_path.parent / ref
        if ref.startswith(("data:", "http:", "https:")) or not asset.is_file():
            return match.group(0)
        mime = mimetypes.guess_type(asset.name)[0] or "application/octet-stream"
        data = base64.b64encode(asset.read_bytes()).decode("ascii")
        asset.unlink()
        return f'{match.group(1)}"data:{mime};base64,{data}"'

    html_path.write_text(re.sub(r'(\bsrc=)"([^"]+)"', replace, text), encoding="utf-8")


def stabilise_pdf(pdf_path: Path, stamp: str = "20240101000000") -> None:
    """Give an exported PDF a fixed creation time and a content-derived /ID and /DocChecksum
    (LibreOffice's own are time-based), so a rebuild gives the same bytes. Every replacement
    keeps its length, so the xref offsets stay valid."""
    import hashlib

    data = pdf_path.read_bytes()
    data = re.sub(rb"(/(?:CreationDate|ModDate)\s*\(D:)\d{14}", lambda m: m.group(1) + stamp.encode(), data)
    id_pattern = re.compile(rb"(/ID\s*\[\s*<)([0-9A-Fa-f]+)(>\s*<)([0-9A-Fa-f]+)(>)")
    blank = id_pattern.sub(lambda m: m.group(1) + b"0" * len(m.group(2)) + m.group(3) + b"0" * len(m.group(4))
                           + m.group(5), data)
    checksum = re.compile(rb"(/DocChecksum\s*/)([0-9A-Fa-f]{32})")
    blank = checksum.sub(lambda m: m.group(1) + b"0" * 32, blank)
    digest = hashlib.md5(blank).hexdigest().upper().encode()
    data = checksum.sub(lambda m: m.group(1) + digest, data)

    def fixed_id(m: re.Match) -> bytes:
        first = (digest * 2)[:len(m.group(2))]
        second = (digest * 2)[:len(m.group(4))]
        return m.group(1) + first + m.group(3) + second + m.group(5)

    pdf_path.write_bytes(id_pattern.sub(fixed_id, data))


# ---------------------------------------------------------------------------
# Text copies and the manifest
# ---------------------------------------------------------------------------


def text_format(text: str) -> str:
    """"md" when a text export is Markdown (ATX headings), else "txt"."""
    headings = sum(1 for line in text.splitlines() if re.match(r"#{1,6} \S", line))
    return "md" if headings >= MARKDOWN_MIN_HEADINGS else "txt"


def copy_text_export(seed_txt: Path, out_dir: Path) -> Path:
    text = seed_txt.read_text(encoding="utf-8")
    target = out_dir / f"{seed_txt.stem}.{text_format(text)}"
    shutil.copyfile(seed_txt, target)
    return target


def write_manifest(entries: Sequence[SampleFile], path: Path) -> None:
    ordered = sorted(entries, key=lambda e: (e.seed, FORMAT_ORDER.index(e.format), e.file))
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(MANIFEST_COLUMNS)
        for e in ordered:
            writer.writerow([e.file, e.seed, e.format, e.authority])


def write_build_info(path: Path, soffice: Optional[str]) -> None:
    import docx

    lines = [
        "How the samples in this folder were built (samples/build.py).",
        f"python-docx: {getattr(docx, '__version__', 'unknown')}",
    ]
    if soffice:
        lines += [f"LibreOffice: {libreoffice_version(soffice)}",
                  f"Debian package libreoffice-writer-nogui: {debian_package_version('libreoffice-writer-nogui')}",
                  'PDF:  soffice --headless --convert-to pdf',
                  'HTML: soffice --headless --convert-to "html:XHTML Writer File:UTF8"']
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


# ---------------------------------------------------------------------------
# Driver
# ---------------------------------------------------------------------------


def build(shared: Path, out_dir: Path, with_exports: bool = True) -> list[SampleFile]:
    structured = shared / "seeds" / "structured"
    layouts = sorted(structured.glob("*.json"))
    if not layouts:
        raise InputError(f"no layout files in {structured}")
    out_dir.mkdir(parents=True, exist_ok=True)
    soffice = find_soffice() if with_exports else None
    entries: list[SampleFile] = []
    docx_files: list[Path] = []
    for layout in layouts:
        plan = load_plan(layout)
        stem, authority = layout.stem, plan.authority or ""
        docx_path = write_docx(plan, out_dir / f"{stem}.docx")
        docx_files.append(docx_path)
        entries.append(SampleFile(docx_path.name, stem, "docx", authority))
        seed_txt = shared / "seeds" / f"{stem}.txt"
        if seed_txt.is_file():
            copied = copy_text_export(seed_txt, out_dir)
            entries.append(SampleFile(copied.name, stem, copied.suffix[1:], authority))
        for fmt in ("pdf", "html"):  # without LibreOffice, earlier exports stay listed
            if soffice or (out_dir / f"{stem}.{fmt}").is_file():
                entries.append(SampleFile(f"{stem}.{fmt}", stem, fmt, authority))
    if soffice:
        with tempfile.TemporaryDirectory(prefix="samples-export-") as tmp:
            staging = Path(tmp)
            export(soffice, docx_files, "pdf", staging)
            export(soffice, docx_files, "html:XHTML Writer File:UTF8", staging)
            for page in staging.glob("*.html"):
                inline_html_assets(page)
            for pdf in staging.glob("*.pdf"):
                stabilise_pdf(pdf)
            leftovers = [p.name for p in staging.iterdir() if p.suffix not in (".pdf", ".html")]
            if leftovers:
                raise InputError(f"LibreOffice left files the samples cannot reference: {', '.join(leftovers)}")
            for entry in entries:
                if entry.format in ("pdf", "html"):  # all of them: soffice is set
                    produced = staging / entry.file
                    if not produced.is_file():
                        raise InputError(f"LibreOffice did not produce {entry.file}")
                    shutil.move(str(produced), out_dir / entry.file)
    write_manifest(entries, out_dir / "MANIFEST.csv")
    if soffice or not (out_dir / "BUILD_INFO.txt").is_file():  # a DOCX-only run keeps the export record
        write_build_info(out_dir / "BUILD_INFO.txt", soffice)
    return entries


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED,
                        help="the shared reference folder holding seeds/ (default ../shared)")
    parser.add_argument("--out", type=Path, default=HERE, help="where the samples go (default samples/)")
    parser.add_argument("--docx-only", action="store_true", help="skip the LibreOffice exports")
    args = parser.parse_args(argv)
    try:
        entries = build(args.shared, args.out, with_exports=not args.docx_only)
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except subprocess.TimeoutExpired:
        print(f"error: LibreOffice took longer than {SOFFICE_TIMEOUT_S} s", file=sys.stderr)
        return 1
    print(f"wrote {len(entries)} sample files and MANIFEST.csv to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
