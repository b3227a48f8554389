"""The PPTX reader against every trap in the extraction-pitfalls page, python-pptx as the oracle."""

from __future__ import annotations

import pytest

from deckaudit.errors import DeckError, FileStatus, SlideStatus
from deckaudit.readers import ReadOptions, read_deck
from tests import deckfactory as df


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    d = tmp_path_factory.mktemp("pptx")
    return df.basic_pptx(
        d / "base.pptx",
        slides=[("First slide", ["one alpha", "one beta"]), ("Second slide", ["two alpha"]), ("Third slide", ["three alpha"])],
        notes={1: "first notes", 3: "third notes"},
        pictures={2: ["company logo"]},
    )


@pytest.fixture(scope="module")
def rich(tmp_path_factory):
    return df.rich_pptx(tmp_path_factory.mktemp("rich") / "rich.pptx")


def python_pptx_text(path) -> list[str]:
    """What python-pptx extracts per slide (groups recursed, tables, chart titles): the oracle."""
    from pptx import Presentation

    out = []
    for slide in Presentation(path).slides:
        parts, stack = [], list(slide.shapes)
        while stack:
            sh = stack.pop()
            if sh.shape_type == 6:
                stack.extend(sh.shapes)
            if sh.has_text_frame:
                parts.append(sh.text_frame.text)
            if getattr(sh, "has_table", False) and sh.has_table:
                parts.extend(c.text for r in sh.table.rows for c in r.cells)
            if getattr(sh, "has_chart", False) and sh.has_chart and sh.chart.has_title:
                parts.append(sh.chart.chart_title.text_frame.text)
        out.append(" ".join(parts))
    return out


def test_everything_python_pptx_finds_is_read(base, rich):
    for path in (base, rich):
        deck = read_deck(path)
        for ours, theirs in zip(deck.slides, python_pptx_text(path)):
            ours_words = set(ours.text.split())
            for word in theirs.split():
                assert word in ours_words, (path.name, word)


def test_basic_fields(base):
    deck = read_deck(base)
    assert (deck.format, deck.variant, deck.engine, len(deck)) == ("pptx", "pptx", "lxml", 3)
    s1, s2, s3 = deck.slides
    assert s1.title == "First slide" and s1.text.splitlines()[0] == "First slide"
    assert s1.notes == "first notes" and s2.notes == "" and s3.notes == "third notes"
    assert "first notes" not in s1.text, "notes stay apart from the slide text"
    assert s2.pictures == 1 and s2.alt_texts == ["company logo"] and 0 < s2.picture_area < 0.2
    assert s1.layout == "Title and Content"
    assert all(s.status is SlideStatus.OK for s in deck.slides)
    assert any(b.kind == "picture" for b in s2.boxes) and all(0 <= b.x <= 1 for b in s2.boxes)


def test_no_notes_option_skips_notes(base):
    deck = read_deck(base, ReadOptions(notes=False))
    assert all(s.notes == "" for s in deck.slides)


def test_nested_groups_tables_charts(rich):
    s1, s2, s3, s4 = read_deck(rich).slides
    assert {"BOXFIRST", "BOXSECOND", "deepest", "words"} <= set(s1.text.split())
    assert "BOXFIRSTBOXSECOND" not in s1.text  # no glued words
    assert all(f"cell{r}{c}text" in s2.text for r in (0, 1) for c in (0, 1))
    for word in ("Charttitlewords", "Revenueseries", "Northregion", "Southregion"):
        assert word in s3.text
    assert s4.alt_texts == ["customer logo wall"] and s4.picture_area == pytest.approx(0.5, abs=0.01)
    assert s4.words == 0 and s4.status is SlideStatus.OK  # a picture is content


def test_smartart_text_from_the_data_part(base, tmp_path):
    deck = read_deck(df.with_smartart(base, tmp_path / "smart.pptx"))
    text = deck.slides[0].text
    assert "SmartNodeOne" in text and "SmartAssistant" in text
    assert "TRANSITION" not in text and "DOCNODE" not in text


def test_notes_written_as_a_text_box(base, tmp_path):
    deck = read_deck(df.notes_as_textbox(base, tmp_path / "gnotes.pptx"))
    assert deck.slides[0].notes == "first notes"


def test_hidden_reordered_and_sections(base, tmp_path):
    deck = read_deck(df.hidden_reordered_sectioned(base, tmp_path / "order.pptx"))
    assert [s.title for s in deck.slides] == ["Third slide", "Second slide", "First slide"]
    assert [s.index for s in deck.slides] == [1, 2, 3]
    second = deck.slides[1]
    assert second.hidden and second.status is SlideStatus.HIDDEN
    assert [s.section for s in deck.slides] == ["About us", "Your world", "Your world"]  # sections follow the slides


