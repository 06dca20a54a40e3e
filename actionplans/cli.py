"""Command line: a thin shell over :mod:`actionplans.pipeline`."""
from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from contextlib import contextmanager
from dataclasses import fields, replace
from pathlib import Path
from typing import Optional

import click

from .version import __version__
from .cli_options import DOCUMENT_FIELDS, Count, OneLineErrors, Seconds, document_options
from .errors import InputError
from .inspect import describe, render_text
from .journal import journal_for
from .conversion import extract_file, one_line
from .inputs import Inputs, collect_inputs
from .pipeline import convert_tables
from .outputs import clash, same_file, written_by_actionplans
from .outputlock import OutputLocked, clean_stale, output_lock, temp_prefix
from .terminal import shown
from .owntables import DEFAULT_MAX_ROWS
from .settings import BatchOptions
from .writers import FORMATS, OutputError, report_format, output_files, output_format, write_tables


#: where PDF glyphs and shapes are read from (convert and inspect)
pdf_engine_option = click.option(
    "--pdf-engine", type=click.Choice(["pdfium", "pdfminer"]), default=None,
    help="Engine reading PDFs: pdfium (default, fast) or pdfminer (pure Python, the reference).")


#: one rule against spreadsheet formula injection for every CSV a command writes (cellsafe.py)
excel_safe_option = click.option(
    "--excel-safe/--no-excel-safe", "excel_safe", default=True, show_default=True,
    help="Prefix CSV text cells a spreadsheet would run as a formula (= + - @, tab, CR) with ' "
         "(OWASP); --no-excel-safe writes them as they are. XLSX cells are text and never prefixed.")


#: the batch's isolation and limits: one definition, so convert, diff and compare take the same
#: options with the same defaults and meaning (a document runs in a worker process that is
#: stopped past --timeout and --memory-limit, as actionplans.batch says)
def jobs_option(help_text: str = "Worker processes (default: one per core; 0: no worker processes)."):
    return click.option("-j", "--jobs", type=Count("no worker processes"), default=None, metavar="N", help=help_text)


timeout_option = click.option("--timeout", type=Seconds("no limit"), default=120, show_default=True,
                              help="Seconds one file may take (0: no limit).")
memory_limit_option = click.option("--memory-limit", type=Count("no limit"), default=2048, show_default=True,
                                   metavar="MB", help="Memory (address space) of one worker, in MB (0: no limit).")
#: rows read from one table (diff and compare read convert's tables back)
max_rows_option = click.option(
    "--max-rows", type=Count("no limit"), default=DEFAULT_MAX_ROWS, show_default=True, metavar="N",
    help="Rows read from one actions table (CSV, Parquet, JSON Lines, XLSX) at most; a table with more "
         "is refused (0: no limit).")
verbose_option = click.option("-v", "--verbose", is_flag=True, help="List per-file results as documents convert.")


def _hold_output(output: Path, *folders: Path) -> None:
    """For the rest of the command: hold the lock of ``output`` (another run writing it stops this
    one, exit status 3), after removing the temporary files killed runs of ours left beside it."""
    ctx = click.get_current_context()
    try:
        ctx.with_resource(output_lock(output))
    except OutputLocked as exc:
        click.echo(shown(f"error: {exc}"), err=True)
        sys.exit(3)
    for folder in {output.parent, *folders}:
        clean_stale(folder)


@click.group(cls=OneLineErrors, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="actionplans")
def main() -> None:
    """Convert children's-services inspection action plans (DOCX, PDF, HTML, text
    exports) into one normalised table of actions.

    \b
    Example:
      actionplans convert plans/ -o actions.csv
      actionplans inspect plans/walsall.pdf
    """



