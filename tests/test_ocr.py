"""OCR (issue 14): image-only PDF pages and PPTX slides whose text is only a picture are read by Tesseract when
it is installed; without it the deck still gets a report naming the pages not read, and one line says how to
install OCR. Fixtures are generated here (Pillow renders the words, reportlab/python-pptx embed them)."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from deckaudit.errors import SlideStatus
from deckaudit.readers import ReadOptions, ocr, read_deck
from tests import pdf_fixtures as df
from tests import pdf_traps as pt
from tests.conftest import ROOT

HAVE_TESSERACT = shutil.which("tesseract") is not None
needs_tesseract = pytest.mark.skipif(not HAVE_TESSERACT, reason="tesseract is not installed (apt install tesseract-ocr)")

SLIDE_1 = ["Quarterly results", "Your team cut costs", "Contoso saved money"]
SLIDE_2 = ["Agenda", "Goals and next steps"]


def scan_pdf(path: Path) -> Path:
    return df.write_pdf(path, [pt.image_text_page(SLIDE_1), pt.image_text_page(SLIDE_2)])


def words(text: str) -> set[str]:
    return set(text.lower().split())


@pytest.fixture
def no_tesseract(monkeypatch):
    """As on a machine without Tesseract."""
    monkeypatch.setitem(ocr._AVAILABLE, "version", None)


def run_cli(*args, env=None, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "deckaudit", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd or ROOT, env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}, timeout=180)


def without_tesseract_env() -> dict:
    """PATH holding only the Python interpreter's folder: no tesseract to be found."""
    return {"PATH": os.path.dirname(sys.executable)}


# --- with Tesseract ------------------------------------------------------------------------------------------

@needs_tesseract
def test_image_only_pdf_is_read_by_ocr_and_marked(tmp_path):
    deck = read_deck(scan_pdf(tmp_path / "scan.pdf"))
    assert [s.status for s in deck.slides] == [SlideStatus.OK, SlideStatus.OK]
    assert [s.text_source for s in deck.slides] == ["ocr", "ocr"]
    assert words(" ".join(SLIDE_1)) <= words(deck.slides[0].text)
    assert words(" ".join(SLIDE_2)) <= words(deck.slides[1].text)
    assert deck.slides[0].title == "Quarterly results"  # the largest OCR line near the top
    assert deck.engine == "pypdfium2+tesseract" and not deck.warnings


@needs_tesseract
def test_ocr_never_leaves_the_pages_unread_and_says_so(tmp_path):
    deck = read_deck(scan_pdf(tmp_path / "scan.pdf"), ReadOptions(ocr="never"))
    assert all(s.status is SlideStatus.NO_TEXT_LAYER and s.text == "" for s in deck.slides)
    assert deck.warnings == ["no-text-layer: 2 of 2 pages have no text layer and were not read (pages 1-2); "
                             "OCR is off (--ocr never)"]


@needs_tesseract
def test_auto_leaves_pages_with_text_alone_and_always_adds_what_the_picture_says(tmp_path):
    def page(c, w, h):
        from reportlab.lib.utils import ImageReader

        c.setFont("Helvetica-Bold", 30)
        c.drawString(40, h - 60, "Customer story")
        c.drawImage(ImageReader(io.BytesIO(pt.text_picture(["Screenshot words", "Fabrikam doubled output"]))),
                    40, 40, w - 80, h - 140)
    path = df.write_pdf(tmp_path / "mixed.pdf", [page])
    auto = read_deck(path)
    assert auto.slides[0].text == "Customer story" and auto.slides[0].text_source == ""
    always = read_deck(path, ReadOptions(ocr="always"))
    assert always.slides[0].text_source == "text+ocr"
    assert {"fabrikam", "doubled", "output", "screenshot"} <= words(always.slides[0].text)
    assert always.slides[0].text.startswith("Customer story\n")
    assert always.slides[0].text.count("Customer story") == 1  # the text layer's line is not repeated
    assert always.slides[0].title == "Customer story"


