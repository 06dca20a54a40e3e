"""Named thresholds of the extract stage: what decides which tables hold actions, which column
is which field, when a table is a form, when labelled or numbered paragraphs are actions.

One frozen dataclass, like pdfplumber's ``TableSettings`` and the PDF reader's
:class:`~actionplans.ingest.pdf.settings.PdfSettings`, so a caller (or a test) changes a
threshold by name instead of hunting for numbers in the code. :data:`DEFAULT` is what
``extract`` uses; a caller passes another through ``ConvertOptions(extract=ExtractSettings(...))``.
``actionplans inspect -v FILE`` prints the settings in effect.

A leaf: it imports nothing of the package, so :mod:`actionplans.settings` can carry it without
importing the extract stage (whose modules import normalise, which imports the options). The
extract modules import it as :mod:`actionplans.extract.settings`. :func:`problems` says which
values are out of range; :func:`actionplans.options.check_options` turns the first into an
``OptionError``.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, fields

__all__ = ["ExtractSettings", "DEFAULT", "GROUPS", "problems", "grouped"]


@dataclass(frozen=True)
class ExtractSettings:
    """The extract stage's thresholds (see the module's docstring); change one with
    ``ExtractSettings(min_score=0.8)`` or ``dataclasses.replace(DEFAULT, ...)``."""

    # --- table choice: which tables hold actions ---------------------------------------
    other_default: float = 0.5  # score of "other" that a kind of table must beat (a table showing nothing is other)
    rag_key_max_rows: int = 9  # a RAG key is a small table: at most this many rows ...
    rag_key_max_cols: int = 4  # ... and this many columns
    refs_filled_share: float = 0.6  # action refs filled in this share of rows number every row (a row without is cut)
    section_max_chars: int = 120  # a numbered full-width row this short is a section (theme) row
    ocr_low_confidence: float = 70.0  # a row read from a scan whose cells' mean OCR confidence (0-100) is below this is warned

    # --- column evidence: what each column holds ----------------------------------------
    header_weight: float = 2.0  # what a header naming a field counts for, against at most 1 for the cells
    min_score: float = 0.65  # a column is given a field only when its evidence reaches this score
    headered_elsewhere: float = 0.5  # weight of action-like cells in a column whose header names another field
    contradiction: float = 2.5  # taken off a field whose cells contradict it (prose under "Status")
    ratings_share: float = 0.8  # a column this share ratings (RAG words) is the RAG column though headed as progress
    ratings_not_progress: float = 1.25  # ... and its header's progress counts this much less
    dates_share: float = 0.8  # a column this share dates is no measures or progress column, whatever its header
    prose_chars: int = 35  # a cell of prose has at least this many characters ...
    prose_words: int = 6  # ... and this many words
    role_max_words: int = 9  # a lead given as a role or team has at most this many words

    # --- column choice: assigning fields, rescues, refits -------------------------------
    rescue_action: float = 0.45  # a prose column with this action score is the actions when no column is headed so
    rescue_imperative: float = 0.5  # ... and this share of its cells state something to be done
    latest_bonus: float = 0.3  # between alike progress or RAG columns, the latest update gains up to this
    earliest_bonus: float = 0.3  # between columns whose cells alone say they hold actions, the leftmost gains this
    shared_ref_share: float = 0.8  # under a shared header, a column this share refs holds the refs ...
    shared_text_ref_share: float = 0.2  # ... and one at most this share refs holds the text
    rescue_recommendation: float = 0.5  # an outcomes column scoring this for recommendations holds them
    stray_column_share: float = 0.2  # a last column with text in at most this share of rows is debris
    agree_share: float = 0.5  # a refitted header's column must hold its field in this share of its cells ...
    agree_min_cells: int = 2  # ... counted only where it has this many cells with text

    # --- header wording: matching headers and labels to the column vocabulary ------------
    word_match: float = 82.0  # two words of 4+ letters are the same word at this rapidfuzz ratio (0..100)
    part_max_words: int = 5  # a joined part of a header ("Lead / date") longer than this is a description
    second_reading: float = 0.9  # a header's second reading (a head naming two fields, a joined part) weighs this share
    sentence_unknown: int = 3  # a text with this many nouns the vocabulary does not know is a sentence, no header

    # --- forms: a label column, a block of rows per action --------------------------------
    form_score: float = 3.6  # a form read better as a form than as a table scores this as a form (above the side kinds)
    form_label_share: float = 0.6  # share of a form's rows whose first cell must be a label beside a value
    form_max_label_chars: int = 60  # a form's label cell is at most this long ...
    form_max_label_words: int = 8  # ... and this many words
    form_min_named_fields: int = 3  # a form of one block (no label comes round again) names this many fields

    # --- labelled paragraphs: actions followed by "Lead: …", "By when: …" ---------------
    label_min_uses: int = 2  # a document's own label (one the vocabulary does not name) opens lines in this many blocks
    max_label_words: int = 6  # a label before a colon has at most this many words
    min_detail_fields: int = 2  # an action's labels name at least this many detail fields ...
    min_fields_without_owner: int = 3  # ... and this many when none is the owner
    min_action_words: int = 4  # the text of a labelled action has at least this many words
    max_rating_words: int = 2  # a progress value this short that names a rating is the RAG

    # --- numbered paragraphs: plans with no action table ----------------------------------
    min_action_reading: float = 0.5  # a run of numbered paragraphs must read as actions this well (0..1)
    run_share_of_best: float = 0.5  # a run is kept when it reads this share as well as the best run
    contents_max_words: int = 10  # a line ending with a number this short is a contents line
    head_words: int = 8  # "to" or "will" among this many first words gives someone something to do
    intro_max_words: int = 7  # a group line this short naming actions introduces them

    # --- context: captions and plan facts -------------------------------------------------
    stopped_title_words: int = 6  # a line in capitals ending with a full stop is a title up to this many words
    front_blocks: int = 12  # the plan's date is looked for in this many blocks at its top

    def __hash__(self) -> int:
        # the memoised text tests of the stage take the settings in their key: hash the fields once
        h = self.__dict__.get("_hash")
        if h is None:
            h = hash(tuple(getattr(self, f.name) for f in fields(self)))
            object.__setattr__(self, "_hash", h)
        return h


DEFAULT = ExtractSettings()

#: the groups, in order, each with its first and last field (as laid out above), for ``inspect -v``
GROUPS = (
    ("table choice", "other_default", "ocr_low_confidence"),
    ("column evidence", "header_weight", "role_max_words"),
    ("column choice", "rescue_action", "agree_min_cells"),
    ("header wording", "word_match", "sentence_unknown"),
    ("forms", "form_score", "form_min_named_fields"),
    ("labelled paragraphs", "label_min_uses", "max_rating_words"),
    ("numbered paragraphs", "min_action_reading", "intro_max_words"),
    ("context", "stopped_title_words", "front_blocks"),
)

#: fields that are shares or readings, 0..1; other floats are weights or scores, 0 or more
_UNIT = frozenset({"refs_filled_share", "ratings_share", "dates_share", "rescue_imperative", "shared_ref_share",
                   "shared_text_ref_share", "stray_column_share", "agree_share", "form_label_share",
                   "min_action_reading", "run_share_of_best", "second_reading"})
#: a rapidfuzz ratio
_PERCENT = frozenset({"word_match", "ocr_low_confidence"})


def grouped(settings: ExtractSettings = DEFAULT) -> list[tuple[str, list[tuple[str, object]]]]:
    """(group, [(name, value), ...]) in the order of the fields, for ``inspect -v``."""
    names = [f.name for f in fields(ExtractSettings)]
    out = []
    for title, first, last in GROUPS:
        span = names[names.index(first):names.index(last) + 1]
        out.append((title, [(n, getattr(settings, n)) for n in span]))
    return out


def problems(settings: ExtractSettings) -> list[str]:
    """What is wrong with ``settings``, one line per field, naming it; [] when all is well.
    A whole-number field takes an int of 1 or more; a share a number from 0 to 1; ``word_match``
    a number from 0 to 100; any other a number of 0 or more (never a bool, NaN or infinity)."""
    out = []
    for f in fields(ExtractSettings):
        v = getattr(settings, f.name)
        whole = f.type in (int, "int")
        if isinstance(v, bool) or not isinstance(v, int if whole else (int, float)):
            kind = "a whole number" if whole else "a number"
            out.append(f"{f.name} takes {kind}, not {type(v).__name__} {v!r}")
            continue
        if whole:
            if v < 1:
                out.append(f"{f.name} must be 1 or more, not {v!r}")
            continue
        if not math.isfinite(v):
            out.append(f"{f.name} must be a finite number, not {v!r}")
        elif f.name in _UNIT and not 0 <= v <= 1:
            out.append(f"{f.name} is a share: it must lie between 0 and 1, not {v!r}")
        elif f.name in _PERCENT and not 0 <= v <= 100:
            out.append(f"{f.name} is a ratio in percent: it must lie between 0 and 100, not {v!r}")
        elif v < 0:
            out.append(f"{f.name} must be 0 or more, not {v!r}")
    return out
