"""Command line: a thin shell over :mod:`actionplans.pipeline`."""
from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

import click

from . import __version__
from .errors import InputError
from .inspect import describe, render_text
from .pipeline import ConvertOptions, convert_tables, extract_file, find_inputs, one_line
from .writers import FORMATS, OutputError, output_format, write_tables


def _options(plan_date, authority, pdf_engine=None) -> ConvertOptions:
    return ConvertOptions(plan_date=plan_date, authority=authority, pdf_engine=pdf_engine)


#: where PDF glyphs and shapes are read from (both commands)
pdf_engine_option = click.option(
    "--pdf-engine", type=click.Choice(["pdfium", "pdfminer"]), default=None,
    help="Engine reading PDFs: pdfium (default, fast) or pdfminer (pure Python, the reference).")


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


def journal_path(output: Path) -> Path:
    """Where the resume journal of ``output`` lives (see --resume)."""
    return output.with_name(output.name + ".journal.jsonl")


def _check_user_files(roster, acronyms) -> None:
    """A bad --roster or --acronyms file is a usage error, said once, not a failure per plan."""
    from .normalise.acronyms import load_acronym_file
    from .normalise.owners import load_roster_file

    try:
        if roster:
            load_roster_file(roster)
        if acronyms:
            load_acronym_file(acronyms)
    except InputError as exc:
        raise click.UsageError(str(exc))


class _Progress:
    """Progress bar on a terminal (stderr), error lines as files fail, counts for the summary."""

    def __init__(self, total: int, verbose: bool):
        from tqdm import tqdm

        tqdm.monitor_interval = 0  # no monitor thread in the parent: worker processes are forked from it
        self.verbose = verbose
        self.failed = 0
        self.resumed = 0
        self.bar = tqdm(total=total, unit="file", file=sys.stderr, disable=not sys.stderr.isatty(),
                        dynamic_ncols=True, leave=False)

    def say(self, line: str) -> None:
        if self.bar.disable:
            click.echo(line, err=True)
        else:
            self.bar.write(line, file=sys.stderr)

    def __call__(self, result) -> None:
        if not result.ok:
            self.failed += 1
            self.say(f"error: {result.path}: {result.error}")
            self.bar.set_postfix(failed=self.failed, refresh=False)
        elif not result.actions and not result.resumed:
            # converted, but nothing read as an action: a misread plan or not a plan at all
            self.say(f"note: {result.path}: no actions found (actionplans inspect shows what was read)")
        elif result.resumed:
            self.resumed += 1
            if self.verbose:
                self.say(f"resumed: {result.path}: {len(result.actions)} actions (converted before)")
        elif self.verbose:
            self.say(f"ok: {result.path}: {len(result.actions)} actions ({result.seconds:.1f}s)")
        self.bar.update(1)

    def close(self) -> None:
        self.bar.close()


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--output", "output", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="Where to write the actions table: .csv, .parquet, .xlsx or .jsonl.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), help="Output format, when the name does not say.")
@click.option("--tables", type=click.Choice(["actions", "all"]), default="actions", show_default=True,
              help="'all' also writes the documents, officers and acronyms tables.")
@click.option("--excel-safe", is_flag=True,
              help="Prefix text cells starting with = + - @ with ' (CSV and XLSX), against formula injection.")
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=None,
              help="Worker processes (default: one per core; 0: no worker processes).")
@click.option("--timeout", type=click.FloatRange(min=0), default=120, show_default=True,
              help="Seconds one file may take (0: no limit).")
@click.option("--memory-limit", type=click.IntRange(min=0), default=2048, show_default=True, metavar="MB",
              help="Memory (address space) of one worker, in MB (0: no limit).")
@click.option("--resume", is_flag=True,
              help="Skip inputs already converted (same content, name and options) by an earlier run to OUTPUT.")
@click.option("--dask", metavar="ADDRESS", help="Run on a Dask cluster, e.g. tcp://host:8786 (needs the dask extra).")
@click.option("--plan-date", metavar="YYYY-MM-DD", help="Date of the plan, when the document does not say.")
@click.option("--authority", metavar="NAME", help="Council the plans belong to, when the documents do not say.")
@click.option("--roster", type=click.Path(exists=True, dir_okay=False), help="CSV of officers: name, role, aliases.")
@click.option("--acronyms", type=click.Path(exists=True, dir_okay=False),
              help="CSV of acronyms: abbreviation, expansion.")
@click.option("--expand-acronyms", is_flag=True, help="Add expanded copies of the text columns.")
@click.option("--password", envvar="ACTIONPLANS_PDF_PASSWORD", metavar="TEXT",
              help="Password of encrypted PDFs (or set ACTIONPLANS_PDF_PASSWORD).")
