"""The resume journal: one JSON line per converted file, appended as each file completes,
so an interrupted batch can skip what it already did (``--resume``).

A line's key is the file's content hash, its name (the rows carry it as source_file) and a
fingerprint of everything else that changes the rows: the options, the roster and acronym
files' content, and the package version. Only successful conversions are journalled, so a
file that failed is tried again. A line cut short by an interruption is ignored.

The journal of an output lives in the user's cache folder, not beside the output (it is
larger than the table and of no use to read): ``$XDG_CACHE_HOME/actionplans/journals/``, by
default ``~/.cache/actionplans/journals/``, one file per output named after it. The command line
keeps one only for a run given ``--resume``. It holds the plans' text, so the folder is private
(0700) and each journal too (0600); journals not written for :data:`KEEP_DAYS` days are deleted
when a journal is opened. Deleting the folder forgets every earlier run; nothing else is kept there.
"""
from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import asdict, fields, replace
from pathlib import Path
from typing import Iterator, Optional

from .model import Action, PlanNotes
from .results import FileResult
from .version import __version__
from .settings import ConvertOptions

_ACTION_FIELDS = {f.name for f in fields(Action)}
#: a journal not written for this many days is deleted when another is opened
KEEP_DAYS = 30
#: options that do not change the rows (and must never be written to disk)
_NOT_FINGERPRINTED = {"password"}


def cache_dir() -> Path:
    """Where actionplans keeps what the user need not see: $XDG_CACHE_HOME/actionplans
    (~/.cache/actionplans by default)."""
    base = os.environ.get("XDG_CACHE_HOME")
    if not base:
        home = os.path.expanduser("~")
        base = os.path.join(home if home != "~" else tempfile.gettempdir(), ".cache")  # no home: not the cwd
    return Path(base) / "actionplans"


def journal_for(output: str | os.PathLike) -> Path:
    """The resume journal of ``output``: in the cache folder, named after the output and its
    absolute path (so two outputs of the same name in different folders keep apart)."""
    where = Path(os.path.abspath(os.fspath(output)))
    tag = hashlib.sha256(str(where).encode("utf-8", "surrogateescape")).hexdigest()[:12]
    return cache_dir() / "journals" / f"{where.name}-{tag}.jsonl"


def file_sha256(path: str | os.PathLike) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def options_fingerprint(options: ConvertOptions) -> str:
    data = {k: v for k, v in asdict(options).items() if k not in _NOT_FINGERPRINTED}
    for name in ("roster", "acronyms"):  # a data file's content, not its name, changes the rows
        path = data.get(name)
        if path:
            try:
                data[name] = file_sha256(path)
            except OSError:
                data[name] = f"missing:{path}"
    data["version"] = __version__
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()[:16]


def journal_key(sha256: str, path: str | os.PathLike, fingerprint: str) -> str:
    return f"{sha256}:{Path(path).name}:{fingerprint}"


def _to_json(key: str, r: FileResult) -> str:
    return json.dumps({
        "key": key, "path": r.path, "format": r.format, "seconds": round(r.seconds, 3), "pages": r.pages,
        "n_tables": r.n_tables, "sha256": r.sha256, "officers": r.officers, "acronyms": r.acronyms,
        "actions": [asdict(a) for a in r.actions], "expanded": list(r.expanded), "plan": asdict(r.plan),
        "stated_authority": r.stated_authority, "stated_plan_date": r.stated_plan_date, "conflicts": r.conflicts,
    }, ensure_ascii=False)


def _from_json(data: dict) -> FileResult:
    return FileResult(
        path=data["path"], format=data["format"], seconds=data["seconds"], pages=data["pages"],
        n_tables=data["n_tables"], sha256=data["sha256"],
        officers=tuple(tuple(x) for x in data["officers"]), acronyms=tuple(tuple(x) for x in data["acronyms"]),
        actions=[Action(**{k: v for k, v in a.items() if k in _ACTION_FIELDS}) for a in data["actions"]],
        expanded=tuple(data.get("expanded") or ()), stated_authority=data.get("stated_authority") or "",
        stated_plan_date=data.get("stated_plan_date") or "", conflicts=tuple(data.get("conflicts") or ()),
        plan=_plan_notes(data.get("plan") or {}),
    )


def _plan_notes(data: dict) -> PlanNotes:
    known = {f.name for f in fields(PlanNotes)}
    notes = PlanNotes(**{k: v for k, v in data.items() if k in known})
    return replace(notes, warnings=tuple(notes.warnings))


class Journal:
    """Append-only JSON lines at ``path``."""

    def __init__(self, path: str | os.PathLike):
        self.path = Path(path)
        self._fh = None
        self.error: Optional[str] = None  # why the journal stopped being written (the batch goes on)

    def load(self) -> dict[str, FileResult]:
        """Results by key; later lines win; unreadable lines (cut short) are ignored."""
        out: dict[str, FileResult] = {}
        for data in self._lines():
            try:
                out[data["key"]] = _from_json(data)
            except (KeyError, TypeError, ValueError):
                continue
        return out

    def _lines(self) -> Iterator[dict]:
        try:
            fh = open(self.path, encoding="utf-8")
        except FileNotFoundError:
            return
        with fh:
            for line in fh:
                try:
                    data = json.loads(line)
                except ValueError:
                    continue
                if isinstance(data, dict):
                    yield data

    def append(self, key: str, result: FileResult) -> None:
        """Add one result. A journal that cannot be written costs --resume, never the batch."""
        if self.error is not None:
            return
        try:
            self._append(key, result)
        except OSError as exc:
            self.error = f"cannot write {self.path}: {exc.strerror or exc}"
            self.close()

    def _append(self, key: str, result: FileResult) -> None:
        if self._fh is None:
            self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            cut = False
            if self.path.exists() and self.path.stat().st_size > 0:
                with open(self.path, "rb") as fh:
                    fh.seek(-1, os.SEEK_END)
                    cut = fh.read(1) != b"\n"
            fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)  # the plans' text: private
            os.chmod(self.path, 0o600)  # a journal written by an older version was not
            self._fh = os.fdopen(fd, "a", encoding="utf-8")
            if cut:  # a line cut short by an interruption must not swallow the next one
                self._fh.write("\n")
        self._fh.write(_to_json(key, result) + "\n")
        self._fh.flush()

    def close(self) -> None:
        if self._fh is not None:
            try:
                self._fh.close()
            except OSError:
                pass
            self._fh = None


def prune(folder: str | os.PathLike, keep_days: float = KEEP_DAYS, now: Optional[float] = None) -> list[Path]:
    """Delete the journals in ``folder`` not written for ``keep_days`` days; returns them."""
    import time

    limit = (time.time() if now is None else now) - keep_days * 86400
    gone = []
    try:
        entries = list(Path(folder).glob("*.jsonl"))
    except OSError:
        return gone
    for path in entries:
        try:
            if path.stat().st_mtime < limit:
                path.unlink()
                gone.append(path)
        except OSError:
            continue
    return gone


def open_journal(path: Optional[str | os.PathLike]) -> Optional[Journal]:
    if not path:
        return None
    prune(Path(path).parent)
    return Journal(path)
