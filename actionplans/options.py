"""Checking the document options (plan date, authority, roster and acronyms files) before any
file is read: a bad value is the user's mistake, said once, not a warning on every row of every
plan. The command line turns :class:`OptionError` into a usage error (exit 2, one line); the
library raises it (a ``ValueError``) from ``convert`` and ``convert_tables``."""
from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from .errors import InputError
from .extract_settings import problems as extract_problems
from .settings import ConvertOptions, ExtractSettings, PdfSettings

__all__ = ["OptionError", "plan_date_value", "authority_value", "roster_value", "acronyms_value", "ocr_value",
           "OCR_MODES", "check_options"]


class OptionError(ValueError):
    """A bad option value. ``option`` is its command-line name ("--plan-date"); ``str(exc)`` one line."""

    def __init__(self, option: str, message: str):
        super().__init__(message)
        self.option = option


_ISO = re.compile(r"(\d{4})-(\d{1,2})(?:-(\d{1,2}))?")
_DMY = re.compile(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})")


def plan_date_value(text: str) -> str:
    """``text`` as the plan date: YYYY-MM-DD, or YYYY-MM for a plan dated by its month."""
    text = (text or "").strip()
    m = _ISO.fullmatch(text)
    if m:
        try:
            day = date(int(m[1]), int(m[2]), int(m[3] or 1))
        except ValueError:
            raise OptionError("--plan-date", f"'{text}' is not a day of the calendar") from None
        return day.isoformat() if m[3] else day.isoformat()[:7]
    hint = ""
    m = _DMY.fullmatch(text)
    if m:
        try:
            hint = f" (for {text} write {date(int(m[3]), int(m[2]), int(m[1])).isoformat()})"
        except ValueError:
            pass
    raise OptionError("--plan-date", f"'{text}' is not a date: give it as YYYY-MM-DD or YYYY-MM{hint}")


def authority_value(name: str) -> str:
    """``name`` if it names a UK council in the table (any of its usual forms), else an OptionError
    suggesting the nearest names."""
    from .normalise.authority import lookup, suggest

    name = " ".join((name or "").split())
    if not name:
        raise OptionError("--authority", "the council's name is blank")
    found, _ = lookup(name)
    if found is None:
        close = suggest(name)
        hint = f" (did you mean {' or '.join(close)}?)" if close else ""
        raise OptionError("--authority", f"'{name}' is not a UK council in the table of authorities{hint}")
    return name


def _readable_csv(option: str, path: str, load) -> str:
    """``path`` if ``load`` reads it; otherwise the loader's one-line reason as a usage error."""
    try:
        load(path)
    except InputError as exc:
        raise OptionError(option, str(exc)) from None
    return path


def roster_value(path: str) -> str:
    """``path`` if it is a readable roster CSV (name, role, aliases)."""
    from .normalise.roster import load_roster_file

    return _readable_csv("--roster", path, load_roster_file)


def acronyms_value(path: str) -> str:
    """``path`` if it is a readable acronyms CSV (abbreviation, expansion)."""
    from .normalise.acronyms import load_acronym_file

    return _readable_csv("--acronyms", path, load_acronym_file)


OCR_MODES = ("auto", "always", "never")


def ocr_value(mode: str) -> str:
    """``mode`` as an OCR mode: auto, always or never (any case)."""
    text = " ".join(str(mode or "").split()).lower()
    if text not in OCR_MODES:
        raise OptionError("--ocr", f"'{mode}' is not an OCR mode: choose auto, always or never")
    return text


def check_options(options: ConvertOptions) -> ConvertOptions:
    """``options`` with every value checked (and the plan date written as ISO); raises OptionError."""
    if not isinstance(options.pdf, PdfSettings):
        raise OptionError("pdf", f"pdf takes a PdfSettings (actionplans.PdfSettings), not {type(options.pdf).__name__}")
    if not isinstance(options.extract, ExtractSettings):
        raise OptionError("extract", f"extract takes an ExtractSettings (actionplans.ExtractSettings), "
                                     f"not {type(options.extract).__name__}")
    wrong = extract_problems(options.extract)
    if wrong:
        raise OptionError("extract", f"extract setting {wrong[0]}")
    return replace(
        options,
        plan_date=plan_date_value(options.plan_date) if options.plan_date else None,
        authority=authority_value(options.authority) if options.authority else None,
        roster=roster_value(options.roster) if options.roster else None,
        acronyms=acronyms_value(options.acronyms) if options.acronyms else None,
        ocr=ocr_value(options.ocr) if options.ocr is not None else None,
    )
