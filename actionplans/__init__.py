"""actionplans: children's-services inspection action plans into one normalised table."""
from importlib.metadata import PackageNotFoundError, version as _version

try:
    __version__ = _version("actionplans")
except PackageNotFoundError:  # running from a source tree without installing
    __version__ = "0.0.0"

from .settings import BatchOptions, ConvertOptions, PdfSettings  # noqa: E402
from .results import FileResult  # noqa: E402
from .inputs import Inputs, collect_inputs, find_inputs  # noqa: E402
from .conversion import convert_file, extract_file  # noqa: E402
from .pipeline import convert, convert_tables  # noqa: E402
from .options import OptionError  # noqa: E402
from .plandiff.result import diff, diff_versions  # noqa: E402

__all__ = ["convert", "convert_tables", "convert_file", "extract_file", "find_inputs", "collect_inputs", "Inputs",
           "ConvertOptions", "BatchOptions", "PdfSettings", "FileResult", "OptionError", "diff", "diff_versions", "__version__"]
