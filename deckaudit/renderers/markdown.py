"""Markdown: a heading per deck, the seller and customer, the verdict, the us-share with its range, the slides
not read and the gate, the slides whose text OCR read, the three fixes worth most, a table of slides (tag with
flags such as "text read by OCR", confidence, title, the reasons with their direction), warnings, we/you figures
and the findings, each quoting the sentence it is about; last, a table of the files that could not be read.

Text from the deck is escaped (pipes, emphasis, links, HTML) so a slide cannot break the table or inject markup.
"""

from __future__ import annotations

import re

from deckaudit.renderers._reportparts import (
    slide_flags, tag_label,
    evidence_line, ocr_text, parties, quoted, share_line, top_fixes, we_you_line, where,
)

_MARKUP = re.compile(r"([\\`*_\[\]<>|#])")


def escape(text: str, limit: int = 90) -> str:
    """One line of deck text, shortened to `limit` characters, safe inside a Markdown table cell."""
    text = " ".join(str(text).split())
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return _MARKUP.sub(r"\\\1", text)


def write(reports, stream, *, color=None, quiet=False, failures=()) -> None:
    for n, r in enumerate(reports):
        if n:
            stream.write("\n")
        s = r.summary
        verdict = s.verdict.replace(" · " + s.unclassified_text, "") if s.unclassified else s.verdict
        stream.write(f"# {escape(r.name, 200)}\n\n**{escape(verdict, 400)}** · {escape(share_line(r), 300)}\n")
        seller, customer = parties(r).split(" · ", 1)
        stream.write(f"\n{escape(seller, 300)}  \n{escape(customer, 300)}\n")
        if ocr_text(r):
            stream.write(f"\n{escape(ocr_text(r), 300)}\n")
        if quiet:
            continue
        fixes = top_fixes(r)
        if fixes:
            stream.write("\n## Three fixes worth most\n\n" if len(fixes) == 3 else "\n## Fixes worth most\n\n")
            for n, fix in enumerate(fixes, 1):
                stream.write(f"{n}. {escape(fix, 400)}\n")
        _slides(r, stream)
        for w in r.deck.warnings:
            stream.write(f"\n> warning: {escape(w, 300)}\n")
        if r.metrics:
            stream.write("\n" + escape(we_you_line(r) or " · ".join(f"{k}: {_fmt(v)}" for k, v in r.metrics.items()), 300)
                         + "\n")
        if r.findings:
            stream.write("\n## Findings\n\n")
            for f in r.findings:
                quote = quoted(f)
                said = f"{escape(quote, 300)} — " if quote else ""
                stream.write(f"- **{escape(f.kind)}** ({where(f, s.unit)}): {said}{escape(f.message, 300)}\n")
    if failures:
        stream.write(("\n" if reports else "") + "# Could not be read\n\n| deck | status | reason |\n|---|---|---|\n")
        for f in failures:
            stream.write(f"| {escape(f['path'], 200)} | {escape(f['status'])} | {escape(f['reason'], 300)} |\n")


def _slides(r, stream) -> None:
    stream.write("\n| # | tag | sure | title | why |\n|---:|---|---:|---|---|\n")
    for sr in r.slides:
        slide = sr.slide
        flags = slide_flags(sr)
        tag = tag_label(sr) + (f" ({', '.join(flags)})" if flags else "")
        title = escape(slide.title) if slide.title else (f"*{escape(slide.text, 60)}*" if slide.text.strip() else "—")
        why = "<br>".join(escape(evidence_line(e, r.summary.unit), 120) for e in sr.verdict.evidence[:3]) or "—"
        sure = "—" if sr.verdict.unclassified else f"{sr.verdict.confidence:.0%}"
        stream.write(f"| {slide.index} | {tag} | {sure} | {title} | {why} |\n")


def _fmt(v) -> str:
    from deckaudit.renderers._format import figure

    return figure(v)
