"""The classifier on hand-written hard cases, its lexicon's own examples, names, and the model format."""

from __future__ import annotations

import json
from pathlib import Path
import math

import pytest

from deckaudit.classify import Classifier, Names, SlideInput, load_classifier
from deckaudit.classify.families import featurize
from deckaudit.classify.features import Lexicon, normalise, tokenize
from deckaudit.classify.model import LinearModel
from deckaudit.classify.names import detect_into, replace_names
from deckaudit.classify.resources import data_json
from deckaudit.errors import DeckError, FileStatus


@pytest.fixture(scope="module")
def shipped() -> Classifier:
    return load_classifier()


@pytest.fixture(scope="module")
def names() -> Names:
    n = Names()
    n.add("seller", "Northwind Systems", "test")
    return n


def tag(clf: Classifier, names: Names, text: str, **kw) -> str:
    title = kw.pop("title", text.splitlines()[0] if text else "")
    si = SlideInput(title=title, text=text, index=kw.pop("index", 5), of=kw.pop("of", 12), **kw)
    return clf.classify_input(si, names).tag.value


HARD_CASES = [
    # (slide text, expected tag, why it is hard)
    ("Our customers face rising energy costs\nThree in four plants report margin pressure", "about-customer",
     "'our customers face' is their world even though it says 'our'"),
    ("Our customers include\nContoso · Fabrikam · Tailspin Toys · Litware", "about-us",
     "'our customers include' is proof of the seller"),
    ("How do customers experience us?\nWhere does friction occur when they deal with us?", "about-us",
     "the silent add-on: sounds customer-centric, ends on the seller"),
    ("Hospitals lose 12% of their nurses every year\nEach vacancy costs $56,000 to fill", "about-customer",
     "their world in the third person, no 'you' at all"),
    ("Why you should choose Northwind\nWe are the only vendor with 24/7 support\nOur platform is certified", "about-us",
     "an about-us slide with 'you' in the headline"),
    ("Agenda\n1. Introductions\n2. Your priorities\n3. Next steps", "neutral", "structure"),
    ("Thank you!\nQuestions?\nsales@northwind.example · +44 20 7946 0958", "neutral", "closing slide"),
    ("Founded in 1998\nHeadquartered in Oslo, 14 offices, 1,200 employees", "about-us", "company facts"),
    ("What we heard from you\nPlanning takes 3 days every week\nScrap rate is above target", "about-customer",
     "discovery slide"),
]


@pytest.mark.parametrize("text,expected,why", HARD_CASES, ids=[c[2][:40] for c in HARD_CASES])
def test_hard_cases(shipped, names, text, expected, why):
    assert tag(shipped, names, text) == expected, why


def test_logo_wall_without_words_is_about_us(shipped, names):
    got = shipped.classify_input(
        SlideInput(title="", text="", alt_texts=("logo",) * 12, pictures=12, picture_area=0.55, index=6, of=16), names
    )
    assert got.tag.value == "about-us"
    assert any("12 pictures" in e.text and "logo" in e.text for e in got.evidence)


def test_quadrant_picture_with_a_caption_is_about_us(shipped, names):
    si = SlideInput(title="A Leader again", text="A Leader again", alt_texts=("Gartner Magic Quadrant for Supply Chain",),
                    pictures=1, picture_area=0.7, index=7, of=16)
    assert shipped.classify_input(si, names).tag.value == "about-us"


def test_image_without_words_or_alt_text_is_not_about_us(shipped, names):
    si = SlideInput(title="", text="", pictures=1, picture_area=0.9, index=6, of=16)
    assert shipped.classify_input(si, names).tag.value != "about-us"


def test_benefit_subject_decides(shipped, names):
    product = "Our platform delivers faster month-end close\nOur platform automates reconciliations"
    customer = "You close the books in 2 days, not 10\nYour team stops chasing reconciliations"
    assert tag(shipped, names, product) == "about-us"
    assert tag(shipped, names, customer) == "about-customer"


def test_seller_name_counts_like_we(shipped):
    with_name, without = Names(), Names()
    with_name.add("seller", "Kestrel Logistics", "test")
    text = "Kestrel Logistics runs 40 depots\nKestrel Logistics fleet: 1,100 trucks"
    si = SlideInput(title="Kestrel Logistics", text=text, index=4, of=10)
    v = shipped.classify_input(si, with_name)
    assert v.tag.value == "about-us"
    # the name counts on the us side: in the headline and in the balance of us against them
    assert any(e.feature in ("names.seller", "pronouns.headline_we", "pronouns.balance") and e.toward == "about-us"
               and any("Kestrel" in p or "seller" in p for p in e.phrases) for e in v.evidence)
    assert shipped.classify_input(si, with_name).score < shipped.classify_input(si, without).score


