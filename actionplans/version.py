"""The installed package's version (a leaf: the journal's fingerprint and ``--version`` read it
without importing the package's top)."""
from importlib.metadata import PackageNotFoundError, version as _version

try:
    __version__ = _version("actionplans")
except PackageNotFoundError:  # running from a source tree without installing
    __version__ = "0.0.0"