def test_layout_text_is_boilerplate_not_slide_text(base, tmp_path):
    deck = read_deck(df.with_layout_tagline(base, tmp_path / "tag.pptx"))
    assert all("LAYOUT_TAGLINE" in s.boilerplate for s in deck.slides)
    assert all("LAYOUT_TAGLINE" not in s.text for s in deck.slides)


@pytest.mark.parametrize("ctype,variant", [
    ("application/vnd.openxmlformats-officedocument.presentationml.slideshow.main+xml", "ppsx"),
    ("application/vnd.openxmlformats-officedocument.presentationml.template.main+xml", "potx"),
    ("application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml", "pptm"),
])
def test_variants(base, tmp_path, ctype, variant):
    deck = read_deck(df.with_content_type(base, tmp_path / f"v.{variant}", ctype))
    assert deck.variant == variant and len(deck) == 3


def test_strict_ooxml_is_read_not_empty(base, tmp_path):
    deck = read_deck(df.to_strict(base, tmp_path / "strict.pptx"))
    assert deck.variant == "pptx-strict"
    assert [s.title for s in deck.slides] == ["First slide", "Second slide", "Third slide"]


def test_wrong_extension_is_sniffed(base, tmp_path):
    p = tmp_path / "really-a-pptx.pdf"
    p.write_bytes(base.read_bytes())
    assert read_deck(p).format == "pptx"


@pytest.mark.parametrize("name", ["deck with spaces.pptx", "dëck-ünïcödé.pptx", "-leading-dash.pptx", "no_extension"])
def test_odd_file_names(base, tmp_path, name):
    p = tmp_path / name
    p.write_bytes(base.read_bytes())
    assert len(read_deck(p)) == 3


# --- files that fail to open ---------------------------------------------------------------------------------

def _error(path) -> DeckError:
    with pytest.raises(DeckError) as err:
        read_deck(path)
    assert "\n" not in str(err.value)
    return err.value


def test_encrypted_pptx(base, tmp_path):
    err = _error(df.encrypted_pptx(base, tmp_path / "locked.pptx"))
    assert err.status is FileStatus.ENCRYPTED and "password" in err.reason


def test_legacy_ppt_without_libreoffice_names_what_to_install(tmp_path, monkeypatch):
    from deckaudit.readers import convert

    monkeypatch.setattr(convert, "soffice", lambda: None)
    err = _error(df.fake_legacy_ppt(tmp_path / "old.ppt"))
    assert err.status is FileStatus.UNSUPPORTED and ".ppt" in err.reason and "install LibreOffice" in err.reason


def test_truncated_zip(base, tmp_path):
    p = tmp_path / "cut.pptx"
    p.write_bytes(base.read_bytes()[: len(base.read_bytes()) // 2])
    assert _error(p).status is FileStatus.CORRUPT


def test_duplicate_entries(base, tmp_path):
    assert _error(df.duplicate_entry(base, tmp_path / "dup.pptx")).status is FileStatus.CORRUPT


def test_broken_xml(base, tmp_path):
    """One slide's broken XML: the others are read, that one is 'unreadable' and named; all broken: corrupt."""
    from deckaudit.errors import SlideStatus

    p = df.with_slide_xml(base, tmp_path / "bad.pptx", lambda d: d[: len(d) // 2])
    deck = read_deck(p)
    assert [s.status for s in deck.slides] == [SlideStatus.UNREADABLE, SlideStatus.OK, SlideStatus.OK]
    assert deck.slides[1].title == "Second slide" and deck.slides[0].text == ""
    assert any("slide 1 could not be read" in w and "slide1.xml" in w for w in deck.warnings)
    every = df.rewrite_zip(base, tmp_path / "all-bad.pptx",
                           lambda n, d: d[: len(d) // 2] if n.startswith("ppt/slides/slide") and n.endswith(".xml") else d)
    err = _error(every)
    assert err.status is FileStatus.CORRUPT and "slide1.xml" in err.reason


def test_zero_slides_and_zero_bytes(tmp_path):
    from pptx import Presentation

    Presentation().save(tmp_path / "none.pptx")
    assert _error(tmp_path / "none.pptx").status is FileStatus.EMPTY
    (tmp_path / "zero.pptx").write_bytes(b"")
    assert _error(tmp_path / "zero.pptx").status is FileStatus.EMPTY


def test_missing_and_folder(tmp_path):
    assert _error(tmp_path / "nope.pptx").status is FileStatus.NOT_FOUND
    assert _error(tmp_path).status is FileStatus.NOT_A_FILE
