"""DeckReport: a deck's slides with their verdicts, the summary and the findings. Renderers read only this."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field

from deckaudit import __version__
from deckaudit.deck import Deck, Slide
from deckaudit.errors import SlideStatus
from deckaudit.verdict import SlideVerdict, Tag

SCHEMA = "deckaudit.report/1"
# Pages whose slide mapping is unreliable never enter the ratio.
_UNCOUNTABLE = {SlideStatus.HANDOUT_PAGE, SlideStatus.NOTES_PAGE}


@dataclass(slots=True)
class Finding:
    """A coaching remark: where the deck talks about the seller, and how to turn it."""

    kind: str  # "silent-add-on" | "self-praise" | "feature-statement" | "late-customer" | "suggestion" ...
    slide: int | None  # 1-based slide index, None for deck-level findings
    text: str  # the sentence or phrase it is about
    message: str  # what to do about it

    def to_dict(self) -> dict:
        return {"kind": self.kind, "slide": self.slide, "text": self.text, "message": self.message}


@dataclass(slots=True)
class SlideReport:
    slide: Slide
    verdict: SlideVerdict
    counted: bool  # does this slide enter the ratio?
    extras: dict = field(default_factory=dict)  # per-slide figures added by coaching (we/you, benefit share)

    @property
    def index(self) -> int:
        return self.slide.index

    @property
    def tag(self) -> Tag:
        return self.verdict.tag


@dataclass(slots=True)
class Summary:
    slides: int  # every slide in the deck
    counted: int  # slides that enter the ratio
    about_us: int
    about_customer: int
    neutral: int
    hidden: int
    us_share: float | None  # about-us / (about-us + about-customer); None when both are 0
    first_customer_slide: int | None  # 1-based index of the first counted about-customer slide
    unit: str = "slide"  # "paragraph" for text, email and Markdown

    @property
    def verdict(self) -> str:
        """"15 of 16 slides are about us · 0 about the customer · 1 neutral · the customer never appears"."""
        noun = f"{self.unit} is" if self.counted == 1 else f"{self.unit}s are"
        parts = [
            f"{self.about_us} of {self.counted} {noun} about us",
            f"{self.about_customer} about the customer",
            f"{self.neutral} neutral",
        ]
        if self.first_customer_slide is None:
            parts.append("the customer never appears")
        else:
            parts.append(f"the customer first appears on {self.unit} {self.first_customer_slide}")
        return " · ".join(parts)

    def to_dict(self) -> dict:
        return {
            "slides": self.slides,
            "counted": self.counted,
            "counts": {
                Tag.US.value: self.about_us,
                Tag.CUSTOMER.value: self.about_customer,
                Tag.NEUTRAL.value: self.neutral,
            },
            "hidden": self.hidden,
            "us_share": None if self.us_share is None else round(self.us_share, 4),
            "first_customer_slide": self.first_customer_slide,
            "verdict": self.verdict,
        }


@dataclass(slots=True)
class DeckReport:
    deck: Deck
    slides: list[SlideReport]
    summary: Summary
    settings: dict = field(default_factory=dict)  # company, customer, include_hidden, notes, ...
    model: dict = field(default_factory=dict)  # name, version, trained_on of the classifier used
    findings: list[Finding] = field(default_factory=list)
    metrics: dict = field(default_factory=dict)  # deck-level figures from coaching (we/you ratio ...)
    generated_at: str = field(default_factory=lambda: _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"))

    @property
    def name(self) -> str:
        import os

        return os.path.basename(self.deck.path)

    def to_dict(self) -> dict:
        """The versioned JSON document (schema docs/report.schema.json)."""
        deck = self.deck
        return {
            "schema": SCHEMA,
            "generator": f"deckaudit {__version__}",
            "generated_at": self.generated_at,
            "deck": {
                "path": deck.path,
                "name": self.name,
                "format": deck.format,
                "variant": deck.variant,
                "title": deck.title,
                "author": deck.author,
                "company": deck.company,
                "layout": deck.layout,
                "engine": deck.engine,
                "status": deck.status.value,
                "warnings": list(deck.warnings),
            },
            "settings": dict(self.settings),
            "model": dict(self.model),
            "summary": {**self.summary.to_dict(), **({"metrics": self.metrics} if self.metrics else {})},
            "slides": [_slide_dict(sr) for sr in self.slides],
            "findings": [f.to_dict() for f in self.findings],
        }


def _slide_dict(sr: SlideReport) -> dict:
    s, v = sr.slide, sr.verdict
    out = {
        "index": s.index,
        "tag": v.tag.value,
        "score": round(v.score, 4),
        "confidence": round(v.confidence, 4),
        "low_confidence": v.low_confidence,
        "title": s.title,
        "text": s.text,
        "notes": s.notes,
        "alt_text": list(s.alt_texts),
        "pictures": s.pictures,
        "picture_area": round(s.picture_area, 4),
        "words": s.words,
        "section": s.section,
        "layout": s.layout,
        "status": s.status.value,
        "hidden": s.hidden,
        "counted": sr.counted,
        "evidence": [e.to_dict() for e in v.evidence],
    }
    if sr.extras:
        out["extras"] = dict(sr.extras)
    return out


def summarise(slides: list[SlideReport], total: int | None = None, unit: str = "slide") -> Summary:
    counted = [sr for sr in slides if sr.counted]
    us = sum(1 for sr in counted if sr.tag is Tag.US)
    cust = sum(1 for sr in counted if sr.tag is Tag.CUSTOMER)
    neutral = len(counted) - us - cust
    first = next((sr.index for sr in counted if sr.tag is Tag.CUSTOMER), None)
    return Summary(
        slides=len(slides) if total is None else total,
        counted=len(counted),
        about_us=us,
        about_customer=cust,
        neutral=neutral,
        hidden=sum(1 for sr in slides if sr.slide.hidden),
        us_share=(us / (us + cust)) if (us + cust) else None,
        first_customer_slide=first,
        unit=unit,
    )


def is_counted(slide: Slide, include_hidden: bool) -> bool:
    if slide.status in _UNCOUNTABLE:
        return False
    if slide.hidden and not include_hidden:
        return False
    return True


def build_report(
    deck: Deck,
    verdicts: list[SlideVerdict],
    *,
    include_hidden: bool = False,
    settings: dict | None = None,
    model: dict | None = None,
) -> DeckReport:
    if len(verdicts) != len(deck.slides):
        raise ValueError(f"{len(verdicts)} verdicts for {len(deck.slides)} slides")
    slides = [SlideReport(s, v, is_counted(s, include_hidden)) for s, v in zip(deck.slides, verdicts)]
    return DeckReport(
        deck=deck,
        slides=slides,
        summary=summarise(slides, unit="paragraph" if deck.format == "text" else "slide"),
        settings=dict(settings or {}),
        model=dict(model or {}),
    )
