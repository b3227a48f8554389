"""PPTX extraction traps from public bug reports, each a whole kind with a generated fixture (tests/trapfactory.py):
markup-compatibility wrappers, Office math, chartex charts, merged table cells, case-insensitive part names."""

from __future__ import annotations

import pytest

from deckaudit.errors import DeckError, FileStatus
from deckaudit.readers import read_deck
from tests import deckfactory as df
from tests import trapfactory as tf


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    return df.basic_pptx(tmp_path_factory.mktemp("traps") / "base.pptx",
                         slides=[("Our platform", ["our modules"]), ("Your goals", ["you grow"])])


@pytest.fixture(scope="module")
def rich(tmp_path_factory):
    return df.rich_pptx(tmp_path_factory.mktemp("traps_rich") / "rich.pptx")


# --- mc:AlternateContent -------------------------------------------------------------------------------------

def test_alternate_content_takes_the_choice_it_understands_else_the_fallback(base, tmp_path):
    text = read_deck(tf.alternate_content(base, tmp_path / "ac.pptx")).slides[0].text
    assert "FALLBACKREAD" in text and "CHOICEUNKNOWN" not in text  # Choice needs a namespace we do not read
    assert "SECONDCHOICEREAD" in text  # the first Choice we understand, not the first Choice
    assert "FIRSTCHOICEUNKNOWN" not in text and "FALLBACKNOTREAD" not in text
    assert "GROUPFALLBACKREAD" in text and "GROUPCHOICEUNKNOWN" not in text  # inside a group too


def test_office_math_is_text_and_its_fallback_is_not_read_twice(base, tmp_path):
    text = read_deck(tf.alternate_content(base, tmp_path / "math.pptx")).slides[0].text
    assert "Energy: E=mc2" in text.splitlines()
    assert "EQUATIONPICTURETEXT" not in text


def test_a_chart_title_inside_a_wrapper_is_read_once(rich, tmp_path):
    deck = read_deck(tf.chart_title_in_wrapper(rich, tmp_path / "chart_ac.pptx"))
    text = deck.slides[2].text
    assert "Charttitlewords" in text and "FALLBACKTITLE" not in text


def test_resolve_follows_the_markup_compatibility_rules():
    from deckaudit.readers.mce import resolve
    from deckaudit.readers.ooxml_safety import parse_xml

    root = parse_xml(
        f'<r xmlns:mc="{tf.MC}" xmlns:k="urn:known" xmlns:u="urn:unknown">'
        '<mc:AlternateContent><mc:Choice Requires="u"><x>1</x></mc:Choice></mc:AlternateContent>'  # nothing
        '<mc:AlternateContent><mc:Choice Requires="k u"><x>2</x></mc:Choice><mc:Fallback><x>3</x><x>4</x>'
        '</mc:Fallback></mc:AlternateContent>'
        '<mc:AlternateContent><mc:Choice Requires="k"><mc:AlternateContent><mc:Choice Requires="nope"><x>5</x>'
        '</mc:Choice><mc:Fallback><x>6</x></mc:Fallback></mc:AlternateContent></mc:Choice></mc:AlternateContent>'
        '</r>'.encode())
    resolve(root, lambda uri: uri == "urn:known")
    assert [x.text for x in root] == ["3", "4", "6"]  # an undeclared prefix is not understood


# --- chartex -------------------------------------------------------------------------------------------------

def test_chartex_gives_title_series_and_categories_not_the_fallback_box(base, tmp_path):
    deck = read_deck(tf.chartex(base, tmp_path / "cx.pptx"))
    text = deck.slides[0].text
    assert "Revenuebridge waterfall" in text and "Bookingsseries" in text
    for category in ("Openingbalance", "Newcontracts", "Churnedaccounts", "Closingbalance", "Fiscalyear"):
        assert category in text
    assert "isn't available" not in text
    assert text.count("Revenuebridge") == 1
    assert any(b.kind == "chart" for b in deck.slides[0].boxes)


# --- merged table cells --------------------------------------------------------------------------------------

