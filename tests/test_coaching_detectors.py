"""Coaching detectors on reports: findings, per-slide extras and deck metrics; hints built from evidence;
narrative order; the config-extended lexicon; coaching in `deckaudit review --format json`."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from deckaudit.classify.names import Names
from deckaudit.coaching import coach, narrative, self_praise, subjects, suggestions, we_you
from deckaudit.coaching.rules import sentences
from deckaudit.report import summarise
from deckaudit.verdict import Evidence, Tag
from tests.conftest import ROOT, hand_report

NORTHWIND = Names(seller={"northwind"}, customer={"acme"})


@pytest.fixture(scope="module")
def vendor_pitch():
    import deckaudit

    return deckaudit.audit(ROOT / "sample_decks" / "vendor-pitch.pptx")


def test_self_praise_extended_from_config():
    assert self_praise.terms("A synergistic offer") == []
    assert self_praise.terms("A synergistic, world class offer", ("synergistic",)) == ["synergistic", "world class"]


def test_we_you_counts_names_as_we_and_you():
    assert we_you.count("Northwind's team and our partners help Acme and you", NORTHWIND) == (2, 2)
    assert we_you.count("Northwind's team and our partners", Names()) == (1, 0)  # without names, only pronouns
    assert we_you.ratio(6, 2) == 3.0 and we_you.ratio(3, 0) is None


def test_subjects_split_seller_and_customer_sentences():
    sents = sentences("Our platform offers SSO. Your team signs in once.\nPlanners see shortages early\nQuestions?", NORTHWIND)
    features, n_seller, n_customer = subjects.analyse(sents)
    assert features == ["Our platform offers SSO."] and (n_seller, n_customer) == (1, 2)
    assert subjects.benefit_share(n_seller, n_customer) == 0.667 and subjects.benefit_share(0, 0) is None


def test_coach_fills_findings_extras_and_metrics():
    r = hand_report(findings=False)
    r.slides[1].slide.text = "Our platform offers seamless SSO. How do customers experience us?"
    r.slides[2].slide.text = "Our world-class awards"  # hidden: figures in extras, nothing in findings or totals
    r.settings["seller_names"] = ["northwind"]
    coach(r, {"self_praise": ["synergistic"]})
    kinds = {(f.kind, f.slide) for f in r.findings}
    assert {("self-praise", 2), ("silent-add-on", 2), ("feature-statement", 2), ("suggestion", 2)} <= kinds
    assert not any(f.slide == 3 for f in r.findings)
    assert r.slides[1].extras == {"we": 2, "you": 0, "self_praise": 1, "feature_statements": 1, "benefit_share": 0.0}
    assert r.slides[2].extras["self_praise"] == 1 and r.slides[3].extras["you"] == 2
    assert r.metrics["self_praise"] == 1 and r.metrics["we"] == 2 + 1  # slide 1 names Northwind once
    assert r.metrics["we_you_ratio"] == round(r.metrics["we"] / r.metrics["you"], 2)


def test_every_about_us_slide_gets_a_suggestion(vendor_pitch):
    hints = {f.slide: f.message for f in vendor_pitch.findings if f.kind == "suggestion"}
    assert set(hints) == {sr.index for sr in vendor_pitch.slides if sr.tag is Tag.US}
    assert "logo wall" in hints[5]  # its alt texts say 'logo', whatever the evidence
    assert hints[2].startswith("1× we/our/")
    assert "headline 'Our History'" in hints[2] and "0× you/your" in hints[2]


def _about_us(*evidence, alt=(), pictures=0):
    r = hand_report(findings=False)
    sr = r.slides[1]
    sr.verdict.evidence = list(evidence)
    sr.slide.alt_texts, sr.slide.pictures = list(alt), pictures
    return sr


def ev(feature, *phrases, weight=1.0, label="", text="", toward="about-us"):
    return Evidence(text, weight, "topic", toward, feature, tuple(phrases), label)


def test_suggestions_follow_the_strongest_reason_by_its_fields():
    sr = _about_us(ev("lex_offer", "architecture", "api", weight=2.0), ev("lex_proof", "certified", weight=1.0))
    assert "features as outcomes" in suggestions.suggest(sr, 2, 0)  # the stronger reason wins
    sr = _about_us(ev("lex_proof", "gartner", "magic quadrant"))
    assert "analyst" in suggestions.suggest(sr, 0, 0)
    sr = _about_us(ev("lex_company_facts", "our history"))
    assert "company facts" in suggestions.suggest(sr, 1, 0)
    sr = _about_us(ev("lex_us:company", "founded"))
    assert "company facts" in suggestions.suggest(sr, 1, 0)


def test_suggestions_never_read_the_display_text():
    """Display wording that names a logo wall does not pick a hint: only fields do."""
    sr = _about_us(ev("pron_we", text="replace the logo wall: 'trusted by', 'gartner', company facts"))
    assert suggestions.suggest(sr, 3, 0).endswith(suggestions.rule("suggestions")["default"])
    from deckaudit.coaching.narrative import is_product_slide

    sr.verdict.evidence = [ev("pron_we", text="our product and offer: 'our platform'")]
    assert not is_product_slide(sr)
    sr.verdict.evidence = [ev("lex_offer", "our platform")]
    assert is_product_slide(sr)


def test_text_medium_speaks_of_messages_not_slides():
    sr = _about_us(ev("lex_proof", "trusted by"), alt=["logo"] * 12, pictures=12)
    on_slides = suggestions.suggest(sr, 2, 0, medium="slides")
    in_text = suggestions.suggest(sr, 2, 0, medium="text")
    assert "logo wall" in on_slides and "headline" in on_slides
    assert "logo wall" not in in_text and "headline" not in in_text and "customer story" in in_text
    sr = _about_us(alt=["screenshot of the dashboard"], pictures=1)
    assert "caption the screen" in suggestions.suggest(sr, 0, 0) and "screen" not in suggestions.suggest(sr, 0, 0, medium="text")


def test_suggestion_without_a_named_reason():
    r = hand_report(findings=False)
    sr = r.slides[1]
    sr.verdict.evidence = [Evidence("we/us/our ×3", -1.0, "pronoun", "about-us")]
    sr.slide.alt_texts = []
    assert suggestions.suggest(sr, 3, 0).endswith(suggestions.rule("suggestions")["default"])
    assert "features as outcomes" in suggestions.suggest(sr, 3, 0, feature_statements=2)
    assert suggestions.suggest(sr, 3, 0, seller="Northwind").startswith("3× we/our/Northwind, 0× you/your; headline")


@pytest.mark.parametrize("name,expect", [("vendor-pitch.pptx", "never appears in 16 slides"), ("customer-first.pptx", None)])
def test_late_customer_on_sample_decks(name, expect):
    import deckaudit

    r = deckaudit.audit(ROOT / "sample_decks" / name)
    late = [f for f in r.findings if f.kind == "late-customer"]
    assert [f.message for f in late if expect in f.message] if expect else not late


def test_late_customer_names_slide_and_total():
    r = narrative.deck_from_tags("neutral us us us us us us us us us us customer us us us neutral")
    found = narrative.late(r)
    assert found.slide == 12 and "first appears on slide 12 of 16" in found.message


def test_product_before_problem_is_flagged_on_a_hand_report():
    r = hand_report(hidden_third=False, findings=False)
    r.slides[1].verdict.evidence[1] = Evidence("", 1.0, "topic", "about-us", "lex_offer", ("our platform",),
                                               "our product and offer")
    r.slides[2].verdict.tag = Tag.CUSTOMER  # the customer on slide 3 of 5: not late, but after the product
    r.summary = summarise(r.slides)
    found = narrative.late(r)
    assert found is not None and "product (slide 2) comes before" in found.message


def test_review_json_has_findings_metrics_and_validates():
    import jsonschema

    schema = json.loads((ROOT / "docs" / "report.schema.json").read_text())
    out = subprocess.run([sys.executable, "-m", "deckaudit", "review", str(ROOT / "sample_decks" / "vendor-pitch.pptx"),
                          "--format", "json"], capture_output=True, text=True, cwd=ROOT,
                         env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=120)
    jsonschema.validate(json.loads(out.stdout), schema)
    doc = json.loads(out.stdout)["reports"][0]
    assert {"suggestion", "self-praise", "late-customer"} <= {f["kind"] for f in doc["findings"]}
    assert doc["summary"]["metrics"]["we_you_ratio"] > 1


def test_sentences_stay_aligned_when_a_name_holds_a_full_stop():
    names = Names(seller={"northwind inc."})
    sents = sentences("Founded by Northwind Inc. Our platform offers SSO. You save a day.", names)
    assert [s.text for s in sents] == ["Founded by Northwind Inc.", "Our platform offers SSO.", "You save a day."]
    assert sents[0].norm == "founded by __seller__" and sents[1].norm == "our platform offers sso."


def test_a_neighbours_cues_never_pick_this_slides_hint():
    """'The slide after is about us: awards' says what the next slide is; the hint is about this one."""
    sr = _about_us(ev("context.next_us", "awards", "certified", weight=3.0), ev("pronouns.we", "we/us/our ×1"))
    assert "awards" not in suggestions.suggest(sr, 1, 0)
    assert suggestions.advise(sr, 1, 0)[0] == ""


def test_top_fixes_do_not_repeat_the_feature_statement_advice():
    from deckaudit.renderers._reportparts import top_fixes
    from deckaudit.report import Finding

    r = hand_report(findings=False)
    same = "The product is the subject here. Rewrite with the customer as subject"
    r.findings = [Finding("feature-statement", 2, "Our platform delivers", same),
                  Finding("suggestion", 2, "Our Platform", "1× we/our — rewrite features as outcomes", hint="features"),
                  Finding("suggestion", 3, "Awards", "1× we/our — awards prove little", hint="awards")]
    fixes = top_fixes(r)
    assert len(fixes) == 2 and not any("features as outcomes" in f for f in fixes)
    assert any(f.startswith("Awards prove little") for f in fixes)


def test_late_customer_names_the_slide_the_headline_names():
    """A low-confidence customer tag before the first confident one is not "where the customer appears":
    the advice and the verdict line ("the customer first appears on slide K") name the same slide."""
    r = narrative.deck_from_tags("neutral us+product customer customer us neutral")
    r.slides[2].verdict.confidence = 0.45  # a guess: the headline skips it
    r.summary = summarise(r.slides)
    assert r.summary.first_customer_slide == 4 and "first appears on slide 4" in r.summary.verdict
    found = narrative.late(r)
    assert found.slide == 4 and "customer's problem (slide 4)" in found.message
    r.slides[3].verdict.confidence = 0.5  # no confident customer slide: "never clearly", as the headline says
    r.summary = summarise(r.slides)
    assert "never clearly appears" in r.summary.verdict and "never clearly appears" in narrative.late(r).message


def test_coaching_names_the_seller_as_the_report_shows_it():
    """"we/our/Cncf" for a seller shown as "CNCF": the messages use the name the report shows."""
    from deckaudit.coaching.context import build
    from deckaudit.report import Party

    r = hand_report(findings=False)
    r.settings["seller_names"] = ["cncf", "cncf toc"]
    assert build(r).seller == "Cncf"  # no Party: the matching name, title-cased
    r.seller = Party(["CNCF"], {"CNCF": ["cover"]})
    assert build(r).seller == "CNCF"
    r.settings["company"] = ["Cloud Native Computing Foundation"]  # --company wins
    assert build(r).seller == "Cloud Native Computing Foundation"


def test_many_pictures_among_many_words_are_not_a_logo_wall():
    """Eight photos beside 180 words (a service page) get no logo-wall advice; twelve pictures and a caption do."""
    sr = _about_us(pictures=12)
    sr.slide.text = "Our customers"
    assert suggestions.advise(sr, 1, 0)[0] == "logo-wall"
    sr = _about_us(pictures=8)
    sr.slide.text = " ".join(["ticketing"] * 180)
    assert suggestions.advise(sr, 1, 0)[0] != "logo-wall"


def test_a_long_headline_is_quoted_up_to_a_whole_word():
    """"headline 'We use Zerocracy to develop Zerocracy. Over the past 12 mont'" read as a typo in the deck."""
    sr = _about_us(ev("pronouns.we", "we/us/our ×9"))
    sr.slide.title = "We use Zerocracy to develop Zerocracy. Over the past 12 months, our freelancers have completed"
    message = suggestions.suggest(sr, 9, 1)
    assert "headline 'We use Zerocracy to develop Zerocracy. Over the past 12…'" in message
    sr.slide.title = "Our Platform"
    assert "headline 'Our Platform'" in suggestions.suggest(sr, 1, 0)
