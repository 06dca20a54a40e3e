"""Run a batch of files, each in a worker process that can be killed.

A file that hangs hits the per-file time limit, one that eats memory hits the worker's
address-space limit, one that crashes the interpreter (a segfault in a C library) kills
only its worker: each costs that file alone, and the pool (pebble, which replaces dead
workers, unlike the stdlib ProcessPoolExecutor) goes on with the rest. Results come back
in input order whatever order they finish in, so ``jobs=2`` gives what ``jobs=1`` gives.

The same per-file function, :func:`convert_one`, runs on a Dask distributed cluster
(``dask="tcp://host:8786"``) for corpora that outgrow one machine.
"""
from __future__ import annotations

import concurrent.futures
import os
import signal
import time
from dataclasses import replace
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional, Sequence

from .journal import file_sha256, journal_key, open_journal, options_fingerprint
from .conversion import convert_file, crash_reason, one_line
from .results import FileResult
from .settings import BatchOptions, ConvertOptions

#: a per-file function: (path, options) -> FileResult; module level, so it pickles by name
Worker = Callable[[str, ConvertOptions], FileResult]


def convert_one(path: str, options: ConvertOptions) -> FileResult:
    """The per-file function run in a worker: convert, and drop the Document before the
    result crosses back (it can be large; the tables need only the rows and counts)."""
    return replace(convert_file(path, options), extraction=None)


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


# ---------------------------------------------------------------------------
# the worker process
# ---------------------------------------------------------------------------


def _init_worker(memory_limit_mb: Optional[int], clock: Optional["_Clock"] = None) -> None:
    """Runs once in each worker: bound its address space, no core dumps, leave Ctrl-C to the
    parent (which stops the pool), and keep the pool's clock (see :func:`_timed`)."""
    import faulthandler

    global _CLOCK
    _CLOCK = clock

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if faulthandler.is_enabled():  # a crash is reported as one line by the parent, not a stack dump
        faulthandler.disable()
    try:
        import resource
    except ImportError:  # pragma: no cover - not POSIX: the time limit still holds
        return
    try:
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        if memory_limit_mb:  # on top of what the worker holds already (what it shares with the parent)
            limit = _address_space() + int(memory_limit_mb) * 1024 * 1024
            _, hard = resource.getrlimit(resource.RLIMIT_AS)
            if hard != resource.RLIM_INFINITY:
                limit = min(limit, hard)
            resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ValueError, OSError):  # pragma: no cover - a platform without RLIMIT_AS (macOS)
        pass


