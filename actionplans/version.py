"""The package's version, written here once (a leaf: the journal's fingerprint and ``--version``
read it without importing the package's top). ``pyproject.toml`` takes it from here (setuptools
reads the literal without importing), so reading it costs nothing at start-up, where
``importlib.metadata`` would cost tens of milliseconds."""
__version__ = "0.1.0"
