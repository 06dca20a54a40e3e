"""normalise(): the seeds against gold, and any strings at all (normalise/__init__.py)."""
import json
import random

import pytest

from actionplans.model import COLUMNS, Action, Document, Extraction, Heading, PlanFacts, RawRecord, SideData
from actionplans.settings import ConvertOptions
from actionplans.normalise import document_definitions, expanded_columns, normalise, normalise_document
from scoring import field, required_fields_score
from structured import GOLD, load_document, needs_layouts, needs_shared, seeds


@pytest.fixture(scope="module")
def seed_actions():
    from actionplans.extract import extract

    return {s: normalise(extract(load_document(s))) for s in seeds()}


@needs_shared("seeds/structured")
@pytest.mark.parametrize("seed", seeds())
def test_seed_fields_against_gold(seed, seed_actions):
    result = required_fields_score(seed_actions[seed], seed)
    for name in ("owners", "due_start", "due_end", "rag"):
        acc = field(result, name)
        assert acc is None or acc >= 0.95, (name, acc)


@needs_shared("seeds/structured")
@pytest.mark.parametrize("seed", seeds())
def test_seed_authority(seed, seed_actions):
    meta = json.loads((GOLD / f"{seed}.meta.json").read_text(encoding="utf-8"))
    expected = meta["authority"] or ""
    assert {a.authority for a in seed_actions[seed]} == {expected}
    if expected == "Walsall":
        assert {a.authority_code for a in seed_actions[seed]} == {"E08000030"}


@needs_layouts
def test_seed_look_alike_rag_letters_read(seed_actions):
    wilts = seed_actions["004_0181fde6aaa631cd"]
    alpha = [a for a in wilts if a.rag_raw in ("\u0391", "\u0410")]
    assert len(alpha) >= 8 and {a.rag for a in alpha} == {"Amber"}


@needs_layouts
def test_seed_acronyms_from_the_glossary_win(seed_actions):
    rows = seed_actions["001_17cf1543151ab3d9"]
    cat = [a.acronyms for a in rows if "CAT=" in a.acronyms]
    assert cat and all("CAT=Childrens Assessment team" in x for x in cat)


def _ex(*records, plan=PlanFacts(), side=SideData(), blocks=()):
    return Extraction(document=Document("plan.docx", "docx", tuple(blocks)), records=tuple(records), plan=plan, side=side)


def _rec(i=1, **kw):
    return RawRecord(source_table=1, source_row=i, **kw)


def test_one_action_per_record_in_order_with_tidy_text():
    ex = _ex(_rec(1, action="  Review\t the   plan \n\n next ", action_ref="(iv).", recommendation_ref="1.2."),
             _rec(2, action="Second"))
    out = normalise(ex)
    assert [a.source_row for a in out] == [1, 2]
    assert out[0].action == "Review the plan\nnext"
    assert (out[0].action_ref, out[0].recommendation_ref) == ("iv", "1.2")
    assert out[0].source_file == "plan.docx" and out[0].source_format == "docx"


def test_relative_dates_use_the_plan_date_and_other_rows_supply_years():
    ex = _ex(_rec(1, due_raw="WITHIN 3 MONTHS"), _rec(2, due_raw="October"), _rec(3, due_raw="31 Jan 2014"),
             plan=PlanFacts(plan_date="2013-07-01"))
    out = normalise(ex)
    assert (out[0].due_start, out[0].due_end) == ("2013-07-01", "2013-10-01")
    assert out[1].due_end == "2013-10-31" and "year not given" in out[1].warnings
    no_plan = normalise(_ex(_rec(1, due_raw="October"), _rec(2, due_raw="June 2011"), _rec(3, due_raw="July 2011")))
    assert no_plan[0].due_end == "2011-10-31" and "other dates" in no_plan[0].warnings


def test_rag_key_fill_and_extra_columns():
    ex = _ex(_rec(1, rag_raw="", rag_fill="#00A0A0", extra=(("RAG Sept", "A"), ("Notes", "x"), ("Notes", "y"))),
             side=SideData(rag_key=(("#00A0A0", "Blue"),)))
    a = normalise(ex)[0]
    assert (a.rag, a.rag_raw) == ("Blue", "#00A0A0")
    assert json.loads(a.extra) == {"RAG Sept": "A", "Notes": "x", "Notes (2)": "y"}


