"""suggestion: for each about-us slide, a concrete rewrite hint built from what drove the call and its text
("5× we/our/Northwind, 0× you/your; headline 'Our Platform' — rewrite features as outcomes ...").

The hint follows the strongest about-us evidence that names a known kind of slide (logo wall, analyst
quadrant, history, features, pricing ...); a slide whose only reasons are pronouns gets the feature hint
when it has feature statements, the default otherwise.
"""

from __future__ import annotations

from deckaudit.coaching.rules import rule

RULE = "suggestions"
KIND = "suggestion"


def pick(reasons: list[str]) -> dict | None:
    """The hint for the first reason (strongest first) that names a known kind of slide."""
    hints = rule(RULE)["hints"]
    for reason in reasons:
        low = reason.lower()
        for hint in hints:
            if any(cue in low for cue in hint["cues"]):
                return hint
    return None


def suggest(slide_report, we: int, you: int, *, seller: str = "", feature_statements: int = 0) -> str:
    data = rule(RULE)
    reasons = [e.text for e in slide_report.verdict.evidence if e.toward == "about-us"]
    reasons += [f"alt text '{a}'" for a in slide_report.slide.alt_texts]
    hint = pick(reasons)
    if hint is None and feature_statements:
        hint = next(h for h in data["hints"] if h["name"] == "features")
    parts = [data["counts"].format(we=we, you=you, we_words="we/our" + (f"/{seller}" if seller else ""))]
    title = " ".join(slide_report.slide.title.split())
    if title:
        parts.append(data["headline"].format(title=title[:60]))
    return f"{'; '.join(parts)} — {hint['hint'] if hint else data['default']}"


def check(example: str) -> list[str]:
    hint = pick([example])
    return [hint["name"]] if hint else []
