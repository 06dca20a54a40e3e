"""scipy's ``linear_sum_assignment`` without importing ``scipy.optimize``.

The function is scipy's compiled ``scipy.optimize._lsap`` module; importing it the ordinary
way runs ``scipy/optimize/__init__.py``, which imports all of scipy.optimize (linear algebra,
sparse matrices, special functions: a third of a second, more than reading a small plan) for
a column x field assignment at most a dozen wide. :func:`linear_sum_assignment` loads the
compiled module alone from scipy's folder (the same code, so the same assignment, ties
included) and falls back on the ordinary import wherever that does not work.
"""
from __future__ import annotations

from typing import Callable, Optional

__all__ = ["linear_sum_assignment"]

_SOLVER: Optional[Callable] = None


def _load_compiled() -> Optional[Callable]:
    """``scipy.optimize._lsap.linear_sum_assignment``, loaded without its package; None if it cannot be."""
    import importlib.machinery
    import importlib.util
    import os
    import sys

    name = "scipy.optimize._lsap"
    loaded = sys.modules.get(name)
    if loaded is not None:
        return getattr(loaded, "linear_sum_assignment", None)
    try:
        spec = importlib.util.find_spec("scipy")
        folders = list(spec.submodule_search_locations or []) if spec else []
        for folder in folders:
            for suffix in importlib.machinery.EXTENSION_SUFFIXES:
                path = os.path.join(folder, "optimize", "_lsap" + suffix)
                if os.path.exists(path):
                    loader = importlib.machinery.ExtensionFileLoader(name, path)
                    module = importlib.util.module_from_spec(importlib.util.spec_from_loader(name, loader))
                    loader.exec_module(module)
                    return getattr(module, "linear_sum_assignment", None)
    except Exception:  # another scipy layout: the ordinary import below
        return None
    return None


def linear_sum_assignment(cost, maximize: bool = False):
    """As ``scipy.optimize.linear_sum_assignment`` (it is the same compiled function)."""
    global _SOLVER
    if _SOLVER is None:
        _SOLVER = _load_compiled()
        if _SOLVER is None:
            from scipy.optimize import linear_sum_assignment as solver

            _SOLVER = solver
    return _SOLVER(cost, maximize=maximize)
