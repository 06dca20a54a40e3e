"""Owner and timescale in one cell (normalise/owner_due.py) and its use in normalise."""
import pytest

from actionplans.model import Document, Extraction, RawRecord
from actionplans.normalise import normalise, owner_and_due
from actionplans.normalise.owner_due import has_timescale, split_owner_due


@pytest.mark.parametrize("raw, owner, due", [
    ("Jane Smith – March 2013", "Jane Smith", "March 2013"),
    ("Jane Smith (March 2013)", "Jane Smith", "March 2013"),
    ("Jane Smith\nMarch 2013", "Jane Smith", "March 2013"),
    ("Jane Smith, 31/03/2014", "Jane Smith", "31/03/2014"),
    ("DCS: By 6 May 2018", "DCS", "By 6 May 2018"),
    ("Head of Service by end of June 2014", "Head of Service", "by end of June 2014"),
    ("March 2013 – Jane Smith", "Jane Smith", "March 2013"),
    ("LSCB Business Manager / Head of Fostering and Adoption (Q2 2013-14)",
     "LSCB Business Manager / Head of Fostering and Adoption", "Q2 2013-14"),
    ("Police / DCS (September 2013 and ongoing)", "Police / DCS", "September 2013 and ongoing"),
    ("Sue Butcher and Jane Parry - Sept 13 – Jan 14", "Sue Butcher and Jane Parry", "Sept 13 – Jan 14"),
    ("Director of Children's Services (On-going)", "Director of Children's Services", "On-going"),
    ("Jane Smith – Ongoing", "Jane Smith", "Ongoing"),
    ("Head of Early Help\nTBC", "Head of Early Help", "TBC"),
    ("Jo Bloggs – Q1 2021/22\nAl Green – Q2 2021/22", "Jo Bloggs\nAl Green", "Q1 2021/22\nQ2 2021/22"),
    ("Head of Early Help (Q1\n2013/14)", "Head of Early Help", "Q1 2013/14"),  # wrapped inside the brackets
])
def test_split(raw, owner, due):
    assert split_owner_due(raw) == (owner, due)


@pytest.mark.parametrize("raw", ["April Jones", "Summer Smith / May Lee", "Jane Smith April",
                                 "Head of Service (Children in Care)", "Team Manager, Referral and Assessment",
                                 "Head of Quality and Performance", "Year 11 Team", "Jane Smith Ongoing", ""])
def test_owner_cells_without_a_timescale_are_left_alone(raw):
    assert split_owner_due(raw) == (raw, "")
    assert not has_timescale(raw)


def _rec(owner, due, row=1):
    return RawRecord(source_table=1, source_row=row, action=f"Do thing {row}", owner_raw=owner, due_raw=due)


def test_record_routing():
    # a lead cell holding the date, no timescale cell: cut
    assert owner_and_due(_rec("Jane Smith – March 2013", "")) == ("Jane Smith", "March 2013")
    # the record has its own timescale: the lead cell is left as written
    assert owner_and_due(_rec("Jane Smith – March 2013", "June 2013")) == ("Jane Smith – March 2013", "June 2013")
    # a combined cell read as the timescale column: cut when the rest reads as owners
    assert owner_and_due(_rec("", "Head of Commissioning (30.04.11)")) == ("Head of Commissioning", "30.04.11")
    # but prose before a date in a timescale cell is not an owner
    assert owner_and_due(_rec("", "Define requirement - 31st Dec 2012")) == ("", "Define requirement - 31st Dec 2012")


def test_normalise_fills_owners_and_dates_from_one_cell():
    ex = Extraction(document=Document("t.txt", "txt", ()),
                    records=(_rec("Jane Smith / Principal Social Worker (Q1 2013/14)", "", 1),
                             _rec("Performance Team – Sept 13 – Jan 14", "", 2)))
    a, b = normalise(ex)
    assert (a.owners, a.due_start, a.due_end) == ("Jane Smith; Principal Social Worker", "2013-04-01", "2013-06-30")
    assert (a.owner_raw, a.due_raw) == ("Jane Smith / Principal Social Worker", "Q1 2013/14")
    assert (b.owners, b.due_start, b.due_end) == ("Performance Team", "2013-09-01", "2014-01-31")


@pytest.mark.parametrize("raw, owner, due", [
    # labels are neither owners nor part of the timescale
    ("Lead: Priya Shah\nTarget: Sept 2016", "Priya Shah", "Sept 2016"),
    ("Owner – Head of Inclusion\nComplete by: 30/06/2017", "Head of Inclusion", "30/06/2017"),
    ("Priya Shah\nDeadline – Ongoing", "Priya Shah", "Ongoing"),
    ("Target date: Q3 2017/18\nWho: YOT Manager / Tom Reid", "YOT Manager / Tom Reid", "Q3 2017/18"),
    ("Priya Shah\nTimescale: Agust 2017", "Priya Shah", "Agust 2017"),  # the label says it: all of it is the date
    ("Accountable officer: Tom Reid Due: Q3 2017/18", "Tom Reid", "Q3 2017/18"),  # both on one line
    ("Youth justice workers Deadline – Jan 2018", "Youth justice workers", "Jan 2018"),
    ("By: Head of Inclusion", "Head of Inclusion", ""),  # "by whom": no date follows
    # a timescale line with words around its date that read as no owner
    ("YOT Manager\nThroughout the 2017/18 financial year", "YOT Manager", "Throughout the 2017/18 financial year"),
    ("Tom Reid – during academic year 2017/18", "Tom Reid", "during academic year 2017/18"),
    ("YOT Manager\nover financial year\n2017/18", "YOT Manager", "over financial year 2017/18"),
    ("Ayesha Khan, Service Leads – over financial year\n2017/18", "Ayesha Khan, Service Leads",
     "over financial year 2017/18"),
])
def test_labels_and_worded_timescales(raw, owner, due):
    assert split_owner_due(raw) == (owner, due)


@pytest.mark.parametrize("raw", ["Lead Officer", "Head of Service – Deadline", "Priya Shah\nHead of Service",
                                 "Owen Target"])
def test_label_words_without_a_timescale_are_left_alone(raw):
    assert split_owner_due(raw)[1] == ""


def test_a_labelled_combined_cell_read_as_the_timescale_column_gives_its_owner():
    assert owner_and_due(_rec("", "Who: Priya Shah\nTarget date: Feb – May 2017")) == ("Priya Shah", "Feb – May 2017")
