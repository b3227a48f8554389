"""What the forwarded reports (HTML, PDF) share: evidence phrases to highlight, the suggestion per slide."""

from __future__ import annotations

import re

_QUOTED = re.compile(r"'([^']{2,60})'")


def evidence_phrases(slide_report) -> list[str]:
    """The words and phrases the evidence quotes ("proof and credentials: 'magic quadrant'")."""
    phrases = []
    for e in slide_report.verdict.evidence:
        for p in (e.phrases or _QUOTED.findall(e.text)):
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


# --- what every output says the same way -------------------------------------------------------------------

ARROW = {"about-us": "→ us", "about-customer": "→ customer", "neutral": "→ neutral"}


_SLIDE_WORD = re.compile(r"\bslide(s?)\b")


def evidence_line(e, unit: str = "slide") -> str:
    """One reason in a seller's words with its direction: "→ us: company facts 'founded', 'headquartered'".
    Built from the structured fields (label, phrases, toward); the display text when they are not set. In a
    text report (unit "paragraph") a position reads "paragraph 2 of 6", never "slide 2 of 6"."""
    arrow = ARROW.get(e.toward, "→ " + (e.toward or "?"))
    if e.label and e.phrases:
        body = f"{e.label} " + ", ".join(f"'{p}'" for p in e.phrases)
    else:
        body = e.text
    if unit != "slide":
        body = _SLIDE_WORD.sub(lambda m: unit + m.group(1), body)
    return f"{arrow}: {body}"


def confidence_text(verdict) -> str:
    """'92% sure', 'not read (no-text-layer)', with ', low confidence' when the model flags it."""
    if verdict.unclassified:
        return f"not read ({verdict.unclassified})"
    return f"{verdict.confidence:.0%} sure" + (", low confidence" if verdict.low_confidence else "")


OCR_NOTE = {"ocr": "text read by OCR", "text+ocr": "some text read by OCR"}
NOT_READ = "not read"
FORM_ONLY = "judged by its form only"  # SlideVerdict.form_only: no word it says among the reasons


def tag_label(slide_report) -> str:
    """The tag a report shows for a slide: its tag value ('about-us' ...), or 'not read' for a slide the
    classifier did not read (verdict.unclassified: no text layer, another language), whose placeholder tag
    and zero confidence mean nothing; slide_flags() then gives the reason."""
    return NOT_READ if slide_report.verdict.unclassified else slide_report.verdict.tag.value


def slide_flags(slide_report, include_hidden: bool | None = None, *, reason: bool = True) -> list[str]:
    """What every report says beside a slide's tag (tag_label()): hidden (and whether counted), not counted, its
    reader status, low confidence, judged by its form only, text read by OCR; for a slide not read, why ('no text
    layer') instead of its status and confidence. ``include_hidden``: word a hidden slide by the run's setting
    rather than by whether it was counted (the terminal table); ``reason=False`` leaves out why a slide was not
    read, for a report that shows it beside the tag already."""
    from deckaudit.report import reason_text

    sr, slide, v = slide_report, slide_report.slide, slide_report.verdict
    flags = []
    if slide.hidden:
        counted = sr.counted if include_hidden is None else include_hidden
        flags.append("hidden" if counted else "hidden, not counted")
    elif not sr.counted and not v.unclassified:
        flags.append("not counted")
    if slide.status.value not in ("ok", "hidden") and not v.unclassified:
        flags.append(slide.status.value)
    if v.low_confidence and not v.unclassified:
        flags.append("low confidence")
    if v.form_only:
        flags.append(FORM_ONLY)
    if v.unclassified and reason:
        flags.append(reason_text(v.unclassified))
    note = ocr_note(slide)
    if note:
        flags.append(note)
    return flags


def ocr_note(slide) -> str:
    """How a slide's text was read, when not from the file's own text: 'text read by OCR' (``text_source``
    "ocr": every word came from Tesseract), 'some text read by OCR' ("text+ocr": OCR added the text in its
    pictures to the text layer); '' for text read from the file."""
    source = getattr(slide, "text_source", "") or ""
    return OCR_NOTE.get(source, "text read by OCR") if source else ""


def ocr_text(report) -> str:
    """'text read by OCR: slides 1–3, 5' naming every slide whose text came (partly) from OCR; '' when none."""
    ix = [sr.index for sr in report.slides if ocr_note(sr.slide)]
    if not ix:
        return ""
    unit = report.summary.unit
    return f"text read by OCR: {unit}{'s' if len(ix) > 1 else ''} {_ranges(ix)}"


def parties(report) -> str:
    """'Seller: Northwind — from the cover and footer · Customer: Contoso — as given (--customer)'."""
    seller = report.seller.display or "not found (name it with --company)"
    customer = report.customer.display or "not named (--customer names them)"
    return f"Seller: {seller} · Customer: {customer}"


