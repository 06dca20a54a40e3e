"""Detect a file's format from its content, falling back on the extension only for text."""
from __future__ import annotations

import re
import zipfile
import zlib
from pathlib import Path

from actionplans.errors import InputError

MAX_SNIFF = 64 * 1024
_HTML = re.compile(rb"<(!doctype\s+html|html|body|table|head)\b", re.I)
# markup that only a whole HTML document has (a Markdown or text export may quote a <table>)
_HTML_DOCUMENT = re.compile(rb"<(!doctype\s+html|html|body|head)\b", re.I)
_HTML_START = re.compile(rb"\A(\xef\xbb\xbf)?\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<(!doctype|html|head|body|table|div|meta|title)\b",
                         re.I | re.S)
_MD_TABLE = re.compile(r"^\s*\|.*\|\s*$", re.M)
_MD_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)+\|?\s*$", re.M)
_MD_HEAD = re.compile(r"^#{1,6} \S", re.M)


def sniff_format(path: Path) -> str:
    """Return one of ``docx``, ``html``, ``pdf``, ``txt``, ``md``, ``xlsx``, ``ods``, ``csv``.

    Raises InputError for files that are empty or are no document we read.
    """
    try:
        with open(path, "rb") as fh:
            head = fh.read(MAX_SNIFF)
    except OSError as exc:
        raise InputError(f"cannot open file ({exc.strerror})") from exc
    if not head.strip():
        raise InputError("empty file")
    if head.startswith(b"%PDF-") or head[:1024].find(b"%PDF-") >= 0:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(path) as zf:
                names = set(zf.namelist())
                mimetype = b""
                if "mimetype" in names:
                    with zf.open("mimetype") as fh:
                        mimetype = fh.read(200).strip()
        except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError, zlib.error, EOFError) as exc:
            raise InputError(f"corrupt or truncated zip container ({exc})") from exc
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            return "xlsx"
        if mimetype == b"application/vnd.oasis.opendocument.spreadsheet":
            return "ods"
        if mimetype.startswith(b"application/vnd.oasis.opendocument."):
            kind = mimetype.decode("ascii", "replace").rsplit(".", 1)[-1]
            raise InputError(f"OpenDocument {kind} file, not a spreadsheet; save it as .docx or .ods first")
        raise InputError("zip file that is neither a Word document nor a spreadsheet "
                         "(no word/document.xml, xl/workbook.xml or OpenDocument mimetype)")
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise InputError(_ole_reason(path))
    if _looks_html(head):
        return "html"
    if b"\x00" in head:
        if head.startswith((b"\xff\xfe", b"\xfe\xff")):
            return _text_kind(head.decode("utf-16", "replace"), path)
        raise InputError("binary file of unknown type")
    return _text_kind(head.decode("utf-8", "replace"), path)


def _ole_reason(path: Path) -> str:
    """Why an OLE compound file (the pre-2007 Office container) is not read: a password-protected
    Office file (its real content sits in an "EncryptedPackage" stream), a legacy Excel workbook or a
    legacy Word document."""
    import olefile

    try:
        with olefile.OleFileIO(str(path)) as ole:
            streams = {"/".join(entry).lower() for entry in ole.listdir(streams=True, storages=False)}
    except (OSError, ValueError, IndexError, TypeError) as exc:  # olefile raises OSError for a damaged file
        return f"damaged OLE compound file (legacy Office format): {' '.join(str(exc).split())[:120]}"
    if "encryptedpackage" in streams:
        return encrypted_reason(path)
    if "workbook" in streams or "book" in streams:
        return "legacy binary Excel file (.xls); save it as .xlsx first"
    return "legacy binary Word/OLE file (.doc); save it as .docx first"


#: what a password-protected OOXML file is, by its name, and where its application removes the password
_WORD = ("Word document", "Word", "File > Info > Protect Document > Encrypt with Password")
_EXCEL = ("Excel workbook", "Excel", "File > Info > Protect Workbook > Encrypt with Password")
_ENCRYPTED_KINDS = {".docx": _WORD, ".docm": _WORD, ".dotx": _WORD, ".doc": _WORD,
                    ".xlsx": _EXCEL, ".xlsm": _EXCEL, ".xltx": _EXCEL, ".xls": _EXCEL}


def encrypted_reason(path: Path) -> str:
    """The one line for a password-protected DOCX or XLSX (an OLE file holding an "EncryptedPackage"
    stream, whatever its name): what it is and how to remove the password. The content is
    encrypted, so the name alone says whether it is Word's or Excel's."""
    kind, app, where = _ENCRYPTED_KINDS.get(Path(path).suffix.lower(), (
        "Office file", "Word or Excel", "File > Info > Protect > Encrypt with Password"))
    return (f"password-protected (encrypted) {kind}: open it in {app}, remove the password ({where}, "
            f"clear the box) and save it again (--password opens PDFs only)")


def _looks_html(head: bytes) -> bool:
    """An HTML document: it opens with markup, or has document-level tags early on. A
    ``<table>`` quoted inside Markdown or tab-separated text does not make it HTML."""
    if _HTML_START.match(head[:4096]) or _HTML_DOCUMENT.search(head[:4096]):
        return True
    if not _HTML.search(head[:4096]):
        return False
    text = head.decode("utf-8", "replace")
    return not (_MD_HEAD.search(text) or _MD_TABLE.search(text) or "\t" in text)


def _text_kind(text: str, path: Path) -> str:
    """Markdown or plain text, from the content (the extension decides only a tie); a text file
    named .csv or .tsv is a delimited table."""
    if path.suffix.lower() in (".csv", ".tsv"):
        return "csv"
    if path.suffix.lower() in (".md", ".markdown"):
        return "md"
    headings = len(_MD_HEAD.findall(text))
    pipe_rows = len(_MD_TABLE.findall(text))
    if (pipe_rows >= 3 and _MD_SEPARATOR.search(text)) or pipe_rows >= 6:
        return "md"
    if headings >= 2 or (headings and "\t" not in text):
        return "md"
    return "txt"
