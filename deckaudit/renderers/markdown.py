"""Markdown: a heading per deck, the verdict, a table of slides, warnings, metrics and the findings.

Text from the deck is escaped (pipes, emphasis, links, HTML) so a slide cannot break the table or inject markup.
"""

from __future__ import annotations

import re

_MARKUP = re.compile(r"([\\`*_\[\]<>|#])")


def escape(text: str, limit: int = 90) -> str:
    """One line of deck text, shortened to `limit` characters, safe inside a Markdown table cell."""
    text = " ".join(str(text).split())
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return _MARKUP.sub(r"\\\1", text)


def write(reports, stream, *, color=None, quiet=False) -> None:
    for n, r in enumerate(reports):
        if n:
            stream.write("\n")
        s = r.summary
        stream.write(f"# {escape(r.name, 200)}\n\n**{s.verdict}**")
        if s.us_share is not None:
            stream.write(f" · us-share {s.us_share:.0%}")
        stream.write("\n")
        if quiet:
            continue
        _slides(r, stream)
        for w in r.deck.warnings:
            stream.write(f"\n> warning: {escape(w, 300)}\n")
        if r.metrics:
            stream.write("\n" + " · ".join(f"{escape(k)}: {_fmt(v)}" for k, v in r.metrics.items()) + "\n")
        if r.findings:
            stream.write("\n## Findings\n\n")
            for f in r.findings:
                where = f"{s.unit} {f.slide}" if f.slide else "deck"
                stream.write(f"- **{escape(f.kind)}** ({where}): {escape(f.message, 300)}\n")


def _slides(r, stream) -> None:
    include_hidden = bool(r.settings.get("include_hidden"))
    stream.write("\n| # | tag | score | title | why |\n|---:|---|---:|---|---|\n")
    for sr in r.slides:
        slide = sr.slide
        flags = []
        if slide.hidden:
            flags.append("hidden" if include_hidden else "hidden, not counted")
        elif not sr.counted:
            flags.append("not counted")
        if slide.status.value not in ("ok", "hidden"):
            flags.append(slide.status.value)
        tag = sr.tag.value + (f" ({', '.join(flags)})" if flags else "")
        title = escape(slide.title) if slide.title else (f"*{escape(slide.text, 60)}*" if slide.text.strip() else "—")
        why = escape("; ".join(e.text for e in sr.verdict.evidence[:3])) or "—"
        stream.write(f"| {slide.index} | {tag} | {sr.verdict.score:+.2f} | {title} | {why} |\n")


def _fmt(v) -> str:
    return f"{v:.2f}" if isinstance(v, float) else str(v)