def _address_space() -> int:
    """Bytes of address space this process has mapped now (0 where /proc is missing)."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0


def _signal_name(exitcode: Optional[int]) -> str:
    if exitcode is not None and exitcode < 0:
        try:
            return signal.Signals(-exitcode).name
        except ValueError:
            return f"signal {-exitcode}"
    return f"exit status {exitcode}"


def failure_reason(exc: BaseException, timeout: Optional[float]) -> str:
    """One line for a file whose worker did not return a result."""
    from pebble import ProcessExpired

    if isinstance(exc, (concurrent.futures.TimeoutError, TimeoutError)):
        return timeout_reason(timeout, 0)
    if isinstance(exc, ProcessExpired):
        name = _signal_name(exc.exitcode)
        if name == "SIGKILL":
            return "worker process was killed (SIGKILL, possibly out of memory)"
        return f"worker process died ({name}) while converting this file"
    if isinstance(exc, MemoryError):
        return "out of memory while converting (raise --memory-limit if the file is genuine)"
    if isinstance(exc, RecursionError):
        return "document structure nested too deeply"
    return crash_reason(exc)


# ---------------------------------------------------------------------------
# executors: each yields (index, FileResult) in completion order
# ---------------------------------------------------------------------------

Item = tuple[int, str]  # (index in the batch, path)
#: how long to try to reach a Dask scheduler
DASK_CONNECT_SECONDS = 10
DASK_POLL_SECONDS = 0.05
#: a worker is replaced after this many files, so whatever a reader leaks is given back
TASKS_PER_WORKER = 50


def _run_here(items: Sequence[Item], options: ConvertOptions, worker: Worker) -> Iterator[tuple[int, FileResult]]:
    for i, path in items:
        yield i, worker(path, options)


#: the reader a file's extension names (a file whose content says otherwise is still read: its
#: worker imports that reader itself)
_SUFFIX_READER = {".docx": "docx", ".pdf": "pdf", ".html": "html", ".htm": "html", ".xhtml": "html",
                  ".txt": "txt", ".md": "md", ".markdown": "md", ".xlsx": "xlsx", ".xlsm": "xlsx",
                  ".ods": "ods", ".csv": "csv", ".tsv": "csv"}


def _preload(paths: Iterable[str] = (), warm: bool = True) -> None:
    """Import the stages once in the parent, so forked workers share them instead of each
    importing them again (and all run the same code): extract and normalise, and the readers
    of the formats at hand only (a DOCX batch never imports the HTML or PDF reader's libraries).
    With ``warm``, the stages' packaged data is loaded too (:func:`_warm_up`)."""
    import importlib

    for name in ("actionplans.ingest", "actionplans.extract", "actionplans.normalise"):
        try:
            importlib.import_module(name)
        except Exception:  # a broken stage is reported per file by the workers
            pass
    try:
        from actionplans.ingest import _reader

        for fmt in sorted({_SUFFIX_READER.get(Path(p).suffix.lower()) for p in paths} - {None}):
            _reader(fmt)
    except Exception:
        pass
    if not warm:
        return
    try:
        _warm_up()
    except Exception:  # a broken stage is reported per file by the workers
        pass


def _warm_up() -> None:
    """Extract and normalise a small plan made here, in the parent: the stages load their
    packaged data on first use (column vocabulary, date grammar, council names, owner and RAG
    words: about 0.1 CPU s), which every forked worker would do again — and again each time a
    worker is replaced (every TASKS_PER_WORKER files). Loaded here, the workers inherit it."""
    from .extract import extract
    from .model import Cell, Document, Heading, Paragraph, Row, Table
    from .normalise import normalise_document

    header = ("Ref", "Recommendation", "Action", "Lead officer", "Timescale", "RAG rating")
    row = ("1.1", "Improve the quality of supervision", "Audit of supervision records", "Head of Service",
           "March 2015", "Amber")
    doc = Document(source="warm-up", format="txt", blocks=(
        Heading("Children's services improvement plan", level=0), Paragraph("Agreed by the council in 2014"),
        Table(rows=(Row(cells=tuple(Cell(t, bold=True) for t in header), is_header=True),
                    Row(cells=tuple(Cell(t) for t in row))))))
    normalise_document(extract(doc))


#: a page read by OCR lengthens its file's time limit by this share of --timeout (30 s of the
#: default 120 s): a scan of many pages is not cut short, and a file without OCR keeps its limit
OCR_PAGE_SHARE = 0.25
#: how often the parent looks at the running files' limits
LIMIT_POLL_SECONDS = 0.1


class _Clock:
    """Where each file of a pool's batch stands against its time limit, in memory shared with the
    workers: when it started (wall clock, 0 before) and the pages it has read by OCR so far. Only
    the worker converting a file writes its slot; the parent reads them."""

    def __init__(self, n: int):
        import multiprocessing

        self.started = multiprocessing.RawArray("d", max(n, 1))
        self.ocr_pages = multiprocessing.RawArray("i", max(n, 1))


_CLOCK: Optional[_Clock] = None  # in a worker: the pool's clock (set by _init_worker)


def _timed(worker: Worker, slot: int, path: str, options: ConvertOptions) -> FileResult:
    """Runs in a worker: ``worker`` on one file, its start and its OCR pages on the clock."""
    from . import deadline

    clock = _CLOCK
    if clock is None:
        return worker(path, options)
    clock.started[slot] = time.time()

    def ocr_pages(pages: int) -> None:
        clock.ocr_pages[slot] += pages

    deadline.listen(ocr_pages)
    try:
        return worker(path, options)
    finally:
        deadline.listen(None)


def time_limit(timeout: float, ocr_pages: int) -> float:
    """A file's time limit: ``timeout``, and a share of it (:data:`OCR_PAGE_SHARE`) for each page
    it has read by OCR."""
    return timeout * (1 + OCR_PAGE_SHARE * ocr_pages)


def timeout_reason(timeout: float, ocr_pages: int) -> str:
    if not ocr_pages:
        return f"timed out after {timeout:g} s (raise --timeout if the file is genuine)"
    return (f"timed out after {time_limit(timeout, ocr_pages):g} s ({timeout:g} s, and {OCR_PAGE_SHARE * timeout:g} s "
            f"for each of its {ocr_pages} page(s) read by OCR; raise --timeout if the file is genuine)")


def _run_pool(items: Sequence[Item], options: ConvertOptions, batch: BatchOptions,
              worker: Worker) -> Iterator[tuple[int, FileResult]]:
    """The files on a pool of worker processes. The time limit is watched here, not by pebble: a
    file's limit grows with the pages it reads by OCR (:func:`time_limit`), which only its worker
    knows as it goes; a file past its limit has its worker killed (pebble replaces it). Finished
    files come through their futures' callbacks and the limits are checked over all files at once
    with numpy, so a batch of many thousand files costs the parent little."""
    import queue

    import numpy as np
    from pebble import ProcessPool

    jobs = batch.jobs or default_jobs()
    timeout = batch.timeout or None
    workers = min(jobs, max(1, len(items)))
    # the data loaded once in the parent is worth it only when a worker converts several files (a
    # single file's command would load it in the parent instead of its one worker)
    _preload((path for _, path in items), warm=len(items) > workers)
    clock = _Clock(len(items)) if timeout else None
    pool = ProcessPool(max_workers=workers, max_tasks=TASKS_PER_WORKER,
                       initializer=_init_worker, initargs=(batch.memory_limit or None, clock))
    try:
        finished: queue.SimpleQueue = queue.SimpleQueue()
        futures = {}
        by_slot = []
        for slot, (i, path) in enumerate(items):
            fut = pool.schedule(_timed, args=(worker, slot, path, options))
            futures[fut] = (slot, i, path)
            by_slot.append(fut)
            fut.add_done_callback(finished.put)
        if clock is not None:
            started = np.frombuffer(clock.started, dtype=np.float64)
            pages = np.frombuffer(clock.ocr_pages, dtype=np.int32)
        timed_out: set[int] = set()
        remaining = len(futures)
        checked = time.monotonic()
        while remaining:
            try:
                fut = finished.get(timeout=LIMIT_POLL_SECONDS if clock is not None else None)
            except queue.Empty:
                fut = None
            if fut is not None:
                slot, i, path = futures[fut]
                if slot not in timed_out:  # a file cancelled here was reported when it was
                    remaining -= 1
                    if clock is not None:
                        started[slot] = -1.0  # done: its clock stops
                    exc = fut.exception()
                    yield i, (fut.result() if exc is None else FileResult(path=path, error=failure_reason(exc, timeout)))
            if clock is None or time.monotonic() - checked < LIMIT_POLL_SECONDS:
                continue
            checked = time.monotonic()
            over = np.flatnonzero((started > 0) & (time.time() - started > timeout * (1 + OCR_PAGE_SHARE * pages)))
            for slot in over.tolist():
                fut = by_slot[slot]
                n_pages = int(pages[slot])
                if fut.cancel():
                    timed_out.add(slot)
                    started[slot] = -1.0
                    remaining -= 1
                    yield futures[fut][1], FileResult(path=futures[fut][2], error=timeout_reason(timeout, n_pages))
        pool.close()
    except BaseException:  # Ctrl-C or a failing consumer: kill the workers, leave nothing running
        pool.stop()
        raise
    finally:
        pool.join()


def on_dask_worker(worker: Worker, path: str, options: ConvertOptions) -> FileResult:
    """Runs on a Dask worker: the per-file function, after checking the worker sees the file."""
    if not os.path.exists(path):
        return FileResult(path=path, error="not found on the Dask worker (the inputs must be on a filesystem "
                                           "the workers share, at the same path)")
    return worker(path, options)


def _run_dask(items: Sequence[Item], options: ConvertOptions, batch: BatchOptions,
              worker: Worker) -> Iterator[tuple[int, FileResult]]:
    """The same per-file function on a Dask cluster. The inputs must be readable at the same
    path on the workers (a shared filesystem). Dask cannot kill one task, so the time limit
    is a stall limit: when no file completes for ``timeout`` seconds, the files still
    outstanding are reported as timed out and the batch ends."""
    try:
        from distributed import Client
    except ImportError as exc:
        raise RuntimeError("--dask needs the dask extra: pip install 'actionplans[dask]'") from exc

    timeout = batch.timeout or None
    try:
        client = Client(batch.dask, set_as_default=False, timeout=DASK_CONNECT_SECONDS)
    except (OSError, TimeoutError, ValueError) as exc:
        raise RuntimeError(f"cannot reach the Dask scheduler at {batch.dask} ({one_line(exc) or type(exc).__name__})") from None
    with client:
        paths = [str(Path(p).resolve()) for _, p in items]
        futures = client.map(on_dask_worker, [worker] * len(paths), paths, [options] * len(paths), pure=False)
        index = {f.key: item for f, item in zip(futures, items)}
        pending = list(futures)
        last_progress = time.monotonic()
        while pending:
            done = [f for f in pending if f.done()]
            if not done:
                if timeout and time.monotonic() - last_progress > timeout:
                    for f in pending:
                        f.cancel()
                        i, path = index[f.key]
                        yield i, FileResult(path=path, error=f"timed out: no file finished on the Dask cluster "
                                                             f"for {timeout:g} s")
                    return
                time.sleep(DASK_POLL_SECONDS)
                continue
            last_progress = time.monotonic()
            for f in done:
                i, path = index[f.key]
                if f.status == "finished":
                    yield i, replace(f.result(), path=path)
                else:
                    exc = f.exception()
                    reason = ("Dask worker died while converting this file" if type(exc).__name__ == "KilledWorker"
                              else failure_reason(exc, timeout))
                    yield i, FileResult(path=path, error=reason)
            done_keys = {f.key for f in done}
            pending = [f for f in pending if f.key not in done_keys]


# ---------------------------------------------------------------------------
# the batch
# ---------------------------------------------------------------------------


def run_batch(paths: Iterable[str | os.PathLike], options: ConvertOptions = ConvertOptions(),
              batch: BatchOptions = BatchOptions(), on_result: Optional[Callable[[FileResult], None]] = None,
              worker: Optional[Worker] = None) -> list[FileResult]:
    """Convert ``paths``; one FileResult per path, in input order.

    ``on_result`` is called with each result as it completes (completion order), e.g. for a
    progress bar. ``worker`` replaces the per-file function (library use and tests only; it
    must be a module-level function). Interrupting (KeyboardInterrupt) stops the workers; the
    journal keeps what was done.
    """
    worker = worker or convert_one
    paths = [os.fspath(p) for p in paths]
    results: list[Optional[FileResult]] = [None] * len(paths)
    fingerprint = options_fingerprint(options)
    journal = open_journal(batch.journal)
    done_before = journal.load() if (journal and batch.resume) else {}
    keys: dict[int, str] = {}
    todo: list[Item] = []

    def finish(i: int, result: FileResult) -> None:
        result = replace(result, path=paths[i], sha256=hashes.get(i, ""))
        results[i] = result
        if journal is not None and result.ok and i in keys:
            journal.append(keys[i], result)
        if on_result is not None:
            on_result(result)

    hashes: dict[int, str] = {}
    try:
        for i, path in enumerate(paths):
            try:
                hashes[i] = file_sha256(path)
            except OSError as exc:
                finish(i, FileResult(path=path, error=one_line(f"cannot open file ({exc.strerror or exc})")))
                continue
            keys[i] = journal_key(hashes[i], path, fingerprint)
            cached = done_before.get(keys[i])
            if cached is not None:
                results[i] = replace(cached, path=path, sha256=hashes[i], resumed=True)
                if on_result is not None:
                    on_result(results[i])
            else:
                todo.append((i, path))
        if batch.dask:
            runs = _run_dask(todo, options, batch, worker)
        elif batch.jobs == 0:
            runs = _run_here(todo, options, worker)
        else:
            runs = _run_pool(todo, options, batch, worker) if todo else iter(())
        try:
            for i, result in runs:
                finish(i, result)
        finally:  # on an interrupt, stop the workers now, not when the generator is collected
            close = getattr(runs, "close", None)
            if close is not None:
                close()
    finally:
        if journal is not None:
            journal.close()
    return [r for r in results if r is not None]