def share_line(report) -> str:
    """The us-share with its range, the slides not read and the gate, in one line."""
    from deckaudit.renderers._format import gate

    s = report.summary
    parts = [s.share_text]
    if s.unclassified:
        parts.append(s.unclassified_text)
    g = gate(report)
    if g:
        parts.append(g)
    return " · ".join(parts)


def we_you_line(report) -> str:
    """'we/our 25× · you/your 1× · 25.0 we per you' from the coaching metrics, '' without them."""
    m = report.metrics
    if not m or "we" not in m:
        return ""
    ratio = m.get("we_you_ratio")
    tail = f" · {ratio:.1f} we per you" if ratio is not None else " · the customer is never addressed as you"
    return f"we/our {m['we']}× · you/your {m.get('you', 0)}×{tail}"


def where(finding, unit: str) -> str:
    return f"{unit} {finding.slide}" if finding.slide else "deck"


def quoted(finding) -> str:
    """The sentence a finding is about, as a quote, unless its message already says it."""
    text = " ".join((finding.text or "").split())
    if not text or text.lower() in finding.message.lower():
        return ""
    return f"“{text[:157] + '…' if len(text) > 160 else text}”"


FIX_ORDER = ("late-customer", "suggestion", "silent-add-on", "feature-statement", "self-praise")


def top_fixes(report, n: int = 3) -> list[str]:
    """The deck's ``n`` most valuable fixes, most valuable first: the narrative (where the customer
    appears) first, then the rewrite hints that would turn most slides, then silent add-ons, feature
    statements and self-praise, each grouped with the slides it covers."""
    unit = report.summary.unit
    groups: dict[tuple[str, str], list] = {}
    # the feature-statement finding already says "rewrite with the customer as subject" on its slides: the
    # suggestion whose hint is the same advice is not a second fix for them
    stated = {f.slide for f in report.findings if f.kind == "feature-statement"}
    for f in report.findings:
        if f.kind == "suggestion" and f.hint == "features" and f.slide in stated:
            continue
        if f.kind == "suggestion":
            key = (f.kind, f.message.split(" — ", 1)[-1])
        elif f.kind in ("late-customer",):
            key = (f.kind, f.message)
        else:
            key = (f.kind, "")
        groups.setdefault(key, []).append(f)

    def rank(item):
        (kind, _), fs = item
        order = FIX_ORDER.index(kind) if kind in FIX_ORDER else len(FIX_ORDER)
        return (order if kind != "suggestion" else 1, -len(fs))

    out = []
    for (kind, msg), fs in sorted(groups.items(), key=rank):
        slides = sorted({f.slide for f in fs if f.slide})
        at = (f" ({unit}{'s' if len(slides) > 1 else ''} {_ranges(slides)})" if slides else "")
        if kind == "late-customer":
            text = msg[0].upper() + msg[1:]
        elif kind == "suggestion":
            text = msg[0].upper() + msg[1:].rstrip(".") + at
        elif kind == "self-praise":
            words = list(dict.fromkeys(f.text for f in fs if f.text))
            text = f"Replace self-praise ({', '.join(repr(w) for w in words[:4])}{', …' if len(words) > 4 else ''}) with facts in the customer's numbers{at}"
        else:
            text = fs[0].message.rstrip(".") + at
        out.append(text)
        if len(out) == n:
            break
    return out


def _ranges(ix: list[int]) -> str:
    """[1, 2, 3, 5] -> '1–3, 5'."""
    out, start = [], None
    for i, x in enumerate(ix):
        if start is None:
            start = x
        if i + 1 == len(ix) or ix[i + 1] != x + 1:
            out.append(str(start) if start == x else f"{start}–{x}")
            start = None
    return ", ".join(out)


def generated(report) -> str:
    """The report's own time, for people: '2024-05-06 09:00 UTC' (the JSON keeps the ISO 8601 form)."""
    import datetime as dt

    try:
        when = dt.datetime.fromisoformat(report.generated_at)
    except (TypeError, ValueError):
        return str(report.generated_at)
    if when.tzinfo is not None:
        when = when.astimezone(dt.timezone.utc)
        return when.strftime("%Y-%m-%d %H:%M UTC")
    return when.strftime("%Y-%m-%d %H:%M")


def findings_by_kind(report) -> list[tuple[str, list]]:
    """The findings grouped by kind, in order of first appearance, each group by slide."""
    order: dict[str, list] = {}
    for f in report.findings:
        order.setdefault(f.kind, []).append(f)
    return [(k, sorted(fs, key=lambda f: (f.slide is None, f.slide or 0))) for k, fs in order.items()]


def text_lines(text: str, shown: int = 8) -> tuple[list[str], list[str]]:
    """A slide's text as whole lines: (the first ``shown``, the rest). Never cuts inside a line."""
    lines = [ln for ln in text.splitlines() if ln.strip()]
    return lines[:shown], lines[shown:]
