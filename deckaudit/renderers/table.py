"""The terminal table (rich): one row per slide, then the verdict, warnings and findings.

Plain text (no colour codes) when the output is not a terminal or NO_COLOR is set, at a fixed width so
piped output is stable.
"""

from __future__ import annotations

import os

TAG_STYLE = {"about-us": "bold red", "about-customer": "bold green", "neutral": "dim"}
PLAIN_WIDTH = 120


def _console(stream, color):
    from rich.console import Console

    terminal = color is not False and hasattr(stream, "isatty") and stream.isatty()
    if color is None and os.environ.get("NO_COLOR"):
        terminal = False
    return Console(
        file=stream,
        force_terminal=terminal,
        no_color=not terminal,
        color_system="auto" if terminal else None,
        width=None if terminal else PLAIN_WIDTH,
        highlight=False,
        soft_wrap=False,
        emoji=False,
    )


def write(reports, stream, *, color=None, quiet=False) -> None:
    console = _console(stream, color)
    for n, report in enumerate(reports):
        if quiet:  # one unwrapped line per deck, for scripts and grep
            stream.write(f"{report.name}: {report.summary.verdict}\n")
            continue
        if n:
            console.print()
        _one(console, report)


def _one(console, report) -> None:
    from rich.table import Table
    from rich.text import Text

    deck, s = report.deck, report.summary
    include_hidden = bool(report.settings.get("include_hidden"))
    head = f"{report.name} · {deck.format.upper()} · {s.slides} {s.unit}{'s' if s.slides != 1 else ''}"
    if deck.layout != "slides":
        head += f" · {deck.layout}"
    table = Table(title=head, title_justify="left", show_lines=False, expand=False, pad_edge=False)
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("tag", no_wrap=True)
    table.add_column("score", justify="right", no_wrap=True)
    table.add_column("title", overflow="fold", max_width=40)
    table.add_column("why", overflow="fold")
    for sr in report.slides:
        slide, v = sr.slide, sr.verdict
        tag = Text(v.tag.value, style=TAG_STYLE.get(v.tag.value, ""))
        notes = []
        if slide.hidden:
            notes.append("hidden" + ("" if include_hidden else ", not counted"))
        elif not sr.counted:
            notes.append("not counted")
        if slide.status.value not in ("ok", "hidden"):
            notes.append(slide.status.value)
        if v.low_confidence and v.evidence:
            notes.append("low confidence")
        if notes:
            tag.append(f" ({'; '.join(notes)})", style="italic")
        why = "; ".join(e.text for e in v.evidence[:3]) or "—"
        style = "dim" if (slide.hidden and not include_hidden) else ""
        table.add_row(str(slide.index), tag, f"{v.score:+.2f}", Text(slide.title or "—"), Text(why), style=style)
    console.print(table)
    verdict = Text(s.verdict, style="bold")
    if s.us_share is not None:
        verdict.append(f"  (us-share {s.us_share:.0%})")
    console.print(verdict)
    if s.hidden and not include_hidden:
        console.print(Text(f"{s.hidden} hidden slide{'s' if s.hidden != 1 else ''} listed but not counted "
                           "(--include-hidden counts them)", style="dim"))
    for w in deck.warnings:
        console.print(Text(f"warning: {w}", style="yellow"))
    if report.metrics:
        console.print(Text(" · ".join(f"{k}: {_fmt(v)}" for k, v in report.metrics.items()), style="dim"))
    if report.findings:
        console.print(Text("findings:", style="bold"))
        for f in report.findings:
            where = f"slide {f.slide}" if f.slide else "deck"
            console.print(Text(f"  [{f.kind}] {where}: {f.message}"))


def _fmt(v) -> str:
    return f"{v:.2f}" if isinstance(v, float) else str(v)
