"""Command line: a thin shell over :mod:`actionplans.pipeline`."""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import click

from . import __version__
from .errors import InputError
from .inspect import describe, render_text
from .pipeline import ConvertOptions, convert_file, extract_file, find_inputs
from .writers import write_csv


def _options(plan_date, authority) -> ConvertOptions:
    return ConvertOptions(plan_date=plan_date, authority=authority)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="actionplans")
def main() -> None:
    """Convert children's-services inspection action plans (DOCX, PDF, HTML, text
    exports) into one normalised table of actions.

    \b
    Example:
      actionplans convert plans/ -o actions.csv
      actionplans inspect plans/walsall.pdf
    """


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--output", "output", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="Where to write the actions table (CSV).")
@click.option("--plan-date", metavar="YYYY-MM-DD", help="Date of the plan, when the document does not say.")
@click.option("--authority", metavar="NAME", help="Council the plans belong to, when the documents do not say.")
@click.option("-v", "--verbose", is_flag=True, help="List skipped files and per-file results.")
def convert(inputs, output, plan_date, authority, verbose):
    """Convert INPUTS (files, folders searched recursively, or globs) into one table.

    \b
    Example:
      actionplans convert samples -o out/actions.csv
      actionplans convert 'plans/**/*.pdf' -o actions.csv --authority Walsall

    Exit status: 0 all inputs converted, 1 some input failed, 2 usage error.
    """
    try:
        files, skipped = find_inputs(inputs)
    except FileNotFoundError as exc:
        raise click.UsageError(f"no such file, folder or glob match: {exc.args[0]}")
    if verbose:
        for s in skipped:
            click.echo(f"skipped: {s} (not a document)", err=True)
    if not files:
        raise click.UsageError("no documents found in the inputs")
    opts = _options(plan_date, authority)
    start = time.perf_counter()
    actions, failed = [], 0
    for path in files:
        result = convert_file(path, opts)
        if result.ok:
            actions.extend(result.actions)
            if verbose:
                click.echo(f"ok: {path}: {len(result.actions)} actions ({result.seconds:.1f}s)", err=True)
        else:
            failed += 1
            click.echo(f"error: {path}: {result.error}", err=True)
    write_csv(actions, output)
    secs = time.perf_counter() - start
    click.echo(f"{len(files)} files, {len(actions)} actions, {failed} failed, {secs:.1f}s -> {output}", err=True)
    sys.exit(1 if failed else 0)


@main.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the description as JSON.")
@click.option("--plan-date", metavar="YYYY-MM-DD", help="Date of the plan, when the document does not say.")
@click.option("--authority", metavar="NAME", help="Council the plan belongs to.")
def inspect(file, as_json, plan_date, authority):
    """Show what was found in one document: its tables with pages, header rows,
    spans and fills, which column was mapped to which field, rows kept and dropped.

    \b
    Example:
      actionplans inspect samples/002_walsall.pdf
      actionplans inspect plan.docx --json | jq '.tables[0]'
    """
    try:
        ex = extract_file(file, _options(plan_date, authority))
    except InputError as exc:
        click.echo(f"error: {file}: {exc}", err=True)
        sys.exit(1)
    info = describe(ex)
    if as_json:
        click.echo(json.dumps(info, indent=1, ensure_ascii=False))
    else:
        click.echo(render_text(info))


if __name__ == "__main__":  # pragma: no cover
    main()
