"""Issue 14: text read by OCR is marked as such in every output; issue 13: every output names the slides not read.

Reports are built by hand (tests/report_fixtures.py): no Tesseract is needed to check what the renderers say."""

from __future__ import annotations

import csv
import html
import io
import json
import re

import pytest

from deckaudit import renderers
from deckaudit.deck import Slide
from deckaudit.errors import SlideStatus
from deckaudit.report import SlideReport, summarise
from deckaudit.verdict import SlideVerdict, Tag
from tests.report_fixtures import pitch_report


def ocr_report():
    """The hand-built pitch as a scan: slide 4 read wholly by OCR, slide 6 partly (a text layer and a picture of
    text), and a seventh page without text that OCR could not read either: listed, not read, not counted."""
    r = pitch_report()
    r.slides[3].slide.text_source = "ocr"
    r.slides[5].slide.text_source = "text+ocr"
    blank = Slide(7, "", "", pictures=1, picture_area=1.0, status=SlideStatus.NO_TEXT_LAYER)
    r.deck.slides.append(blank)
    r.slides.append(SlideReport(blank, SlideVerdict(Tag.NEUTRAL, 0.0, 0.0, {}, [], False, "no-text-layer"), False))
    r.summary = summarise(r.slides)
    return r


def render(fmt: str, report) -> str:
    if fmt == "html":
        from deckaudit.renderers.html_report import render_html

        return html.unescape(render_html(report, thumbs=[], chart_png=b""))
    if fmt == "pdf":
        return pdf_text(report)
    buf = io.StringIO()
    renderers.write(fmt, [report], buf, color=False)
    return buf.getvalue()


def pdf_text(report) -> str:
    import pypdfium2 as pdfium
    from PIL import Image

    from deckaudit.renderers.pdf_report import build_pdf

    png = io.BytesIO()
    Image.new("RGB", (16, 9), "white").save(png, "PNG")
    doc = pdfium.PdfDocument(build_pdf(report, thumbs=[], chart_png=png.getvalue()))
    try:
        return "\n".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))
    finally:
        doc.close()


def flat(text: str) -> str:
    return " ".join(text.replace("│", " ").replace("\u00a0", " ").split())


def table_rows(out: str) -> dict[int, str]:
    """The terminal table's rows by slide number, each row's cells flattened (a row spans several lines)."""
    rows: dict[int, list[str]] = {}
    current = None
    for line in out.splitlines():
        m = re.match(r"│\s*(\d*)\s*│", line)
        if not m:
            current = None if not line.startswith("│") else current
            continue
        if m.group(1):
            current = int(m.group(1))
        if current is not None:
            rows.setdefault(current, []).append(line)
    # the tag column is the second cell: join its lines, so a flag wrapped over two lines reads whole
    return {n: " ".join(ln.split("│")[2].strip() for ln in lines) for n, lines in rows.items()}


def per_slide(fmt: str, report) -> dict[int, str]:
    """What each output says next to each slide (its row, card or cell), by slide number."""
    out = render(fmt, report)
    if fmt == "table":
        return table_rows(out)
    if fmt == "md":
        return {int(m.group(1)): m.group(0) for m in re.finditer(r"^\| (\d+) \|.*$", out, re.M)}
    if fmt == "csv":
        return {int(row["index"]): row["ocr"] for row in csv.DictReader(io.StringIO(out))}
    if fmt == "json":
        return {s["index"]: "text read by OCR" if s.get("ocr") else "" for s in json.loads(out)["reports"][0]["slides"]}
    if fmt == "html":
        cards = re.finditer(r"<article[^>]*data-index='(\d+)'(.*?)</article>", out, re.S)
        return {int(m.group(1)): m.group(2) for m in cards}
    if fmt == "pdf":  # each slide's block starts with its "N · tag" line
        blocks = re.split(r"^(?=\d+ · (?:about-us|about-customer|neutral|not read))", out, flags=re.M)
        return {int(b.split(" ", 1)[0]): b.split("\n", 1)[0] for b in blocks[1:]}
    raise AssertionError(fmt)


