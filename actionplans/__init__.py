"""actionplans: children's-services inspection action plans into one normalised table."""
from importlib.metadata import PackageNotFoundError, version as _version

try:
    __version__ = _version("actionplans")
except PackageNotFoundError:  # running from a source tree without installing
    __version__ = "0.0.0"

from .pipeline import ConvertOptions, FileResult, convert, convert_file, convert_tables, extract_file, find_inputs  # noqa: E402
from .plandiff.result import diff, diff_versions  # noqa: E402

__all__ = ["convert", "convert_tables", "convert_file", "extract_file", "find_inputs", "ConvertOptions", "FileResult",
           "diff", "diff_versions", "__version__"]
