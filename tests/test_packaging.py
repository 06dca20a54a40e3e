"""pyproject.toml declares every folder the package is installed from, so `pip install` builds
it without setuptools warning that an importable folder (a data folder) would be left out."""
from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _config() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]


def test_every_folder_of_the_package_is_declared():
    config = _config()
    declared = set(config["packages"])
    for package, folder in config["package-dir"].items():
        for sub in sorted((ROOT / folder).rglob("*")):
            if sub.is_dir() and "__pycache__" not in sub.parts and any(f.is_file() for f in sub.iterdir()):
                name = ".".join([package, *sub.relative_to(ROOT / folder).parts])
                assert name in declared, f"{sub.relative_to(ROOT)} is not declared as {name} in pyproject.toml"


def _folder(config: dict, package: str) -> Path:
    """The folder a package is installed from: its own package-dir, or its nearest declared parent's."""
    dirs = config["package-dir"]
    parts = package.split(".")
    for k in range(len(parts), 0, -1):
        if ".".join(parts[:k]) in dirs:
            return ROOT / dirs[".".join(parts[:k])] / Path(*parts[k:])
    return ROOT / Path(*parts)


def test_every_data_file_is_package_data():
    config = _config()
    data = config["package-data"]
    checked = 0
    for package in config["packages"]:
        folder = _folder(config, package)
        patterns = data.get(package, [])
        for f in folder.iterdir():
            if f.is_file() and f.suffix not in (".py", ".pyc", ".md"):  # a README beside the code is no data
                assert any(f.match(p) for p in patterns), f"{f.relative_to(ROOT)} is not package data of {package}"
                checked += 1
    assert checked >= 15  # the vocabularies, authorities, topics, roles, the report's CSS and script
