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
    hint: str = ""  # for a suggestion, the name of the hint it gives ("features", "analyst"; "" the default)

    def to_dict(self) -> dict:
        return {"kind": self.kind, "slide": self.slide, "text": self.text, "message": self.message}


# How each source of a party's name reads after "Seller: X — ". Places read together after one "from the"
# ("from the cover and footer"); these sources are clauses of their own. "--company", "--product" and
# "--customer" (the user named them) read "as given (--company)".
SOURCE_CLAUSES = {
    "repeated on slides": "repeated on slides",
    "prepared for": "from 'prepared for' on the cover",
    "co-branded cover": "named beside the seller on the cover",
}
# Places, as they read after "from the"; any other source is taken as a place as it is written.
PLACES = {"web address": "web domain", "metadata": "deck metadata"}


def _and(items: list[str]) -> str:
    """['cover', 'footer', 'web domain'] -> 'cover, footer and web domain'."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


@dataclass(slots=True)
class Party:
    """Who the deck names as the seller (or the customer), and where each name was found.

    ``names`` are the surface forms as written ("Brocade"); ``sources`` maps each to the places it
    was found ("--company", "cover", "footer", "copyright line", "metadata", "web address",
    "repeated on slides", "prepared for"). ``given`` is True when the user named it (flags or config),
    which replaces any guess.
    """

    names: list[str] = field(default_factory=list)
    sources: dict[str, list[str]] = field(default_factory=dict)
    given: bool = False

    @property
    def display(self) -> str:
        """"Brocade — from the cover and footer", "Acme — repeated on slides", "Contoso — from 'prepared for' on
        the cover", "Northwind — as given (--company)"; the names alone when no source is known, "" when nobody
        was found. Each source reads as its own clause (``SOURCE_CLAUSES``); places ("cover", "footer") share
        one "from the …"."""
        if not self.names:
            return ""
        said = ", ".join(self.names[:3]) + (f" (+{len(self.names) - 3})" if len(self.names) > 3 else "")
        where: list[str] = []
        for n in self.names:
            for s in self.sources.get(n, []):
                if s and s not in where:
                    where.append(s)
        flags = [s for s in where if s.startswith("--")]
        if self.given and not flags:  # named by the user some other way (a config file): say where
            flags = [s for s in where if s not in SOURCE_CLAUSES]
        rest = [s for s in where if s not in flags]
        places = [PLACES.get(s, s) for s in rest if s not in SOURCE_CLAUSES]
        clauses = [f"as given ({_and(flags)})" if flags else "as given"] if flags or self.given else []
        if places:
            clauses.append("from the " + _and(list(dict.fromkeys(places))))
        clauses += [SOURCE_CLAUSES[s] for s in rest if s in SOURCE_CLAUSES]
        if not clauses:
            return said
        if len(clauses) == 2 and " and " not in clauses[0]:
            tail = f"{clauses[0]} and {clauses[1]}"
        else:
            tail = clauses[0] if len(clauses) == 1 else ", ".join(clauses[:-1]) + ", and " + clauses[-1]
        return f"{said} — {tail}"

    def to_dict(self) -> dict:
        return {"names": list(self.names), "sources": {k: list(v) for k, v in self.sources.items()},
                "given": self.given, "display": self.display}


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
    first_customer_slide: int | None  # 1-based index of the first confident counted about-customer slide
    unit: str = "slide"  # "paragraph" for text, email and Markdown
    # us-share's plausible range from the per-slide probabilities (5th and 95th percentile), None when
    # no slide counts; ``range_wide`` when it spans more than 0.2.
    us_share_range: tuple[float, float] | None = None
    # slides that could not be classified and are not counted: index -> why ("no-text-layer",
    # "language:de", "empty")
    unclassified: dict[int, str] = field(default_factory=dict)

    @property
    def range_wide(self) -> bool:
        r = self.us_share_range
        return r is not None and (r[1] - r[0]) > 0.2

    @property
    def verdict(self) -> str:
        """"15 of 16 slides are about us · 0 about the customer · 1 neutral · the customer never appears";
        with unreadable slides "12 of 14 readable slides are about us · … · 2 slides not read (no text)"."""
        readable = " readable" if self.unclassified else ""
        noun = f"{self.unit} is" if self.counted == 1 else f"{self.unit}s are"
        parts = [
            f"{self.about_us} of {self.counted}{readable} {noun} about us",
            f"{self.about_customer} about the customer",
            f"{self.neutral} neutral",
        ]
        if self.first_customer_slide is None:
            parts.append("the customer never clearly appears" if self.about_customer else "the customer never appears")
        else:
            parts.append(f"the customer first appears on {self.unit} {self.first_customer_slide}")
        if self.unclassified:
            parts.append(self.unclassified_text)
        return " · ".join(parts)

    @property
    def unclassified_text(self) -> str:
        """"2 slides not read (no text layer: 5, 9)"; "" when every slide was read."""
        if not self.unclassified:
            return ""
        why: dict[str, list[int]] = {}
        for idx, reason in sorted(self.unclassified.items()):
            why.setdefault(reason_text(reason), []).append(idx)
        n = len(self.unclassified)
        each = "; ".join(f"{r}: {', '.join(map(str, ix[:8]))}{', …' if len(ix) > 8 else ''}" for r, ix in why.items())
        return f"{n} {self.unit}{'s' if n != 1 else ''} not read ({each})"

    @property
    def share_text(self) -> str:
        """"us-share 57% (likely 45–70%)", the range shown whenever there is one."""
        if self.us_share is None:
            return "us-share n/a"
        out = f"us-share {self.us_share:.0%}"
        if self.us_share_range is not None:
            lo, hi = self.us_share_range
            out += f" (likely {lo:.0%}–{hi:.0%}{', uncertain' if self.range_wide else ''})"
        return out

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
            "us_share_range": None if self.us_share_range is None else [round(x, 4) for x in self.us_share_range],
            "range_wide": self.range_wide,
            "first_customer_slide": self.first_customer_slide,
            "unclassified": [{"slide": i, "reason": r} for i, r in sorted(self.unclassified.items())],
            "verdict": self.verdict,
        }


_REASONS = {"no-text-layer": "no text layer", "language": "language not supported yet: {lang}", "empty": "empty",
            "unreadable": "broken in the file"}


def reason_text(code: str) -> str:
    """Why a slide was not read, in words: "no-text-layer" -> "no text layer", "language:de" -> "language not
    supported yet: de"; an unknown code as it is."""
    return _REASONS.get(code.split(":")[0], code).format(lang=code.partition(":")[2])