def test_record_warnings_come_first_and_are_joined():
    ex = _ex(_rec(1, rag_raw="O", due_raw="31 June 2013", warnings=("cut by a page break",)),
             plan=PlanFacts(authority="Walsall"))
    w = normalise(ex)[0].warnings.split("; ")
    assert w[0] == "cut by a page break"
    assert any(x.startswith("invalid date: 31 June 2013") for x in w)
    assert "unreadable RAG 'O'" in w


def test_authority_from_options_and_missing_authority_warning():
    out = normalise(_ex(_rec(1, due_raw="July 2011")), ConvertOptions(authority="Wiltshire Council"))
    assert (out[0].authority, out[0].authority_code) == ("Wiltshire", "E06000054")
    doc = normalise_document(_ex(_rec(1), _rec(2)))
    none, notes = doc.actions, doc.notes
    assert [a.authority for a in none] == ["", ""]
    assert any("--authority" in w for w in notes.warnings)  # said once, for the document
    assert not any("authority" in a.warnings for a in none)


def test_owner_acronyms_kept_and_expanded_in_acronyms():
    ex = _ex(_rec(1, owner_raw="i) Assistant Director (AD)", action="AD to chair the MASH board"),
             blocks=(Heading("Walsall plan"),))
    a = normalise(ex)[0]
    assert a.owners == "Assistant Director"
    assert "AD=Assistant Director" in a.acronyms and "MASH=Multi-Agency Safeguarding Hub" in a.acronyms
    cols = expanded_columns(a, document_definitions(ex))
    assert cols["action_expanded"].startswith("AD (Assistant Director) to chair the MASH (Multi-Agency")


def test_any_strings_never_raise():
    rng = random.Random(7)
    alphabet = "aAgGrRbB0123456789 /\\-–.,;:()[]&'\"\n\t\u0391\u0410\u0412\uff27\x00\u200b#£%ivxQ"
    words = ["Sept", "13", "Jan", "2013/14", "Q2", "within", "months", "and", "ongoing", "Sue", "Butcher", "AD",
             "(IRO)", "Independent Reviewing Officer", "i)", "ii).", "#FF0000", "Gr", "tba", "Walsall", "CE council"]

    def junk():
        if rng.random() < 0.5:
            return "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        return " ".join(rng.choice(words) for _ in range(rng.randint(0, 8)))

    records = [_rec(i, theme=junk(), recommendation=junk(), recommendation_ref=junk(), action_ref=junk(),
                    action=junk(), owner_raw=junk(), due_raw=junk(), rag_raw=junk(),
                    rag_fill=rng.choice([None, "#00B050", "zz", "", "#12"]), measures=junk(), progress=junk(),
                    extra=((junk(), junk()),), warnings=(junk(),))
               for i in range(300)]
    side = SideData(acronyms=(("", ""), (junk(), junk())), roster=((junk(), junk()), ("", "")),
                    rag_key=((junk(), junk()), ("#zz", "Red")))
    for plan in (PlanFacts(), PlanFacts(title=junk(), plan_date="2013-02-30", authority=junk())):
        out = normalise(_ex(*records, plan=plan, side=side))
        assert len(out) == len(records)
        for a in out:
            assert isinstance(a, Action)
            assert a.rag in ("", "Red", "Amber", "Green", "Blue", "Grey")
            assert all(isinstance(getattr(a, c), (str, int, type(None))) for c in COLUMNS)
            json.loads(a.extra)
            for d in (a.due_start, a.due_end):
                assert d == "" or (len(d) == 10 and d[4] == "-" and d[7] == "-")


def test_month_precision_plan_date_is_kept_and_used():
    ex = _ex(_rec(1, due_raw="Within 3 months"), plan=PlanFacts(plan_date="2011-07"))
    a = normalise(ex)[0]
    assert a.plan_date == "2011-07-01"  # a month's first day: a date in every output format
    assert (a.due_start, a.due_end) == ("2011-07-01", "2011-10-01")
    assert "not an ISO date" not in a.warnings