def _refuse_overwriting(planned, named, walked=(), ours=written_by_actionplans) -> None:
    """A usage error when a file about to be written is an input: named as one (``named``), or
    found in a folder walk (``walked``) and not one actionplans wrote (``ours``)."""
    hit = clash(planned, named)
    if hit is None:
        hit = next(((o, i) for o, i in [clash([p], walked) or (None, None) for p in planned]
                    if o is not None and not ours(i)), None)
    if hit is not None:
        out, inp = hit
        same = "" if str(out) == str(inp) else f" ({inp})"
        raise click.UsageError(f"the output {out} is also an input{same}: refusing to overwrite it; "
                               f"write the output elsewhere")


@contextmanager
def _reading_inputs(output: Path):
    """diff and compare reading their inputs: a file that cannot be read is one error line (exit
    status 1), Ctrl-C leaves ``output`` as it was (130)."""
    try:
        yield
    except InputError as exc:
        click.echo(shown(f"error: {exc}"), err=True)
        sys.exit(1)
    except KeyboardInterrupt:
        click.echo(shown(f"interrupted: {output} left as it was"), err=True)
        sys.exit(130)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _check_writable(output: Path, shown_as: Optional[str] = None) -> None:
    """Find out now, not after converting 2,000 files, that the output cannot be written: make
    its folder and a file in it (a permission check alone says yes to root, even in /proc).
    ``-o a.csv/x.csv`` where ``a.csv`` is a file says so."""
    from .writers import file_in_the_way, in_the_way_error

    blocker = file_in_the_way(output)
    if blocker is not None:
        exc = in_the_way_error(output, blocker)
        click.echo(shown(f"error: cannot write {shown_as or output}: {exc.strerror}"), err=True)
        sys.exit(3)
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        if output.exists() and output.is_dir():
            raise IsADirectoryError(21, "is a folder")
        with tempfile.NamedTemporaryFile(dir=output.parent, prefix=temp_prefix(), suffix=".probe"):
            pass
    except OSError as exc:
        click.echo(shown(f"error: cannot write {output}: {exc.strerror or exc}"), err=True)
        sys.exit(3)


def _resume_hint(resume: bool) -> str:
    if resume:
        return "rerun with --resume to continue"
    return "run with --resume to keep a journal that a rerun continues from"


def _usable_journal(output: Path, verbose: bool) -> Optional[str]:
    """The resume journal's path, or None (with a note) where the cache folder cannot be written."""
    path = journal_for(output)
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.chmod(path.parent, 0o700)  # journals hold the plans' text: the cache folder is private
    except OSError as exc:
        click.echo(shown(f"note: no resume journal: cannot write {path.parent} ({exc.strerror or exc})"), err=True)
        return None
    if verbose:
        click.echo(shown(f"journal: {path}"), err=True)
    return str(path)


