"""actionplans: children's-services inspection action plans into one normalised table.

The public names are imported when first used (PEP 562), not with the package: ``import
actionplans`` costs a few milliseconds, and converting a DOCX never imports the comparison
code and pandas it needs, nor the diff's matcher."""
from typing import TYPE_CHECKING

from .version import __version__

#: public name -> the module that defines it (and the name there, where it differs)
_LAZY = {
    "BatchOptions": ".settings", "ConvertOptions": ".settings", "ExtractSettings": ".settings",
    "PdfSettings": ".settings",
    "FileResult": ".results",
    "Inputs": ".inputs", "collect_inputs": ".inputs", "find_inputs": ".inputs",
    "convert_file": ".conversion", "extract_file": ".conversion",
    "convert": ".pipeline", "convert_tables": ".pipeline",
    "OptionError": ".options",
    "diff": ".plandiff.result", "diff_versions": ".plandiff.result",
    "Comparison": ".comparison", "compare": ".comparison", "write_compare_report": (".comparison", "write_report"),
}

__all__ = ["convert", "convert_tables", "convert_file", "extract_file", "find_inputs", "collect_inputs", "Inputs",
           "ConvertOptions", "BatchOptions", "PdfSettings", "ExtractSettings", "FileResult", "OptionError", "diff",
           "diff_versions", "compare", "Comparison", "write_compare_report", "__version__"]


def __getattr__(name: str):
    where = _LAZY.get(name)
    if where is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import import_module

    module, attr = where if isinstance(where, tuple) else (where, name)
    value = getattr(import_module(module, __name__), attr)
    globals()[name] = value  # the next lookup is a plain module attribute
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


if TYPE_CHECKING:  # pragma: no cover - for readers and the import graph (tests/test_import_graph.py): what the names are
    from .settings import BatchOptions, ConvertOptions, ExtractSettings, PdfSettings  # noqa: F401
    from .results import FileResult  # noqa: F401
    from .inputs import Inputs, collect_inputs, find_inputs  # noqa: F401
    from .conversion import convert_file, extract_file  # noqa: F401
    from .pipeline import convert, convert_tables  # noqa: F401
    from .options import OptionError  # noqa: F401
    from .plandiff.result import diff, diff_versions  # noqa: F401
    from .comparison import Comparison, compare, write_report as write_compare_report  # noqa: F401