def test_warnings_never_contain_the_separator_inside_one_warning():
    ex = _ex(_rec(1, due_raw="31 June 2013", warnings=("odd; cell",)))
    w = normalise(ex)[0].warnings.split("; ")
    assert "odd, cell" in w
    assert any(x.startswith("invalid date: 31 June 2013") for x in w)


def test_a_header_broken_by_spaces_in_one_table_is_one_extra_key():
    from actionplans.model import RawRecord
    from actionplans.normalise.extra_headers import unify_extra_headers
    recs = [RawRecord(1, 1, extra=(("Who is responsible for monitoring?", "Board"),)),
            RawRecord(2, 1, extra=(("Who is responsib le for monitorin g?", "LSCB"), ("Resources", "none"))),
            RawRecord(3, 1, extra=(("Who is  responsible for monitoring?", "Audit group"),))]
    out = unify_extra_headers(recs)
    assert [r.extra for r in out] == [
        (("Who is responsible for monitoring?", "Board"),),
        (("Who is responsible for monitoring?", "LSCB"), ("Resources", "none")),
        (("Who is responsible for monitoring?", "Audit group"),)]
    # headers with different words stay apart
    other = [RawRecord(1, 1, extra=(("Review date", "May"),)), RawRecord(2, 1, extra=(("Reviewed", "yes"),))]
    assert unify_extra_headers(other) == other


def test_the_plan_date_the_document_states_wins_over_the_option():
    """Issue #10: --plan-date fills the date only where the document states none."""
    opts = ConvertOptions(plan_date="2012-01-01")

    stated = normalise_document(_ex(_rec(1, due_raw="Within 3 months"), plan=PlanFacts(plan_date="2011-07-14")), opts)
    a = stated.actions[0]
    assert (a.plan_date, a.due_end) == ("2011-07-14", "2011-10-14")
    assert (stated.plan_date.source, stated.plan_date.stated) == ("document", "2011-07-14")
    assert stated.conflicts == ("--plan-date 2012-01-01 not used: the document is dated 2011-07-14",)
    blank = normalise_document(_ex(_rec(1, due_raw="Within 3 months"), plan=PlanFacts()), opts)
    assert (blank.actions[0].plan_date, blank.plan_date.source, blank.conflicts) == ("2012-01-01", "option", ())
    opts = ConvertOptions(plan_date="2011-07-20")  # a day within the month the document gives narrows it down
    month = normalise_document(_ex(_rec(1), plan=PlanFacts(plan_date="2011-07")), opts)
    assert (month.actions[0].plan_date, month.plan_date.stated, month.conflicts) == ("2011-07-20", "2011-07", ())


def test_relative_timescales_counted_from_a_given_plan_date_are_one_document_note():
    """Issue 19: with --plan-date, 'Within 3 months' on every row is said once, in the documents table."""
    ex = _ex(_rec(1, due_raw="Within 3 months"), _rec(2, due_raw="Within 6 months"), _rec(3, due_raw="31 March 2012"))
    nd = normalise_document(ex, ConvertOptions(plan_date="2012-01-01"))
    assert [(a.due_start, a.due_end) for a in nd.actions] == [
        ("2012-01-01", "2012-04-01"), ("2012-01-01", "2012-07-01"), ("2012-03-31", "2012-03-31")]
    assert not any("relative timescale" in a.warnings for a in nd.actions)
    assert ("2 relative timescale(s) such as 'Within 3 months' counted from the plan date 2012-01-01 "
            "given with --plan-date") in nd.notes.warnings
    # a date the document states itself: each row still says its due date was counted from it
    stated = normalise_document(_ex(_rec(1, due_raw="Within 3 months"), plan=PlanFacts(plan_date="2012-01-01")))
    assert "counted from the plan date 2012-01-01" in stated.actions[0].warnings
    assert not any("given with --plan-date" in w for w in stated.notes.warnings)
