"""Features added for accuracy on real decks (docs/classifier.md): a kicker line read as part of the
headline, a speaker's title card, and the seller's name as a speaker's affiliation."""

from __future__ import annotations

from deckaudit.classify.families import featurize, make_view
from deckaudit.classify.features import SlideInput
from deckaudit.classify.names import Names


def _names(*seller: str) -> Names:
    n = Names()
    for s in seller:
        n.seller.add(s.lower())
    return n


def test_a_kicker_in_capitals_is_read_with_the_headline():
    si = SlideInput(title="Rising costs everywhere", text="THE CHALLENGE\nRising costs everywhere\nHospitals lose staff",
                    index=3, of=10)
    v = make_view(si, Names())
    assert v.title_tokens[-2:] == ["the", "challenge"]
    f = featurize(si, Names())
    assert "t:challenge" in f.sparse


def test_no_kicker_from_a_long_line_a_lower_case_line_or_the_headline_itself():
    for text in ("THIS LINE IN CAPITALS HAS FAR TOO MANY WORDS\nbody", "The challenge\nbody", "AGENDA\nbody"):
        si = SlideInput(title="AGENDA" if text.startswith("AGENDA") else "Headline", text=text, index=2, of=5)
        v = make_view(si, Names())
        assert v.title_tokens == make_view(SlideInput(title=si.title, text="body", index=2, of=5), Names()).title_tokens


def test_a_speakers_title_card_is_told_from_a_team_page():
    card = featurize(SlideInput(title="ID PROOF", text="Resham Chugani\nProduct Manager, MOSIP", index=29, of=72), Names())
    assert "structure.speaker_card" in card.dense and card.seen["structure.speaker_card"] == ("manager",)
    team = featurize(SlideInput(title="Our team", text=" ".join(
        ["Jane Doe, CEO, twenty years in logistics software and two exits before this company."] * 3), index=5, of=12),
        Names())
    assert "structure.roles" in team.dense and "structure.speaker_card" not in team.dense


def test_the_sellers_name_as_a_speakers_affiliation_is_not_the_slide_speaking_of_the_seller():
    names = _names("MOSIP")
    card = make_view(SlideInput(title="ID PROOF", text="Resham Chugani\nProduct Manager, MOSIP", index=29, of=72), names)
    assert card.sellers == []
    f = featurize(SlideInput(title="ID PROOF", text="Resham Chugani\nProduct Manager, MOSIP", index=29, of=72), names)
    assert "names.seller" not in f.dense
    about = make_view(SlideInput(title="Why MOSIP", text="MOSIP is modular. The CTO of MOSIP says so.", index=4, of=72),
                      names)
    assert about.sellers == ["MOSIP", "MOSIP", "MOSIP"]


def test_a_headline_cue_from_the_kicker_quotes_the_kicker_not_the_headline():
    """A trial found "the headline speaks of us '6 Security Domains — 24 Controls'": the seller's name was in the
    kicker above it ("THE KONG HARDENING FRAMEWORK"), read with the headline but not quoted."""
    si = SlideInput(title="6 Security Domains — 24 Controls",
                    text="THE KONG HARDENING FRAMEWORK\n6 Security Domains — 24 Controls\nTwenty-four controls in six groups",
                    index=9, of=20)
    f = featurize(si, _names("kong"))
    assert f.seen["pronouns.headline_we"] == ("THE KONG HARDENING FRAMEWORK",)
    own = featurize(SlideInput(title="Why your team needs Kong", text="THE KONG FRAMEWORK\nWhy your team needs Kong\nbody",
                               index=9, of=20), _names("kong"))
    assert own.seen["pronouns.headline_we"] == ("Why your team needs Kong",)  # the headline first when it has the cue
    assert own.seen["pronouns.headline_you"] == ("Why your team needs Kong",)


def test_a_web_or_email_address_is_one_token_not_words_the_slide_says():
    """A trial found 'fit' (www.flexit.fit) quoted as a reason; 'us' of acme.com/about-us counted as a pronoun."""
    si = SlideInput(title="Next steps", text="Read acme.com/about-us and www.flexit.fit, or write to sales@acme.com\n"
                    "https://docs.konghq.com/gateway/latest", index=9, of=10)
    v = make_view(si, Names())
    assert v.tokens == ["next", "steps", "read", "__link__", "and", "__link__", "or", "write", "to", "__link__",
                        "__link__"]
    f = featurize(si, Names())
    assert "pronouns.we" not in f.dense and f.dense["structure.urls"] > 0
    assert not {"fit", "us", "com", "konghq", "gateway"} & set(f.sparse)
    plain = make_view(SlideInput(title="Node.js at scale", text="We run Node.js, e.g. on v1.2", index=2, of=10), Names())
    assert "__link__" not in plain.tokens  # a dotted name is not a web address


def test_a_title_the_text_wraps_over_two_lines_is_read_once():
    """A PDF title of two lines is joined with a space; the text keeps the line break. Read as "not in the text",
    the headline was read twice (14 % of real slides): its words, pronouns and length counted double."""
    si = SlideInput(title="Our data reveals the true impact of every developer",
                    text="Our data reveals the true impact\nof every developer\nzerocracy.com", index=1, of=8)
    v = make_view(si, Names())
    assert v.raw is si.text and v.counts["our"] == 1
    other = make_view(SlideInput(title="Pricing", text="Three plans\nfrom $9", index=5, of=8), Names())
    assert other.raw == "Pricing\nThree plans\nfrom $9"
