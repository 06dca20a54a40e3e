"""Untrusted names on the terminal: control characters, escape sequences, newlines and bidi
overrides in file names are shown escaped by convert -v, diff, inspect, compare and error messages."""
import pytest
from click.testing import CliRunner

from actionplans.cli import main
from actionplans.terminal import shown
from plan_versions import NEW, OLD, write_html

# sets the terminal title, forges a summary line, and reverses the extension's reading order
EVIL = "evil\x1b]0;pwned\x07\n0 failed, all good\u202egnp.html"
RAW = ("\x1b", "\x07", "\u202e", "\n0 failed, all good")


def _run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def _clean(output: str) -> None:
    for raw in RAW:
        assert raw not in output, repr(output)
    assert "\\x1b]0;pwned\\x07\\n0 failed, all good\\u202egnp.html" in output, output


@pytest.mark.parametrize("text, expected", [
    ("plain name.pdf", "plain name.pdf"), ("Zürich café – plan.docx", "Zürich café – plan.docx"),
    ("a\x1b[2Jb", "a\\x1b[2Jb"), ("line\nnext", "line\\nnext"), ("tab\there\r", "tab\\there\\r"),
    ("csi\x9b31m", "csi\\x9b31m"), ("del\x7f", "del\\x7f"),
    ("plan\u202efdp.exe", "plan\\u202efdp.exe"), ("iso\u2066x\u2069", "iso\\u2066x\\u2069"), ("mark\u200f", "mark\\u200f"),
])
def test_shown_escapes_controls_and_bidi_only(text, expected):
    assert shown(text) == expected


def test_convert_verbose_shows_hostile_names_escaped(tmp_path):
    folder = tmp_path / "plans"
    folder.mkdir()
    write_html(OLD, folder / EVIL)
    result = _run("convert", folder, "-o", tmp_path / "out.csv", "-v", "-j", "0")
    assert result.exit_code == 0, result.output
    assert "ok: " in result.output
    _clean(result.output)


def test_diff_and_inspect_show_hostile_names_escaped(tmp_path):
    old = write_html(OLD, tmp_path / "old.html")
    new = write_html(NEW, tmp_path / EVIL)
    result = _run("diff", old, new, "-o", tmp_path / "changes.csv")
    assert result.exit_code == 0, result.output
    _clean(result.output)
    result = _run("inspect", new)
    assert result.exit_code == 0, result.output
    _clean(result.output)


def test_error_messages_show_hostile_names_escaped(tmp_path):
    missing = tmp_path / EVIL
    for args in (("convert", missing, "-o", tmp_path / "o.csv"), ("inspect", missing),
                 ("compare", missing, "-o", tmp_path / "r.html")):
        result = _run(*args)
        assert result.exit_code == 2, result.output
        assert result.output.startswith("error: ") and result.output.count("\n") == 1, result.output
        _clean(result.output)
    broken = tmp_path / EVIL.replace(".html", ".pdf")
    broken.write_bytes(b"%PDF-1.4 not really")
    result = _run("convert", broken, "-o", tmp_path / "o.csv", "-j", "0")
    assert result.exit_code == 1
    assert "\\x1b]0;pwned" in result.output and "\x1b" not in result.output