class _Progress:
    """Progress bar on a terminal (stderr) naming the file being read, error lines as files
    fail, counts for the summary."""

    def __init__(self, inputs: Inputs, verbose: bool, report_errors: bool = True):
        from tqdm import tqdm

        tqdm.monitor_interval = 0  # no monitor thread in the parent: worker processes are forked from it
        self.inputs = inputs
        self.verbose = verbose
        self.report_errors = report_errors  # False: the command names the failed files itself
        self.failed = 0
        self.resumed = 0
        self.not_plans: list[str] = []
        self.waiting = dict.fromkeys(str(f) for f in inputs.files)  # in input order
        self.bar = tqdm(total=len(inputs.files), unit="file", file=sys.stderr, disable=not sys.stderr.isatty(),
                        dynamic_ncols=True, leave=False, desc=self._reading())

    def _reading(self) -> str:
        """The oldest file not yet done: the one being read (with several workers, the one
        read longest — the one to look at when the bar stalls)."""
        current = next(iter(self.waiting), None)
        return shown(Path(current).name) if current else ""

    def _show_reading(self) -> None:
        if not self.bar.disable:
            self.bar.set_description_str(self._reading(), refresh=False)

    def say(self, line: str) -> None:
        if self.bar.disable:
            click.echo(shown(line), err=True)
        else:
            self.bar.write(shown(line), file=sys.stderr)

    def __call__(self, result) -> None:
        self.waiting.pop(result.path, None)
        if not result.ok:
            self.failed += 1
            if self.report_errors:
                self.say(f"error: {result.path}: {result.error}")
            self.bar.set_postfix(failed=self.failed, refresh=False)
        elif not self.inputs.is_plan(result):
            self.not_plans.append(result.path)
            if self.verbose:
                self.say(f"skipped: {result.path} (text without actions: not a plan; name it to convert it anyway)")
        elif not result.actions and not result.resumed:
            # converted, but nothing read as an action: a misread plan or not a plan at all
            self.say(f"note: {result.path}: no actions found (actionplans inspect shows what was read)")
        elif result.resumed:
            self.resumed += 1
            if self.verbose:
                self.say(f"resumed: {result.path}: {_plural(len(result.actions), 'action')} (converted before)")
        elif self.verbose:
            self.say(f"ok: {result.path}: {_plural(len(result.actions), 'action')} ({result.seconds:.1f}s)")
        if result.ok and result.conflicts and self.verbose:
            for conflict in result.conflicts:
                self.say(f"note: {result.path}: {conflict}")
        self._show_reading()
        self.bar.update(1)

    def close(self) -> None:
        if not self.bar.disable:
            self.bar.refresh()  # the last count is drawn even when the final update fell inside tqdm's minimum interval
        self.bar.close()

    def summary(self, actions: int, seconds: float, output: Path, conflicts: int) -> str:
        plans = len(self.inputs.files) - len(self.not_plans)
        resumed = f" ({self.resumed} resumed)" if self.resumed else ""
        left_out = (f", {_plural(len(self.not_plans), 'text file')} without actions left out (-v lists them)"
                    if self.not_plans and not self.verbose else "")
        differ = (f", the document's own council or date kept over the option in {_plural(conflicts, 'file')} "
                  f"(-v lists them)" if conflicts and not self.verbose else "")
        return (f"{_plural(plans, 'file')}{resumed}, {_plural(actions, 'action')}, {self.failed} failed"
                f"{left_out}{differ}, {seconds:.1f}s -> {output}")


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--output", "output", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="Where to write the actions table: .csv, .parquet, .xlsx or .jsonl.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), help="Output format, when the name does not say.")
@click.option("--tables", type=click.Choice(["actions", "all"]), default="actions", show_default=True,
              help="'all' also writes the documents, officers and acronyms tables.")
@click.option("--excel-bom", is_flag=True,
              help="CSV only: start each CSV with the UTF-8 byte order mark, so that Excel opening it by "
                   "double-click reads it as UTF-8 (pandas and R skip the mark). For Excel, an .xlsx output "
                   "needs neither.")
@excel_safe_option
@jobs_option()
@timeout_option
@memory_limit_option
@click.option("--resume", is_flag=True,
              help="Keep a journal of each file converted (private, in ~/.cache/actionplans) and skip inputs "
                   "an earlier --resume run to OUTPUT already converted (same content, name and options).")
