"""PDF extraction traps from public bug reports (issue 14), each on a fixture generated here (tests/pdf_traps.py):
content the audience never sees, glyphs without a Unicode mapping (ligatures), vertical CJK text."""

from __future__ import annotations

import json

from deckaudit.readers import ReadOptions, read_deck
from tests import pdf_fixtures as df
from tests import pdf_traps as pt


# --- content the audience never sees -------------------------------------------------------------------------

def test_text_in_a_layer_that_is_off_or_outside_the_page_is_kept_apart(tmp_path):
    deck = read_deck(pt.hidden_content_pdf(tmp_path / "hidden.pdf"))
    (slide,) = deck.slides
    # visible text, a layer that is on, and invisible (render mode 3) text as OCR'd PDFs carry theirs: kept
    assert slide.text == "Customer outcomes\nLayer that is on\nInvisible OCR words"
    # a layer that is off in the default view, and text placed beyond the MediaBox: listed apart
    assert set(slide.hidden_text.split("\n")) == {"Draft note for reviewers", "Offstage words"}
    (warning,) = deck.warnings
    assert warning.startswith("text the audience never sees is kept out of the slide text")
    assert "page 1: 2 text objects in a layer that is off or outside the page" in warning


def test_hidden_text_is_in_the_json_report_apart_from_the_text(tmp_path):
    from deckaudit.api import audit

    doc = json.loads(json.dumps(audit(pt.hidden_content_pdf(tmp_path / "hidden.pdf")).to_dict()))
    (slide,) = doc["slides"]
    assert "Draft note" not in slide["text"] and "Draft note for reviewers" in slide["hidden_text"]


def test_a_cropbox_hides_what_lies_outside_it(tmp_path):
    def page(c, w, h):
        c.setFont("Helvetica-Bold", 28)
        c.drawString(60, h - 80, "Visible title")
        c.setFont("Helvetica", 18)
        c.drawString(60, 40, "Cropped away footer")
        c.setCropBox((0, 120, w, h))  # the bottom 120 pt are not shown
    deck = read_deck(df.write_pdf(tmp_path / "crop.pdf", [page]))
    assert deck.slides[0].text == "Visible title"
    assert deck.slides[0].hidden_text == "Cropped away footer"


def test_a_layer_that_is_on_costs_nothing_and_hides_nothing(tmp_path):
    deck = read_deck(pt.hidden_content_pdf(tmp_path / "h.pdf", off_layer="", outside=""))
    assert deck.slides[0].hidden_text == "" and not deck.warnings


# --- glyphs without a Unicode mapping (ligatures) ------------------------------------------------------------

import shutil  # noqa: E402

import pytest  # noqa: E402

LIGATURE_LINES = ["Scientific offices", "A significant effect on traffic flow", "Staff", "We offer efficient drop-offs"]
REPAIRED = "\n".join(LIGATURE_LINES)


def test_unmapped_ligatures_are_repaired_from_pdftotext(tmp_path):
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext is not installed (apt install poppler-utils)")
    deck = read_deck(pt.ligature_names_pdf(tmp_path / "lig.pdf", LIGATURE_LINES))
    assert deck.slides[0].text == REPAIRED
    assert deck.slides[0].title == "Scientific offices"  # the lines are repaired too
    assert deck.engine == "pypdfium2+pdftotext" and not deck.warnings


def test_unmapped_ligatures_are_repaired_from_pdfminer_without_pdftotext(tmp_path, monkeypatch):
    pytest.importorskip("pdfminer")
    monkeypatch.setattr(shutil, "which", lambda name, *a, **k: None)
    deck = read_deck(pt.ligature_names_pdf(tmp_path / "lig.pdf", LIGATURE_LINES))
    assert deck.slides[0].text == REPAIRED and deck.engine == "pypdfium2+pdfminer"


def test_without_a_repair_engine_words_stay_whole_and_a_warning_says_what_to_install(tmp_path, monkeypatch):
    import sys

    monkeypatch.setattr(shutil, "which", lambda name, *a, **k: None)
    monkeypatch.setitem(sys.modules, "pdfminer.high_level", None)  # import fails
    deck = read_deck(pt.ligature_names_pdf(tmp_path / "lig.pdf", LIGATURE_LINES))
    # never "e\nect" (a raw code read as a line break splits the word): the hole is dropped
    assert deck.slides[0].text == "Scientic oces\nA signicant eect on trac ow\nSta\nWe oer ecient drop-os"
    assert deck.engine == "pypdfium2"
    (warning,) = deck.warnings
    assert warning.startswith("10 words with glyphs that have no Unicode mapping (page 1) read with letters missing")
    assert "pdftotext" in warning


