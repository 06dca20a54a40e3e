"""What a run leaves beside its outputs, and who may write them.

- **Temporary files** (an output is written to a temporary file beside it and renamed into
  place) have short names that carry the writer's process id and host:
  ``.ap-<pid>-<host>-<random>.part``. A name near the file system's 255-byte limit still
  works (the temporary name does not repeat the output's name), and a run killed half-way
  leaves files that the next run can prove are ours and stale: our prefix, our host, a
  process id that is no longer running. Those, and only those, are removed when a command
  starts (:func:`clean_stale`).
- **The output lock**: two runs writing the same output set (``convert -o a.csv`` twice at
  once: its side tables, its CSVW metadata, its resume journal) would interleave. Each
  command holds an exclusive ``fcntl.flock`` on a lock file beside its output for the whole
  run (:func:`output_lock`); a second run into the same output fails at once with a clear
  message. The lock file is removed when the run ends (while still held, so a waiting run
  that opened the old file sees it unlinked and never takes it as its own); a killed run's
  lock file is released by the kernel and reused by the next run.

Hand-written on ``fcntl`` (30 lines) rather than the ``filelock`` package: its 4.x releases
install process-wide fork and audit hooks, which a program that forks worker processes from
its parent is better without.
"""
from __future__ import annotations

import hashlib
import os
import re
import socket
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, Optional

__all__ = ["TEMP_PREFIX", "temp_prefix", "clean_stale", "OutputLocked", "output_lock", "lock_path"]

#: every temporary file actionplans writes beside an output starts with this
TEMP_PREFIX = ".ap-"
#: suffixes of our temporary files: an output being written, a write check
TEMP_SUFFIXES = (".part", ".probe")
_TEMP_NAME = re.compile(r"^\.ap-(\d+)-([0-9a-f]{4})-[A-Za-z0-9_]+\.(part|probe)$")


def _host_tag() -> str:
    """Four hex digits naming this machine: a process id is only checked on the host that wrote it
    (an output folder on a shared file system is written from several machines)."""
    return hashlib.sha1(socket.gethostname().encode("utf-8", "replace")).hexdigest()[:4]


def temp_prefix() -> str:
    """The prefix of this process's temporary files: ``.ap-<pid>-<host>-`` (the random part and
    the suffix follow)."""
    return f"{TEMP_PREFIX}{os.getpid()}-{_host_tag()}-"


def _running(pid: int) -> bool:
    if pid <= 0:
        return True  # not a process id we wrote: treat as alive, never remove
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # EPERM: it runs, under another account
        return True
    return True


def clean_stale(folder: str | os.PathLike) -> list[Path]:
    """Remove the temporary files a killed run of actionplans left in ``folder``: names of our
    pattern, written on this host by a process that is no longer running. Returns those removed;
    anything else (another program's files, a live run's, another host's) is left alone."""
    host = _host_tag()
    removed = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        m = _TEMP_NAME.match(entry.name)
        if m is None or m.group(2) != host or int(m.group(1)) == os.getpid() or _running(int(m.group(1))):
            continue
        try:
            if entry.is_file(follow_symlinks=False):
                os.unlink(entry.path)
                removed.append(Path(entry.path))
        except OSError:
            pass
    return removed


class OutputLocked(Exception):
    """Another run holds the lock of this output; the message says which output (and pid)."""


def lock_path(output: str | os.PathLike) -> Path:
    """The lock file of ``output``: beside it, named by a hash of its resolved path (short
    whatever the output's name)."""
    target = Path(output).resolve()
    digest = hashlib.sha1(str(target).encode("utf-8", "surrogateescape")).hexdigest()[:12]
    return target.parent / f"{TEMP_PREFIX}{digest}.lock"


#: the lock files this process holds: closed in forked children (a worker must not keep a lock alive)
_HELD: dict[int, Path] = {}


def _close_in_child() -> None:
    for fd in list(_HELD):
        try:
            os.close(fd)
        except OSError:
            pass
    _HELD.clear()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_close_in_child)


def _holder(path: Path) -> Optional[str]:
    try:
        text = path.read_text(encoding="ascii", errors="replace").strip()
    except OSError:
        return None
    return text if text.isdigit() else None


@contextmanager
def output_lock(output: str | os.PathLike, shown_as: Optional[str] = None) -> Iterator[Path]:
    """Hold the lock of ``output`` for the ``with`` block; raises OutputLocked at once when another
    run holds it. Where the file system cannot lock (no flock), the run goes on unlocked."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX: no lock, as before
        yield lock_path(output)
        return
    path = lock_path(output)
    name = shown_as or str(output)
    while True:
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
        except OSError:  # a folder we cannot write: the write itself will say so, naming the output
            yield path
            return
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            pid = _holder(path)
            by = f" (process {pid})" if pid else ""
            raise OutputLocked(f"another actionplans run{by} is writing {name}: wait for it to finish, "
                               f"or write the output elsewhere") from None
        except OSError:  # a file system without flock: no lock, as before
            os.close(fd)
            yield path
            return
        try:
            same = os.path.samestat(os.fstat(fd), os.stat(path))
        except OSError:
            same = False
        if same:
            break
        os.close(fd)  # the holder removed the file as we opened it: lock the one now there
    _HELD[fd] = path
    try:
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode("ascii"))
    except OSError:
        pass
    try:
        yield path
    finally:
        try:
            os.unlink(path)  # while still held: a run that opened it meanwhile sees it gone and retries
        except OSError:
            pass
        _HELD.pop(fd, None)
        os.close(fd)
