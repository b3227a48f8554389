"""`deckaudit diff`: slides matched by content across versions (inserted, removed, swapped, reworded) and across
formats (a PPTX against its PDF), the deck figures before → after, evidence compared by its fields, the
--fail-if-worse rule, the JSON schema and the CLI's exit codes."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import jsonschema
import pytest

from deckaudit.deck import Deck, Slide
from deckaudit.diff import SCHEMA as DIFF_SCHEMA
from deckaudit.diff import DeckDiff, Side, deck_words, diff, diff_reports, match_slides, same_words
from deckaudit.report import build_report
from deckaudit.verdict import Evidence, SlideVerdict, Tag
from tests import deckfactory
from tests.conftest import ROOT
from tests.pdf_fixtures import text_page, write_pdf

# Unmistakable slides (the classifier is being retrained: the content, not its current weights, decides).
COVER = ("Contoso and Northwind", ["Meeting notes for the planning review", "March 2025"])
HISTORY = ("Our company history", ["Northwind was founded in 1999, our headquarters in Berlin",
                                   "Our offices in Boston and Singapore, our 400 employees", "Our awards since 2001"])
PLATFORM = ("Our platform", ["Our platform integrates with every ERP", "Our architecture and our API",
                             "We release new modules every quarter"])
CHALLENGES = ("Your challenges today", ["Your planners lose 6 hours a week to spreadsheets",
                                        "Your late deliveries cost you penalties", "Your team cannot see stock across sites"])
GOALS = ("Your goals for 2025", ["You want to cut overtime by 20%", "Your customers expect delivery in 48 hours",
                                 "Your board asks you for lower inventory"])
AWARDS = ("Our awards and recognition", ["Northwind is a leader in the Gartner Magic Quadrant",
                                         "Our awards: best supply chain vendor 2023", "Our partners and our certifications"])
PRICING = ("Our pricing and packages", ["Our licences start at 20k a year", "Our premium package includes our support"])
THANKS = ("Thank you", ["Questions?", "sales at northwind dot example"])
BASE = [COVER, HISTORY, PLATFORM, CHALLENGES, GOALS, AWARDS, PRICING, THANKS]

PLANNERS = ("What changes for your planners", ["Your planners plan a week in one hour",
                                               "Your team sees stock in every site", "You stop paying late penalties"])
# PLATFORM reworded where it stands, from about us to about the customer (same subject, many words kept)
PLATFORM_FOR_YOU = ("Your planning, every ERP", ["Your planners keep every ERP they use today",
                                                 "Your team gets answers through one API", "You get new modules every quarter"])
# GOALS and CHALLENGES rewritten about us: the customer disappears
GOALS_US = ("Our goals for 2025", ["We want to grow our revenue by 20%", "Our new offices open in Paris",
                                   "Our board expects our platform to lead the market"])
CHALLENGES_US = ("Our company today", ["Northwind employs 400 people in our offices",
                                       "Our headquarters moved to Berlin", "Our founders still run our company"])


def statuses(d: DeckDiff) -> list[tuple[str, int | None, int | None]]:
    return [(c.status, c.old_index, c.new_index) for c in d.slides]


@pytest.fixture(scope="module")
def decks(tmp_path_factory):
    """Generated PPTX versions of one deck, each differing from BASE in one way."""
    d = tmp_path_factory.mktemp("versions")
    swapped = list(BASE)
    swapped[1], swapped[2] = swapped[2], swapped[1]
    versions = {
        "base": BASE,
        "inserted": BASE[:4] + [PLANNERS] + BASE[4:],
        "removed": BASE[:5] + BASE[6:],
        "swapped": swapped,
        "reworded": BASE[:2] + [PLATFORM_FOR_YOU] + BASE[3:],
        "customer_gone": BASE[:3] + [CHALLENGES_US, GOALS_US] + BASE[5:],
    }
    return {name: deckfactory.basic_pptx(d / f"{name}.pptx", slides) for name, slides in versions.items()}


@pytest.fixture(scope="module")
def base_report(decks):
    from deckaudit.api import audit

    return audit(decks["base"])


def test_identical_decks_are_all_same(decks):
    d = diff(decks["base"], decks["base"])
    assert statuses(d) == [("same", i, i) for i in range(1, 9)]
    assert not d.tag_changes and not d.worse and d.before.us_share == d.after.us_share


def test_an_inserted_slide_is_added_and_the_rest_keep_their_place(decks):
    d = diff(decks["base"], decks["inserted"])
    assert statuses(d) == [("same", 1, 1), ("same", 2, 2), ("same", 3, 3), ("same", 4, 4), ("added", None, 5),
                           ("same", 5, 6), ("same", 6, 7), ("same", 7, 8), ("same", 8, 9)]
    assert d.before.slides == 8 and d.after.slides == 9


def test_a_removed_slide_is_listed_where_it_stood(decks):
    d = diff(decks["base"], decks["removed"])
    assert statuses(d) == [("same", 1, 1), ("same", 2, 2), ("same", 3, 3), ("same", 4, 4), ("same", 5, 5),
                           ("removed", 6, None), ("same", 7, 6), ("same", 8, 7)]
    assert d.by_status("removed")[0].old_tag == d.by_status("removed")[0].old.tag.value
    # AWARDS was about us: its removal cannot make the deck more about us
    assert d.after.counts["about-us"] <= d.before.counts["about-us"]


def test_two_swapped_slides_one_moved_nothing_added_or_removed(decks):
    d = diff(decks["base"], decks["swapped"])
    moved = d.by_status("moved")
    assert len(moved) == 1 and {moved[0].old_index, moved[0].new_index} == {2, 3}
    assert {(c.old_index, c.new_index) for c in d.slides} == {(1, 1), (2, 3), (3, 2), (4, 4), (5, 5), (6, 6), (7, 7),
                                                              (8, 8)}
    assert not d.by_status("added") and not d.by_status("removed") and not d.by_status("edited")
    assert not moved[0].text_changed and moved[0].similarity == 1.0
    assert [c.new_index for c in d.slides] == list(range(1, 9))  # rows in the new deck's order


def test_a_slide_reworded_in_place_is_edited_and_its_tag_change_explained(decks):
    d = diff(decks["base"], decks["reworded"])
    assert statuses(d) == [("same", i, i) if i != 3 else ("edited", 3, 3) for i in range(1, 9)]
    edited = d.by_status("edited")[0]
    assert edited.text_changed and 0.3 <= edited.similarity < 1.0
    assert edited.old.slide.title == "Our platform" and edited.new.slide.title == "Your planning, every ERP"
    if edited.tag_changed:  # about-us → about-customer on every model so far; said with its evidence
        assert edited.old_tag == "about-us" and (edited.gained or edited.lost)
        assert d.after.us_share < d.before.us_share
        assert not d.worse


def test_worse_when_the_customer_disappears(decks, tmp_path):
    d = diff(decks["base"], decks["customer_gone"])
    # two slides rewritten from scratch: matched in place when they kept enough words, else removed + added
    assert {c.status for c in d.slides if {c.old_index, c.new_index} & {4, 5}} <= {"edited", "removed", "added"}
    assert {c.status for c in d.slides if not {c.old_index, c.new_index} & {4, 5}} == {"same"}
    assert d.before.first_customer_slide is not None and d.after.first_customer_slide is None
    assert d.customer_later and d.share_rose
    assert any("no longer appears" in w for w in d.worse) and any("us-share rose" in w for w in d.worse)
    back = diff(decks["customer_gone"], decks["base"])
    assert not back.worse  # the other way round is the improvement


# --- across formats -----------------------------------------------------------------------------------------

def reportlab_pdf(path, slides):
    return write_pdf(path, [text_page(title, *bullets) for title, bullets in slides])


def test_pptx_against_a_pdf_of_the_same_slides(decks, tmp_path):
    pdf = reportlab_pdf(tmp_path / "base.pdf", BASE)
    d = diff(decks["base"], pdf)
    assert d.before.format == "pptx" and d.after.format == "pdf"
    assert statuses(d) == [("same", i, i) for i in range(1, 9)]
    swapped = reportlab_pdf(tmp_path / "swapped.pdf", BASE[:1] + [BASE[2], BASE[1]] + BASE[3:])
    assert len(diff(decks["base"], swapped).by_status("moved")) == 1


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice not installed: the reportlab PDF test covers it")
def test_pptx_against_its_libreoffice_pdf_export(decks, tmp_path):
    profile = tmp_path / "profile"
    r = subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                        "--outdir", str(tmp_path), str(decks["inserted"])], capture_output=True, timeout=180)
    pdf = tmp_path / "inserted.pdf"
    assert r.returncode == 0 and pdf.exists(), r.stderr
    d = diff(decks["base"], pdf)
    assert [(c.status, c.old_index, c.new_index) for c in d.slides if c.status != "same"] == [("added", None, 5)]


# --- the evidence, by its fields ----------------------------------------------------------------------------

def ev(feature: str, phrases: tuple[str, ...], text: str, toward: str = "about-us", label: str = "") -> Evidence:
    return Evidence(text, 1.0, "topic", toward, feature, phrases, label or feature)


def one_slide_report(title: str, tag: str, evidence: list[Evidence], path: str = "/d.pptx"):
    deck = Deck(path=path, format="pptx", slides=[Slide(1, title, f"{title}\nsome words here")])
    return build_report(deck, [SlideVerdict(Tag(tag), 0.0, 0.9, {tag: 0.9}, evidence)])


def test_evidence_is_compared_by_feature_and_phrases_not_display_text():
    old = one_slide_report("Our offices", "about-us", [
        ev("lex_company_facts", ("founded", "offices"), "company facts: 'founded', 'offices'", label="company facts"),
        ev("pron_we", ("our",), "we/us/our ×3")])
    new = one_slide_report("Our offices", "about-customer", [
        ev("lex_company_facts", ("offices",), "COMPANY FACTS (reworded display)", label="company facts"),
        ev("pron_we", ("our",), "we/us/our ×1"),  # same fields, other wording: no change
        ev("lex_their_challenges", ("lose", "hours"), "their challenges: 'lose', 'hours'", "about-customer",
           "their challenges")])
    (ch,) = diff_reports(old, new).slides
    assert ch.status == "same" and ch.tag_changed
    assert [(e.feature, e.phrases) for e in ch.gained] == [("lex_their_challenges", ("lose", "hours"))]
    assert [(e.feature, e.phrases) for e in ch.lost] == [("lex_company_facts", ("founded",))]
    assert ch.gained[0].text == "their challenges: 'lose', 'hours'"  # built from label + phrases


# --- the worse rule -----------------------------------------------------------------------------------------

def side(share, rng, us, cust, first=3) -> Side:
    return Side("x", "pptx", 10, {"about-us": us, "about-customer": cust, "neutral": 0}, share, rng, first, "", "")


@pytest.mark.parametrize("before,after,rose", [
    (side(0.5, (0.4, 0.6), 5, 5), side(0.55, (0.45, 0.65), 6, 5), False),  # within the old range, under one slide
    (side(0.5, (0.4, 0.6), 5, 5), side(0.62, (0.5, 0.7), 5, 3), True),  # above the old range's upper end
    (side(0.5, (0.2, 0.9), 5, 5), side(0.75, (0.5, 0.9), 6, 2), True),  # wide range, but up by 2.5 slides' worth
    (side(0.5, (0.2, 0.9), 5, 5), side(0.6, (0.3, 0.9), 6, 4), False),  # wide range, exactly one slide's worth
    (side(0.5, (0.5, 0.5), 5, 5), side(0.4, (0.4, 0.4), 4, 6), False),  # fell
    (side(None, None, 0, 0), side(1.0, (1.0, 1.0), 1, 0), True),  # no share before counts as 0%
    (side(0.5, (0.4, 0.6), 5, 5), side(None, None, 0, 0), False),
])
def test_share_rose_beyond_the_noise(before, after, rose):
    assert DeckDiff(before, after, []).share_rose is rose


@pytest.mark.parametrize("first_before,first_after,later", [(3, 3, False), (3, 2, False), (3, 5, True), (3, None, True),
                                                             (None, 4, False), (None, None, False)])
def test_customer_later(first_before, first_after, later):
    d = DeckDiff(side(0.5, (0.5, 0.5), 1, 1, first_before), side(0.5, (0.5, 0.5), 1, 1, first_after), [])
    assert d.customer_later is later and bool(d.worse) is later


def test_match_slides_directly():
    words = [s.split() for s in ("alpha beta gamma", "delta epsilon zeta", "eta theta iota", "kappa lambda mu")]
    pairs, in_place, sims = match_slides(words, [words[0], words[2], words[1], words[3]])
    assert pairs == {0: 0, 1: 2, 2: 1, 3: 3} and len(in_place) == 3 and set(sims.values()) == {1.0}
    # a footer on every slide and slide numbers do not make slides similar, nor different
    slides = [Slide(i, "", f"{t}\nACME confidential\n{i}") for i, t in enumerate(("one two", "three four", "five six"), 1)]
    assert deck_words(slides)[0] == [["one", "two"], ["three", "four"], ["five", "six"]]


# --- JSON, schema and CLI -----------------------------------------------------------------------------------

SCHEMA = json.loads((ROOT / "docs" / "diff.schema.json").read_text(encoding="utf-8"))


def run_cli(*args, cwd):
    return subprocess.run([sys.executable, "-m", "deckaudit", *map(str, args)], capture_output=True, text=True, cwd=cwd,
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=180)


def test_json_follows_the_schema_and_declares_every_key(decks, tmp_path):
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    r = run_cli("diff", decks["base"], decks["inserted"], "--format", "json", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)
    assert doc["schema"] == DIFF_SCHEMA == SCHEMA["properties"]["schema"]["const"]
    jsonschema.Draft202012Validator(SCHEMA).validate(doc)
    for key in ("before", "after"):
        assert {"us_share", "us_share_range", "counts", "first_customer_slide"} <= set(doc[key])
    assert [s["status"] for s in doc["slides"]].count("added") == 1
    assert all({"old_tag", "new_tag"} <= set(s) for s in doc["slides"])
    # the schema rejects what the code never writes
    broken = json.loads(r.stdout)
    broken["slides"][0]["status"] = "renamed"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(SCHEMA).validate(broken)


def test_cli_formats_and_the_gate(decks, tmp_path):
    table = run_cli("diff", decks["base"], decks["removed"], cwd=tmp_path)
    assert table.returncode == 0 and "removed" in table.stdout and "us-share:" in table.stdout
    md = run_cli("diff", decks["base"], decks["swapped"], "--format", "md", cwd=tmp_path)
    assert md.returncode == 0 and md.stdout.startswith("# ") and "| 2→3 | moved |" in md.stdout.replace("3→2", "2→3")
    worse = run_cli("diff", decks["base"], decks["customer_gone"], "--fail-if-worse", "-q", cwd=tmp_path)
    assert worse.returncode == 1 and worse.stdout == ""
    lines = worse.stderr.splitlines()
    assert lines and all(ln.startswith(f"deckaudit: {decks['customer_gone']}: worse than ") for ln in lines)
    assert run_cli("diff", decks["customer_gone"], decks["base"], "--fail-if-worse", "-q", cwd=tmp_path).returncode == 0
    assert run_cli("diff", decks["base"], decks["customer_gone"], "-q", cwd=tmp_path).returncode == 0  # no gate asked


def test_cli_bad_input_is_one_line_exit_2(decks, tmp_path):
    junk = tmp_path / "junk.pptx"
    junk.write_text("not a deck")
    r = run_cli("diff", decks["base"], junk, cwd=tmp_path)
    assert r.returncode == 2 and "Traceback" not in r.stderr
    (line,) = r.stderr.strip().splitlines()
    assert line.startswith(f"deckaudit: {junk}: unsupported")
    r = run_cli("diff", tmp_path / "missing.pptx", decks["base"], cwd=tmp_path)
    assert r.returncode == 2 and len(r.stderr.strip().splitlines()) == 1
    assert run_cli("diff", decks["base"], decks["base"], "--format", "csv", cwd=tmp_path).returncode == 2


def test_diff_json_does_not_import_heavy_libraries(decks, tmp_path):
    code = ("import sys, io; from deckaudit.diff import diff; from deckaudit.renderers.diff_text import write_diff; "
            f"write_diff(diff({str(decks['base'])!r}, {str(decks['swapped'])!r}), 'json', io.StringIO()); "
            "print(sorted(m for m in ('matplotlib', 'reportlab', 'numpy', 'pptx', 'rich') if m in sys.modules))")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path,
                       env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=120)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "[]"


def test_a_picture_only_slide_pairs_with_its_pdf_page(tmp_path):
    """Alt text is all a PPTX picture slide has to be recognised by, and a PDF has none: in its place it is the
    same slide; elsewhere nothing claims it."""
    from tests.pdf_fixtures import image_page

    pptx = deckfactory.basic_pptx(tmp_path / "p.pptx", [COVER, ("", []), CHALLENGES, THANKS],
                                  pictures={2: ["world map of our offices"]})
    pdf = write_pdf(tmp_path / "p.pdf", [text_page(COVER[0], *COVER[1]), image_page(0.9),
                                         text_page(CHALLENGES[0], *CHALLENGES[1]), text_page(THANKS[0], *THANKS[1])])
    assert statuses(diff(pptx, pdf)) == [("same", i, i) for i in range(1, 5)]
    fewer = write_pdf(tmp_path / "q.pdf", [text_page(COVER[0], *COVER[1]), text_page(CHALLENGES[0], *CHALLENGES[1]),
                                           text_page(THANKS[0], *THANKS[1])])
    assert statuses(diff(pptx, fewer)) == [("same", 1, 1), ("removed", 2, None), ("same", 3, 2), ("same", 4, 3)]


@pytest.mark.parametrize("a,b,same", [
    ("our vision in all markets", "markets vision our in all", True),  # order does not matter
    ("our vision in all markets", "our vis ion inall markets", True),  # a PDF reader's split and joined words
    ("cut overtime by 35", "cut overtime by 53", False),  # a changed figure is an edit, digits are never shuffled
    ("1 000 customers", "1 00 0 customers", False),
    ("fix the form", "fix the from", False),  # one word for one word: an edit, even with the same letters
    ("our platform", "your platform", False),
])
def test_same_words(a, b, same):
    assert same_words(a.split(), b.split()) is same


def test_a_line_repeated_in_either_version_is_dropped_from_both():
    """"Confidential" on 4 of 8 slides is a footer; after a slide is inserted it is on 4 of 9, and must still not
    make those 4 slides look edited."""
    def deck(n_plain):
        marked = [Slide(i, "", f"topic {i} words\nConfidential") for i in range(1, 5)]
        return Deck("/x.pptx", "pptx", slides=marked + [Slide(5 + i, "", f"other {i} text") for i in range(n_plain)])

    old, new = deck(4), deck(5)
    verdicts = [SlideVerdict(Tag.NEUTRAL, 0.0)]
    d = diff_reports(build_report(old, verdicts * 8), build_report(new, verdicts * 9))
    assert [c.status for c in d.slides] == ["same"] * 8 + ["added"]


def test_why_names_what_the_slide_says_now_and_no_longer_with_sides():
    from types import SimpleNamespace

    from deckaudit.diff import EvidenceChange
    from deckaudit.renderers.diff_text import why

    gained = [EvidenceChange("length.log_words", "length", "structure", "about-customer", ("20 words",), 0.9),
              EvidenceChange("topic.customer:pain", "their challenges", "topic", "about-customer", ("lose",), 0.5)]
    lost = [EvidenceChange("pronouns.we", "pronouns", "pronoun", "about-us", ("we/us/our ×2",), 0.7)]
    text = why(SimpleNamespace(gained=gained, lost=lost))
    assert text == "now their challenges: 'lose' (→ customer) · gone pronouns: 'we/us/our ×2' (→ us)"
    only_form = why(SimpleNamespace(gained=gained[:1], lost=[]))
    assert only_form == "now length: '20 words' (→ customer)"  # its form, when nothing it says changed


def test_first_appearance_line_says_never_clearly_as_review_does():
    from types import SimpleNamespace

    from deckaudit.renderers.diff_text import _first

    assert _first(SimpleNamespace(first_customer_slide=4, counts={"about-customer": 2})) == "slide 4"
    assert _first(SimpleNamespace(first_customer_slide=None, counts={"about-customer": 1})) == "never clearly"
    assert _first(SimpleNamespace(first_customer_slide=None, counts={"about-customer": 0})) == "never"


def test_a_rewritten_body_under_the_same_headline_in_place_is_an_edit():
    from deckaudit.diff import match_slides

    old = [["acme", "corp"], ["agenda", "x"], "our platform closes the books in two days flat".split(), ["thanks"]]
    new = [["acme", "corp"], ["agenda", "x"], "your finance team loses ten days every month".split(), ["thanks"]]
    titles = ["Acme Corp", "Agenda", "Month-end close", "Thanks"]
    pairs, _, _ = match_slides(old, new)
    assert 2 not in pairs  # by words alone: removed and added
    pairs, _, _ = match_slides(old, new, titles_old=titles, titles_new=list(titles))
    assert pairs[2] == 2
    other = titles[:2] + ["Pricing", "Thanks"]
    assert 2 not in match_slides(old, new, titles_old=titles, titles_new=other)[0]
