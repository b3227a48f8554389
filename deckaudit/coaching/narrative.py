"""late-customer: where the first about-customer slide sits, and whether the customer's problem comes
before the product. "First" is the report's own ``summary.first_customer_slide`` (a counted about-customer slide
the model is sure of, report.CONFIDENT), so the advice never names a slide the headline does not. Fires when the customer appears only in the last third (of three or more slides), never,
or after the first product slide (an about-us slide whose evidence is about the offer: a feature or label
named in ``product_features``, or a phrase holding one of ``product_cues`` — evidence fields, never text)."""

from __future__ import annotations

from deckaudit.coaching.rules import evidence_keys, rule
from deckaudit.report import Finding
from deckaudit.verdict import Tag

RULE = "narrative"
KIND = "late-customer"


def is_product_slide(slide_report) -> bool:
    data = rule(RULE)
    features, cues = set(data["product_features"]), data["product_cues"]
    if slide_report.tag is not Tag.US:
        return False
    for e in slide_report.verdict.evidence:
        if e.toward != Tag.US.value:
            continue
        if evidence_keys(e) & features or any(c in p.lower() for p in e.phrases for c in cues):
            return True
    return False


def late(report) -> Finding | None:
    """The deck's narrative finding, or None when the customer comes early and before the product."""
    data = rule(RULE)
    counted = [sr for sr in report.slides if sr.counted]
    if not counted:
        return None
    unit = report.summary.unit
    n = len(counted)
    words = {"n": n, "unit": unit, "units": f"{unit}s", "counted_units": unit if n == 1 else f"{unit}s",
             "total": report.summary.slides}
    # the slide the headline names ("the customer first appears on slide K"): a low-confidence customer tag
    # before it is neither "where the customer appears" nor "the customer's problem"
    at = report.summary.first_customer_slide
    first = next((i for i, sr in enumerate(counted) if sr.index == at), None) if at is not None else None
    if first is None:
        guessed = any(sr.tag is Tag.CUSTOMER for sr in counted)  # the headline's "never clearly appears"
        return Finding(KIND, None, "", data["messages"]["never_clearly" if guessed else "never"].format(**words))
    first_slide = counted[first]
    if n >= data["min_for_late"] and first + 1 > data["last_part"] * n:
        return Finding(KIND, first_slide.index, first_slide.slide.title,
                       data["messages"]["late"].format(first=first_slide.index, **words))
    product = next((sr for sr in counted[:first] if is_product_slide(sr)), None)
    if product is not None:
        return Finding(KIND, first_slide.index, first_slide.slide.title,
                       data["messages"]["product_first"].format(first=first_slide.index, product=product.index, **words))
    return None


def find(ctx) -> list[Finding]:
    """The rule in the registry."""
    found = late(ctx.report)
    return [found] if found else []


def deck_from_tags(tags: str):
    """A DeckReport from a row of tags ("neutral us+product customer"), for the rule's examples."""
    from deckaudit.deck import Deck, Slide
    from deckaudit.report import build_report
    from deckaudit.verdict import Evidence, SlideVerdict

    slides, verdicts = [], []
    for i, token in enumerate(tags.split(), 1):
        tag = {"us": Tag.US, "us+product": Tag.US, "customer": Tag.CUSTOMER, "neutral": Tag.NEUTRAL}[token]
        if token == "us+product":
            why = Evidence("", 1.0, "topic", tag.value, feature="lex_offer", phrases=("platform",),
                           label="our product and offer")
        else:
            why = Evidence("", 1.0, "topic", tag.value, feature="lex_other", phrases=(token,))
        slides.append(Slide(index=i, title=token, text=token))
        verdicts.append(SlideVerdict(tag, 0.0, evidence=[why]))
    return build_report(Deck(path="example", format="pptx", variant="pptx", slides=slides), verdicts)


def check(example: str) -> list[str]:
    found = late(deck_from_tags(example))
    return [found.message] if found else []
