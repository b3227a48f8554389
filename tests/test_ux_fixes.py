"""What a first-time user tripped over: each test fails without its fix (wrong inputs refused in one line,
output names that do not collide, failures in machine-readable output, the same rounding everywhere)."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest

from tests.test_cli_review import CUSTOMER_FIRST, US_HEAVY, _one_line_error, build_pptx, run


@pytest.fixture(scope="module")
def decks(tmp_path_factory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("uxdecks")
    return {
        "us": build_pptx(d / "us-heavy.pptx", US_HEAVY),
        "customer": build_pptx(d / "customer-first.pptx", CUSTOMER_FIRST),
    }


# --- bulk: named paths, empty folders, rounding, reused results ----------------------------------------

def test_bulk_missing_path_is_a_usage_error(tmp_path):
    r = run("bulk", tmp_path / "nonexist", "--db", tmp_path / "x.db")
    _one_line_error(r, "nonexist", "not-found")
    assert not (tmp_path / "x.db").exists(), "refused before any work"


def test_bulk_empty_folder_says_no_decks_were_found(tmp_path):
    (tmp_path / "empty").mkdir()
    r = run("bulk", tmp_path / "empty", "--db", tmp_path / "x.db")
    assert r.returncode == 0, r.stderr
    lines = [ln for ln in r.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and "empty" in lines[0] and "no decks found" in lines[0], r.stderr
    assert "┏" not in r.stdout, "no empty table"


def test_bulk_csv_rounds_shares_as_review_does(decks, tmp_path):
    lib = tmp_path / "lib"
    lib.mkdir()
    shutil.copy(decks["customer"], lib)
    bulk = run("bulk", lib, "--db", tmp_path / "x.db", "--format", "csv", "--quiet")
    review = run("review", decks["customer"], "--format", "csv")
    assert bulk.returncode == 0 and review.returncode == 0, bulk.stderr + review.stderr
    bulk_share = next(csv.DictReader(io.StringIO(bulk.stdout)))["us_share"]
    review_share = next(csv.DictReader(io.StringIO(review.stdout)))["us_share"]
    assert bulk_share == review_share and len(bulk_share.split(".")[1]) == 3, (bulk_share, review_share)


def test_bulk_csv_guards_text_cells_against_formulas():
    from deckaudit.library.summary import DeckRow, LibraryReport
    from deckaudit.renderers.library_text import write_library

    lib = LibraryReport(decks=[DeckRow("/lib/=cmd/x.pptx", "=cmd", "ok", us_share=1 / 9)], us_share=1 / 9)
    out = io.StringIO()
    write_library(lib, "csv", out)
    row = next(csv.DictReader(io.StringIO(out.getvalue())))
    assert row["folder"] == "'=cmd" and row["us_share"] == "0.111" and row["path"] == "/lib/=cmd/x.pptx"


def test_bulk_says_reused_for_a_copy_and_unchanged_for_the_same_file(decks, tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    shutil.copy(decks["us"], a)
    shutil.copy(decks["customer"], a)
    db = tmp_path / "x.db"
    assert run("bulk", a, "--db", db, "--quiet").returncode == 0
    shutil.copytree(a, b)
    r = run("bulk", a, b, "--db", db, "--quiet")
    assert r.returncode == 0, r.stderr
    assert "4 decks: 0 audited, 2 unchanged, 2 reused" in r.stdout, r.stdout
    again = run("bulk", a, b, "--db", db, "--quiet")
    assert "4 decks: 0 audited, 4 unchanged ·" in again.stdout, again.stdout


# --- --fail-over given as a percentage: the config file's one-line hint ---------------------------------

@pytest.mark.parametrize("command", ["review", "bulk"])
def test_fail_over_out_of_range_is_one_line_with_the_hint(decks, tmp_path, command):
    extra = ["--db", tmp_path / "x.db"] if command == "bulk" else []
    r = run(command, decks["us"], "--fail-over", "70", *extra)
    _one_line_error(r, "--fail-over", "0.7 means 70%")
    r = run(command, decks["us"], "--fail-over", "lots", *extra)
    _one_line_error(r, "--fail-over", "'lots'")
    assert run(command, decks["us"], "--fail-over", "0.99", *extra).returncode == 1  # 3 of 3 about us


# --- annotate writes PowerPoint: a copy named .pdf is refused ---------------------------------------------

@pytest.mark.parametrize("name", ["out.pdf", "out"])
def test_annotate_refuses_an_output_that_is_not_powerpoint(decks, tmp_path, name):
    r = run("annotate", decks["us"], "-o", tmp_path / name)
    _one_line_error(r, "--output", ".pptx")
    assert not (tmp_path / name).exists()
    ok = run("annotate", decks["us"], "-o", tmp_path / "out.pptx")
    assert ok.returncode == 0 and (tmp_path / "out.pptx").is_file(), ok.stderr


# --- per-deck outputs of decks sharing a name do not overwrite each other --------------------------------

def test_decks_sharing_a_stem_get_a_report_each(decks, tmp_path):
    from tests.pdf_fixtures import text_page, write_pdf

    other = tmp_path / "in" / "us-heavy.pdf"
    other.parent.mkdir()
    write_pdf(other, [text_page("About Northwind", "Founded in 1998"), text_page("Your challenges", "Your planners lose days")])
    twin = tmp_path / "in2" / "us-heavy.pptx"  # the same file name in another folder
    twin.parent.mkdir()
    shutil.copy(decks["us"], twin)
    out = tmp_path / "o"
    out.mkdir()
    r = run("review", decks["us"], other, twin, decks["customer"], "--quiet", "--chart", out / "c.svg",
            "--html", out / "r.html")
    assert r.returncode == 0, r.stderr
    assert sorted(p.name for p in out.iterdir()) == [
        "c-customer-first.svg", "c-us-heavy-pdf.svg", "c-us-heavy-pptx-2.svg", "c-us-heavy-pptx.svg",
        "r-customer-first.html", "r-us-heavy-pdf.html", "r-us-heavy-pptx-2.html", "r-us-heavy-pptx.html"]
    assert "us-heavy.pdf" in (out / "r-us-heavy-pdf.html").read_text()


# --- deckaudit text refuses decks by their magic bytes -----------------------------------------------------

RAW_PDF = (b"%PDF-1.3\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
           b"2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n3 0 obj\n<< /Type /Page /Parent 2 0 R >>\n"
           b"endobj\n4 0 obj\n<< /Filter /Standard /V 2 /R 3 /O (owner) /U (user) /P -44 >>\nendobj\n"
           b"trailer\n<< /Root 1 0 R /Encrypt 4 0 R >>\n%%EOF\n")  # uncompressed, encrypted: no NUL byte


def test_text_refuses_a_pdf_in_one_line(tmp_path):
    p = tmp_path / "x.pdf"
    p.write_bytes(RAW_PDF)
    _one_line_error(run("text", p), "x.pdf", "unsupported", "a PDF, not text", "deckaudit review")
    _one_line_error(run("text", "-", stdin=RAW_PDF.decode("latin-1")), "a PDF, not text")


def test_text_refuses_zip_and_ole_decks(decks, tmp_path):
    _one_line_error(run("text", decks["us"]), "unsupported", "a zip archive", "deckaudit review")
    ole = tmp_path / "old.ppt"
    ole.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504)
    _one_line_error(run("text", ole), "unsupported", "OLE compound file", "deckaudit review")


def test_text_still_reads_text_that_mentions_pdf():
    from deckaudit.readers.text import read_text

    deck = read_text(b"Send us the %PDF- export.\n\nYour team gets the numbers.", "note.txt")
    assert len(deck.slides) == 2


# --- no Python exception text in the one line; the detail only with --debug --------------------------------

def _rewritten(src: Path, dest: Path, part: str, data: bytes) -> Path:
    import zipfile

    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dest, "w") as zout:
        for info in zin.infolist():
            zout.writestr(info, data if info.filename == part else zin.read(info))
    return dest


def test_truncated_zip_is_said_in_user_terms(decks, tmp_path):
    p = tmp_path / "broken.pptx"
    p.write_bytes(decks["us"].read_bytes()[:3000])
    r = run("review", p)
    _one_line_error(r, "broken.pptx", "corrupt", "not a zip archive")
    assert "File is not a zip file" not in r.stderr
    debug = run("review", p, "--debug")
    assert "detail: zipfile: File is not a zip file" in debug.stderr


def test_broken_xml_names_the_part_without_the_parser_message(decks, tmp_path):
    import zipfile

    with zipfile.ZipFile(decks["us"]) as z:
        parts = [n for n in z.namelist() if n.startswith("ppt/slides/slide") and n.endswith(".xml")]
    p = decks["us"]
    for k, part in enumerate(sorted(parts)):  # every slide broken: nothing to read, the deck is corrupt
        p = _rewritten(p, tmp_path / f"badxml{k}.pptx", part, b"<p:sld/>")
    r = run("review", p)
    _one_line_error(r, p.name, "corrupt", "broken XML in 'ppt/slides/slide1.xml'")
    assert "Namespace prefix" not in r.stderr and "line 1" not in r.stderr
    assert "Namespace prefix p on sld is not defined" in run("review", p, "--debug").stderr


def test_one_broken_slide_is_named_and_not_counted(decks, tmp_path):
    """A deck with one slide's XML broken is read: that slide is 'not read', named in a warning, not counted."""
    import json

    p = _rewritten(decks["us"], tmp_path / "one-bad.pptx", "ppt/slides/slide2.xml", b"<p:sld/>")
    r = run("review", p, "--format", "json")
    assert r.returncode == 0, r.stderr
    report = json.loads(r.stdout)["reports"][0]
    slides = {s["index"]: s for s in report["slides"]}
    assert slides[2]["status"] == "unreadable" and not slides[2]["counted"]
    assert report["summary"]["unclassified"] == [{"slide": 2, "reason": "unreadable"}] or \
        {"slide": 2, "reason": "unreadable"} in report["summary"]["unclassified"]
    assert report["summary"]["counted"] == len(slides) - 1
    assert any("slide 2 could not be read" in w and "broken XML" in w for w in report["deck"]["warnings"])