@needs_tesseract
def test_picture_bytes_are_read():
    assert words(ocr.ocr_picture_bytes(pt.text_picture(["Hello pricing team"]))) == {"hello", "pricing", "team"}
    assert ocr.ocr_picture_bytes(b"not an image") == ""
    assert ocr.ocr_picture_bytes(df.png(8, 8)) == ""  # an icon is not worth a Tesseract call


@needs_tesseract
def test_pptx_slide_whose_text_is_only_a_picture_is_read(tmp_path):
    from pptx import Presentation
    from pptx.util import Inches

    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(13.333), Inches(7.5)
    s1 = prs.slides.add_slide(prs.slide_layouts[5])
    s1.shapes.title.text = "Our platform"
    s2 = prs.slides.add_slide(prs.slide_layouts[6])  # blank: one pasted screenshot
    s2.shapes.add_picture(io.BytesIO(pt.text_picture(SLIDE_1)), 0, 0, prs.slide_width, prs.slide_height)
    path = tmp_path / "shot.pptx"
    prs.save(path)
    deck = read_deck(path)
    assert deck.slides[0].text == "Our platform" and deck.slides[0].text_source == ""
    assert deck.slides[1].text_source == "ocr" and words(" ".join(SLIDE_1)) <= words(deck.slides[1].text)
    assert deck.slides[1].title == "Quarterly results"
    assert deck.engine == "lxml+tesseract"
    assert read_deck(path, ReadOptions(ocr="never")).slides[1].text == ""


@needs_tesseract
def test_review_json_marks_ocr_slides_and_shows_progress(tmp_path):
    import jsonschema

    path = scan_pdf(tmp_path / "scan.pdf")
    r = run_cli("review", path, "--format", "json")
    assert r.returncode == 0, r.stderr
    full = json.loads(r.stdout)
    doc = full["reports"][0]  # review's JSON is always the reports envelope
    assert [s.get("ocr") for s in doc["slides"]] == [True, True]
    assert doc["settings"]["ocr"] == "auto" and doc["deck"]["engine"] == "pypdfium2+tesseract"
    jsonschema.validate(full, json.loads((ROOT / "docs" / "report.schema.json").read_text()))
    assert "deckaudit: OCR scan.pdf: 2 pages" in r.stderr
    quiet = run_cli("review", path, "--format", "json", "-q")
    assert "OCR" not in quiet.stderr
    never = json.loads(run_cli("review", path, "--format", "json", "--ocr", "never").stdout)["reports"][0]
    assert all("ocr" not in s for s in never["slides"]) and never["summary"]["unclassified"]
    bad = run_cli("review", path, "--ocr", "sometimes")
    assert bad.returncode == 2 and bad.stderr.strip() == "deckaudit: unknown --ocr 'sometimes'; choose auto, always, never"