@click.option("--dask", metavar="ADDRESS", help="Run on a Dask cluster, e.g. tcp://host:8786 (needs the dask extra).")
@document_options
@click.option("--expand-acronyms", is_flag=True, help="Add expanded copies of the text columns.")
@pdf_engine_option
@click.option("-v", "--verbose", is_flag=True, help="List skipped files and per-file results.")
def convert(inputs, output, fmt, tables, excel_safe, excel_bom, jobs, timeout, memory_limit, resume, dask, options,
            expand_acronyms, pdf_engine, verbose):
    """Convert INPUTS (files, folders searched recursively, or globs) into one table.

    \b
    Example:
      actionplans convert samples -o out/actions.csv
      actionplans convert 'plans/**/*.pdf' -o actions.xlsx --tables all
      actionplans convert plans/ -o actions.parquet --jobs 4 --timeout 60 --resume

    Each file runs in its own worker process with a time and memory limit; a file that
    fails is named on stderr and the others go on. Outputs are written whole or not at
    all. From folders and globs, text files (.txt, .md) count as plans only when actions
    are found in them. What a document states (its council, its date) wins over
    --authority and --plan-date, which fill only what it leaves blank.

    Exit status: 0 all inputs converted, 1 some input failed (the rest are written),
    2 usage error, 3 the output could not be written (or another run is writing it),
    130 interrupted.
    """
    try:
        planned = output_files(output, fmt, side=tables == "all")
        if excel_bom and output_format(output, fmt) != "csv":
            raise OutputError(f"--excel-bom is for a CSV output, not {output_format(output, fmt)}")
        found = collect_inputs(inputs, exclude=(output,))
        _refuse_overwriting(planned, found.files, collect_inputs(inputs).files)
    except OutputError as exc:
        raise click.UsageError(str(exc))
    except FileNotFoundError as exc:
        raise click.UsageError(f"no such file, folder or glob match: {exc.args[0]}")
    if verbose:
        for s in found.skipped:
            click.echo(shown(f"skipped: {s} (not a document)"), err=True)
    if not found.files:
        raise click.UsageError("no documents found in the inputs")
    _check_writable(output)
    _hold_output(output)
    options = replace(options, expand_acronyms=expand_acronyms, pdf_engine=pdf_engine)
    batch = dict(jobs=jobs, timeout=timeout, memory_limit=memory_limit, dask=dask,
                 journal=_usable_journal(output, verbose) if resume else None, resume=resume)
    start = time.perf_counter()
    progress = _Progress(found, verbose)
    try:
        given = {f.name: getattr(options, f.name) for f in fields(options)}  # not asdict: it would unpack the PdfSettings
        result = convert_tables(found, progress=progress, **given, **batch)
    except KeyboardInterrupt:
        progress.close()
        click.echo(shown(f"interrupted: {output} left as it was; {_resume_hint(resume)}"), err=True)
        sys.exit(130)
    except RuntimeError as exc:  # e.g. --dask without the extra, or an unreachable scheduler
        progress.close()
        click.echo(shown(f"error: {exc}"), err=True)
        sys.exit(2)
    if progress.failed and progress.failed == len(found.files) and output.exists():
        # nothing was read: an earlier run's table is worth more than a header-only file
        progress.close()
        click.echo(shown(f"error: all {_plural(progress.failed, 'input')} failed: {output} left as it was "
                         f"(not replaced by an empty table)"), err=True)
        sys.exit(1)
    try:
        written = write_tables(result, output, fmt, side=tables == "all", safe=excel_safe, bom=excel_bom)
    except KeyboardInterrupt:
        progress.close()
        click.echo(shown(f"interrupted: {output} left as it was; {_resume_hint(resume)}"), err=True)
        sys.exit(130)
    except Exception as exc:  # noqa: BLE001 - whatever stops the write, the user gets one line
        progress.close()
        reason = getattr(exc, "strerror", None) or (str(exc) if isinstance(exc, OutputError) else
                                                    f"{type(exc).__name__}: {one_line(exc)}")
        click.echo(shown(f"error: cannot write {output}: {reason}"), err=True)
        sys.exit(3)
    progress.close()
    if verbose:
        for path in written[1:]:
            click.echo(shown(f"wrote: {path}"), err=True)
    conflicts = sum(1 for v in result.column("documents", "option_conflicts") if v)
    click.echo(shown(progress.summary(result.count("actions"), time.perf_counter() - start, output, conflicts)), err=True)
    sys.exit(1 if progress.failed else 0)


