"""The terminal table (rich): one row per slide, then the verdict, warnings, metrics and findings by kind.

color=None means auto: colour only on a terminal and only when NO_COLOR is unset; False is always plain;
True forces colour even into a pipe. Plain output uses a fixed width so piped output is stable.
"""

from __future__ import annotations

import io
import os
from itertools import groupby

TAG_STYLE = {"about-us": "bold red", "about-customer": "bold green", "neutral": "dim"}
PLAIN_WIDTH = 120
TITLE_LIMIT = 80  # characters of a title (or of the text when a slide has none) shown in the table


def wants_color(stream, color: bool | None) -> bool:
    if color is not None:
        return bool(color)
    if os.environ.get("NO_COLOR"):  # https://no-color.org: any non-empty value
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def _console(stream, color):
    from rich.console import Console

    colored = wants_color(stream, color)
    return Console(
        file=stream,
        force_terminal=colored,
        no_color=not colored,
        color_system="auto" if colored else None,
        width=None if colored else PLAIN_WIDTH,
        highlight=False,
        markup=False,
        emoji=False,
    )


def write(reports, stream, *, color=None, quiet=False) -> None:
    if quiet:  # one unwrapped line per deck, for scripts and grep
        for report in reports:
            stream.write(f"{report.name}: {report.summary.verdict}\n")
        return
    colored = wants_color(stream, color)
    console = _console(io.StringIO() if not colored else stream, colored)
    for n, report in enumerate(reports):
        if n:
            console.print()
        _deck(console, report)
    if not colored:  # rich pads every line to the width; piped text should not carry that
        stream.write("".join(line.rstrip() + "\n" for line in console.file.getvalue().splitlines()))


def _deck(console, report) -> None:
    from rich.text import Text

    s = report.summary
    include_hidden = bool(report.settings.get("include_hidden"))
    console.print(_slide_table(report, include_hidden))
    verdict = Text(s.verdict, style="bold")
    if s.us_share is not None:
        verdict.append(f"  (us-share {s.us_share:.0%})")
    console.print(verdict)
    if s.hidden and not include_hidden:
        plural = "s" if s.hidden != 1 else ""
        console.print(Text(f"{s.hidden} hidden {s.unit}{plural} listed but not counted "
                           "(--include-hidden counts them)", style="dim"))
    for w in report.deck.warnings:
        console.print(Text(f"warning: {w}", style="yellow"))
    if report.metrics:
        console.print(Text(" · ".join(f"{k}: {_fmt(v)}" for k, v in report.metrics.items()), style="dim"))
    if report.findings:
        _findings(console, report.findings, s.unit)


def _slide_table(report, include_hidden: bool):
    from rich.table import Table
    from rich.text import Text

    deck, s = report.deck, report.summary
    head = f"{report.name} · {deck.format.upper()} · {s.slides} {s.unit}{'s' if s.slides != 1 else ''}"
    if deck.layout != "slides":
        head += f" · {deck.layout}"
    table = Table(title=head, title_justify="left", title_style="bold")
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("tag", no_wrap=True)
    table.add_column("score", justify="right", no_wrap=True)
    table.add_column("title", overflow="fold", max_width=42)
    table.add_column("why", overflow="fold")
    for sr in report.slides:
        slide, v = sr.slide, sr.verdict
        tag = Text(v.tag.value, style=TAG_STYLE.get(v.tag.value, ""))
        flags = _flags(sr, include_hidden)
        if flags:
            tag.append("\n" + ", ".join(flags), style="italic")
        why = "; ".join(e.text for e in v.evidence[:3]) or "—"
        dim = "dim" if not sr.counted else ""
        table.add_row(str(slide.index), tag, f"{v.score:+.2f}", _title(slide), Text(why), style=dim)
    return table


def _flags(sr, include_hidden: bool) -> list[str]:
    slide, flags = sr.slide, []
    if slide.hidden:
        flags.append("hidden" if include_hidden else "hidden, not counted")
    elif not sr.counted:
        flags.append("not counted")
    if slide.status.value not in ("ok", "hidden"):
        flags.append(slide.status.value)
    if sr.verdict.low_confidence:
        flags.append("low confidence")
    return flags


def _title(slide):
    """The slide title; a slide without one shows the start of its text, in italics; an empty one a dash."""
    from rich.text import Text

    text, style = slide.title, ""
    if not text:
        text, style = " ".join(slide.text.split()), "italic"
    text = " ".join(text.split())
    if len(text) > TITLE_LIMIT:
        text = text[: TITLE_LIMIT - 1] + "…"
    return Text(text or "—", style=style)


def _findings(console, findings, unit: str) -> None:
    """Findings grouped by kind (in order of first appearance), one line each: where, then what to do."""
    from rich.padding import Padding
    from rich.table import Table
    from rich.text import Text

    order: dict[str, int] = {}
    for f in findings:
        order.setdefault(f.kind, len(order))
    ordered = sorted(findings, key=lambda f: (order[f.kind], f.slide is None, f.slide or 0))
    console.print(Text(f"findings ({len(findings)})", style="bold"))
    for kind, group in groupby(ordered, key=lambda f: f.kind):
        group = list(group)
        console.print(Text(f"  {kind} ({len(group)})", style="bold"))
        grid = Table.grid(padding=(0, 1))
        grid.add_column(no_wrap=True)
        grid.add_column(overflow="fold")
        for f in group:
            grid.add_row(f"{unit} {f.slide}:" if f.slide else "deck:", Text(f.message))
        console.print(Padding(grid, (0, 0, 0, 4)))


def _fmt(v) -> str:
    return f"{v:.2f}" if isinstance(v, float) else str(v)
