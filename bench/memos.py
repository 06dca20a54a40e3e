"""What the benchmarks share: emptying the package's memos, so a run is timed as a fresh
worker meets a plan (cold), not as the same plan met again (warm)."""
from __future__ import annotations

import sys


def clear_memos() -> int:
    """Empty the memos of text functions (bounded lru_caches of module-level functions of the
    package); returns how many."""
    n = 0
    for name, module in list(sys.modules.items()):
        if not name.startswith("actionplans") or module is None:
            continue
        for value in list(vars(module).values()):
            clear = getattr(value, "cache_clear", None)
            params = getattr(value, "cache_parameters", None)
            maxsize = params()["maxsize"] if callable(params) else None
            if callable(clear) and getattr(value, "__module__", "") == name and maxsize is not None and maxsize > 1:
                clear()
                n += 1
    return n
