"""The typed models passed between the stages.

ingest/ produces a :class:`Document`; extract/ turns it into an :class:`Extraction`
(raw records plus the plan's side data); normalise/ turns that into :class:`Action` rows,
whose fields are the columns of SCHEMA.md in their fixed order.
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from enum import Enum
from typing import Optional, Union

# ---------------------------------------------------------------------------
# Document model (output of ingest/)
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    """One table cell, placed at the top-left grid slot it covers.

    ``text`` keeps paragraph breaks as "\\n"; visible list numbers (including Word
    auto-numbering) are part of the text, e.g. "i) Review of ...".
    """

    text: str
    rowspan: int = 1
    colspan: int = 1
    bold: bool = False
    fill: Optional[str] = None  # "#RRGGBB" background, None when unfilled
    tables: tuple["Table", ...] = ()  # nested tables
    confidence: Optional[float] = None  # text recognised in a scan (OCR): its words' mean confidence, 0-100


@dataclass(frozen=True)
class Row:
    """One grid row. ``cells`` has one slot per grid column; a slot covered by a span
    from the left or from above is ``None``."""

    cells: tuple[Optional[Cell], ...]
    page: Optional[int] = None  # 1-based page of the row's first line (paged formats); a workbook's sheet
    is_header: bool = False
    repeated_header: bool = False  # a header row repeated after a page break
    cut_from_previous: bool = False  # the rest of the previous table's last row, cut by a page break
    restored: tuple[int, ...] = ()  # columns where the reader put back empty cells an export left out
    source_row: Optional[int] = None  # the row's own number in the file where it has one (a spreadsheet's row)


@dataclass(frozen=True)
class Slot:
    """One grid slot of a table with the cell covering it (spans resolved): the cell starts at
    (origin_row, origin_col). A slot no cell covers holds an empty cell at (-1, -1)."""

    cell: Cell
    origin_row: int
    origin_col: int

    @property
    def text(self) -> str:
        return self.cell.text

    @property
    def covered(self) -> bool:
        return self.origin_row >= 0


#: the cell of a slot no cell covers
EMPTY_CELL = Cell(text="")


class Fidelity(str, Enum):
    """How exactly a reader knows a table's structure.

    EXACT: the file states every cell and merge (DOCX, HTML). RULED: drawn rules give the
    grid (PDF ruled tables); a cell may still be cut by a page break. RECOVERED: the grid
    was inferred from text positions or a converter's text (unruled PDF, text and Markdown
    exports), so cells may be shifted, split or run together. Repairs for damage run only
    below EXACT.
    """

    EXACT = "exact"
    RULED = "ruled"
    RECOVERED = "recovered"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class Table:
    rows: tuple[Row, ...]
    page: Optional[int] = None
    continues_previous: bool = False  # continuation of the previous table over a page break
    fidelity: Fidelity = Fidelity.EXACT

    @property
    def n_cols(self) -> int:
        return max((len(r.cells) for r in self.rows), default=0)

    @property
    def header_rows(self) -> int:
        n = 0
        for r in self.rows:
            if not r.is_header:
                break
            n += 1
        return n

    def grid(self) -> tuple[tuple[Slot, ...], ...]:
        """The table as a rectangle, ``grid()[r][c]`` the :class:`Slot` covering row r, column c:
        every span resolved here, once for every reader of the model. A span running past the
        table's edge is cut there; where two spans overlap, the earlier cell keeps the slot,
        except at a cell's own origin. Worked out once per table (the table is frozen; several
        stages read its grid) and kept beside its fields, out of its equality and hash."""
        cached = self.__dict__.get("_grid")
        if cached is not None:
            return cached
        n_rows, n_cols = len(self.rows), self.n_cols
        slots: list[list[Optional[Slot]]] = [[None] * n_cols for _ in range(n_rows)]
        for r, row in enumerate(self.rows):
            for c, cell in enumerate(row.cells):
                if cell is None:
                    continue
                for rr in range(r, min(r + max(cell.rowspan, 1), n_rows)):
                    for cc in range(c, min(c + max(cell.colspan, 1), n_cols)):
                        if slots[rr][cc] is None or (rr, cc) == (r, c):
                            slots[rr][cc] = Slot(cell, r, c)
        blank = Slot(EMPTY_CELL, -1, -1)
        grid = tuple(tuple(s if s is not None else blank for s in row) for row in slots)
        object.__setattr__(self, "_grid", grid)
        return grid

    def origin(self, r: int, c: int) -> Optional[Cell]:
        """The cell covering grid slot (r, c), following spans back to their origin; None when
        no cell covers it."""
        slot = self.grid()[r][c]
        return slot.cell if slot.covered else None

    def text_grid(self) -> list[list[str]]:
        """Every slot's text; slots covered by a span repeat nothing (empty string)."""
        return [[(c.text if c is not None else "") for c in row.cells] for row in self.rows]


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 1
    page: Optional[int] = None


@dataclass(frozen=True)
class Paragraph:
    text: str
    bold: bool = False
    page: Optional[int] = None


@dataclass(frozen=True)
class ListItem:
    text: str
    label: str = ""  # the visible number or bullet, e.g. "ii)", "1.2.1", "•"
    level: int = 0
    page: Optional[int] = None


Block = Union[Heading, Paragraph, ListItem, Table]


class Format(str, Enum):
    """The format a reader read (the actions' ``source_format``, the documents table's ``format``)."""

    HTML = "html"
    DOCX = "docx"
    PDF = "pdf"
    TXT = "txt"
    MD = "md"
    XLSX = "xlsx"  # XLSX and XLSM workbooks
    ODS = "ods"
    CSV = "csv"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class Document:
    source: str  # file name
    format: Format  # a reader may give the value ("pdf"); it is kept as the Format
    blocks: tuple[Block, ...]
    pages: Optional[int] = None
    title: Optional[str] = None  # from document metadata, if any
    notes: tuple[str, ...] = ()  # what the reader saw but did not read as content (hidden sheets, rows, columns)

    def __post_init__(self) -> None:
        if not isinstance(self.format, Format):
            object.__setattr__(self, "format", Format(self.format))

    @property
    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]


