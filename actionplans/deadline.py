"""More time for a file that turns out to need it: the hook a reader calls before slow work.

The batch gives each file ``--timeout`` seconds. Reading a scanned page by OCR takes seconds a
page (about 4 at 300 dpi), so a long scan would need a limit that no born-digital file should
have; instead the PDF reader calls :func:`more_time` as it starts reading each page by OCR, and
the batch's worker (see :mod:`actionplans.batch`) lengthens that file's limit by a share of
``--timeout`` for each such page. Outside a batch worker (a file converted in-process, ``inspect``)
nothing listens and the call does nothing.
"""
from __future__ import annotations

from typing import Callable, Optional

_listener: Optional[Callable[[int], None]] = None


def listen(listener: Optional[Callable[[int], None]]) -> None:
    """Set (or, with None, clear) what :func:`more_time` tells: a function of the number of pages."""
    global _listener
    _listener = listener


def more_time(pages: int = 1) -> None:
    """Say that ``pages`` pages are about to be read by OCR."""
    if _listener is not None:
        _listener(pages)
