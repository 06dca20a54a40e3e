"""A pause of Python's cyclic garbage collector over a burst of short-lived objects.

Reading a PDF page makes thousands of small objects (its lines, segments, cells, shapes), and
extraction and normalisation many small records, none of them in reference cycles: they
are freed by reference counting the moment they are done with. Each time the collector
runs meanwhile it walks every container still alive, which cost a quarter to a third of
the CPU time of a conversion. Paused over one bounded piece of work (a page, one
document's extraction), cycles made meanwhile are collected after it."""
from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator

__all__ = ["paused_gc"]


@contextmanager
def paused_gc() -> Iterator[None]:
    """The collector rests inside the block, and runs again after it only if it ran before
    (a caller that had turned it off keeps it off)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