def test_bad_store_and_limits_are_said_in_user_terms(decks, tmp_path):
    junk = tmp_path / "junk.db"
    junk.write_text("junk " * 200)
    r = run("bulk", decks["us"], "--db", junk)
    _one_line_error(r, "cannot use as a bulk store: not an SQLite database")
    assert "file is not a database" not in r.stderr
    (tmp_path / "deckaudit.toml").write_text("[limits]\nmax_entries = 'lots'\n")
    r = run("review", decks["us"], cwd=tmp_path)
    _one_line_error(r, "limits must be numbers: max_entries is 'lots'")
    assert "invalid literal" not in r.stderr


# --- review's machine-readable outputs name the decks that could not be read -----------------------------

def test_review_json_csv_and_md_include_failures(decks, tmp_path):
    bad = tmp_path / "notadeck.pptx"
    bad.write_text("just text\n")
    r = run("review", decks["us"], bad, "-f", "json")
    assert r.returncode == 2 and "notadeck.pptx" in r.stderr  # exit codes as before
    doc = json.loads(r.stdout)
    assert len(doc["reports"]) == 1
    assert doc["failures"] == [{"path": str(bad), "status": "unsupported", "reason": doc["failures"][0]["reason"]}]
    assert "text file" in doc["failures"][0]["reason"]
    rows = list(csv.DictReader(io.StringIO(run("review", decks["us"], bad, "-f", "csv").stdout)))
    failed = [row for row in rows if row["error"]]
    assert len(failed) == 1 and failed[0]["deck"] == str(bad) and failed[0]["status"] == "unsupported"
    assert failed[0]["index"] == "" and all(row["error"] == "" for row in rows if row is not failed[0])
    md = run("review", decks["us"], bad, "-f", "md").stdout
    assert "# Could not be read" in md and "notadeck.pptx | unsupported |" in md


def test_review_json_when_every_deck_failed(tmp_path):
    r = run("review", tmp_path / "gone.pptx", "-f", "json")
    assert r.returncode == 2
    doc = json.loads(r.stdout)
    assert doc["reports"] == [] and doc["failures"][0]["status"] == "not-found"


# --- a slide not read is shown as not read, not as "neutral, low confidence" ------------------------------

@pytest.mark.parametrize("fmt", ["table", "md", "html", "pdf"])
def test_a_slide_not_read_is_shown_as_not_read(fmt):
    from deckaudit.report import summarise
    from tests.test_ocr_marks import ocr_report, per_slide

    r = ocr_report()
    r.slides[-1].verdict.low_confidence = True  # what the classifier leaves on a placeholder verdict
    r.summary = summarise(r.slides)
    cell = " ".join(per_slide(fmt, r)[7].split())
    assert "not read" in cell and "no text layer" in cell, cell
    assert "neutral" not in cell and "low confidence" not in cell and "sure" not in cell, cell
    assert "neutral" in " ".join(per_slide(fmt, r)[1].split()) or "about" in per_slide(fmt, r)[1]
