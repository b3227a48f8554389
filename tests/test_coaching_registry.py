"""The coaching registry (one module per rule, one signature), the one shared silent add-on definition, and
coaching that fits the medium (`deckaudit text` speaks of paragraphs)."""

from __future__ import annotations

import inspect
import io
import os
import subprocess
import sys
import time

import pytest

import deckaudit.coaching as coaching
from deckaudit.coaching.rules import rule, rule_names
from deckaudit.coaching.silent_add_on import Match, find_silent_add_ons
from deckaudit.report import Finding
from tests.conftest import ROOT, hand_report

SELLER = ("Northwind", "Insight")


def test_every_rule_is_a_module_with_the_same_shape():
    for module in coaching.RULES:
        assert isinstance(module.KIND, str) and module.RULE in rule_names()
        assert list(inspect.signature(module.find).parameters) == ["ctx"]
        assert list(inspect.signature(module.check).parameters)[0] == "example"
        data = rule(module.RULE)
        assert data["examples_fail"] and data["examples_pass"]
    assert {m.RULE for m in coaching.RULES} == set(rule_names())  # no data file without its module


def test_coach_runs_the_registry(monkeypatch):
    class Extra:
        KIND, RULE = "extra", "we_you"

        @staticmethod
        def find(ctx):
            return [Finding("extra", st.index, st.sr.slide.title, "seen") for st in ctx.counted]

    monkeypatch.setattr(coaching, "RULES", coaching.RULES + (Extra,))
    r = hand_report(findings=False)
    coaching.coach(r)
    assert [f.slide for f in r.findings if f.kind == "extra"] == [sr.index for sr in r.slides if sr.counted]


SILENT = [
    ("We want to understand their experience of our brand.", "our brand"),
    ("Ask how they feel about us when they renew.", "us"),
    ("Find out what they think of our team", "our team"),
    ("How do users experience Insight?", "Insight"),
    ("Why do buyers trust Northwind?", "Northwind"),
    ("What challenges do customers face when they interact with us?", "us"),
    ("Where does friction occur in relation to us?", "us"),
    ("Map the customer journey with our brand", "our brand"),
]
CUSTOMER_ONLY = [
    "How do your customers experience a late delivery?",
    "What do they think of the new regulation?",
    "How do your customers feel when an order is late?",
    "Customers see Northwind Insight cut scrap by 40%",
    "Our customers face rising costs",
    "We work with your planners on site",
]


@pytest.mark.parametrize("text, seller", SILENT)
def test_the_silent_add_on_anywhere_in_the_clause(text, seller):
    found = find_silent_add_ons("Intro line\n" + text + " Then more.", SELLER)
    assert len(found) == 1 and isinstance(found[0], Match)
    m = found[0]
    assert m.seller == seller and m.clause.startswith(text.rstrip(".?")[:20])
    assert ("Intro line\n" + text)[m.start:m.end].lower().endswith(seller.lower())


@pytest.mark.parametrize("text", CUSTOMER_ONLY)
def test_customer_only_questions_are_left_alone(text):
    assert find_silent_add_ons(text, SELLER) == []


def test_names_come_from_the_caller():
    assert find_silent_add_ons("How do clients perceive Contoso?", SELLER) == []
    assert find_silent_add_ons("How do clients perceive Contoso?", ["Contoso"])[0].seller == "Contoso"


def test_the_definition_is_fast_on_ordinary_slides():
    slide = ("Our platform offers SSO and integrates with SAP, Oracle and Infor.\nNorthwind Insight: one dashboard "
             "for planners\nReal-time forecasts for 1,200 plants\nYour team signs in once")
    find_silent_add_ons(slide, SELLER)
    t0 = time.perf_counter()
    for _ in range(2000):
        find_silent_add_ons(slide, SELLER)
    assert (time.perf_counter() - t0) / 2000 < 2e-4  # well under the classifier's per-slide budget


def test_coaching_uses_the_shared_definition():
    r = hand_report(findings=False)
    r.slides[1].slide.text = "We want to understand how they feel about us when they renew."
    r.settings["seller_names"] = ["northwind"]
    coaching.coach(r)
    assert [(f.slide, f.text) for f in r.findings if f.kind == "silent-add-on"] == [
        (2, "We want to understand how they feel about us when they renew.")]


def test_text_command_speaks_of_paragraphs_and_messages(tmp_path):
    mail = tmp_path / "mail.eml"
    mail.write_text("Subject: Northwind for Acme\n\nHi Dana,\n\nNorthwind is trusted by 500 companies. Our logos "
                    "speak for themselves.\n\nWe want to know how your team feels about us when they renew.\n\n"
                    "Our platform offers seamless integration with SAP.\n\nWhat do your planners lose each week?\n")
    for fmt in ("table", "md", "csv"):
        r = subprocess.run([sys.executable, "-m", "deckaudit", "text", str(mail), "--company", "Northwind", "-f", fmt],
                           capture_output=True, text=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
                           timeout=120)
        assert r.returncode == 0, r.stderr
        low = r.stdout.lower()
        assert "slide" not in low and "logo wall" not in low, fmt  # (the classifier's own "headline only" may stay)
    assert "silent-add-on" in r.stdout or "silent-add-on" in subprocess.run(
        [sys.executable, "-m", "deckaudit", "text", str(mail), "--company", "Northwind"], capture_output=True,
        text=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=120).stdout


def test_pdf_report_shows_every_rules_findings():
    pdfplumber = pytest.importorskip("pdfplumber")
    import deckaudit
    from deckaudit.renderers.pdf_report import build_pdf
    from deckaudit.renderers.thumbnails import wireframe

    r = deckaudit.audit(ROOT / "sample_decks" / "vendor-pitch.pptx")
    r.slides[1].slide.text += "\nHow do customers experience our brand?"
    r.findings.clear()
    r.metrics.clear()
    coaching.coach(r)
    kinds = {f.kind for f in r.findings}
    assert {"self-praise", "feature-statement", "suggestion", "late-customer", "silent-add-on", "we-we"} <= kinds
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(buf, "PNG")
    data = build_pdf(r, thumbs=[wireframe(sr.slide, 16 / 9) for sr in r.slides], chart_png=buf.getvalue())
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        text = " ".join((p.extract_text() or "") for p in pdf.pages)
    for kind in kinds:
        assert f"{kind} (" in text, kind
    assert "How do customers experience our brand?" in text
