"""Reports people forward: PDF (read back and rendered), HTML (checked in headless Chromium), slide pictures,
the annotated PPTX (re-opened), and the library reports."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import deckaudit
from deckaudit.errors import DeckError
from deckaudit.library.summary import DeckRow, FolderRow, LibraryReport, ReusedSlide
from tests.conftest import ROOT, hand_report

SAMPLES = ROOT / "sample_decks"
PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def vendor_pptx():
    return deckaudit.audit(SAMPLES / "vendor-pitch.pptx")


@pytest.fixture(scope="module")
def vendor_pdf():
    return deckaudit.audit(SAMPLES / "vendor-pitch.pdf")


def pdf_text(path) -> tuple[int, str]:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(path))
    try:
        return len(doc), "\n".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))
    finally:
        doc.close()


# --- slide pictures --------------------------------------------------------------------------------------

def test_pdf_pages_are_rendered(vendor_pdf):
    from deckaudit.renderers.thumbnails import thumbnails

    pics = thumbnails(vendor_pdf, width=200)
    assert len(pics) == 16 and all(p.startswith(PNG) for p in pics)
    from PIL import Image
    import io

    assert Image.open(io.BytesIO(pics[0])).size[0] == 200


def test_wireframe_without_the_file(vendor_pptx):
    from deckaudit.renderers.thumbnails import thumbnails

    pics = thumbnails(vendor_pptx, width=240, method="wireframe")
    assert len(pics) == 16 and all(p.startswith(PNG) for p in pics)
    from PIL import Image
    import io

    logo_wall = Image.open(io.BytesIO(pics[4])).convert("L")
    assert logo_wall.size == (240, 135)
    grey = sum(logo_wall.histogram()[195:216])
    assert grey > 2000  # the twelve logo boxes are drawn


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice not installed: the wireframe path is used instead")
def test_libreoffice_rendering(vendor_pptx):
    from deckaudit.renderers.thumbnails import thumbnails, wireframe

    assert len(thumbnails(vendor_pptx, method="soffice")) == 16
    # LibreOffice drops hidden slides from its export: pages must still line up with slides.
    first = deckaudit.audit(SAMPLES / "customer-first.pptx")
    pics = thumbnails(first, width=320, method="soffice")
    hidden = next(i for i, sr in enumerate(first.slides) if sr.slide.hidden)
    assert len(pics) == 13
    assert pics[hidden] == wireframe(first.slides[hidden].slide, first.deck.aspect, 320, first.slides[hidden].tag.value)
    assert pics[hidden + 1] != wireframe(first.slides[hidden + 1].slide, first.deck.aspect, 320, first.slides[hidden + 1].tag.value)


# --- PDF report ------------------------------------------------------------------------------------------

def test_pdf_report_reads_back_and_renders(vendor_pptx, tmp_path):
    from deckaudit.renderers.pdf_report import save_pdf_report

    out = tmp_path / "report.pdf"
    save_pdf_report(vendor_pptx, out)
    pages, text = pdf_text(out)
    assert pages >= 4  # cover + 4 pages of 4 slides
    flat = " ".join(text.split())
    assert "15 of 16 slides are about us" in flat
    assert "Suggestion:" in text and "logo wall" in flat
    assert "Awards & Recognition" in text
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(out))
    img = doc[0].render(scale=1).to_pil()
    assert img.size[0] > 500 and sum(1 for n in img.convert("L").histogram() if n) > 10  # a real page, not blank
    doc.close()


def test_review_pdf_and_html_flags(tmp_path):
    r = subprocess.run([sys.executable, "-m", "deckaudit", "review", str(SAMPLES / "customer-first.pdf"), "--quiet",
                        "--pdf", str(tmp_path / "r.pdf"), "--html", str(tmp_path / "r.html")],
                       capture_output=True, text=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=120)
    assert r.returncode == 0, r.stderr
    assert "the customer first appears on slide 3" in " ".join(pdf_text(tmp_path / "r.pdf")[1].split())
    assert "the customer first appears on slide 3" in (tmp_path / "r.html").read_text()


# --- HTML report -----------------------------------------------------------------------------------------

def test_html_is_self_contained_and_escaped(tmp_path):
    from deckaudit.renderers.html_report import render_html

    report = hand_report()
    html = render_html(report)
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script" not in html.lower()
    assert not re.search(r"""(?:src|href)=['"]https?://""", html)
    assert html.count("class='card ") == 5
    assert "data:image/png;base64," in html


def test_html_highlights_evidence(vendor_pptx):
    from deckaudit.renderers.html_report import render_html

    html = render_html(vendor_pptx)
    assert "<mark>Magic Quadrant</mark>" in html or "<mark>Gartner</mark>" in html


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
CHROME_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.mark.browser
@pytest.mark.skipif(CHROMIUM is None, reason="chromium not installed: apt-get install chromium (.ci/run installs it)")
def test_html_in_a_real_browser(vendor_pptx, tmp_path):
    from deckaudit.renderers.html_report import save_html_report

    page = tmp_path / "report.html"
    save_html_report(vendor_pptx, page)
    profile = tmp_path / "profile"
    dom = subprocess.run([CHROMIUM, *CHROME_FLAGS, f"--user-data-dir={profile}", "--dump-dom", page.as_uri()],
                         capture_output=True, text=True, timeout=120)
    assert dom.returncode == 0, dom.stderr[-2000:]
    assert len(re.findall(r'<article class="card ', dom.stdout)) == 16
    assert len(re.findall(r'data-tag="about-us"', dom.stdout)) == 15
    assert "15 of 16 slides are about us" in dom.stdout
    shot = tmp_path / "shot.png"
    subprocess.run([CHROMIUM, *CHROME_FLAGS, f"--user-data-dir={profile}", f"--screenshot={shot}", "--window-size=1280,2000",
                    page.as_uri()], capture_output=True, timeout=120)
    from PIL import Image

    img = Image.open(shot)
    assert img.size == (1280, 2000)
    colours = img.convert("RGB").getcolors(maxcolors=1 << 20)
    assert colours is None or len(colours) > 50  # the page rendered: text, chart, thumbnails


# --- annotated PPTX --------------------------------------------------------------------------------------

def test_annotated_copy(vendor_pptx, tmp_path):
    from pptx import Presentation

    from deckaudit.renderers.annotate import TAG_NAME, annotate_deck

    original = SAMPLES / "vendor-pitch.pptx"
    before = hashlib.sha256(original.read_bytes()).hexdigest()
    out = tmp_path / "vendor.audited.pptx"
    annotate_deck(vendor_pptx, out)
    assert hashlib.sha256(original.read_bytes()).hexdigest() == before
    prs = Presentation(out)
    for slide, sr in zip(prs.slides, vendor_pptx.slides):
        tags = [sh for sh in slide.shapes if sh.name == TAG_NAME]
        assert len(tags) == 1 and tags[0].text_frame.text.startswith(sr.tag.value)
        notes = slide.notes_slide.notes_text_frame.text
        top = sr.verdict.evidence[0]  # written from the evidence's fields, never its display text
        assert top.label in notes and top.phrases[0] in notes and "→ " in notes
    first_notes = prs.slides[0].notes_slide.notes_text_frame.text
    assert first_notes.startswith("Open with our story")  # the speaker's own notes are kept
    assert "Suggestion:" in first_notes


def test_annotate_refuses_pdf_and_overwriting(vendor_pdf, vendor_pptx):
    from deckaudit.renderers.annotate import annotate_deck

    with pytest.raises(DeckError):
        annotate_deck(vendor_pdf, "/tmp/x.pptx")
    with pytest.raises(DeckError):
        annotate_deck(vendor_pptx, vendor_pptx.deck.path)


def test_annotate_command(tmp_path):
    deck = tmp_path / "pitch.pptx"
    deck.write_bytes((SAMPLES / "vendor-pitch.pptx").read_bytes())
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    r = subprocess.run([sys.executable, "-m", "deckaudit", "annotate", str(deck)], capture_output=True, text=True, cwd=ROOT, env=env)
    assert r.returncode == 0 and (tmp_path / "pitch.audited.pptx").is_file()
    r = subprocess.run([sys.executable, "-m", "deckaudit", "annotate", str(SAMPLES / "vendor-pitch.pdf"), "-o", str(tmp_path / "x.pptx")],
                       capture_output=True, text=True, cwd=ROOT, env=env)
    assert r.returncode == 2 and "unsupported" in r.stderr and "Traceback" not in r.stderr


# --- library reports -------------------------------------------------------------------------------------

def library() -> LibraryReport:
    decks = [DeckRow(f"/lib/{f}/deck{i}.pptx", f, "ok", "", 10, 9 - i, 1 + i, 0, (9 - i) / 10, 3) for i, f in enumerate(["a", "a", "b"])]
    bad = DeckRow("/lib/b/broken.pptx", "b", "corrupt", "damaged zip")
    return LibraryReport(decks=decks + [bad], us_share=0.8, threshold=0.75, over_threshold=decks[:2], worst=decks,
                         folders=[FolderRow("a", 2, 20, 17, 3, 0.85), FolderRow("b", 1, 10, 7, 3, 0.7)],
                         reused=[ReusedSlide("d1", "Our History", "1998 founded", 3, ["/lib/a/deck0.pptx"])], failures=[bad])


def test_library_html_and_pdf(tmp_path):
    from deckaudit.renderers.library_html import save_library_html
    from deckaudit.renderers.library_pdf import save_library_pdf

    save_library_html(library(), tmp_path / "lib.html")
    html = (tmp_path / "lib.html").read_text()
    assert "3 decks audited · library us-share 80% · 2 over 75% · 1 could not be read" in html
    assert "Our History" in html and "damaged zip" in html and "data:image/png;base64," in html
    save_library_pdf(library(), tmp_path / "lib.pdf")
    pages, text = pdf_text(tmp_path / "lib.pdf")
    flat = " ".join(text.split())
    assert pages >= 1 and "library us-share 80%" in flat and "By folder" in flat and "broken.pptx" in flat


def test_annotate_twice_replaces_the_tag_and_notes_and_is_never_read_back(tmp_path):
    """An annotated deck annotated again has one tag and one notes block per slide, and its audit is the audit
    of the original: the tag's words do not count as slide text ('3× we/our' stays 3×)."""
    from pptx import Presentation

    from deckaudit.renderers.annotate import NOTES_MARK, TAG_NAME

    deck = tmp_path / "pitch.pptx"
    deck.write_bytes((SAMPLES / "vendor-pitch.pptx").read_bytes())
    once, twice = tmp_path / "once.pptx", tmp_path / "twice.pptx"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for src, dst in ((deck, once), (once, twice)):
        r = subprocess.run([sys.executable, "-m", "deckaudit", "annotate", str(src), "-o", str(dst)],
                           capture_output=True, text=True, cwd=ROOT, env=env)
        assert r.returncode == 0, r.stderr
    prs = Presentation(twice)
    for slide in prs.slides:
        assert len([sh for sh in slide.shapes if sh.name == TAG_NAME]) == 1
        assert slide.notes_slide.notes_text_frame.text.count(NOTES_MARK) == 1
    base, again = deckaudit.audit(deck), deckaudit.audit(twice)
    assert [s.slide.text for s in again.slides] == [s.slide.text for s in base.slides]
    assert [s.slide.notes for s in again.slides] == [s.slide.notes for s in base.slides]
    assert again.metrics["we"] == base.metrics["we"]
    assert [s.tag for s in again.slides] == [s.tag for s in base.slides]


def test_the_tag_covers_no_existing_shape(tmp_path):
    from pptx import Presentation

    from deckaudit.renderers.annotate import TAG_NAME, annotate_deck, place_tag

    out = tmp_path / "a.pptx"
    annotate_deck(deckaudit.audit(SAMPLES / "vendor-pitch.pptx"), out)
    prs = Presentation(out)
    for slide in prs.slides:
        tag = next(sh for sh in slide.shapes if sh.name == TAG_NAME)
        for sh in slide.shapes:
            if sh.shape_id == tag.shape_id or sh.left is None:
                continue
            apart = (tag.left + tag.width <= sh.left or sh.left + sh.width <= tag.left
                     or tag.top + tag.height <= sh.top or sh.top + sh.height <= tag.top)
            assert apart, (sh.name, slide.slide_id)
    # a slide whose top-right corner is taken gets the tag elsewhere; a full slide the least covered spot
    w, h = 12_192_000, 6_858_000
    x, y = place_tag(w, h, [(w // 2, 0, w // 2, h // 3)])
    assert not (x + 2_250_000 > w // 2 and y < h // 3)
    assert place_tag(w, h, [(0, 0, w, h)]) is not None