EVERY_FORMAT = ["table", "md", "csv", "json", "html", "pdf"]


@pytest.mark.parametrize("fmt", EVERY_FORMAT)
def test_every_output_marks_each_slide_whose_text_ocr_read(fmt):
    marks = per_slide(fmt, ocr_report())
    assert sorted(marks) == [1, 2, 3, 4, 5, 6, 7]
    assert "text read by OCR" in flat(marks[4]) and "some text read by OCR" not in flat(marks[4])
    assert fmt == "json" or "some text read by OCR" in flat(marks[6])  # JSON: "ocr": true for both
    for n in (1, 2, 3, 5, 7):
        assert "OCR" not in marks[n], (n, marks[n])


@pytest.mark.parametrize("fmt", ["table", "md", "html", "pdf"])
def test_every_report_names_the_slides_whose_text_ocr_read(fmt):
    assert "text read by OCR: slides 4, 6" in flat(render(fmt, ocr_report()))


@pytest.mark.parametrize("fmt", EVERY_FORMAT)
def test_a_report_without_ocr_says_nothing_about_it(fmt):
    assert "OCR" not in render(fmt, pitch_report())


@pytest.mark.parametrize("fmt", EVERY_FORMAT)
def test_every_output_names_the_slides_not_read(fmt):
    r = ocr_report()
    out = render(fmt, r)
    if fmt == "csv":
        rows = {int(row["index"]): row for row in csv.DictReader(io.StringIO(out))}
        assert rows[7]["not_read"] == "no-text-layer" and rows[7]["counted"] == "False"
        assert all(rows[n]["not_read"] == "" for n in range(1, 7))
        return
    if fmt == "json":
        doc = json.loads(out)["reports"][0]
        assert doc["summary"]["unclassified"] == [{"slide": 7, "reason": "no-text-layer"}]
        assert doc["slides"][6]["unclassified"] == "no-text-layer" and not doc["slides"][6]["counted"]
        return
    assert "1 slide not read (no text layer: 7)" in flat(out)
    assert "5 readable slides" in flat(out)  # the seventh is not counted
    assert "not read" in flat(per_slide(fmt, r)[7])


def test_ocr_note_reads_each_text_source():
    from deckaudit.renderers._reportparts import ocr_note

    assert ocr_note(Slide(1, "", "", text_source="ocr")) == "text read by OCR"
    assert ocr_note(Slide(1, "", "", text_source="text+ocr")) == "some text read by OCR"
    assert ocr_note(Slide(1, "", "")) == ""


def test_the_annotated_copy_says_which_notes_came_from_ocr_and_which_slides_were_not_read(tmp_path):
    pytest.importorskip("pptx")
    from pptx import Presentation

    from deckaudit.api import audit
    from deckaudit.renderers.annotate import TAG_NAME, annotate_deck
    from tests import deckfactory

    src = deckfactory.basic_pptx(tmp_path / "scan.pptx", [("Our company", ["Founded in 1999 in Berlin"]),
                                                        ("Your team", ["Your planners lose a day a week"]),
                                                        ("Thanks", ["Questions?"])])
    r = audit(src)
    r.slides[0].slide.text_source = "ocr"
    r.slides[2].verdict.unclassified = "empty"
    out = tmp_path / "annotated.pptx"
    annotate_deck(r, out)
    slides = list(Presentation(out).slides)
    notes = [s.notes_slide.notes_text_frame.text for s in slides]
    assert "(text read by OCR)" in notes[0] and "OCR" not in notes[1] and "OCR" not in notes[2]
    assert "not read (empty)" in notes[2]
    tags = [next(sh.text_frame.text for sh in s.shapes if sh.name == TAG_NAME) for s in slides]
    assert tags[2].endswith("· not read") and tags[0].endswith("% sure")
