"""actionplans: children's-services inspection action plans into one normalised table."""
from importlib.metadata import PackageNotFoundError, version as _version

try:
    __version__ = _version("actionplans")
except PackageNotFoundError:  # running from a source tree without installing
    __version__ = "0.0.0"

from .pipeline import (ConvertOptions, FileResult, Inputs, collect_inputs, convert, convert_file,  # noqa: E402
                       convert_tables, extract_file, find_inputs)
from .options import OptionError  # noqa: E402
from .plandiff.result import diff, diff_versions  # noqa: E402

from .comparison import Comparison, compare, write_report as write_compare_report  # noqa: E402

__all__ = ["convert", "convert_tables", "convert_file", "extract_file", "find_inputs", "collect_inputs", "Inputs",
           "ConvertOptions", "FileResult", "OptionError", "diff", "diff_versions", "compare", "Comparison",
           "write_compare_report", "__version__"]
