"""Backgrounds and template pictures are decoration, not content: both readers leave them out of the
picture count and area (deckaudit/readers/_decor.py), and a scanned page is still a page without text."""

from __future__ import annotations

import io

import pytest

from deckaudit.errors import DeckError, FileStatus, SlideStatus
from deckaudit.readers import ReadOptions, read_deck
from deckaudit.readers._decor import content_pictures
from tests import deckfactory as df

LOGO = (0.9, 0.02, 0.08, 0.06)  # top-right corner
FULL = (0.0, 0.0, 1.0, 1.0)


def test_background_and_repeated_corner_logo_are_decoration():
    photo = (0.1, 0.3, 0.4, 0.5)
    slides = [[FULL, LOGO], [LOGO], [LOGO, photo], [LOGO], [LOGO]]
    out = content_pictures(slides)
    assert [d for d, _ in out] == [2, 1, 1, 1, 1]
    assert out[2][1] == [photo]


def test_short_decks_and_rare_places_are_not_template():
    # three slides is too few to tell a template from three product shots at the same place
    assert [d for d, _ in content_pictures([[LOGO]] * 3)] == [0, 0, 0]
    # on 2 of 6 slides: under the share a template needs
    slides = [[LOGO], [LOGO], [], [], [], []]
    assert [d for d, _ in content_pictures(slides)] == [0] * 6


def test_a_picture_nudged_by_a_few_pixels_is_still_the_template():
    slides = [[(0.9, 0.02, 0.08, 0.06)], [(0.901, 0.0201, 0.08, 0.06)], [(0.899, 0.02, 0.0799, 0.06)], [LOGO]]
    assert [d for d, _ in content_pictures(slides)] == [1, 1, 1, 1]


def _pdf_page(title, *, background=True, logo=True, photo=False, text=True):
    def draw(c, w, h):
        from reportlab.lib.utils import ImageReader

        img = lambda: ImageReader(io.BytesIO(df.png()))  # noqa: E731
        if background:
            c.drawImage(img(), 0, 0, w, h)
        if logo:
            c.drawImage(img(), w * 0.9, h * 0.92, w * 0.08, h * 0.06)
        if photo:
            c.drawImage(img(), w * 0.5, h * 0.1, w * 0.4, h * 0.5)
        if text:
            c.setFont("Helvetica", 24)
            c.drawString(40, h - 80, title)
    return draw


def test_pdf_reader_counts_content_pictures_only(tmp_path):
    pages = [_pdf_page("Cover"), _pdf_page("Your goals"), _pdf_page("Our product", photo=True),
             _pdf_page("Results"), _pdf_page("", background=False, logo=False, photo=True, text=False)]
    deck = read_deck(df.pdf(tmp_path / "tpl.pdf", pages))
    assert [s.pictures for s in deck.slides] == [0, 0, 1, 0, 1]
    assert deck.slides[0].picture_area == 0.0
    assert deck.slides[2].picture_area == pytest.approx(0.2, abs=0.02)
    # the picture-only page is still a page with no text layer (a scan), whatever its pictures are
    assert deck.slides[4].status is SlideStatus.NO_TEXT_LAYER


def test_a_scan_is_still_a_scan_though_its_pages_are_full_page_pictures(tmp_path):
    pages = [_pdf_page("", logo=False, text=False) for _ in range(4)]
    deck = read_deck(df.pdf(tmp_path / "scan.pdf", pages), ReadOptions(ocr="never"))
    # not "empty": the pictures were read, and every page is named as not read
    assert [s.status for s in deck.slides] == [SlideStatus.NO_TEXT_LAYER] * 4
    assert deck.warnings[0].startswith("no-text-layer: 4 of 4 pages")


def test_pptx_reader_counts_content_pictures_only(tmp_path):
    from pptx import Presentation
    from pptx.util import Emu

    prs = Presentation()
    W, H = prs.slide_width, prs.slide_height
    for i in range(5):
        s = prs.slides.add_slide(prs.slide_layouts[1])
        s.shapes.title.text = f"Slide {i + 1}"
        s.placeholders[1].text_frame.text = "our platform helps you"
        if i == 0:
            s.shapes.add_picture(io.BytesIO(df.png()), 0, 0, W, H)  # a pasted background
        s.shapes.add_picture(io.BytesIO(df.png()), Emu(int(W * 0.9)), Emu(int(H * 0.02)),
                             Emu(int(W * 0.08)), Emu(int(H * 0.06)))  # the logo pasted on every slide
        if i == 2:
            s.shapes.add_picture(io.BytesIO(df.png()), Emu(int(W * 0.1)), Emu(int(H * 0.4)),
                                 Emu(int(W * 0.3)), Emu(int(H * 0.3)))
    path = tmp_path / "tpl.pptx"
    prs.save(path)
    deck = read_deck(path)
    assert [s.pictures for s in deck.slides] == [0, 0, 1, 0, 0]
    assert deck.slides[2].picture_area == pytest.approx(0.09, abs=0.01)
    assert deck.slides[0].picture_area == 0.0
