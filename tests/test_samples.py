"""The committed sample decks: present, regenerable byte for byte, and audited as the README says."""

from __future__ import annotations

import hashlib
import subprocess
import sys

import pytest

from tests.conftest import ROOT

SAMPLES = ROOT / "sample_decks"
NAMES = ["vendor-pitch.pptx", "vendor-pitch.pdf", "customer-first.pptx", "customer-first.pdf"]


def test_samples_are_committed_and_regenerate_identically(tmp_path):
    before = {n: hashlib.sha256((SAMPLES / n).read_bytes()).hexdigest() for n in NAMES}
    r = subprocess.run([sys.executable, str(ROOT / "scripts" / "make_samples.py")], capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 0, r.stderr
    after = {n: hashlib.sha256((SAMPLES / n).read_bytes()).hexdigest() for n in NAMES}
    assert before == after


def test_samples_open_with_the_reference_libraries():
    from pptx import Presentation
    import pypdfium2 as pdfium

    vendor = Presentation(SAMPLES / "vendor-pitch.pptx")
    assert len(vendor.slides) == 16
    logo_wall = vendor.slides[4]
    descrs = [p._element.nvPicPr.cNvPr.get("descr") for p in logo_wall.shapes if p.shape_type == 13]
    assert descrs == ["logo"] * 12
    first = Presentation(SAMPLES / "customer-first.pptx")
    assert sum(1 for s in first.slides if s._element.get("show") == "0") == 1
    assert len(pdfium.PdfDocument(str(SAMPLES / "vendor-pitch.pdf"))) == 16
    assert len(pdfium.PdfDocument(str(SAMPLES / "customer-first.pdf"))) == 12  # the hidden slide is not exported


@pytest.mark.parametrize("name", ["vendor-pitch.pptx", "vendor-pitch.pdf"])
def test_vendor_pitch_verdict(name):
    import deckaudit

    s = deckaudit.audit(SAMPLES / name).summary
    assert s.verdict == "15 of 16 slides are about us · 0 about the customer · 1 neutral · the customer never appears"


@pytest.mark.parametrize("name", ["customer-first.pptx", "customer-first.pdf"])
def test_customer_first_verdict(name):
    import deckaudit

    r = deckaudit.audit(SAMPLES / name)
    s = r.summary
    assert s.us_share is not None and s.us_share <= 0.25
    assert s.first_customer_slide == 3
    assert r.slides[0].tag.value == "neutral" and r.slides[-1].tag.value == "neutral"