@main.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the description as JSON.")
@document_options
@pdf_engine_option
@click.option("-v", "--verbose", is_flag=True, help="Also print the extract settings in effect (thresholds).")
def inspect(file, as_json, options, pdf_engine, verbose):
    """Show what was found in one document: its tables with pages, header rows,
    spans and fills, which column was mapped to which field, rows kept and dropped,
    and where the plan's council and date came from. With -v, also the extract
    stage's settings in effect (name = value, grouped).

    \b
    Example:
      actionplans inspect samples/002_c3f8460906c6c51e.pdf
      actionplans inspect plan.docx --json | jq '.tables[0]'
      actionplans inspect secret.pdf --password "$PW" --authority Walsall
      actionplans inspect -v plan.docx
    """
    from .normalise import normalise_document

    if not file.exists():
        click.echo(shown(f"error: {file}: no such file"), err=True)
        sys.exit(2)
    options = replace(options, pdf_engine=pdf_engine)
    try:
        ex = extract_file(file, options)
    except InputError as exc:
        click.echo(shown(f"error: {file}: {exc}"), err=True)
        sys.exit(1)
    info = describe(ex, normalise_document(ex, options), settings=options.extract if verbose else None)
    if as_json:
        click.echo(json.dumps(info, indent=1, ensure_ascii=False))
    else:
        click.echo(render_text(info))


@main.command("diff")
@click.argument("old", type=click.Path(exists=True, dir_okay=False))
@click.argument("new", type=click.Path(exists=True, dir_okay=False))
@click.option("-o", "--output", "output", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="Where to write the changes: .csv, .xlsx or .html.")
@click.option("--format", "fmt", type=click.Choice(["csv", "xlsx", "html"]), help="Output format, when the name does not say.")
@excel_safe_option
@jobs_option("Worker processes converting the two documents (default: one per core; 0: no worker processes).")
@timeout_option
@memory_limit_option
@max_rows_option
@document_options
@verbose_option
def diff(old, new, output, fmt, excel_safe, jobs, timeout, memory_limit, max_rows, options, verbose):
    """Compare two versions of one plan: one row per change (added, removed, renumbered,
    reworded, rag, due, owner, progress). OLD and NEW are plan documents or actions tables
    written by convert (.csv, .parquet, .jsonl, .xlsx). The summary goes to stderr.

    \b
    Example:
      actionplans diff plan-may.docx plan-june.docx -o changes.html
      actionplans diff may.csv plan-june.pdf -o changes.xlsx

    A plan document is converted as convert does it: in a worker process stopped past
    --timeout seconds or --memory-limit MB. A table is read up to --max-rows rows.

    Exit status: 0 compared, 1 a version could not be read, 2 usage error, 3 the output
    could not be written (or another run is writing it).
    """
    from .plandiff import diff_format, diff_versions, write_changes
    from .plandiff.load import table_kind

    try:
        diff_format(output, fmt)
    except OutputError as exc:
        raise click.UsageError(str(exc))
    _refuse_overwriting([output], [old, new])
    _check_writable(output)
    _hold_output(output)
    documents = [p for p in (old, new) if table_kind(p) is None]
    # the documents' progress (two tables need none); a failure is said once, by the error below
    progress = (_Progress(Inputs(tuple(Path(p) for p in documents), (), frozenset()), verbose, report_errors=False)
                if documents else None)
    batch = BatchOptions(jobs=jobs, timeout=timeout, memory_limit=memory_limit)
    with _reading_inputs(output):
        try:
            result = diff_versions(old, new, options, batch=batch, max_rows=max_rows, on_result=progress)
        finally:
            if progress is not None:
                progress.close()
    try:
        write_changes(result, output, fmt, safe=excel_safe)
    except OSError as exc:
        click.echo(shown(f"error: cannot write {output}: {exc.strerror or exc}"), err=True)
        sys.exit(3)
    for line in result.summary.lines():
        click.echo(shown(line), err=True)
    click.echo(shown(f"{len(result.changes)} changes -> {output}"), err=True)


