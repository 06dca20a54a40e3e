"""What the timing benchmarks share: the package's bytecode written before anything is timed.

An installed package has its ``.pyc`` files (pip compiles them); a source checkout run with
``PYTHONDONTWRITEBYTECODE`` set (as some shells and CI set it) never writes them, and every
command would then compile the package's sources again: a start-up no user pays. The
benchmarks compile them first, in the folders the package is imported from."""
from __future__ import annotations

import compileall
from importlib.util import find_spec


def compile_package() -> None:
    folders = []
    for package in ("actionplans", "actionplans.ingest", "actionplans.extract", "actionplans.normalise"):
        spec = find_spec(package)
        folders += list(spec.submodule_search_locations or []) if spec else []
    for folder in dict.fromkeys(folders):
        compileall.compile_dir(folder, quiet=1)
