"""DeckReports built by hand for renderer and schema tests: no file is read, every field is known.

Each builder returns a fresh report, so a test may change it without touching another test.
"""

from __future__ import annotations

from deckaudit.deck import Box, Deck, Slide
from deckaudit.errors import SlideStatus
from deckaudit.report import Finding, build_report
from deckaudit.verdict import Evidence, SlideVerdict, Tag


def verdict(tag: str, score: float, *why: str, confidence: float = 0.9, low: bool = False) -> SlideVerdict:
    toward = Tag(tag)
    sign = -1.0 if toward is Tag.US else 1.0
    evidence = [Evidence(w, sign * (1.0 - 0.2 * i), "topic", toward.value) for i, w in enumerate(why)]
    return SlideVerdict(toward, score, confidence, {toward.value: confidence}, evidence, low)


def pitch_report():
    """Six slides: cover, two about-us (the second hidden), a picture-only logo wall, a customer slide, thank-you."""
    slides = [
        Slide(1, "Northwind Systems", "Northwind Systems\nMay 2024", layout="Title Slide",
              boxes=[Box("text", 0.1, 0.1, 0.8, 0.2, "Northwind Systems")]),
        Slide(2, "Our platform | pricing", "Our platform | pricing\nOur modules\n<script>alert(1)</script>",
              notes="Say: our modules", pictures=1, picture_area=0.3, alt_texts=["screenshot"], section="About us"),
        Slide(3, "Awards", "Awards\nGartner Magic Quadrant leader", hidden=True, status=SlideStatus.HIDDEN,
              section="About us"),
        Slide(4, "Trusted by", "Trusted by", pictures=12, picture_area=0.42, alt_texts=["logo"] * 12),
        Slide(5, "Your challenges", "Your challenges\nYou lose 6% of orders to late deliveries", section="Your world"),
        Slide(6, "Thank you", "Thank you\nQuestions?"),
    ]
    deck = Deck(path="/decks/northwind pitch.pptx", format="pptx", variant="pptx", slides=slides,
                title="Northwind pitch", author="A. Seller", engine="lxml")
    verdicts = [
        verdict("neutral", 0.0, "first slide"),
        verdict("about-us", -0.92, "we/us/our ×3", "offer: 'our platform'", "headline says we/our", "slide 2 of 6"),
        verdict("about-us", -0.8, "proof and credentials: 'magic quadrant'"),
        verdict("about-us", -1.0, "12 pictures, 2 words, alt text 'logo'"),
        verdict("about-customer", 0.88, "you/your ×2", "their challenges and costs: 'lose'"),
        verdict("neutral", 0.01, "structure: 'thank you'"),
    ]
    report = build_report(deck, verdicts, settings={"include_hidden": False, "company": ["Northwind"]},
                          model={"name": "hand", "version": "1"})
    report.generated_at = "2024-05-06T09:00:00+00:00"
    report.findings += [
        Finding("self-praise", 2, "best-in-class", "Replace 'best-in-class' with a fact in their numbers."),
        Finding("suggestion", 2, "Our platform", "Lead with the outcome the customer gets."),
        Finding("suggestion", 4, "Trusted by", "Replace the logo wall with one customer story."),
        Finding("late-customer", None, "", "The customer first appears on slide 5 of 6."),
    ]
    report.metrics = {"we": 5, "you": 2, "we_you_ratio": 2.5}
    report.slides[1].extras = {"we": 3, "you": 0}
    return report


def awkward_report():
    """Slides a renderer must not trip on: no text layer, empty, a handout page, unicode, no evidence, low confidence;
    the customer never appears and nothing is about us, so us_share is None."""
    slides = [
        Slide(1, "Überblick — “Ärger” im Q3 😀", "Überblick — “Ärger” im Q3 😀\nzweite Zeile, mit | Pipe und *Stern*"),
        Slide(2, "", "", pictures=1, picture_area=1.0, status=SlideStatus.NO_TEXT_LAYER),
        Slide(3, "", "", status=SlideStatus.EMPTY),
        Slide(4, "Handout", "Handout\nthree slides on one page", status=SlideStatus.HANDOUT_PAGE),
        Slide(5, "A" * 300, "A" * 300),
    ]
    deck = Deck(path="C:/Users/x/scan “final”.pdf", format="pdf", variant="pdf", slides=slides, layout="handout",
                engine="pypdfium2", warnings=["page 4 holds several slides: not counted"])
    verdicts = [
        verdict("neutral", -0.05, "first slide", low=True, confidence=0.41),
        verdict("neutral", 0.0),
        verdict("neutral", 0.0),
        verdict("neutral", 0.0, "handout page"),
        verdict("neutral", 0.02),
    ]
    return build_report(deck, verdicts)


def text_report():
    """An email read as paragraphs: the summary says 'paragraph', not 'slide'."""
    slides = [
        Slide(1, "", "Hi Anna, thanks for the call."),
        Slide(2, "", "We are the market leader in planning software."),
        Slide(3, "", "Your planners lose a day a week to spreadsheets."),
    ]
    deck = Deck(path="outreach.eml", format="text", variant="email", slides=slides)
    verdicts = [verdict("neutral", 0.0, "greeting"), verdict("about-us", -0.9, "we ×1"),
                verdict("about-customer", 0.9, "your ×1")]
    return build_report(deck, verdicts)


def all_reports():
    return [pitch_report(), awkward_report(), text_report()]
