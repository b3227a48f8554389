"""Words pdfium reads run together are spaced from pdftotext/pdfminer, and fake-bold doubled letters are
halved (deckaudit/readers/_spacing.py), on generated PDFs (tests/pdf_traps.py)."""

from __future__ import annotations

import shutil
import sys

import pytest

from deckaudit.readers import read_deck
from deckaudit.readers._spacing import _RefPage, halve_fake_bold
from tests import pdf_fixtures as df
from tests import pdf_traps as pt

TITLE = "Where the leakage happens"
GLUED_BODY = ("You're running a dozen disconnected tools",
              "Call setOnClickListener on www.openmainframeproject.org")
SHORT_ONLY = ("Tools that don't talk to each other",)  # no run of 16 letters: found once the deck is known
NORMAL = ("Responsibilities of intercontinental teams",
          "Read docs.example.com/PathMatchingResourcePatternResolver or mail sales@openmainframeproject.org",
          "Rechtsschutzversicherungsgesellschaften and setOnClickListener")


def _glued_deck(tmp_path):
    return df.write_pdf(tmp_path / "glued.pdf", [pt.glued_words_page(TITLE, *GLUED_BODY),
                                                 pt.glued_words_page("Integration", *SHORT_ONLY),
                                                 df.text_page("Who we are", *NORMAL)])


def _pdfium_text(path, page: int) -> str:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(path))
    try:
        return doc[page].get_textpage().get_text_range()
    finally:
        doc.close()


def test_the_fixture_is_read_run_together_by_pdfium(tmp_path):
    # the premise of this file: if a pdfium release spaces these words, the fixture needs a smaller gap
    assert "You'rerunningadozendisconnectedtools" in _pdfium_text(_glued_deck(tmp_path), 0)


def _need_pdftotext():
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext is not installed (apt install poppler-utils)")


def test_glued_words_are_spaced_from_pdftotext_and_names_addresses_and_long_words_kept(tmp_path):
    _need_pdftotext()
    deck = read_deck(_glued_deck(tmp_path))
    glued, short, normal = deck.slides
    assert glued.text == "\n".join([TITLE, *GLUED_BODY])
    assert glued.title == TITLE  # the lines are repaired too
    assert [b.text for b in glued.boxes if b.kind == "text"] == [TITLE, *GLUED_BODY]
    # a page with only short glued words is repaired once another page showed the deck drops its spaces
    assert short.text == "Integration\n" + SHORT_ONLY[0]
    # long words, camelCase, addresses and a German compound on a page read with its spaces: untouched
    assert normal.text == "Who we are\n" + "\n".join(NORMAL)
    assert deck.engine == "pypdfium2+pdftotext" and not deck.warnings


def test_a_page_of_long_words_urls_and_camel_case_is_untouched(tmp_path):
    _need_pdftotext()
    path = df.write_pdf(tmp_path / "normal.pdf", [df.text_page("Who we are", *NORMAL)])
    deck = read_deck(path)
    assert deck.slides[0].text == "Who we are\n" + "\n".join(NORMAL)
    assert deck.engine == "pypdfium2" and not deck.warnings


def test_glued_words_are_spaced_from_pdfminer_without_pdftotext(tmp_path, monkeypatch):
    pytest.importorskip("pdfminer")
    monkeypatch.setattr(shutil, "which", lambda name, *a, **k: None)
    deck = read_deck(_glued_deck(tmp_path))
    assert deck.slides[0].text == "\n".join([TITLE, *GLUED_BODY])
    assert deck.engine == "pypdfium2+pdfminer"


def test_without_a_reference_engine_nothing_changes_and_a_warning_names_the_pages(tmp_path, monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name, *a, **k: None)
    monkeypatch.setitem(sys.modules, "pdfminer.high_level", None)  # import fails
    path = df.write_pdf(tmp_path / "glued.pdf", [pt.glued_words_page(TITLE, *GLUED_BODY),
                                                 df.text_page("Interoperability", "For interoperability of our teams")])
    deck = read_deck(path)
    assert deck.slides[0].text.split("\n")[1] == "You'rerunningadozendisconnectedtools"
    assert deck.engine == "pypdfium2"
    (warning,) = deck.warnings
    # page 2 triggers, but words of 16 to 19 letters, one kind a page, are not worth a warning
    assert warning.startswith("words may run together on page 1 (pdfium read no space between them)")
    assert "pdftotext" in warning and "deckaudit[pdfplumber]" in warning


def test_a_split_needs_consecutive_reference_words_and_never_cuts_a_word_the_reference_has():
    ref = _RefPage("The network is the business.\nOpenMainframeProject and I N T E RO P E R A B I L I T Y")
    assert ref.split("Thenetworkisthebusiness.") == [3, 10, 12, 15]
    assert ref.split("networkThe") is None  # the same letters, not in the reference's order
    assert ref.split("OpenMainframeProject") is None  # the reference has it whole
    # a reference that read a tracked heading letter by letter does not cut pdfium's word
    assert ref.split("INTEROPERABILITY") is None


def test_fake_bold_doubled_letters_are_halved(tmp_path):
    path = df.write_pdf(tmp_path / "bold.pdf", [pt.fake_bold_page("Pricing", "( Ad budget charged separately )")])
    assert "sseeppaarraatteellyy" in _pdfium_text(path, 0)  # the premise
    deck = read_deck(path)
    assert deck.slides[0].text == "Pricing\n( Ad budget charged separately )"
    assert deck.engine == "pypdfium2"  # no other engine asked


def test_only_lines_with_a_long_doubled_word_are_halved():
    assert halve_fake_bold("(( AAdd sseeppaarraatteellyy )) 1100\nAAdd 11 ((x))") == \
        "( Ad separately ) 10\nAAdd 11 ((x))"
    # a word of doubled letters must have three different letters: placeholders stay
    assert halve_fake_bold("Account XXXXXXXX and aaaaaaaabbbb") == "Account XXXXXXXX and aaaaaaaabbbb"
    assert halve_fake_bold("bookkeeper committee balloon") == "bookkeeper committee balloon"


def test_pages_without_a_trigger_never_ask_another_engine(tmp_path, monkeypatch):
    from deckaudit.readers import pdf

    def refuse(*args, **kwargs):
        raise AssertionError("another engine was asked on a deck without glued words")

    monkeypatch.setattr(pdf, "_reference_text", refuse)
    path = df.write_pdf(tmp_path / "plain.pdf", [df.text_page("Our customers", "They ship faster with us"),
                                                 df.letter_spaced_page("OUR CUSTOMERS")])
    deck = read_deck(path)
    assert deck.slides[0].text == "Our customers\nThey ship faster with us" and deck.engine == "pypdfium2"


def test_the_glyph_and_spacing_repairs_share_one_reference_run(monkeypatch):
    from deckaudit.readers import pdf

    calls = []

    def fake(path, pages, prefer=None):
        calls.append(list(pages))
        return "pdftotext", {i: f"page {i}" for i in pages}

    monkeypatch.setattr(pdf, "_reference_text", fake)
    reference = pdf._References("deck.pdf")
    assert reference([2, 5]) == ("pdftotext", {2: "page 2", 5: "page 5"})
    assert reference([5, 7])[1] == {5: "page 5", 7: "page 7"}
    assert calls == [[2, 5], [7]]  # page 5 is not read twice
