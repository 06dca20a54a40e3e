"""Write the actions table. Outputs are written to a temp file and renamed into place,
so an interrupted run leaves the previous output or none."""
from __future__ import annotations

import csv
import os
import tempfile
from contextlib import contextmanager
from dataclasses import astuple
from pathlib import Path
from typing import Iterable, Iterator

from .model import COLUMNS, Action


@contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    os.close(fd)
    try:
        yield Path(tmp)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def _cell(value) -> str:
    return "" if value is None else str(value)


def write_csv(actions: Iterable[Action], target: Path) -> int:
    n = 0
    with atomic_path(target) as tmp, open(tmp, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\r\n")
        w.writerow(COLUMNS)
        for a in actions:
            w.writerow([_cell(v) for v in astuple(a)])
            n += 1
    return n
