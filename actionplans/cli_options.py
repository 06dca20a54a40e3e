"""What every command shares: usage errors as one line, option value types, and the document
options (``@document_options``) that change how a plan is read — declared once, so that
``convert``, ``inspect`` and any other command that reads plans take the same options with the
same checks."""
from __future__ import annotations

import functools
import sys
from typing import Callable, Optional

import click

from .terminal import shown

from .options import OCR_MODES, OptionError, acronyms_value, authority_value, ocr_value, plan_date_value, roster_value
from .settings import ConvertOptions

__all__ = ["OneLineErrors", "document_options", "Count", "Seconds", "usage_line"]


# ---------------------------------------------------------------------------
# usage errors: one line, like file errors
# ---------------------------------------------------------------------------


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def _long_name(param: Optional[click.Parameter]) -> str:
    if param is None:
        return ""
    if isinstance(param, click.Option):
        longs = [o for o in param.opts if o.startswith("--")]
        return (longs or param.opts)[0]
    return param.human_readable_name


def usage_line(exc: click.UsageError) -> str:
    """One line for a usage error: what is wrong, and at most one hint."""
    ctx = exc.ctx
    see = f" (see '{ctx.command_path} --help')" if ctx is not None else ""
    if isinstance(exc, click.NoSuchOption):
        maybe = f"; did you mean {' or '.join(exc.possibilities)}?" if exc.possibilities else ""
        return f"no such option {exc.option_name}{maybe}{see}"
    if isinstance(exc, click.exceptions.NoSuchCommand):
        commands = ", ".join(ctx.command.list_commands(ctx)) if ctx is not None and hasattr(ctx.command, "list_commands") else ""
        return _lower_first(exc.message.rstrip(".")) + (f" (commands: {commands})" if commands else see)
    if isinstance(exc, click.MissingParameter):
        param = exc.param
        what = _long_name(param) or "a value"
        kind = "argument" if isinstance(param, click.Argument) else "option"
        return f"missing {kind} {what}{see}"
    if isinstance(exc, click.BadParameter):
        name = _long_name(exc.param) or (exc.param_hint if isinstance(exc.param_hint, str) else "")
        message = " ".join(exc.message.split()).rstrip(".")
        return f"{name}: {message}" if name else message
    if isinstance(exc, click.BadOptionUsage) and "requires an argument" in exc.message:
        return f"{exc.option_name} needs a value{see}"
    return _lower_first(" ".join(exc.format_message().split()).rstrip("."))


class OneLineErrors(click.Group):
    """A command group whose usage errors are one line on stderr (``error: …``), exit status 2,
    instead of click's usage, hint, blank line and message."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode, **extra)
        try:
            rv = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click.exceptions.NoArgsIsHelpError as exc:  # the bare command: its help, as click gives it
            click.echo(exc.ctx.get_help(), err=True)
            sys.exit(2)
        except click.UsageError as exc:
            exc.message = shown(exc.message)  # names in it escaped before its spaces are tidied
            click.echo(shown(f"error: {usage_line(exc)}"), err=True)
            sys.exit(2)
        except click.ClickException as exc:
            exc.message = shown(exc.message)
            click.echo(shown(f"error: {_lower_first(' '.join(exc.format_message().split()))}"), err=True)
            sys.exit(exc.exit_code)
        except click.Abort:
            click.echo("interrupted", err=True)
            sys.exit(130)
        sys.exit(rv if isinstance(rv, int) else 0)


# ---------------------------------------------------------------------------
# value types
# ---------------------------------------------------------------------------


class Count(click.ParamType):
    """A whole number, 0 or more; ``zero`` says what 0 means."""

    name = "integer"

    def __init__(self, zero: str = ""):
        self.zero = zero

    def convert(self, value, param, ctx):
        if isinstance(value, int) and not isinstance(value, bool):
            n = value
        else:
            try:
                n = int(str(value).strip())
            except ValueError:
                self.fail(f"'{value}' is not a whole number", param, ctx)
        if n < 0:
            self.fail(f"{n} is below 0" + (f" (0: {self.zero})" if self.zero else ""), param, ctx)
        return n


class Seconds(click.ParamType):
    """A number of seconds, 0 or more; ``zero`` says what 0 means."""

    name = "seconds"

    def __init__(self, zero: str = ""):
        self.zero = zero

    def convert(self, value, param, ctx):
        try:
            n = float(value)
        except (TypeError, ValueError):
            n = float("nan")
        if n != n or n in (float("inf"), float("-inf")):  # not a number, NaN or infinite
            self.fail(f"'{value}' is not a number of seconds", param, ctx)
        if n < 0:
            self.fail(f"{value} is below 0" + (f" (0: {self.zero})" if self.zero else ""), param, ctx)
        return n


# ---------------------------------------------------------------------------
# the document options
# ---------------------------------------------------------------------------


def _checked(check: Callable[[str], str]):
    def callback(ctx, param, value):
        if value is None:
            return None
        try:
            return check(value)
        except OptionError as exc:
            raise click.BadParameter(str(exc), ctx=ctx, param=param) from None
    return callback


#: (ConvertOptions field, click option); in the order --help lists them
_DOCUMENT_OPTIONS = (
    ("plan_date", click.option(
        "--plan-date", metavar="YYYY-MM-DD", callback=_checked(plan_date_value),
        help="The plan's date, where the document states none (relative timescales count from it). "
             "A date the document states wins.")),
    ("authority", click.option(
        "--authority", metavar="NAME", callback=_checked(authority_value),
        help="The council, where the document names none. A council the document names wins "
             "(a disagreement is recorded).")),
    ("roster", click.option(
        "--roster", metavar="CSV", callback=_checked(roster_value),
        help="CSV of officers to match owners against: name, role, aliases.")),
    ("acronyms", click.option(
        "--acronyms", metavar="CSV", callback=_checked(acronyms_value),
        help="CSV of acronyms: abbreviation, expansion.")),
    ("password", click.option(
        "--password", envvar="ACTIONPLANS_PDF_PASSWORD", metavar="TEXT",
        help="Password of encrypted PDFs (or set ACTIONPLANS_PDF_PASSWORD).")),
    ("ocr", click.option(
        "--ocr", type=click.Choice(OCR_MODES, case_sensitive=False), callback=_checked(ocr_value),
        help="Read PDF pages from their image with Tesseract: auto (default: scanned pages without "
             "text), always (every page) or never. Needs the ocr extra and the tesseract program.")),
)
DOCUMENT_FIELDS = tuple(name for name, _ in _DOCUMENT_OPTIONS)


def document_options(command):
    """Add --plan-date, --authority, --roster, --acronyms, --password and --ocr to a click command,
    each checked before any file is read (a bad value is a one-line usage error), and pass them
    to the command as one ``options: ConvertOptions`` keyword argument.

        @main.command()
        @click.argument("file")
        @document_options
        def inspect(file, options): ...
    """
    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        values = {name: kwargs.pop(name) for name in DOCUMENT_FIELDS}
        return command(*args, options=ConvertOptions(**values), **kwargs)

    for _, option in reversed(_DOCUMENT_OPTIONS):
        wrapper = option(wrapper)
    return wrapper
