"""The committed sample decks as files: they open with python-pptx and pypdfium2, hold what the README promises
(16-slide vendor pitch with a wordless logo wall, a customer-first rewrite with a hidden slide and sections),
each PDF mirrors its PPTX, and scripts/make_samples.py regenerates them byte for byte."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile

import pytest
from lxml import etree

from tests.conftest import ROOT

SAMPLES = ROOT / "sample_decks"
NAMES = ["vendor-pitch.pptx", "vendor-pitch.pdf", "customer-first.pptx", "customer-first.pdf"]
P14 = "{http://schemas.microsoft.com/office/powerpoint/2010/main}"
PICTURE = 13  # MSO_SHAPE_TYPE.PICTURE


@pytest.fixture(scope="session")
def regenerated(tmp_path_factory):
    out = tmp_path_factory.mktemp("samples")
    r = subprocess.run([sys.executable, str(ROOT / "scripts" / "make_samples.py"), "--out", str(out)],
                       capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 0, r.stderr
    return out


@pytest.fixture(scope="session")
def pptx():
    from pptx import Presentation

    return {name: Presentation(SAMPLES / f"{name}.pptx") for name in ("vendor-pitch", "customer-first")}


def pictures(slide) -> list[str]:
    """Alt text (cNvPr/@descr) of every picture on a python-pptx slide."""
    return [shape._element.nvPicPr.cNvPr.get("descr") for shape in slide.shapes if shape.shape_type == PICTURE]


def words(text: str) -> list[str]:
    return re.findall(r"[^\W_]+", text.replace("•", " "))


@pytest.mark.parametrize("name", NAMES)
def test_committed_samples_regenerate_byte_for_byte(name, regenerated):
    committed = (SAMPLES / name).read_bytes()
    assert len(committed) > 5_000
    assert (regenerated / name).read_bytes() == committed, f"run: python scripts/make_samples.py ({name} is stale)"


def test_vendor_pitch_is_the_classic_16_slides(pptx):
    deck = pptx["vendor-pitch"]
    titles = [s.shapes.title.text for s in deck.slides]
    assert len(titles) == 16
    assert titles[0] == "Northwind Systems: Company Overview" and titles[-1] == "Thank you — questions?"
    for expected in ("Our History", "Our Offices Around the World", "Northwind in Numbers", "Trusted by",
                     "A Leader in the Gartner Magic Quadrant", "Awards & Recognition", "Our Partners", "Why Northwind?",
                     "Pricing & Packages"):
        assert expected in titles
    products = ["Northwind Plan", "Northwind Schedule", "Northwind Quality", "Northwind Insight", "Our Architecture"]
    assert titles[6:11] == products  # one slide per product group
    assert not any(s._element.get("show") == "0" for s in deck.slides)


def test_logo_wall_is_pictures_with_alt_text_and_almost_no_words(pptx):
    wall = pptx["vendor-pitch"].slides[4]
    assert pictures(wall) == ["logo"] * 12
    text = " ".join(sh.text_frame.text for sh in wall.shapes if sh.has_text_frame)
    assert len(words(text)) <= 3
    quadrant = pptx["vendor-pitch"].slides[5]
    assert pictures(quadrant) == ["Gartner Magic Quadrant for Supply Chain Planning"]


def test_speaker_notes_on_a_few_slides(pptx):
    for name, least in (("vendor-pitch", 3), ("customer-first", 2)):
        noted = [s for s in pptx[name].slides if s.has_notes_slide and s.notes_slide.notes_text_frame.text.strip()]
        assert least <= len(noted) < len(pptx[name].slides) // 2, name


def test_customer_first_has_one_hidden_slide_and_sections(pptx):
    deck = pptx["customer-first"]
    assert 12 <= len(deck.slides) <= 14
    hidden = [i for i, s in enumerate(deck.slides, 1) if s._element.get("show") == "0"]
    assert len(hidden) == 1
    with zipfile.ZipFile(SAMPLES / "customer-first.pptx") as z:
        pres = etree.fromstring(z.read("ppt/presentation.xml"))
    sections = [(sec.get("name"), len(sec.findall(f"{P14}sldIdLst/{P14}sldId"))) for sec in pres.iter(f"{P14}section")]
    assert [name for name, _ in sections] == ["Your world", "What changes", "Your decision"]
    assert sum(n for _, n in sections) == len(deck.slides)


def test_pptx_metadata_is_fixed(pptx):
    for deck in pptx.values():
        cp = deck.core_properties
        assert cp.author == "deckaudit samples" and cp.created.year == 2024 and cp.modified == cp.created
    with zipfile.ZipFile(SAMPLES / "vendor-pitch.pptx") as z:
        assert {info.date_time for info in z.infolist()} == {(2024, 5, 6, 9, 0, 0)}


@pytest.mark.parametrize("name", ["vendor-pitch", "customer-first"])
def test_pdf_mirrors_the_pptx_slide_for_slide(name, pptx):
    """Same visible slides in the same order, the same words, and each picture drawn as an image."""
    import pypdfium2 as pdfium

    visible = [s for s in pptx[name].slides if s._element.get("show") != "0"]
    pdf = pdfium.PdfDocument(str(SAMPLES / f"{name}.pdf"))
    try:
        assert len(pdf) == len(visible)
        for n, (slide, page) in enumerate(zip(visible, pdf), 1):
            slide_text = "\n".join(sh.text_frame.text for sh in slide.shapes if sh.has_text_frame)
            page_text = page.get_textpage().get_text_range()
            assert words(page_text) == words(slide_text), f"{name} page {n}"
            images = list(page.get_objects(filter=[pdfium.raw.FPDF_PAGEOBJ_IMAGE]))
            assert len(images) == len(pictures(slide)), f"{name} page {n}"
    finally:
        pdf.close()