def test_score_is_in_range_and_ordered(shipped, names):
    us = shipped.classify_input(SlideInput(title="About Northwind", text="About Northwind\nOur history, our offices, our awards"), names)
    them = shipped.classify_input(SlideInput(title="Your challenges", text="Your challenges\nYour costs rise 8% a year\nYou lose orders to delays"), names)
    assert -1 <= us.score < 0 < them.score <= 1
    assert us.score < -0.5 and them.score > 0.5


def test_evidence_is_worded_and_points_at_the_tag(shipped, names):
    v = shipped.classify_input(SlideInput(title="Our platform", text="Our platform\nOur modules, our integrations, our pricing"), names)
    assert v.evidence, "every verdict carries its evidence"
    assert v.evidence[0].toward == v.tag.value
    assert all(e.text and not e.text.startswith(("~", "lex_", "pat_")) for e in v.evidence)


def test_contributions_add_up_to_the_probabilities():
    clf = load_classifier()
    n = Names()
    f = featurize(SlideInput(title="Your goals", text="Your goals\nCut downtime by 20%"), n)
    probs, contrib = clf.model.predict(f)
    logits = [clf.model.intercept[i] + sum(c[i] for c in contrib.values()) for i in range(3)]
    top = max(logits)
    t = clf.model.temperature  # calibrated: softmax(logits / T), T from the model file
    assert t == json.loads((Path(__file__).resolve().parents[1] / "deckaudit" / "classify" / "data" / "model.json").read_text())["temperature"] > 1
    expect = [math.exp((x - top) / t) for x in logits]
    expect = [x / sum(expect) for x in expect]
    assert probs == pytest.approx(expect)


# --- the lexicon carries its own examples (proselint style) ---------------------------------------

LEXICON = data_json("lexicon.json")


@pytest.mark.parametrize("group", sorted(LEXICON["groups"]))
def test_lexicon_group_examples(group):
    lex = Lexicon.default()
    spec = LEXICON["groups"][group]
    assert spec["examples_match"] and spec["examples_no_match"], "every group carries its own examples"
    for ex in spec["examples_match"]:
        assert group in lex.match(tokenize(normalise(ex))), f"{group} should match {ex!r}"
    for ex in spec["examples_no_match"]:
        assert group not in lex.match(tokenize(normalise(ex))), f"{group} should not match {ex!r}"


def test_lexicon_prefix_cues_show_the_word_found():
    found = Lexicon.default().match(tokenize(normalise("Challenges we see")))
    assert found["customer:pain"] == ["challenges"]


# --- names ------------------------------------------------------------------------------------------

def test_names_from_domain_and_copyright_but_not_the_client():
    slides = [
        "Acme Widgets at a glance\n© 2024 Acme Widgets Ltd.",
        "Why Acme Widgets\nwww.acmewidgets.com",
        "Contoso's plants lose 8% of output\nContoso targets",
        "Contoso priorities for 2025",
        "Thank you\nsales@acmewidgets.com",
    ]
    n = Names()
    detect_into(n, slides)
    assert {"acme", "acme widgets"} & n.seller
    assert replace_names("Acme Widgets cuts costs", n)[1] == 1
    assert "contoso" not in n.seller  # repeated, but nothing says it is the seller


def test_prepared_for_marks_the_customer():
    n = Names()
    detect_into(n, ["Proposal prepared for Harbor City Council\nMarch 2025", "Agenda", "Your goals"])
    assert "harbor city council" in n.customer


def test_replace_names_counts_both_sides():
    n = Names()
    n.add("seller", "Northwind", "t")
    n.add("customer", "Contoso", "t")
    text, sellers, customers = replace_names("Northwind and Contoso; Contoso's goals", n)
    assert (sellers, customers) == (1, 2)
    assert "__seller__" in text and "__customer__" in text


# --- the model file -----------------------------------------------------------------------------------

def test_shipped_model_is_trained_and_carries_its_summary(shipped):
    info = shipped.info
    assert info["kind"] == "trained"
    assert "slides" in info["trained_on"]


def test_bad_model_files_are_typed_errors(tmp_path):
    bad = tmp_path / "model.json"
    bad.write_text("{not json")
    with pytest.raises(DeckError) as err:
        load_classifier(str(bad))
    assert err.value.status is FileStatus.CORRUPT
    bad.write_text(json.dumps({"format": "something-else"}))
    with pytest.raises(DeckError):
        LinearModel.load(str(bad))
    with pytest.raises(DeckError) as err:
        LinearModel.load(str(tmp_path / "missing.json"))
    assert err.value.status is FileStatus.NOT_FOUND


def test_evidence_names_concrete_facts_once(shipped, names):
    si = SlideInput(title="Agenda", text="Agenda\nIntroductions\nYour priorities\nNext steps", index=2, of=12)
    texts = [e.text for e in shipped.classify_input(si, names).evidence]
    assert not any(t in ("length of the slide", "position in the deck") for t in texts)
    assert sum(1 for t in texts if t.endswith("words")) <= 1  # length is one reason, not several
    assert any(t in ("slide 2 of 12", "6 words") for t in texts)