@main.command("compare")
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="The HTML report to write (one self-contained file).")
@click.option("--as-of", metavar="YYYY-MM-DD", help="Date that decides what is overdue (default: today).")
@click.option("--tables", "tables_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Also write each view of the report as CSV into this folder.")
@jobs_option("Worker processes for plan documents (default: one per core; 0: no worker processes).")
@timeout_option
@memory_limit_option
@max_rows_option
@excel_safe_option
@document_options
@verbose_option
def compare_command(inputs, output, as_of, tables_dir, jobs, timeout, memory_limit, max_rows, excel_safe, options,
                    verbose):
    """Compare plans across councils in one HTML report: INPUTS are plan files and folders
    (converted on the way) and actions tables written by convert (.csv, .parquet, .jsonl, .xlsx).

    \b
    Example:
      actionplans compare samples -o report.html --as-of 2013-10-01
      actionplans compare out/actions.csv more-plans/ -o report.html --tables report-tables

    Plan documents are converted as convert does it: each in a worker process stopped past
    --timeout seconds or --memory-limit MB. A table is read up to --max-rows rows. A file
    given twice (or two files with the same bytes) counts once, with a note.
    """
    from .comparison import VIEW_NAMES, compare, is_table, parse_as_of, write_report, write_view_tables
    from .outputs import _csv_header

    try:
        when = parse_as_of(as_of)
    except ValueError as exc:
        raise click.UsageError(str(exc))
    _check_writable(output)
    if tables_dir:
        _check_writable(tables_dir / "overview.csv", shown_as=f"--tables {tables_dir}")
    views_planned = [tables_dir / f"{name}.csv" for name in VIEW_NAMES] if tables_dir else []
    planned = [output, *views_planned]
    named = [Path(i) for i in inputs if Path(i).is_file()]
    try:
        documents = [i for i in inputs if not is_table(i)]
        walked = collect_inputs(documents).files if documents else ()
    except FileNotFoundError as exc:
        raise click.UsageError(f"no such file, folder or glob match: {exc.args[0]}")
    # a view table found in the walk is ours when it is named as a view (checked by its header
    # below, once the views are known); the report is ours when it carries the generator tag
    _refuse_overwriting(planned, named, walked,
                        ours=lambda p: written_by_actionplans(p) or any(same_file(p, v) for v in views_planned))
    try:
        report_format(output)
    except OutputError as exc:
        raise click.UsageError(str(exc))
    _hold_output(output, *([tables_dir] if tables_dir else []))
    bars: list[_Progress] = []

    def progress(found: Inputs) -> _Progress:
        bars.append(_Progress(found, verbose))  # a document that fails is named (as given) as it fails
        return bars[-1]

    with _reading_inputs(output):
        try:
            views = compare(list(inputs), as_of=when, jobs=jobs, timeout=timeout, memory_limit=memory_limit,
                            max_rows=max_rows, exclude=planned, progress=progress,
                            on_note=lambda line: click.echo(shown(f"note: {line}"), err=True),
                            **{name: getattr(options, name) for name in DOCUMENT_FIELDS})
        except FileNotFoundError as exc:
            raise click.UsageError(f"no such file, folder or glob match: {exc.args[0]}")
        finally:
            for bar in bars:
                bar.close()
    if len(views.failed) and not len(views.overview) and output.exists():
        click.echo(shown(f"error: all {_plural(len(views.failed), 'input')} failed: {output} left as it was "
                         f"(not replaced by an empty report)"), err=True)
        sys.exit(1)
    walked_keys = {Path(w).resolve() for w in walked}
    for target, (name, df) in zip(views_planned, views.tables().items()):
        if target.resolve() in walked_keys and _csv_header(target) != tuple(df.columns):
            raise click.UsageError(f"--tables {tables_dir}: {target} is an input that compare did not write: "
                                   f"refusing to overwrite it; write the tables elsewhere")
    try:
        write_report(views, output, tables_dir=str(tables_dir) if tables_dir else None)
        if tables_dir:
            write_view_tables(views, tables_dir, safe=excel_safe)
    except OSError as exc:
        click.echo(shown(f"error: cannot write {exc.filename or output}: {exc.strerror or exc}"), err=True)
        sys.exit(3)
    same = (f" ({_plural(len(views.duplicates), 'file')} of a plan already counted left out)"
            if len(views.duplicates) else "")
    click.echo(shown(f"{_plural(len(views.overview), 'plan')}{same}, "
                     f"{_plural(int(views.overview['actions'].sum()), 'action')} -> {output}"), err=True)
    sys.exit(1 if len(views.failed) else 0)


if __name__ == "__main__":  # pragma: no cover
    main()