@pdf_engine_option
@click.option("-v", "--verbose", is_flag=True, help="List skipped files and per-file results.")
def convert(inputs, output, fmt, tables, excel_safe, jobs, timeout, memory_limit, resume, dask, plan_date,
            authority, roster, acronyms, expand_acronyms, password, pdf_engine, verbose):
    """Convert INPUTS (files, folders searched recursively, or globs) into one table.

    \b
    Example:
      actionplans convert samples -o out/actions.csv
      actionplans convert 'plans/**/*.pdf' -o actions.xlsx --tables all --excel-safe
      actionplans convert plans/ -o actions.parquet --jobs 4 --timeout 60 --resume

    Each file runs in its own worker process with a time and memory limit; a file that
    fails is named on stderr and the others go on. Outputs are written whole or not at
    all. OUTPUT.journal.jsonl records each converted file for --resume.

    Exit status: 0 all inputs converted, 1 some input failed (the rest are written),
    2 usage error, 3 the output could not be written, 130 interrupted.
    """
    try:
        output_format(output, fmt)
        files, skipped = find_inputs(inputs)
    except OutputError as exc:
        raise click.UsageError(str(exc))
    except FileNotFoundError as exc:
        raise click.UsageError(f"no such file, folder or glob match: {exc.args[0]}")
    if verbose:
        for s in skipped:
            click.echo(f"skipped: {s} (not a document)", err=True)
    if not files:
        raise click.UsageError("no documents found in the inputs")
    _check_user_files(roster, acronyms)
    options = dict(plan_date=plan_date, authority=authority, roster=roster, acronyms=acronyms,
                   expand_acronyms=expand_acronyms, password=password, pdf_engine=pdf_engine, jobs=jobs, timeout=timeout,
                   memory_limit=memory_limit, dask=dask, journal=str(journal_path(output)), resume=resume)
    try:  # find out now, not after converting 2,000 files, that the output cannot be written
        output.parent.mkdir(parents=True, exist_ok=True)
        if not os.access(output.parent, os.W_OK):
            raise PermissionError(13, "permission denied")
    except OSError as exc:
        click.echo(f"error: cannot write {output}: {exc.strerror or exc}", err=True)
        sys.exit(3)
    start = time.perf_counter()
    progress = _Progress(len(files), verbose)
    try:
        result = convert_tables([str(f) for f in files], progress=progress, **options)
    except KeyboardInterrupt:
        progress.close()
        click.echo(f"interrupted: {output} left as it was; rerun with --resume to continue", err=True)
        sys.exit(130)
    except RuntimeError as exc:  # e.g. --dask without the extra, or an unreachable scheduler
        progress.close()
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)
    except OSError as exc:  # e.g. the journal beside the output cannot be written
        progress.close()
        click.echo(f"error: {exc.filename or output}: {exc.strerror or exc}", err=True)
        sys.exit(3)
    try:
        written = write_tables(result, output, fmt, side=tables == "all", safe=excel_safe)
    except KeyboardInterrupt:
        progress.close()
        click.echo(f"interrupted: {output} left as it was; rerun with --resume to continue", err=True)
        sys.exit(130)
    except Exception as exc:  # noqa: BLE001 - whatever stops the write, the user gets one line
        progress.close()
        reason = getattr(exc, "strerror", None) or (str(exc) if isinstance(exc, OutputError) else
                                                    f"{type(exc).__name__}: {one_line(exc)}")
        click.echo(f"error: cannot write {output}: {reason}", err=True)
        sys.exit(3)
    progress.close()
    secs = time.perf_counter() - start
    if verbose:
        for path in written[1:]:
            click.echo(f"wrote: {path}", err=True)
    resumed = f" ({progress.resumed} resumed)" if progress.resumed else ""
    click.echo(f"{len(files)} files{resumed}, {len(result.actions)} actions, {progress.failed} failed, "
               f"{secs:.1f}s -> {output}", err=True)
    sys.exit(1 if progress.failed else 0)


@main.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the description as JSON.")
@click.option("--plan-date", metavar="YYYY-MM-DD", help="Date of the plan, when the document does not say.")
@click.option("--authority", metavar="NAME", help="Council the plan belongs to.")
@pdf_engine_option
def inspect(file, as_json, plan_date, authority, pdf_engine):
    """Show what was found in one document: its tables with pages, header rows,
    spans and fills, which column was mapped to which field, rows kept and dropped.

    \b
    Example:
      actionplans inspect samples/002_c3f8460906c6c51e.pdf
      actionplans inspect plan.docx --json | jq '.tables[0]'
    """
    from .normalise import normalise

    opts = _options(plan_date, authority, pdf_engine)
    try:
        ex = extract_file(file, opts)
    except InputError as exc:
        click.echo(f"error: {file}: {exc}", err=True)
        sys.exit(1)
    info = describe(ex, normalise(ex, opts))
    if as_json:
        click.echo(json.dumps(info, indent=1, ensure_ascii=False))
    else:
        click.echo(render_text(info))


if __name__ == "__main__":  # pragma: no cover
    main()