# A customer slide the model is this sure of may be "where the customer first appears".
CONFIDENT = 0.6


@dataclass(slots=True)
class DeckReport:
    deck: Deck
    slides: list[SlideReport]
    summary: Summary
    settings: dict = field(default_factory=dict)  # company, customer, include_hidden, notes, ...
    model: dict = field(default_factory=dict)  # name, version, trained_on of the classifier used
    findings: list[Finding] = field(default_factory=list)
    seller: Party = field(default_factory=Party)  # who "us" is, and where that was found
    customer: Party = field(default_factory=Party)
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
            "seller": self.seller.to_dict(),
            "customer": self.customer.to_dict(),
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
        "probabilities": {k: round(p, 4) for k, p in v.probabilities.items()},
        "unclassified": v.unclassified,
        "low_confidence": v.low_confidence,
        "form_only": v.form_only,
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
    if s.text_source:  # text read by OCR ("ocr") or added by it ("text+ocr")
        out["ocr"] = True
    if s.hidden_text:  # text the audience never sees (PDF layers off, outside the page): kept apart
        out["hidden_text"] = s.hidden_text
    if sr.extras:
        out["extras"] = dict(sr.extras)
    return out


def summarise(slides: list[SlideReport], total: int | None = None, unit: str = "slide") -> Summary:
    """Counts, us-share and its range, the first confident customer slide and the slides not read."""
    counted = [sr for sr in slides if sr.counted]
    us = sum(1 for sr in counted if sr.tag is Tag.US)
    cust = sum(1 for sr in counted if sr.tag is Tag.CUSTOMER)
    neutral = len(counted) - us - cust
    first = next((sr.index for sr in counted if sr.tag is Tag.CUSTOMER and sr.verdict.confidence >= CONFIDENT), None)
    unclassified = {sr.index: sr.verdict.unclassified for sr in slides
                    if sr.verdict.unclassified}
    share = (us / (us + cust)) if (us + cust) else None
    rng = share_range([sr.verdict.probabilities for sr in counted])
    if rng is not None and share is not None:
        # The tags' own share can fall outside the probabilities' 5-95 % range (many slides at 60 % us all
        # tagged about-us): the range shown always holds the share shown beside it.
        rng = (min(rng[0], share), max(rng[1], share))
    return Summary(
        slides=len(slides) if total is None else total,
        counted=len(counted),
        about_us=us,
        about_customer=cust,
        neutral=neutral,
        hidden=sum(1 for sr in slides if sr.slide.hidden),
        us_share=share,
        first_customer_slide=first,
        unit=unit,
        us_share_range=rng,
        unclassified=unclassified,
    )