# ---------------------------------------------------------------------------
# Extraction (output of extract/)
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class RawRecord:
    """One action as found, before any value is normalised."""

    source_table: int
    source_row: int
    source_page: Optional[int] = None
    theme: str = ""
    recommendation_ref: str = ""
    recommendation: str = ""
    action_ref: str = ""
    action: str = ""
    owner_raw: str = ""
    due_raw: str = ""
    start_raw: str = ""  # a start date given in a column of its own ("Start date")
    rag_raw: str = ""
    rag_fill: Optional[str] = None
    measures: str = ""
    progress: str = ""
    extra: tuple[tuple[str, str], ...] = ()  # (original header, text) of unmapped columns
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class PlanFacts:
    title: str = ""
    plan_date: Optional[str] = None  # ISO date, or "YYYY-MM" / "YYYY" when stated to the month or year
    authority: str = ""
    plan_date_text: str = ""  # the plan date as the document writes it ("July 2011")


@dataclass(frozen=True)
class SideData:
    """What the plan says about itself besides its actions."""

    acronyms: tuple[tuple[str, str], ...] = ()  # (abbreviation, expansion) from glossaries
    roster: tuple[tuple[str, str], ...] = ()  # (name, role) of named officers
    rag_key: tuple[tuple[str, str], ...] = ()  # (word or #RRGGBB, RAG value) from the plan's key


class TableKind(str, Enum):
    """What a table of a plan holds, as extract/ judged it (``inspect`` shows it)."""

    ACTIONS = "actions"  # a row (or a block of rows) per action under column headers
    ACTION_FORM = "action-form"  # a label column with a block of rows per action
    FORM_CONTINUED = "form-continued"  # the part of a form after a page break, read with the part before
    GLOSSARY = "glossary"
    ROSTER = "roster"  # names beside roles
    RAG_KEY = "rag-key"
    RISK = "risk"
    INDICATORS = "indicators"
    OTHER = "other"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class TableReport:
    """What extract/ decided about one table, for ``actionplans inspect``."""

    index: int  # 1-based
    kind: TableKind
    page: Optional[int]
    n_rows: int
    header_rows: int
    columns: tuple[tuple[str, str], ...] = ()  # (header text, field)
    kept: int = 0
    dropped: tuple[tuple[int, str], ...] = ()  # (1-based row, reason)
    continues_previous: bool = False
    column_sources: tuple[str, ...] = ()  # per column: "header", "content" or "" (unmapped)
    fidelity: Optional[Fidelity] = None  # how exactly the reader knows the table's structure
    kind_score: float = 0.0
    runner_up: tuple[Optional[TableKind], float] = (None, 0.0)  # the next-best kind and its score
    column_evidence: tuple[str, ...] = ()  # per column: the header and content evidence
    repairs: tuple[tuple[int, str], ...] = ()  # (1-based row, repair applied and why)
    notes: tuple[str, ...] = ()  # decisions about the whole table
    action_rank: tuple[int, int] = (0, 0)  # (rank, of how many) among the document's tables by score as actions


@dataclass(frozen=True)
class Candidate:
    """One place of a document that may hold its actions (a table, a form, paragraphs with labelled
    lines, numbered paragraphs), scored as actions by the same column evidence, for ``inspect``."""

    what: str  # "table 3", "form (table 2)", "labelled paragraphs", "numbered paragraphs"
    score: float  # score as actions (tables, forms and labelled paragraphs alike); 0 when not scored
    actions: int  # actions read from it
    chosen: bool  # its actions are in the output
    why: str  # why it was read, or not


@dataclass(frozen=True)
class Extraction:
    document: Document
    records: tuple[RawRecord, ...]
    plan: PlanFacts = field(default_factory=PlanFacts)
    side: SideData = field(default_factory=SideData)
    tables: tuple[TableReport, ...] = ()
    candidates: tuple[Candidate, ...] = ()  # ranked, best first


@dataclass(frozen=True)
class PlanNotes:
    """What normalise/ says about a plan as a whole: one row of the documents table, not of every action."""

    plan_date: str = ""  # ISO date; a date stated to the month or year is its first day
    plan_date_as_written: str = ""  # "July 2011", as the document (or --plan-date) gives it
    plan_date_precision: str = ""  # "day", "month" or "year"; blank when there is no plan date
    warnings: tuple[str, ...] = ()  # facts about the whole document ("authority not named ...")


# ---------------------------------------------------------------------------
# Normalised action (output of normalise/) — the columns of SCHEMA.md, in order
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Action:
    authority: str = ""
    authority_code: str = ""
    plan_title: str = ""
    plan_date: str = ""
    source_file: str = ""
    source_format: str = ""
    source_page: Optional[int] = None
    source_table: Optional[int] = None
    source_row: Optional[int] = None
    theme: str = ""
    recommendation_ref: str = ""
    recommendation: str = ""
    action_ref: str = ""
    action: str = ""
    owner_raw: str = ""
    owners: str = ""
    due_raw: str = ""
    due_start: str = ""
    due_end: str = ""
    rag: str = ""
    rag_raw: str = ""
    measures: str = ""
    progress: str = ""
    acronyms: str = ""
    warnings: str = ""
    extra: str = ""  # JSON object of the unmapped source columns; blank when there are none


COLUMNS: tuple[str, ...] = tuple(f.name for f in fields(Action))
