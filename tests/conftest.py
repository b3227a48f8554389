"""Shared test helpers: DeckReports built by hand (no file needed) and small generated decks."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from deckaudit.deck import Box, Deck, Slide  # noqa: E402
from deckaudit.errors import SlideStatus  # noqa: E402
from deckaudit.report import Finding, build_report  # noqa: E402
from deckaudit.verdict import Evidence, SlideVerdict, Tag  # noqa: E402


def verdict(tag: str, score: float, *why: str) -> SlideVerdict:
    t = Tag(tag)
    return SlideVerdict(t, score, 0.9, {tag: 0.9}, [Evidence(w, 1.0, "topic", tag) for w in why])


def hand_report(hidden_third: bool = True, findings: bool = True):
    """A 5-slide report: cover, two about-us slides (one hidden), one customer slide, thank-you."""
    slides = [
        Slide(1, "Northwind Systems", "Northwind Systems\nMay 2024", boxes=[Box("text", 0.1, 0.1, 0.8, 0.2, "Northwind")]),
        Slide(2, "Our platform | pricing", "Our platform | pricing\nOur modules\n<script>alert(1)</script>", notes="Say: our modules",
              pictures=1, picture_area=0.3, alt_texts=["screenshot"]),
        Slide(3, "Awards", "Awards\nGartner Magic Quadrant leader", hidden=hidden_third,
              status=SlideStatus.HIDDEN if hidden_third else SlideStatus.OK),
        Slide(4, "Your challenges", "Your challenges\nYou lose 6% of orders to late deliveries"),
        Slide(5, "Thank you", "Thank you\nQuestions?"),
    ]
    deck = Deck(path="/decks/northwind pitch.pptx", format="pptx", variant="pptx", slides=slides)
    verdicts = [
        verdict("neutral", 0.0, "first slide"),
        verdict("about-us", -0.92, "we/us/our ×3", "offer: 'our platform'"),
        verdict("about-us", -0.8, "proof and credentials: 'magic quadrant'"),
        verdict("about-customer", 0.88, "you/your ×2", "their challenges and costs: 'lose'"),
        verdict("neutral", 0.01, "structure: 'thank you'"),
    ]
    report = build_report(deck, verdicts, settings={"include_hidden": False})
    if findings:
        report.findings.append(Finding("suggestion", 2, "Our platform", "Lead with the outcome the customer gets."))
    return report


@pytest.fixture
def report():
    return hand_report()
