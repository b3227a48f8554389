"""What the forwarded reports (HTML, PDF) share: evidence phrases to highlight, the suggestion per slide."""

from __future__ import annotations

import re

_QUOTED = re.compile(r"'([^']{2,60})'")


def evidence_phrases(slide_report) -> list[str]:
    """The words and phrases the evidence quotes ("proof and credentials: 'magic quadrant'")."""
    phrases = []
    for e in slide_report.verdict.evidence:
        for p in _QUOTED.findall(e.text):
            p = p.replace("<seller>", "").replace("<customer>", "").strip()
            if len(p) >= 2 and not p.startswith("<"):
                phrases.append(p)
    return list(dict.fromkeys(phrases))


def suggestions(report) -> dict[int, str]:
    """slide index -> rewrite hint, from the coaching findings (built here if coaching did not run)."""
    found = {f.slide: f.message for f in report.findings if f.kind == "suggestion" and f.slide}
    if found:
        return found
    from deckaudit.classify.baseline import we_you
    from deckaudit.coaching.rules import names_from
    from deckaudit.coaching.suggestions import suggest

    names = names_from(report.settings)
    return {sr.index: suggest(sr, *we_you(sr.slide.text, names)) for sr in report.slides if sr.tag.value == "about-us"}


def highlight_spans(text: str, phrases: list[str]) -> list[tuple[str, bool]]:
    """Split text into (piece, highlighted) runs, matching phrases case-insensitively on word boundaries."""
    if not phrases:
        return [(text, False)]
    pat = re.compile(r"(?<!\w)(" + "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True)) + r")(?!\w)", re.I)
    out, pos = [], 0
    for m in pat.finditer(text):
        if m.start() > pos:
            out.append((text[pos:m.start()], False))
        out.append((m.group(0), True))
        pos = m.end()
    if pos < len(text):
        out.append((text[pos:], False))
    return out