@needs_tesseract
def test_bulk_stores_ocr_results_and_a_warm_run_never_ocrs_again(tmp_path):
    lib = tmp_path / "lib"
    lib.mkdir()
    scan_pdf(lib / "scan.pdf")
    db = tmp_path / "a.db"
    first = run_cli("bulk", lib, "--db", db, "--jobs", "1", "--format", "json", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    assert "deckaudit: OCR scan.pdf" in first.stderr
    doc = json.loads(first.stdout)
    assert doc["run"]["audited"] == 1 and doc["decks"][0]["slides"] == 2
    warm = run_cli("bulk", lib, "--db", db, "--jobs", "1", "--format", "json", cwd=tmp_path)
    assert "OCR" not in warm.stderr and json.loads(warm.stdout)["run"]["audited"] == 0
    changed = run_cli("bulk", lib, "--db", db, "--jobs", "1", "--format", "json", "--ocr", "never", cwd=tmp_path)
    assert json.loads(changed.stdout)["run"]["audited"] == 1  # the OCR setting decides a re-audit


# --- without Tesseract ---------------------------------------------------------------------------------------

def test_all_image_pdf_without_tesseract_gets_a_report_naming_every_page(tmp_path, no_tesseract):
    from deckaudit.api import audit

    path = df.write_pdf(tmp_path / "scan.pdf", [df.image_page(1.0)] * 3)
    deck = read_deck(path)
    assert all(s.status is SlideStatus.NO_TEXT_LAYER for s in deck.slides)
    (warning,) = deck.warnings
    assert warning.startswith("no-text-layer: 3 of 3 pages have no text layer and were not read (pages 1-3); ")
    assert "apt install tesseract-ocr" in warning and "brew install tesseract" in warning
    report = audit(path)
    assert report.summary.unclassified == {1: "no-text-layer", 2: "no-text-layer", 3: "no-text-layer"}
    assert not any(sr.counted for sr in report.slides)


def test_review_without_tesseract_prints_one_install_line(tmp_path):
    path = scan_pdf(tmp_path / "scan.pdf")
    r = run_cli("review", path, path, "--format", "json", env=without_tesseract_env())
    assert r.returncode == 0, r.stderr
    hint = [ln for ln in r.stderr.splitlines() if "tesseract" in ln]
    assert len(hint) == 1 and "apt install tesseract-ocr" in hint[0] and "brew install tesseract" in hint[0]
    doc = json.loads(r.stdout)["reports"]
    assert [u["slide"] for u in doc[0]["summary"]["unclassified"]] == [1, 2]


def test_mixed_deck_names_only_the_unread_page(tmp_path, no_tesseract):
    deck = read_deck(df.write_pdf(tmp_path / "m.pdf", [df.text_page("Agenda", "Intro"), df.image_page(1.0)]))
    assert deck.slides[0].status is SlideStatus.OK and deck.slides[1].status is SlideStatus.NO_TEXT_LAYER
    assert deck.warnings[0].startswith("no-text-layer: 1 of 2 pages have no text layer and were not read (page 2); ")


def test_pptx_picture_slides_without_tesseract_are_named(tmp_path, no_tesseract):
    from tests.deckfactory import basic_pptx

    path = basic_pptx(tmp_path / "p.pptx", slides=[("Agenda", ["one"]), ("", [])], pictures={2: [""]})
    deck = read_deck(path)
    assert any("slide 2" in w and "apt install tesseract-ocr" in w for w in deck.warnings), deck.warnings


def test_unknown_ocr_mode_is_a_typed_error(tmp_path):
    from deckaudit.errors import DeckError, FileStatus

    with pytest.raises(DeckError) as err:
        read_deck(scan_pdf(tmp_path / "s.pdf"), ReadOptions(ocr="maybe"))
    assert err.value.status is FileStatus.UNSUPPORTED and "auto, always, never" in err.value.reason


def test_importing_ocr_is_free():
    code = "import sys, deckaudit.readers.ocr; print(any(m in sys.modules for m in ('PIL', 'pytesseract', 'pypdfium2')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert out.stdout.strip() == "False"


@needs_tesseract
def test_ocr_reads_at_most_max_pages_and_names_the_rest(tmp_path, monkeypatch):
    monkeypatch.setattr(ocr, "MAX_PAGES", 1)
    deck = read_deck(scan_pdf(tmp_path / "scan.pdf"))
    assert [s.text_source for s in deck.slides] == ["ocr", ""]
    assert deck.slides[1].status is SlideStatus.NO_TEXT_LAYER
    assert "1 of 2 pages have no text layer and were not read (page 2); OCR reads at most 1 pages" in deck.warnings[0]


@needs_tesseract
def test_ocr_stops_at_its_deadline_and_names_the_pages_left(tmp_path):
    import time

    ocr.set_deadline(time.monotonic() - 1)  # already out of time
    try:
        deck = read_deck(scan_pdf(tmp_path / "scan.pdf"))
    finally:
        ocr.set_deadline(None)
    assert all(s.status is SlideStatus.NO_TEXT_LAYER for s in deck.slides)
    assert deck.warnings[0].endswith("(pages 1-2); OCR stopped at the time limit")


@needs_tesseract
def test_bulk_worker_sets_the_ocr_deadline_inside_its_timeout(tmp_path, monkeypatch):
    from deckaudit.library import worker

    seen = []
    monkeypatch.setattr(ocr, "set_deadline", lambda d: seen.append(d))
    worker.init({}, None, None, own_process=False)
    import time

    before = time.monotonic()
    worker.audit_file(str(scan_pdf(tmp_path / "scan.pdf")), timeout=40)
    assert seen and before + 0.5 * 40 < seen[0] <= time.monotonic() + 0.75 * 40


def test_ocr_lines_drop_low_confidence_words_and_bars_read_as_letters(monkeypatch):
    """Tesseract's word table -> lines: words under the confidence floor go, a bar beside the text read as
    "|" or ")" goes, a line of specks goes; positions become fractions of the image."""
    pytesseract = pytest.importorskip("pytesseract")
    from PIL import Image

    rows = [  # (block, par, line, left, top, width, height, conf, text)
        (1, 1, 1, 10, 10, 10, 40, 90, "|)"), (1, 1, 1, 40, 10, 100, 40, 95, "OUR"), (1, 1, 1, 150, 10, 200, 40, 93, "MISSION"),
        (1, 1, 2, 40, 80, 60, 20, 12, "Ye"), (1, 1, 2, 110, 80, 90, 20, 88, "grow"),
        (2, 1, 1, 40, 150, 5, 5, 60, ".,"),
    ]
    data = {k: [r[i] for r in rows] for i, k in enumerate(
        ("block_num", "par_num", "line_num", "left", "top", "width", "height", "conf", "text"))}
    monkeypatch.setattr(pytesseract, "image_to_data", lambda *a, **k: data)
    got = ocr.ocr_image(Image.new("L", (400, 200)))
    assert got.text == "OUR MISSION\ngrow"
    assert got.lines[0] == pytest.approx((40 / 200, 10 / 200, "OUR MISSION", 40 / 400, 350 / 400))


def test_a_picture_claiming_huge_dimensions_is_not_decoded():
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    bomb = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 60000, 60000, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00" * 1000)) + chunk(b"IEND", b""))
    assert ocr.ocr_picture_bytes(bomb) == ""  # refused from its header, before any pixel is inflated


@needs_tesseract
def test_pptx_always_adds_what_a_picture_says_to_a_slide_with_text(tmp_path):
    from pptx import Presentation
    from pptx.util import Inches

    prs = Presentation()
    s = prs.slides.add_slide(prs.slide_layouts[5])
    s.shapes.title.text = "Customer story"
    s.shapes.add_picture(io.BytesIO(pt.text_picture(["Fabrikam doubled output"])), Inches(1), Inches(2), Inches(8), Inches(4.5))
    path = tmp_path / "story.pptx"
    prs.save(path)
    assert read_deck(path).slides[0].text == "Customer story"  # auto: the slide has text
    slide = read_deck(path, ReadOptions(ocr="always")).slides[0]
    assert slide.text_source == "text+ocr" and slide.text.startswith("Customer story\n")
    assert {"fabrikam", "doubled", "output"} <= words(slide.text)


def test_the_ocr_setting_comes_from_the_config_file_and_the_flag_wins(tmp_path):
    (tmp_path / "deckaudit.toml").write_text('ocr = "never"\n')
    path = df.write_pdf(tmp_path / "deck.pdf", [df.text_page("Agenda", "Your goals")])
    from_config = json.loads(run_cli("review", path, "--format", "json", cwd=tmp_path).stdout)["reports"][0]
    assert from_config["settings"]["ocr"] == "never"
    flag = json.loads(run_cli("review", path, "--format", "json", "--ocr", "always", cwd=tmp_path).stdout)["reports"][0]
    assert flag["settings"]["ocr"] == "always"
