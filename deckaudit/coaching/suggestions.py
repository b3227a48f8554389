"""suggestion: for each about-us slide, a concrete rewrite hint built from what drove the call and its text
("5× we/our/Northwind, 0× you/your; headline 'Our Platform' — rewrite features as outcomes ...").

The hint follows the strongest about-us evidence that names a known kind of slide (logo wall, analyst
quadrant, history, features, pricing ...), read from the evidence's fields only — a cue in one of its
quoted ``phrases``, or its ``feature`` / ``label`` (rules.evidence_keys) — then the slide's alt texts and
picture count. A slide whose only reasons are pronouns gets the feature hint when it has feature statements,
the default otherwise. In emails and web copy (medium "text") a hint speaks of the message, and hints that
only fit slides (a screenshot) are not offered.
"""

from __future__ import annotations

from deckaudit.coaching.rules import evidence_keys, example_evidence, rule
from deckaudit.verdict import Tag

RULE = "suggestions"
KIND = "suggestion"


def _offered(hint: dict, medium: str) -> bool:
    return medium != "text" or "text" in hint


def pick(evidence, alt_texts=(), pictures: int = 0, *, medium: str = "slides", words: int | None = None) -> dict | None:
    """The hint for the strongest evidence (given strongest first) that names a known kind of slide, else
    for the slide's alt texts or picture count (``words``: the slide's word count, for a hint's "max_words";
    None: not known, not checked); None when nothing does."""
    hints = [h for h in rule(RULE)["hints"] if _offered(h, medium)]
    for e in evidence:
        if (e.feature or "").startswith("context."):
            continue  # the neighbouring slide's cues say what kind of slide the neighbour is, not this one
        phrases = [p.lower() for p in e.phrases]
        for hint in hints:
            if any(c in p for p in phrases for c in hint["cues"]):
                return hint
        keys = evidence_keys(e)
        for hint in hints:
            if keys & set(hint["features"]):
                return hint
    alts = [a.lower() for a in alt_texts]
    for hint in hints:
        if any(c in a for a in alts for c in hint.get("alt", ())):
            return hint
        if hint.get("min_pictures") and pictures >= hint["min_pictures"] and \
                (words is None or words <= hint.get("max_words", words)):
            return hint
    return None


def suggest(slide_report, we: int, you: int, *, seller: str = "", feature_statements: int = 0,
            medium: str = "slides") -> str:
    """'3× we/our/Northwind, 0× you/your; headline 'Our Platform' — <hint>' for one about-us slide."""
    return advise(slide_report, we, you, seller=seller, feature_statements=feature_statements, medium=medium)[1]


def advise(slide_report, we: int, you: int, *, seller: str = "", feature_statements: int = 0,
           medium: str = "slides") -> tuple[str, str]:
    """(the hint's name — "features", "analyst", ... or "" for the default advice —, the message of
    :func:`suggest`)."""
    data = rule(RULE)
    reasons = sorted((e for e in slide_report.verdict.evidence if e.toward == Tag.US.value),
                     key=lambda e: -abs(e.weight))
    slide = slide_report.slide
    hint = pick(reasons, slide.alt_texts, slide.pictures, medium=medium, words=slide.words)
    if hint is None and feature_statements:
        hint = next(h for h in data["hints"] if h["name"] == "features")
    parts = [data["counts"].format(we=we, you=you, we_words="we/our" + (f"/{seller}" if seller else ""))]
    title = " ".join(slide.title.split())
    if title and medium != "text":  # a paragraph's "title" is its own first words
        parts.append(data["headline"].format(title=_clip(title)))
    if hint is None:
        advice = data["default"]
    else:
        advice = hint["text"] if medium == "text" else hint["hint"]
    return (hint["name"] if hint else ""), f"{'; '.join(parts)} — {advice}"


def _clip(title: str, limit: int = 60) -> str:
    """A long headline cut at the last whole word within ``limit`` characters, with "…" ("Over the past 12
    months…", never "Over the past 12 mont"); a single word longer than the limit is cut where it must be."""
    if len(title) <= limit:
        return title
    cut = title.rfind(" ", 0, limit)
    return (title[:cut] if cut > 0 else title[:limit]).rstrip(" ,;:—–-") + "…"


def find(ctx) -> list:
    """The rule in the registry: a hint for each counted about-us slide."""
    from deckaudit.report import Finding

    out = []
    for st in ctx.counted:
        if st.sr.tag is Tag.US:
            name, message = advise(st.sr, st.we, st.you, seller=ctx.seller, feature_statements=len(st.features),
                                   medium=ctx.medium)
            out.append(Finding(KIND, st.index, st.sr.slide.title, message, hint=name))
    return out


def check(example: str) -> list[str]:
    """The hint an example (one evidence as fields, or a slide fact) picks, by name."""
    e = example_evidence(example)
    if e is not None:
        hint = pick([e])
    elif example.startswith("alt"):
        hint = pick([], [example.split("'")[1]])
    else:  # "pictures 12" or "pictures 12 words 80"
        parts = example.split()
        hint = pick([], (), int(parts[1]), words=int(parts[3]) if len(parts) > 3 and parts[2] == "words" else None)
    return [hint["name"]] if hint else []
