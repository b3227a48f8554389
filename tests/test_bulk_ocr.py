"""Issue 14 in the library outputs: the store keeps where each slide's text came from (slides.text_source), and
every library output that lists decks says how many slides of a deck OCR read ("text read by OCR: 2 slides");
the bulk JSON and CSV carry it per deck as ``ocr_slides``. The store and renderer tests build rows directly (no
Tesseract needed); one bulk run over a generated image-only PDF needs Tesseract and is skipped without it."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest

from deckaudit.library.bulk import bulk
from deckaudit.library.result import DeckResult, SlideRow
from deckaudit.library.store import Store
from deckaudit.library.summary import DeckRow, summarise
from deckaudit.renderers.library_text import write_library
from tests import deckfactory as df
from tests.test_ocr import needs_tesseract, scan_pdf


def slide(index: int, source: str | None) -> SlideRow:
    return SlideRow(index=index, tag="neutral", score=0.0, title=f"Slide {index}", excerpt="text", digest=f"d{index}",
                    text_source=source)


def test_the_store_counts_the_slides_ocr_read_per_deck(tmp_path):
    store = Store(tmp_path / "s.db")
    run = store.start_run({}, {})
    store.save(DeckResult("/l/scan.pdf", hash="h1", slides=3, neutral=3,
                          slide_rows=[slide(1, "ocr"), slide(2, "text+ocr"), slide(3, "")]), folder=".", key="k", run_id=run)
    store.save(DeckResult("/l/text.pptx", hash="h2", slides=1, neutral=1, slide_rows=[slide(1, "")]),
               folder=".", key="k", run_id=run)
    store.save(DeckResult.failed("/l/bad.pptx", "corrupt", "truncated zip"), folder=".", key="k", run_id=run)
    store.copy_from("/l/scan.pdf", "/l/copy.pdf", folder=".", size=1, mtime=1.0, run_id=run)  # a moved deck keeps it
    rows = {d.path: d.ocr_slides for d in store.decks(["/l/scan.pdf", "/l/text.pptx", "/l/bad.pptx", "/l/copy.pdf"])}
    assert rows == {"/l/scan.pdf": 2, "/l/text.pptx": 0, "/l/bad.pptx": 0, "/l/copy.pdf": 2}
    stored = store.db.execute("SELECT idx, text_source FROM slides WHERE path='/l/copy.pdf' ORDER BY idx").fetchall()
    assert stored == [(1, "ocr"), (2, "text+ocr"), (3, "")]
    store.db.execute("UPDATE slides SET text_source=NULL WHERE path='/l/text.pptx'")  # as a row from schema 1
    assert store.decks(["/l/text.pptx"])[0].ocr_slides is None  # not known, never a false "0"
    store.close()


def test_slide_row_says_whether_ocr_read_it():
    assert (slide(1, "ocr").ocr, slide(1, "text+ocr").ocr, slide(1, "").ocr, slide(1, None).ocr) == (True, True, False, None)


def library_report():
    def row(path, ocr):
        return DeckRow(path, ".", "ok", "", 4, 3, 1, 0, 0.75, 2, ocr)

    return summarise([row("/l/scan.pdf", 2), row("/l/one.pdf", 1), row("/l/text.pptx", 0), row("/l/old.pptx", None)],
                     [], fail_over=None)


def rendered(fmt: str) -> str:
    out = io.StringIO()
    write_library(library_report(), fmt, out, color=False)
    return out.getvalue()


def test_json_and_csv_carry_ocr_slides_per_deck():
    doc = json.loads(rendered("json"))
    assert {d["path"]: d["ocr_slides"] for d in doc["decks"]} == {
        "/l/scan.pdf": 2, "/l/one.pdf": 1, "/l/text.pptx": 0, "/l/old.pptx": None}
    assert {d["path"]: d["ocr_slides"] for d in doc["worst"]}["/l/scan.pdf"] == 2
    rows = {r["path"]: r["ocr_slides"] for r in csv.DictReader(io.StringIO(rendered("csv")))}
    assert rows == {"/l/scan.pdf": "2", "/l/one.pdf": "1", "/l/text.pptx": "0", "/l/old.pptx": ""}


@pytest.mark.parametrize("fmt", ["table", "md"])
def test_table_and_markdown_mark_the_decks_ocr_read(fmt):
    text = rendered(fmt)
    flat = " ".join(re.sub(r"[│┃|]", " ", text).split())  # a wrapped cell (terminal table) reads on
    at = "/l/" if fmt == "md" else ""  # the terminal table names decks below the audited folder
    assert f"{at}one.pdf · text read by OCR: 1 slide " in flat and f"{at}scan.pdf · text read by OCR: 2 slides " in flat
    assert "1 slides" not in flat and flat.count("text read by OCR") == 2  # not for 0 nor for "not known"


def test_html_and_pdf_mark_the_decks_ocr_read():
    pytest.importorskip("reportlab")
    pdfium = pytest.importorskip("pypdfium2")
    from deckaudit.renderers.library_html import render_library_html
    from deckaudit.renderers.library_pdf import build_library_pdf

    html = render_library_html(library_report())
    assert "/l/scan.pdf · text read by OCR: 2 slides" in html and "/l/one.pdf · text read by OCR: 1 slide<" in html
    assert html.count("text read by OCR") == 2
    doc = pdfium.PdfDocument(build_library_pdf(library_report()))
    text = " ".join(" ".join(doc[i].get_textpage().get_text_range().split()) for i in range(len(doc)))
    assert "text read by OCR: 2 slides" in text and text.count("text read by OCR") == 2


@needs_tesseract
def test_a_bulk_run_over_an_image_only_pdf_says_ocr_read_it(tmp_path):
    lib_dir = tmp_path / "lib"
    lib_dir.mkdir()
    scan_pdf(lib_dir / "scan.pdf")
    df.basic_pptx(lib_dir / "text.pptx", slides=(("Your goals", ["Your team saves time"]),))
    db = tmp_path / "o.db"
    lib = bulk([lib_dir], db=db, jobs=1)
    assert {d.path.rsplit("/", 1)[1]: (d.status, d.ocr_slides) for d in lib.decks} == {
        "scan.pdf": ("ok", 2), "text.pptx": ("ok", 0)}
    again = bulk([lib_dir], db=db, jobs=1)  # unchanged decks: the stored answer, not re-read
    assert again.run["skipped"] == 2 and {d.ocr_slides for d in again.decks} == {0, 2}
    out = io.StringIO()
    write_library(again, "json", out)
    per_deck = {d["path"].rsplit("/", 1)[1]: d["ocr_slides"] for d in json.loads(out.getvalue())["decks"]}
    assert per_deck == {"scan.pdf": 2, "text.pptx": 0}


def test_terminal_table_names_decks_below_the_audited_folder():
    from deckaudit.renderers.library_text import display_path

    def row(path, folder):
        return DeckRow(path, folder, "ok", "", 4, 3, 1, 0, 0.75, 2, 0)

    assert display_path(row("/lib/sales/emea/pitch.pptx", "sales/emea")) == "sales/emea/pitch.pptx"
    assert display_path(row("/lib/top.pdf", ".")) == "top.pdf"
    assert display_path(row("/elsewhere/x.pdf", "/elsewhere")) == "/elsewhere/x.pdf"
    lib = summarise([row("/very/long/prefix/of/the/library/sales/emea/pitch.pptx", "sales/emea")], [], fail_over=None)
    out = io.StringIO()
    write_library(lib, "table", out, color=False)
    flat = " ".join(re.sub(r"[│┃|]", " ", out.getvalue()).split())
    assert "sales/emea/pitch.pptx" in flat and "/very/long/prefix" not in flat
