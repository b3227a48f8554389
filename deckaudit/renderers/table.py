"""The terminal table (rich): one row per slide, then the verdict, warnings, metrics and findings by kind.

color=None means auto: colour only on a terminal and only when NO_COLOR is unset; False is always plain;
True forces colour even into a pipe. Plain output uses a fixed width of 80 columns (a terminal's default) so
piped output is stable and the README's samples are what a user sees.

Per deck: the deck line, the seller and customer (and where they were found), a row per slide (tag with its
confidence and flags such as "text read by OCR", title, the three strongest reasons with their direction), then
the verdict, the us-share with its range, the slides not read and the gate, the slides whose text OCR read, the
we/you figures, the three most valuable fixes and every finding with the sentence it is about.
"""

from __future__ import annotations

import io
import os
from itertools import groupby

TAG_STYLE = {"about-us": "bold red", "about-customer": "bold green", "neutral": "dim"}
PLAIN_WIDTH = 80
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


def write(reports, stream, *, color=None, quiet=False, failures=()) -> None:  # failures: stderr says them
    if quiet:  # one unwrapped line per deck, for scripts and grep
        for report in reports:
            stream.write(quiet_line(report) + "\n")
        return
    colored = wants_color(stream, color)
    console = _console(io.StringIO() if not colored else stream, colored)
    for n, report in enumerate(reports):
        if n:
            console.print()
        _deck(console, report)
    if not colored:  # rich pads every line to the width; piped text should not carry that
        stream.write("".join(line.rstrip() + "\n" for line in console.file.getvalue().splitlines()))


def quiet_line(report) -> str:
    """'deck.pptx: 15 of 16 slides are about us · … · us-share 94% (likely 88%–100%) · gate: FAIL (over 70%)'."""
    from deckaudit.renderers._reportparts import share_line

    s = report.summary
    verdict = s.verdict.replace(" · " + s.unclassified_text, "") if s.unclassified else s.verdict
    return f"{report.name}: {verdict} · {share_line(report)}"


def _deck(console, report) -> None:
    from rich.text import Text

    from deckaudit.renderers._reportparts import ocr_text, parties, share_line, top_fixes, we_you_line

    s = report.summary
    include_hidden = bool(report.settings.get("include_hidden"))
    console.print(Text(_head(report), style="bold"))
    for line in parties(report).split(" · "):
        console.print(Text(line))
    console.print(_slide_table(report, include_hidden))
    console.print(Text(s.verdict.replace(" · " + s.unclassified_text, "") if s.unclassified else s.verdict,
                       style="bold"))
    console.print(Text(share_line(report)))
    if ocr_text(report):
        console.print(Text(ocr_text(report)))
    if s.hidden and not include_hidden:
        plural = "s" if s.hidden != 1 else ""
        console.print(Text(f"{s.hidden} hidden {s.unit}{plural} listed but not counted "
                           "(--include-hidden counts them)", style="dim"))
    for w in report.deck.warnings:
        console.print(Text(f"warning: {w}", style="yellow"))
    if report.metrics:
        console.print(Text(we_you_line(report) or " · ".join(f"{k}: {_fmt(v)}" for k, v in report.metrics.items()),
                           style="dim"))
    fixes = top_fixes(report)
    if fixes:
        console.print(Text("three fixes worth most" if len(fixes) == 3 else "fixes worth most", style="bold"))
        from rich.padding import Padding
        from rich.table import Table

        grid = Table.grid(padding=(0, 1))
        grid.add_column(no_wrap=True)
        grid.add_column(overflow="fold")
        for n, fix in enumerate(fixes, 1):
            grid.add_row(f"{n}.", Text(fix))
        console.print(Padding(grid, (0, 0, 0, 2)))
    if report.findings:
        _findings(console, report.findings, s.unit)


def _slide_table(report, include_hidden: bool):
    from rich.table import Table
    from rich.text import Text

    from deckaudit.renderers._reportparts import evidence_line, slide_flags, tag_label

    s = report.summary
    table = Table()
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("tag", overflow="fold", max_width=14)
    table.add_column("title", overflow="fold", max_width=22)
    table.add_column("why", overflow="fold")
    for sr in report.slides:
        slide, v = sr.slide, sr.verdict
        if v.unclassified:  # not "neutral, 0% sure, low confidence": the classifier never saw its text
            from deckaudit.report import reason_text

            tag = Text(tag_label(sr), style="dim")
            tag.append("\n" + reason_text(v.unclassified), style="italic")
        else:
            tag = Text(v.tag.value, style=TAG_STYLE.get(v.tag.value, ""))
            tag.append("\n" + f"{v.confidence:.0%} sure", style="dim")
        flags = slide_flags(sr, include_hidden, reason=False)  # the reason is beside the tag already
        for flag in flags:  # one per line: the column stays narrow enough for 80 columns
            tag.append("\n" + flag.replace("hidden, not counted", "hidden\nnot counted").replace(" by OCR", "\nby OCR"),
                       style="italic")
        why = "\n".join(evidence_line(e, s.unit) for e in v.evidence[:3]) or "—"
        dim = "dim" if not sr.counted else ""
        table.add_row(str(slide.index), tag, _title(slide), Text(why), style=dim)
    return table


def _head(report) -> str:
    deck, s = report.deck, report.summary
    head = f"{report.name} · {deck.format.upper()} · {s.slides} {s.unit}{'s' if s.slides != 1 else ''}"
    if deck.layout != "slides":
        head += f" · {deck.layout}"
    return head


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

    from deckaudit.renderers._reportparts import quoted

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
            quote = quoted(f)
            grid.add_row(f"{unit} {f.slide}:" if f.slide else "deck:", Text(f"{quote} — {f.message}" if quote else f.message))
        console.print(Padding(grid, (0, 0, 0, 4)))


def _fmt(v) -> str:
    from deckaudit.renderers._format import figure

    return figure(v)