def share_range(probabilities: list[dict[str, float]], low: float = 0.05, high: float = 0.95,
                prune: float = 1e-7) -> tuple[float, float] | None:
    """The 5th..95th percentile of us-share = U / (U + C) when each slide is about-us, about-customer
    or neutral with its own probability (independent slides; a trinomial Poisson-binomial, computed
    exactly by dynamic programming over (U, C), pruning outcomes below ``prune``). Slides without
    probabilities count as certain of their tag. None when no outcome has U + C > 0."""
    dist: dict[tuple[int, int], float] = {(0, 0): 1.0}
    for probs in probabilities:
        pu = probs.get(Tag.US.value, 0.0)
        pc = probs.get(Tag.CUSTOMER.value, 0.0)
        pn = max(0.0, 1.0 - pu - pc)
        nxt: dict[tuple[int, int], float] = {}
        for (u, c), p in dist.items():
            for du, dc, q in ((1, 0, pu), (0, 1, pc), (0, 0, pn)):
                w = p * q
                if w > prune:
                    key = (u + du, c + dc)
                    nxt[key] = nxt.get(key, 0.0) + w
        dist = nxt
    outcomes = sorted(((u / (u + c), p) for (u, c), p in dist.items() if u + c), key=lambda x: x[0])
    total = sum(p for _, p in outcomes)
    if not total:
        return None
    lo = hi = None
    acc = 0.0
    for share, p in outcomes:
        acc += p / total
        if lo is None and acc >= low:
            lo = share
        if hi is None and acc >= high:
            hi = share
            break
    return (lo if lo is not None else outcomes[0][0], hi if hi is not None else outcomes[-1][0])


def is_counted(slide: Slide, include_hidden: bool, verdict: SlideVerdict | None = None) -> bool:
    if slide.status in _UNCOUNTABLE:
        return False
    if verdict is not None and verdict.unclassified:
        return False  # not read, so not guessed: named in the summary instead
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
    seller: Party | None = None,
    customer: Party | None = None,
) -> DeckReport:
    if len(verdicts) != len(deck.slides):
        raise ValueError(f"{len(verdicts)} verdicts for {len(deck.slides)} slides")
    slides = [SlideReport(s, v, is_counted(s, include_hidden, v)) for s, v in zip(deck.slides, verdicts)]
    return DeckReport(
        deck=deck,
        slides=slides,
        summary=summarise(slides, unit="paragraph" if deck.format == "text" else "slide"),
        settings=dict(settings or {}),
        model=dict(model or {}),
        seller=seller or Party(),
        customer=customer or Party(),
    )
