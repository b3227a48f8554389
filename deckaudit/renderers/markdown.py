"""Markdown: a heading per deck, the verdict, a table of slides and the findings."""

from __future__ import annotations


def _cell(text: str, limit: int = 90) -> str:
    text = " ".join(str(text).split())
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return text.replace("|", "\\|")


def write(reports, stream, *, color=None, quiet=False) -> None:
    for n, r in enumerate(reports):
        if n:
            stream.write("\n")
        s = r.summary
        stream.write(f"# {r.name}\n\n**{s.verdict}**")
        if s.us_share is not None:
            stream.write(f" · us-share {s.us_share:.0%}")
        stream.write("\n")
        if quiet:
            continue
        stream.write("\n| # | tag | score | title | why |\n|---:|---|---:|---|---|\n")
        for sr in r.slides:
            flag = " (hidden)" if sr.slide.hidden else ""
            why = "; ".join(e.text for e in sr.verdict.evidence[:3])
            stream.write(f"| {sr.index} | {sr.tag.value}{flag} | {sr.verdict.score:+.2f} | {_cell(sr.slide.title)} | {_cell(why)} |\n")
        for w in r.deck.warnings:
            stream.write(f"\n> warning: {_cell(w, 300)}\n")
        if r.findings:
            stream.write("\n## Findings\n\n")
            for f in r.findings:
                where = f"slide {f.slide}" if f.slide else "deck"
                stream.write(f"- **{f.kind}** ({where}): {_cell(f.message, 300)}\n")
