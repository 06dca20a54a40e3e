"""actionplans: children's-services inspection action plans into one normalised table."""
from importlib.metadata import PackageNotFoundError, version as _version

try:
    __version__ = _version("actionplans")
except PackageNotFoundError:  # running from a source tree without installing
    __version__ = "0.0.0"

from .pipeline import ConvertOptions, FileResult, convert, convert_file, convert_tables, extract_file, find_inputs  # noqa: E402

from .comparison import Comparison, compare, write_report as write_compare_report  # noqa: E402

__all__ = ["compare", "Comparison", "write_compare_report", "convert", "convert_tables", "convert_file", "extract_file", "find_inputs", "ConvertOptions", "FileResult", "__version__"]