def test_merged_cells_are_read_once_in_their_row_and_covered_text_is_not(tmp_path):
    text = read_deck(tf.merged_table(tmp_path / "merged.pptx")).slides[0].text
    assert "COVERED" not in text
    lines = text.splitlines()
    assert "Spanning header" in lines  # row 0: one cell over three columns
    assert "Tall cell | r1c1 | r1c2" in lines  # the tall cell in the row where it starts
    assert "r2c1 | r2c2" in lines  # and not again in the row it covers
    assert text.count("Tall cell") == 1


# --- part names ignore letter case ---------------------------------------------------------------------------

def test_part_names_differing_in_case_still_find_their_parts(base, tmp_path):
    deck = read_deck(tf.case_shifted_parts(base, tmp_path / "case.pptx"))
    assert [s.title for s in deck.slides] == ["Our platform", "Your goals"]
    assert "our modules" in deck.slides[0].text


def test_two_members_that_differ_only_in_case_are_one_part_twice(base, tmp_path):
    with pytest.raises(DeckError) as err:
        read_deck(tf.case_duplicate(base, tmp_path / "dup.pptx"))
    assert err.value.status is FileStatus.CORRUPT and "duplicate" in err.value.reason


def test_a_relationship_into_media_in_other_case_is_still_not_read_as_a_slide(base, tmp_path):
    def edit(name, data):
        if name == "ppt/_rels/presentation.xml.rels":
            return data.replace(b'Target="slides/slide1.xml"', b'Target="MEDIA/image1.png"')
        return data

    p = df.rewrite_zip(base, tmp_path / "media.pptx", edit, add={"ppt/media/image1.png": df.png()})
    deck = read_deck(p)  # the picture is not read as slide XML: slide 1 is named as unreadable, never parsed as text
    assert deck.slides[0].status.value == "unreadable" and deck.slides[0].text == ""
    assert any("slide 1 could not be read" in w and "media" in w.lower() for w in deck.warnings)


# --- notes page furniture ------------------------------------------------------------------------------------

def test_a_page_number_field_in_a_notes_text_box_is_not_notes(tmp_path):
    """LibreOffice's PPTX export (so every converted .ppt/.key) puts '<number>' in a non-placeholder box."""
    src = df.basic_pptx(tmp_path / "n.pptx", slides=[("Title", ["words"])], notes={1: "say this"})

    def edit(name, data):
        if name.startswith("ppt/notesSlides/notesSlide") and name.endswith(".xml"):
            box = ('<p:sp><p:nvSpPr><p:cNvPr id="54" name=""/><p:cNvSpPr/><p:nvPr/></p:nvSpPr><p:spPr/><p:txBody>'
                   '<a:bodyPr/><a:p><a:fld id="{D2F7DEC9-3BF3-4922-9315-69E3901376BD}" type="slidenum"><a:rPr/>'
                   '<a:t>&lt;number&gt;</a:t></a:fld></a:p></p:txBody></p:sp>')
            return data.replace(b"</p:spTree>", box.encode() + b"</p:spTree>")
        return data

    deck = read_deck(df.rewrite_zip(src, tmp_path / "n2.pptx", edit))
    assert deck.slides[0].notes == "say this"


def test_a_chart_title_linked_to_a_cell_is_read(rich, tmp_path):
    def edit(name, data):
        if name.startswith("ppt/charts/chart") and name.endswith(".xml"):
            import re

            linked = (b"<c:title><c:tx><c:strRef><c:f>Sheet1!$B$1</c:f><c:strCache><c:ptCount val=\"1\"/>"
                      b"<c:pt idx=\"0\"><c:v>Linkedtitlewords</c:v></c:pt></c:strCache></c:strRef></c:tx>"
                      b"<c:overlay val=\"0\"/></c:title>")
            return re.sub(rb"<c:title>.*?</c:title>", linked, data, count=1, flags=re.S)
        return data

    text = read_deck(df.rewrite_zip(rich, tmp_path / "linked.pptx", edit)).slides[2].text
    assert "Linkedtitlewords" in text