def test_case_is_kept_and_only_fitting_words_fill_a_hole():
    from deckaudit.readers.pdf import _fill

    words = {"OFFICES": 1, "offices": 3, "office": 2}
    assert _fill("o\x1fces", words) == "offices"
    assert _fill("O\x1fCES", {"offices": 1}) == "OFFICES".replace("FFI", "ffi")  # letters pdfium had keep their case
    assert _fill("o\x1fces", {"oranges": 1}) is None


# --- vertical CJK text (tategaki) ----------------------------------------------------------------------------

COLUMNS = ["お客様の課題", "在庫が多すぎる", "納期が遅れる"]


def test_vertical_cjk_columns_are_read_right_to_left(tmp_path):
    pytest.importorskip("pdfminer")
    path = df.write_pdf(tmp_path / "tate.pdf", [pt.vertical_cjk_page(COLUMNS, heading="Agenda"),
                                                pt.vertical_cjk_page(["私たちの提案", "次の一歩"], pitch=300)])
    deck = read_deck(path)
    # the horizontal heading pdfium reads, then the columns as read: the rightmost first
    assert deck.slides[0].text == "Agenda\n" + "\n".join(COLUMNS)
    assert deck.slides[1].text == "私たちの提案\n次の一歩" and deck.slides[1].title == "私たちの提案"
    assert deck.engine == "pypdfium2+pdfminer" and not deck.warnings


def test_vertical_text_without_pdfminer_is_named_not_dropped_silently(tmp_path, monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "pdfminer.high_level", None)
    deck = read_deck(df.write_pdf(tmp_path / "tate.pdf", [pt.vertical_cjk_page(COLUMNS, heading="Agenda")]),
                     ReadOptions(ocr="never"))
    assert deck.slides[0].text == "Agenda"
    assert deck.warnings == ["vertical text (tategaki) on page 1 is not read: pip install 'deckaudit[pdfplumber]' "
                             "to read it"]


def test_files_without_layers_skip_the_mark_checks(tmp_path):
    from deckaudit.readers.pdf import _may_have_layers

    assert _may_have_layers(pt.hidden_content_pdf(tmp_path / "h.pdf"))
    assert not _may_have_layers(df.write_pdf(tmp_path / "plain.pdf", [df.text_page("Agenda", "Intro")]))


def test_the_layer_check_looks_inside_compressed_object_streams(tmp_path):
    import zlib

    from deckaudit.readers.pdf import _may_have_layers

    def objstm(payload: bytes, compress=True) -> bytes:
        data = zlib.compress(payload) if compress else payload
        return (b"%%PDF-1.7\n5 0 obj\n<</Type/ObjStm/N 1/First 4/Filter/FlateDecode/Length %d>>stream\r\n" % len(data)
                + data + b"\r\nendstream\nendobj\n")

    cases = {"hidden.pdf": objstm(b"1 0 <</Type/Catalog/Pages 2 0 R/OCProperties<</OCGs[6 0 R]>>>>"),
             "plain.pdf": objstm(b"1 0 <</Type/Catalog/Pages 2 0 R>>"),
             "odd.pdf": objstm(b"not zlib /Catalog", compress=False)}
    found = {}
    for name, data in cases.items():
        (tmp_path / name).write_bytes(data)
        found[name] = _may_have_layers(str(tmp_path / name))
    assert found == {"hidden.pdf": True, "plain.pdf": False, "odd.pdf": True}  # cannot tell: look


def test_off_page_text_inside_a_form_xobject_is_kept_apart_too(tmp_path):
    def page(c, w, h):
        c.beginForm("template")
        c.setFont("Helvetica", 18)
        c.drawString(60, h - 200, "Inside the form")
        c.drawString(w + 200, h - 200, "Parked beside the slide")
        c.endForm()
        c.setFont("Helvetica-Bold", 28)
        c.drawString(60, h - 80, "Visible title")
        c.doForm("template")
    deck = read_deck(df.write_pdf(tmp_path / "form.pdf", [page]))
    assert deck.slides[0].text == "Visible title\nInside the form"
    assert deck.slides[0].hidden_text == "Parked beside the slide"
