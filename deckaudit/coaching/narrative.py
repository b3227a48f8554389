"""late-customer: where the first about-customer slide sits, and whether the customer's problem comes
before the product. Fires when the customer appears only in the last third (of three or more slides), never,
or after the first product slide (an about-us slide whose evidence is about the offer)."""

from __future__ import annotations

from deckaudit.coaching.rules import rule
from deckaudit.report import Finding
from deckaudit.verdict import Tag

RULE = "narrative"
KIND = "late-customer"


def is_product_slide(slide_report) -> bool:
    cues = rule(RULE)["product_cues"]
    return slide_report.tag is Tag.US and any(
        cue in e.text.lower() for e in slide_report.verdict.evidence if e.toward == Tag.US.value for cue in cues)


def find(report) -> Finding | None:
    data = rule(RULE)
    counted = [sr for sr in report.slides if sr.counted]
    if not counted:
        return None
    unit = report.summary.unit
    n = len(counted)
    words = {"n": n, "unit": unit, "units": f"{unit}s", "counted_units": unit if n == 1 else f"{unit}s",
             "total": report.summary.slides}
    first = next((i for i, sr in enumerate(counted) if sr.tag is Tag.CUSTOMER), None)
    if first is None:
        return Finding(KIND, None, "", data["messages"]["never"].format(**words))
    first_slide = counted[first]
    if n >= data["min_for_late"] and first + 1 > data["last_part"] * n:
        return Finding(KIND, first_slide.index, first_slide.slide.title,
                       data["messages"]["late"].format(first=first_slide.index, **words))
    product = next((sr for sr in counted[:first] if is_product_slide(sr)), None)
    if product is not None:
        return Finding(KIND, first_slide.index, first_slide.slide.title,
                       data["messages"]["product_first"].format(first=first_slide.index, product=product.index, **words))
    return None


def deck_from_tags(tags: str):
    """A DeckReport from a row of tags ("neutral us+product customer"), for the rule's examples."""
    from deckaudit.deck import Deck, Slide
    from deckaudit.report import build_report
    from deckaudit.verdict import Evidence, SlideVerdict

    slides, verdicts = [], []
    for i, token in enumerate(tags.split(), 1):
        tag = {"us": Tag.US, "us+product": Tag.US, "customer": Tag.CUSTOMER, "neutral": Tag.NEUTRAL}[token]
        why = "our product and offer: 'platform'" if token == "us+product" else f"{tag.value} example"
        slides.append(Slide(index=i, title=token, text=token))
        verdicts.append(SlideVerdict(tag, 0.0, evidence=[Evidence(why, 1.0, "topic", tag.value)]))
    return build_report(Deck(path="example", format="pptx", variant="pptx", slides=slides), verdicts)


def check(example: str) -> list[str]:
    found = find(deck_from_tags(example))
    return [found.message] if found else []
