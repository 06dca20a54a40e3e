"""actionplans: children's-services inspection action plans into one normalised table."""
from .version import __version__
from .settings import BatchOptions, ConvertOptions, ExtractSettings, PdfSettings
from .results import FileResult
from .inputs import Inputs, collect_inputs, find_inputs
from .conversion import convert_file, extract_file
from .pipeline import convert, convert_tables
from .options import OptionError
from .plandiff.result import diff, diff_versions

from .comparison import Comparison, compare, write_report as write_compare_report  # noqa: E402

__all__ = ["convert", "convert_tables", "convert_file", "extract_file", "find_inputs", "collect_inputs", "Inputs",
           "ConvertOptions", "BatchOptions", "PdfSettings", "ExtractSettings", "FileResult", "OptionError", "diff",
           "diff_versions", "compare", "Comparison", "write_compare_report", "__version__"]
