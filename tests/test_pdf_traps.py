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
