"""Coaching: every rule's own examples (proselint style), each detector, findings in the outputs, `deckaudit text`."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from deckaudit.classify.names import Names
from deckaudit.coaching import coach, self_praise, silent_add_on, subjects
from deckaudit.coaching.rules import rule
from tests.conftest import ROOT, hand_report

SELLER = Names(seller={"northwind"})


@pytest.mark.parametrize("name,find", [
    ("silent_add_on", lambda t: silent_add_on.find(t, SELLER)),
    ("self_praise", lambda t: self_praise.find(t)),
    ("subjects", lambda t: subjects.analyse(t, SELLER)[0]),
])
def test_every_rule_carries_and_passes_its_examples(name, find):
    data = rule(name)
    assert data["source"] and data["examples_fail"] and data["examples_pass"]
    for example in data["examples_fail"]:
        assert find(example), f"{name} should flag {example!r}"
    for example in data["examples_pass"]:
        assert not find(example), f"{name} should not flag {example!r}"


def test_self_praise_extended_from_config():
    assert self_praise.find("A synergistic offer") == []
    assert self_praise.find("A synergistic offer", ("synergistic",)) == ["synergistic"]


def test_subject_classification():
    assert subjects.classify("Our platform offers SSO", SELLER) == "seller"
    assert subjects.classify("Your team signs in once", SELLER) == "customer"
    assert subjects.classify("Northwind provides 24/7 support", SELLER) == "seller"
    assert subjects.classify("Questions?", SELLER) == ""


def test_coach_fills_findings_extras_and_metrics():
    r = hand_report(findings=False)
    r.slides[1].slide.text = "Our platform offers seamless SSO. How do customers experience us?"
    r.settings["seller_names"] = ["northwind"]
    coach(r, {"self_praise": ["synergistic"]})
    kinds = {(f.kind, f.slide) for f in r.findings}
    assert ("self-praise", 2) in kinds and ("silent-add-on", 2) in kinds and ("feature-statement", 2) in kinds
    assert ("suggestion", 2) in kinds  # the about-us slide gets a rewrite hint
    assert ("suggestion", 3) not in kinds  # hidden and not counted
    assert r.slides[1].extras["we"] == 2 and r.slides[3].extras["you"] == 2
    assert r.metrics["we"] >= 2 and "we_you_ratio" in r.metrics and r.metrics["self_praise"] == 1


def test_suggestion_is_built_from_the_evidence():
    import deckaudit

    r = deckaudit.audit(ROOT / "sample_decks" / "vendor-pitch.pptx")
    hints = {f.slide: f.message for f in r.findings if f.kind == "suggestion"}
    assert set(hints) == {sr.index for sr in r.slides if sr.tag.value == "about-us"}
    assert "logo wall" in hints[5] and "analyst" in hints[6]
    assert hints[2].startswith("1× 'we/our', 0× 'you'; headline 'Our History'")


@pytest.mark.parametrize("name,expect", [("vendor-pitch.pptx", "never appears"), ("customer-first.pptx", None)])
def test_late_customer(name, expect):
    import deckaudit

    r = deckaudit.audit(ROOT / "sample_decks" / name)
    late = [f for f in r.findings if f.kind == "late-customer"]
    if expect:
        assert late and expect in late[0].message
    else:
        assert not late


def test_product_before_problem_is_flagged():
    from deckaudit.coaching import narrative
    from deckaudit.report import summarise
    from deckaudit.verdict import Tag

    r = hand_report(hidden_third=False, findings=False)
    r.slides[1].verdict.evidence[1].text = "our product and offer: 'our platform'"
    r.slides[2].verdict.tag = Tag.CUSTOMER  # the customer on slide 3 of 5: not late, but after the product
    r.summary = summarise(r.slides)

    late = narrative(r)
    assert late is not None and "product (slide 2) comes before" in late.message


def run(*args, stdin=None):
    return subprocess.run([sys.executable, "-m", "deckaudit", *map(str, args)], capture_output=True, text=True, input=stdin,
                          cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=60)


EMAIL = ("Subject: Quick question\nFrom: rep@northwind.example\nMIME-Version: 1.0\nContent-Type: text/html\n\n"
         "<html><body><p>Our world-class platform offers seamless integration.</p>"
         "<p>How do your planners handle a late supplier today? You lose days re-planning.</p>"
         "<p>Best regards,<br>Sam</p><blockquote>older</blockquote></body></html>\n")


def test_text_command_on_email(tmp_path):
    p = tmp_path / "outreach.eml"
    p.write_text(EMAIL)
    r = run("text", p, "--format", "json")
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)
    assert doc["deck"]["variant"] == "email"
    assert all("Sam" not in s["text"] for s in doc["slides"])  # signature dropped
    kinds = {f["kind"] for f in doc["findings"]}
    assert {"self-praise", "feature-statement"} <= kinds
    assert doc["summary"]["metrics"]["we"] >= 1 and doc["summary"]["metrics"]["you"] >= 1
    assert "paragraph" in doc["summary"]["verdict"]


def test_text_command_markdown_and_stdin(tmp_path):
    md = tmp_path / "page.md"
    md.write_text("# Why Northwind\n\nWe are the leading provider.\n\n# Your goals\n\n- You cut scrap by half\n- Your team ships on time\n")
    doc = json.loads(run("text", md, "--format", "json").stdout)
    assert doc["deck"]["variant"] == "markdown" and [s["title"] for s in doc["slides"]] == ["Why Northwind", "Your goals"]
    r = run("text", "-", "--quiet", stdin="Our platform is the best. We are great.")
    assert r.returncode == 0 and "1 of 1 paragraph is about us" in r.stdout


def test_text_command_bad_input(tmp_path):
    r = run("text", tmp_path / "missing.txt")
    assert r.returncode == 2 and "not-found" in r.stderr and "Traceback" not in r.stderr
    binary = tmp_path / "x.txt"
    binary.write_bytes(b"\0\1\2" * 100)
    r = run("text", binary)
    assert r.returncode == 2 and "unsupported" in r.stderr


def test_review_json_has_findings_and_validates():
    import jsonschema

    schema = json.loads((ROOT / "docs" / "report.schema.json").read_text())
    doc = json.loads(run("review", ROOT / "sample_decks" / "vendor-pitch.pptx", "--format", "json").stdout)
    jsonschema.validate(doc, schema)
    assert any(f["kind"] == "suggestion" for f in doc["findings"])
    assert "we_you_ratio" in doc["summary"]["metrics"]
