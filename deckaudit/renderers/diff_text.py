"""A DeckDiff as a terminal table (rich), Markdown or JSON. Reads only DeckDiff fields.

``write_diff(diff, fmt, stream, color=None)``; rich is imported only for the table.
"""

from __future__ import annotations

import json

FORMATS = ("table", "json", "md")
_STATUS_STYLE = {"same": "dim", "edited": "yellow", "moved": "cyan", "added": "green", "removed": "red"}


def _pct(x) -> str:
    return "n/a" if x is None else f"{x:.0%}"


def _share(side) -> str:
    out = _pct(side.us_share)
    if side.us_share_range is not None:
        lo, hi = side.us_share_range
        out += f" (likely {lo:.0%}–{hi:.0%})"
    return out


def _first(side) -> str:
    """Where the customer first appears, as review says it: "slide 4", "never", or "never clearly" when some
    slides are about the customer but none confidently (the first-appearance rule counts confident ones)."""
    if side.first_customer_slide is not None:
        return f"slide {side.first_customer_slide}"
    return "never clearly" if side.counts.get("about-customer") else "never"


def headline(d) -> list[str]:
    """The lines above the slide table: what changed for the deck as a whole."""
    a, b = d.before, d.after
    c = d.counts()
    changes = " · ".join(f"{n} {s}" for s, n in c.items() if n) or "no slides"
    return [
        f"{a.path} ({a.format.upper()}, {a.slides} slides) → {b.path} ({b.format.upper()}, {b.slides} slides)",
        f"us-share: {_share(a)} → {_share(b)}",
        f"about us / about the customer / neutral: {a.counts['about-us']}/{a.counts['about-customer']}/"
        f"{a.counts['neutral']} → {b.counts['about-us']}/{b.counts['about-customer']}/{b.counts['neutral']}",
        f"the customer first appears: {_first(a)} → {_first(b)}",
        f"slides: {changes} · {len(d.tag_changes)} changed tag",
    ]


_FORM = ("length", "position")  # facts about a slide's form: "20 words" against "19 words" says nothing
_SIDE = {"about-us": "us", "about-customer": "customer", "neutral": "neutral"}


def why(ch) -> str:
    """"now their challenges: 'lose' (→ customer) · gone company facts: 'founded' (→ us)" for a slide whose tag
    changed: what it says now that it did not, and what it no longer says, with the side each pushed toward;
    its length and place only when nothing it says changed."""
    def said(items):
        content = [e for e in items if e.feature.partition(".")[0] not in _FORM]
        return (content or items)[:2]

    def item(e) -> str:
        return f"{e.text} (→ {_SIDE.get(e.toward, e.toward)})"

    gained, lost = said(ch.gained), said(ch.lost)
    parts = []
    if gained:
        parts.append("now " + "; ".join(item(e) for e in gained))
    if lost:
        parts.append("gone " + "; ".join(item(e) for e in lost))
    return " · ".join(parts)


def _index(ch) -> str:
    """"4" (same place), "4→6", "3→—" (removed), "—→5" (added): old slide number → new slide number."""
    if ch.old_index is not None and ch.new_index is not None and ch.old_index == ch.new_index:
        return str(ch.new_index)
    return f"{ch.old_index if ch.old_index is not None else '—'}→{ch.new_index if ch.new_index is not None else '—'}"


def _tags(ch) -> str:
    if ch.old is None:
        return ch.new_tag
    if ch.new is None:
        return ch.old_tag
    return ch.new_tag if not ch.tag_changed else f"{ch.old_tag} → {ch.new_tag}"


def write_diff(d, fmt: str, stream, *, color: bool | None = None) -> None:
    """Write ``d`` (a deckaudit.diff.DeckDiff) as ``fmt`` (table | json | md) to ``stream``."""
    if fmt == "json":
        json.dump(d.to_dict(), stream, indent=2, ensure_ascii=False)
        stream.write("\n")
    elif fmt == "md":
        _markdown(d, stream)
    elif fmt == "table":
        _table(d, stream, color)
    else:
        raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")


def _table(d, stream, color) -> None:
    from rich.table import Table
    from rich.text import Text

    from deckaudit.renderers.table import TAG_STYLE, _console

    console = _console(stream, color)
    for line in headline(d):
        console.print(line)
    table = Table(show_lines=False)
    for name, kw in (("#", {"justify": "right", "no_wrap": True}), ("status", {"no_wrap": True}), ("tag", {}),
                     ("title", {"max_width": 40}), ("why the tag changed", {})):
        table.add_column(name, **kw)
    for ch in d.slides:
        tag = Text(_tags(ch), style=TAG_STYLE.get(ch.new_tag or ch.old_tag, "") if ch.tag_changed else "")
        table.add_row(_index(ch), Text(ch.status, style=_STATUS_STYLE[ch.status]), tag, ch.title or "—",
                      why(ch) if ch.tag_changed else "")
    console.print(table)
    for reason in d.worse:
        console.print(f"worse: {reason}")


def _markdown(d, stream) -> None:
    from deckaudit.renderers.markdown import escape

    lines = headline(d)
    stream.write(f"# {escape(lines[0], 300)}\n\n")
    for line in lines[1:]:
        stream.write(f"- {escape(line, 300)}\n")
    for reason in d.worse:
        stream.write(f"- **worse:** {escape(reason, 300)}\n")
    stream.write("\n| # | status | tag | title | why the tag changed |\n|---:|---|---|---|---|\n")
    for ch in d.slides:
        stream.write(f"| {_index(ch)} | {ch.status} | {escape(_tags(ch))} | {escape(ch.title) or '—'} | "
                     f"{escape(why(ch), 200) if ch.tag_changed else ''} |\n")
