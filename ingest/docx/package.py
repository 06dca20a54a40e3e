"""Open a DOCX package safely: bounded zip parts, no DTDs, clear errors for damaged files.

OOXML forbids document type declarations, so any part that carries one is refused outright
(that closes XXE and entity-expansion attacks before an XML parser sees the bytes). The
declared uncompressed size of every part is bounded against zip bombs; zipfile itself never
inflates a member past its declared size.
"""
from __future__ import annotations

import io
import re
import zipfile
import zlib
from pathlib import Path

import docx
from docx.opc.exceptions import PackageNotFoundError
from lxml import etree

from actionplans.errors import InputError

MAX_PART_BYTES = 100 * 1024 * 1024
MAX_TOTAL_BYTES = 200 * 1024 * 1024
MAX_PARTS = 10_000
_CHUNK = 1024 * 1024
# "<!DOCTYPE" / "<!ENTITY" in UTF-8 and in both UTF-16 byte orders.
_DTD_MARKERS = tuple(
    marker.encode(enc)
    for marker in ("<!DOCTYPE", "<!doctype", "<!ENTITY", "<!entity")
    for enc in ("utf-8", "utf-16-le", "utf-16-be")
)
_DOCUMENT_MAIN_TYPE = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_VARIANT_MAIN_TYPES = (  # .docm, .dotx, .dotm main parts: the same WordprocessingML
    b"application/vnd.ms-word.document.macroEnabled.main+xml",
    b"application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
    b"application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
)
_XML_NAME = re.compile(r"\.(xml|rels|vml)$", re.I)


def open_docx(path: Path) -> docx.document.Document:
    """The python-docx Document of ``path`` after the package has passed the safety checks."""
    data = _read_checked(Path(path))
    try:
        return docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError) as exc:
        raise InputError(f"not a valid DOCX package ({one_line(exc)})") from exc
    except etree.XMLSyntaxError as exc:
        raise InputError(f"corrupt DOCX: malformed XML ({one_line(exc)})") from exc
    except ValueError as exc:  # python-docx: not a WordprocessingML main part (.docm, .dotx, ...)
        raise InputError(f"unsupported or damaged Word package ({one_line(exc)})") from exc
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise InputError(f"corrupt or truncated DOCX ({one_line(exc)})") from exc
    except (AttributeError, TypeError, IndexError) as exc:  # parts python-docx cannot make sense of
        raise InputError(f"damaged DOCX package ({one_line(exc)})") from exc


def read_file_bytes(path: Path) -> bytes:
    """The file's bytes, or an InputError saying why it cannot be opened (one reader per zip format uses it)."""
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot open file ({exc.strerror})") from exc


def _read_checked(path: Path) -> bytes:
    data = read_file_bytes(path)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
            _check_sizes(infos)
            for info in infos:
                if _XML_NAME.search(info.filename):
                    _check_part(zf, info)
            content_types = zf.read("[Content_Types].xml") if "[Content_Types].xml" in zf.namelist() else b""
            if any(ct in content_types for ct in _VARIANT_MAIN_TYPES):
                data = _as_plain_document(zf, content_types)
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise InputError(f"corrupt or truncated DOCX ({one_line(exc)})") from exc
    except NotImplementedError as exc:  # unsupported compression method
        raise InputError(f"unsupported DOCX compression ({one_line(exc)})") from exc
    except RuntimeError as exc:  # zip-level encryption
        raise InputError(f"encrypted or unreadable DOCX ({one_line(exc)})") from exc
    return data


def _as_plain_document(zf: zipfile.ZipFile, content_types: bytes) -> bytes:
    """The package re-zipped with a macro-enabled or template main part declared as a plain
    document's, which is all python-docx needs to open it (macros are never run or read)."""
    for variant in _VARIANT_MAIN_TYPES:
        content_types = content_types.replace(variant, _DOCUMENT_MAIN_TYPE)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for info in zf.infolist():
            body = content_types if info.filename == "[Content_Types].xml" else zf.read(info)
            out.writestr(info.filename, body)
    return buffer.getvalue()


def check_zip_parts(zf: zipfile.ZipFile, kind: str) -> None:
    """The checks every zip-packaged XML format passes before a parser sees it (the spreadsheet
    readers use them too): part count and sizes bounded, no XML part declaring a DTD.
    ``kind`` names the format in the messages ("XLSX", "ODS")."""
    infos = zf.infolist()
    _check_sizes(infos, kind)
    for info in infos:
        if _XML_NAME.search(info.filename):
            _check_part(zf, info, kind)


def _check_sizes(infos: list[zipfile.ZipInfo], kind: str = "DOCX") -> None:
    if len(infos) > MAX_PARTS:
        raise InputError(f"{kind} has too many parts ({len(infos)}; limit {MAX_PARTS})")
    total = 0
    for info in infos:
        if info.file_size > MAX_PART_BYTES:
            raise InputError(f"{kind} part {info.filename} is too large uncompressed "
                             f"({info.file_size} bytes; limit {MAX_PART_BYTES})")
        total += info.file_size
    if total > MAX_TOTAL_BYTES:
        raise InputError(f"{kind} is too large uncompressed ({total} bytes; limit {MAX_TOTAL_BYTES})")


def _check_part(zf: zipfile.ZipFile, info: zipfile.ZipInfo, kind: str = "DOCX") -> None:
    """Stream one XML part (bounded) and refuse it if it declares a DTD."""
    seen = 0
    tail = b""
    with zf.open(info) as fh:
        while True:
            chunk = fh.read(_CHUNK)
            if not chunk:
                break
            seen += len(chunk)
            if seen > MAX_PART_BYTES:
                raise InputError(f"{kind} part {info.filename} inflates past its limit ({MAX_PART_BYTES} bytes)")
            window = tail + chunk
            if any(marker in window for marker in _DTD_MARKERS):
                raise InputError(f"{kind} part {info.filename} contains a DOCTYPE/ENTITY declaration "
                                 "(not allowed in Office documents)")
            tail = window[-32:]


def one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text[:200] or type(exc).__name__
