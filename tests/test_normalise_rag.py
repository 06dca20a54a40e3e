"""RAG cells -> Red / Amber / Green / Blue / Grey (normalise/rag.py)."""
import pytest

from actionplans.normalise.rag import RagKey, build_key, fold_confusables, read_rag, rag_from_fill


@pytest.mark.parametrize("raw, rag", [
    ("R", "Red"), ("A", "Amber"), ("G", "Green"), ("B", "Blue"), ("Gr", "Grey"),
    ("red", "Red"), ("AMBER", "Amber"), ("Green.", "Green"), ("Blue", "Blue"), ("grey", "Grey"), ("Gray", "Grey"),
    ("(G)", "Green"), ("Green (G)", "Green"), ("G - on track", "Green"),
])
def test_letters_and_words(raw, rag):
    reading = read_rag(raw)
    assert reading.rag == rag
    assert reading.raw == raw.strip()
    assert reading.warnings == ()


@pytest.mark.parametrize("raw, rag", [
    ("\u0391", "Amber"),  # Greek capital alpha
    ("\u0410", "Amber"),  # Cyrillic capital a
    ("\u0412", "Blue"),  # Cyrillic capital ve
    ("\u0392", "Blue"),  # Greek capital beta
    ("\u0420", "Red"),  # Cyrillic er looks like P, not R: no RAG
    ("\u050c", "Green"),  # Cyrillic komi sje (looks like G)
    ("\uff27", "Green"),  # fullwidth G
    ("\uff32", "Red"),  # fullwidth R
    ("\u13c0", "Green"),  # Cherokee letter nah (looks like G)
    ("\u0262", "Green"),  # Latin small capital G
    ("\u0410mber", "Amber"),  # a word with one look-alike letter
])
def test_look_alike_characters(raw, rag):
    reading = read_rag(raw)
    if raw == "\u0420":
        assert reading.rag == "" and reading.warnings  # P is not a RAG letter
    else:
        assert reading.rag == rag
        assert reading.raw == raw  # rag_raw keeps the text as found


def test_fold_confusables_is_a_table_not_two_letters():
    assert fold_confusables("\u0391\u0392\u0395\u041d\u041e\u0421") == "ABEHOC"


@pytest.mark.parametrize("fill, rag", [
    ("#FF0000", "Red"), ("#FE0202", "Red"), ("#E00000", "Red"),  # a shade off standard red
    ("#FFC000", "Amber"), ("#F5C000", "Amber"), ("#FFFF00", "Amber"),
    ("#00B050", "Green"), ("#02B252", "Green"), ("#92D050", "Green"),
    ("#0070C0", "Blue"), ("#00B0F0", "Blue"),
    ("#808080", "Grey"), ("#BFBFBF", "Grey"),
    ("ff0000", "Red"), ("#f00", "Red"),
])
def test_fill_colours_nearest_in_lab(fill, rag):
    reading = read_rag("", fill)
    assert reading.rag == rag
    assert reading.raw.startswith("#") and len(reading.raw) == 7


@pytest.mark.parametrize("fill", ["#FFFFFF", "#000000", None, "", "not a colour"])
def test_no_rag_fill(fill):
    assert read_rag("", fill).rag == ""


def test_fill_far_from_every_rag_colour_warns():
    reading = read_rag("", "#800080")  # purple
    assert reading.rag == "" and reading.raw == "#800080"
    assert any("not a RAG colour" in w for w in reading.warnings)


def test_document_key_colour_overrides_the_standard_palette():
    # this plan marks "complete" with a teal that the standard palette would not call Blue
    assert rag_from_fill("#00A0A0") != "Blue"
    key = build_key([("#00A0A0", "Blue"), ("#FFFF00", "Green")])
    assert rag_from_fill("#00A0A0", key) == "Blue"
    assert rag_from_fill("#FFFF00", key) == "Green"  # their yellow means Green, not Amber
    assert rag_from_fill("#FF0000", key) == "Red"  # colours not in the key: the palette


def test_progress_words_read_as_states_and_the_key_wins():
    plain = read_rag("Complete")
    assert plain.rag == "Green" and plain.warnings == ()  # no key, no BRAG: done is Green
    key = build_key([("Complete", "Blue"), ("Not started", "Grey (not yet due)")])
    assert read_rag("Complete", None, key).rag == "Blue"
    assert read_rag("Complete - signed off", None, key).rag == "Blue"
    assert read_rag("Not started", None, key).rag == "Grey"  # the key's meaning, not the state's Red
    assert read_rag("Not yet begun", None, key).rag == "Grey"  # same state, other words: the key's value


def test_key_with_unusable_value_is_ignored():
    key = build_key([("Complete", "whatever"), ("", "Red")])
    assert key == RagKey()


def test_unreadable_letter_is_blank_with_warning():
    reading = read_rag("O")
    assert reading.rag == "" and reading.raw == "O"
    assert reading.warnings == ("unreadable RAG 'O'",)


def test_unreadable_text_falls_back_to_fill_and_text_beats_fill():
    assert read_rag("O", "#00B050").rag == "Green"
    both = read_rag("G", "#FF0000")
    assert both.rag == "Green" and any("disagrees" in w for w in both.warnings)


def test_mixed_rag_takes_the_last_with_warning():
    reading = read_rag("A/G")
    assert reading.rag == "Green" and any("mixed RAG" in w for w in reading.warnings)


def test_long_sentence_with_the_letter_a_is_not_amber():
    assert read_rag("Work is on track and a report is due").rag == "Green"  # on track, not the letter a
    assert read_rag("A report on the audit is due in May").rag == ""


def test_a_one_letter_key_does_not_claim_a_sentence():
    key = build_key([("A", "Amber"), ("Completed", "Blue")])
    assert read_rag("a report is due in May", None, key).rag == ""
    assert read_rag("A", None, key).rag == "Amber"
