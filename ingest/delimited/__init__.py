"""CSV reader (the csv module; delimiter and encoding sniffed): one table, no fills. :func:`read` is the
entry point."""
from .reader import read

__all__ = ["read"]
