"""Run an actionplans command with its stderr on a pseudo-terminal, as a user at a terminal sees
it (the progress bar shows only there): for the progress tests of convert, diff and compare."""
from __future__ import annotations

import fcntl
import os
import pty
import struct
import subprocess
import sys
import termios
import threading


def on_a_terminal(args: list[str]) -> tuple[int, str, bytes]:
    """(exit status, what a 100-column terminal showed, stdout) of ``actionplans ARGS``."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    chunks = []

    def drain():  # read the terminal while the command runs, or a full pty buffer blocks it
        while True:
            try:
                data = os.read(master, 65536)
            except OSError:  # the terminal is closed once everything is read
                return
            if not data:
                return
            chunks.append(data)

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    try:
        proc = subprocess.run([sys.executable, "-m", "actionplans.cli", *args], stderr=slave,
                              stdout=subprocess.PIPE, stdin=subprocess.DEVNULL, timeout=300)
        os.close(slave)
        slave = None
        reader.join(timeout=30)
    finally:
        if slave is not None:
            os.close(slave)
        os.close(master)
    return proc.returncode, b"".join(chunks).decode("utf-8", "replace"), proc.stdout
