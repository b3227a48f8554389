"""Issue 15: what every output says (seller and customer, us-share range, slides not read, confidence, evidence
with its direction, findings quoting their sentence, three fixes, the report's own date), and a CLI that never
surprises (files named, suffixes honoured, gate with a broken file, config errors, one JSON shape)."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from deckaudit import renderers
from deckaudit.report import Finding, Party, summarise
from deckaudit.verdict import Evidence
from tests.conftest import ROOT
from tests.report_fixtures import pitch_report


def render(fmt: str, report, **kw) -> str:
    buf = io.StringIO()
    renderers.write(fmt, [report], buf, **kw)
    return buf.getvalue()


def flat(text: str) -> str:
    return " ".join(text.replace("│", " ").split())


def rich_report():
    """The hand-built pitch with what a forwarded report must carry: named parties, structured evidence, a slide
    not read, a low-confidence slide, a gate and a finding about a sentence."""
    r = pitch_report()
    r.seller = Party(["Brocade"], {"Brocade": ["cover", "footer"]})
    r.customer = Party(["Contoso"], {"Contoso": ["--customer"]}, given=True)
    r.slides[1].verdict.evidence.insert(0, Evidence("company facts: 'founded', 'headquartered'", 2.0, "topic",
                                                    "about-us", "lex_company_facts", ("founded", "headquartered"),
                                                    "company facts"))
    r.slides[5].verdict.unclassified = "no-text-layer"
    r.slides[5].counted = False
    r.slides[0].verdict.low_confidence = True
    r.summary = summarise(r.slides)
    r.settings["fail_over"] = 0.5
    r.findings.append(Finding("feature-statement", 2, "Our platform integrates with SAP in a day",
                              "The product is the subject here. Rewrite with the customer as subject."))
    return r


EVERY_FORMAT = ["table", "md", "csv", "html", "pdf"]


def output(fmt: str, report) -> str:
    if fmt == "html":
        from deckaudit.renderers.html_report import render_html

        return render_html(report, thumbs=[], chart_png=b"")
    if fmt == "pdf":
        pdfplumber = pytest.importorskip("pdfplumber")
        from deckaudit.renderers.pdf_report import build_pdf
        from deckaudit.renderers.thumbnails import wireframe

        data = build_pdf(report, thumbs=[wireframe(sr.slide, 16 / 9) for sr in report.slides],
                         chart_png=_png())
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            return "\n".join(p.extract_text() or "" for p in pdf.pages)
    return render(fmt, report, color=False)


def _png() -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (10, 10), "white").save(buf, "PNG")
    return buf.getvalue()


@pytest.mark.parametrize("fmt", EVERY_FORMAT)
def test_every_output_names_seller_customer_share_range_unread_and_gate(fmt):
    r = rich_report()
    out = flat(output(fmt, r))
    assert "Brocade — from the cover and footer" in out
    assert "Contoso" in out
    lo, hi = r.summary.us_share_range
    if fmt == "csv":
        row = next(csv.DictReader(io.StringIO(render("csv", r))))
        assert row["seller"] == "Brocade — from the cover and footer" and row["customer"].startswith("Contoso")
        assert float(row["us_share_low"]) == pytest.approx(lo, abs=1e-3) and row["gate"] == "fail"
        rows = list(csv.DictReader(io.StringIO(render("csv", r))))
        assert rows[5]["not_read"] == "no-text-layer" and rows[0]["low_confidence"] == "True"
        return
    assert r.summary.share_text in out.replace("\u00a0", " ")
    assert "1 slide not read (no text layer: 6)" in out
    assert "gate: FAIL (over 50%)" in out


@pytest.mark.parametrize("fmt", EVERY_FORMAT)
def test_every_output_shows_confidence_low_confidence_and_directed_evidence(fmt):
    import html

    out = flat(html.unescape(output(fmt, rich_report())))
    assert "→ us: company facts 'founded', 'headquartered'" in out or fmt == "table"
    assert "low confidence" in out or fmt == "csv"  # csv: the low_confidence column (checked above)
    if fmt == "csv":
        assert "→ customer: you/your ×2" in out
    else:
        assert re.search(r"\b90%", out)  # the slides' confidence


def test_table_evidence_with_direction():
    out = render("table", rich_report(), color=False)
    assert "→ us: company facts" in out and "→ customer: you/your ×2" in out and "→ neutral: first slide" in out


@pytest.mark.parametrize("fmt", ["table", "md", "html", "pdf"])
def test_findings_quote_the_sentence_they_are_about(fmt):
    out = flat(output(fmt, rich_report()))
    assert "Our platform integrates with SAP in a day" in out
    assert "The product is the subject here" in out


@pytest.mark.parametrize("fmt", ["table", "md", "html", "pdf"])
def test_the_three_fixes_worth_most(fmt):
    out = flat(output(fmt, rich_report()))
    assert "hree fixes worth most" in out
    # the narrative first, then the rewrite hints by the slides they turn
    first = out.index("The customer first appears on slide 5 of 6")
    assert first < out.index("Lead with the outcome the customer gets")


def test_top_fixes_group_slides_and_rank_the_narrative_first():
    from deckaudit.renderers._reportparts import top_fixes

    r = pitch_report()
    r.findings = [Finding("suggestion", i, "t", f"{i}× we — cut company facts to one line") for i in (1, 2, 3, 5)]
    r.findings += [Finding("suggestion", 4, "t", "0× we — replace the logo wall"),
                   Finding("self-praise", 2, "leading", "replace 'leading'"),
                   Finding("late-customer", None, "", "the customer never appears in 6 slides")]
    fixes = top_fixes(r)
    assert fixes == ["The customer never appears in 6 slides",
                     "Cut company facts to one line (slides 1–3, 5)",
                     "Replace the logo wall (slide 4)"]


@pytest.mark.parametrize("fmt", ["html", "pdf"])
def test_reports_carry_their_own_generated_at_not_today(fmt):
    out = output(fmt, rich_report())
    assert "2024-05-06 09:00 UTC" in out


def test_html_cards_never_cut_a_line():
    from deckaudit.renderers.html_report import CSS, render_html

    r = rich_report()
    long = "\n".join(f"line {i} of a long slide with many bullets" for i in range(1, 21))
    r.slides[1].slide.text = long
    html = render_html(r, thumbs=[], chart_png=b"")
    assert "max-height" not in CSS.split(".text{")[1].split("}")[0]
    for i in range(1, 21):  # every line whole, the later ones folded under "12 more lines"
        assert f"line {i} of a long slide with many bullets" in html
    assert "<summary>12 more lines</summary>" in html


def test_quiet_line_carries_share_and_gate_and_no_none():
    r = rich_report()
    line = render("table", r, quiet=True).strip()
    assert "us-share 67%" in line and "gate: FAIL (over 50%)" in line
    r.settings.pop("fail_over")
    r.metrics["we_you_ratio"] = None
    assert "None" not in render("table", r, color=False)


# --- the CLI ----------------------------------------------------------------------------------------------------

def run(*args, cwd=None, env=None) -> subprocess.CompletedProcess:
    full_env = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    return subprocess.run([sys.executable, "-m", "deckaudit", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd or ROOT, env=full_env, timeout=180)


@pytest.fixture(scope="module")
def deck(tmp_path_factory) -> Path:
    from tests.deckfactory import basic_pptx

    d = tmp_path_factory.mktemp("fwd")
    return basic_pptx(d / "pitch.pptx", slides=[("Northwind Systems", ["Planning software for manufacturers"]),
                                                ("About Northwind", ["Founded in 1998", "Our offices"]),
                                                ("Our platform", ["Our modules", "Our pricing"])])


def test_every_written_file_is_named_and_quiet_names_none(deck, tmp_path):
    r = run("review", deck, "--chart", tmp_path / "c.png", "--output", tmp_path / "r.json", "--format", "json",
            "--pdf", tmp_path / "r.pdf", "--html", tmp_path / "r.html", env={"PATH": "/usr/bin:/bin:/nonexistent"})
    assert r.returncode == 0, r.stderr
    for name in ("c.png", "r.json", "r.pdf", "r.html"):
        assert f"wrote {tmp_path / name}" in r.stderr and (tmp_path / name).is_file()
    q = run("review", deck, "-q", "--chart", tmp_path / "d.png")
    assert "wrote" not in q.stderr and (tmp_path / "d.png").is_file()


@pytest.mark.parametrize("option, name", [("--pdf", "r.html"), ("--html", "r.pdf"), ("--chart", "r.pdf"),
                                          ("--output", "r.csv")])
def test_a_suffix_that_does_not_match_is_a_usage_error(deck, tmp_path, option, name):
    r = run("review", deck, option, tmp_path / name, "--format", "json")
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1 and option in r.stderr
    assert not (tmp_path / name).exists()


def test_help_documents_the_naming_rule_for_several_decks():
    out = run("review", "--help").stdout
    assert "r-pitch.pdf" in flat(out) and "several decks" in flat(out)


def test_several_decks_write_one_file_each_and_name_them(deck, tmp_path):
    other = tmp_path / "other.pptx"
    other.write_bytes(deck.read_bytes())
    r = run("review", deck, other, "--chart", tmp_path / "c.svg")
    assert f"wrote {tmp_path / 'c-pitch.svg'}" in r.stderr and f"wrote {tmp_path / 'c-other.svg'}" in r.stderr


def test_gate_is_still_reported_for_good_decks_when_one_is_broken(deck, tmp_path):
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4 not really")
    r = run("review", deck, broken, "--fail-over", "0.7", "-q")
    assert r.returncode == 2
    assert "pitch.pptx: us-share 100% is over 70%" in r.stderr and "broken.pdf" in r.stderr
    assert "gate: FAIL (over 70%)" in r.stdout


def _fake_soffice(folder: Path, log: Path) -> None:
    folder.mkdir(exist_ok=True)
    tool = folder / "soffice"
    tool.write_text(f"#!/bin/sh\necho run >> {log}\nexit 1\n")
    tool.chmod(tool.stat().st_mode | stat.S_IEXEC)


def test_libreoffice_runs_once_per_deck_for_pdf_and_html(deck, tmp_path):
    log = tmp_path / "soffice.log"
    _fake_soffice(tmp_path / "bin", log)
    r = run("review", deck, "--pdf", tmp_path / "r.pdf", "--html", tmp_path / "r.html",
            env={"PATH": f"{tmp_path / 'bin'}:{os.environ['PATH']}"})
    assert r.returncode == 0, r.stderr
    assert log.read_text().splitlines() == ["run"]
    assert "rendering 3 slide pictures with LibreOffice" in r.stderr


def test_without_soffice_say_once_that_pictures_are_wireframes(deck, tmp_path):
    other = tmp_path / "other.pptx"
    other.write_bytes(deck.read_bytes())
    r = run("review", deck, other, "--pdf", tmp_path / "r.pdf", env={"PATH": "/nonexistent"})
    assert r.returncode == 0, r.stderr
    assert r.stderr.count("wireframes") == 1 and "libreoffice" in r.stderr.lower()


# --- config ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("line, words", [
    ('fail_over = "high"', ["fail_over", "number from 0 to 1"]),
    ("fail_over = 70", ["fail_over", "0.7 means 70%"]),
    ("fail_over = 1.5", ["fail_over", "from 0 to 1"]),
    ('format = "xml"', ["format", "table, json, csv, md"]),
    ("include_hidden = 'yes'", ["include_hidden", "true or false"]),
    ("fail_ovr = 0.5", ["fail_ovr", "did you mean 'fail_over'"]),
    ("fail_over = ", ["not valid TOML"]),
])
def test_a_bad_config_is_one_line_naming_file_and_key_exit_2(deck, tmp_path, line, words):
    (tmp_path / "pyproject.toml").write_text(f"[tool.deckaudit]\n{line}\n")
    r = run("review", deck, cwd=tmp_path)
    assert r.returncode == 2, (r.returncode, r.stderr)
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in r.stderr, r.stderr
    assert "pyproject.toml" in lines[0] and "corrupt" not in lines[0]
    for w in words:
        assert w in lines[0], (w, lines[0])


def test_bulk_and_text_read_the_same_config_errors(tmp_path):
    (tmp_path / "deckaudit.toml").write_text('fail_over = "high"\n')
    for args in (("bulk", tmp_path, "--db", tmp_path / "a.db"), ("text", "-")):
        r = run(*args, cwd=tmp_path)
        assert r.returncode == 2 and "deckaudit.toml: fail_over:" in r.stderr and "Traceback" not in r.stderr
