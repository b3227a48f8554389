"""`deckaudit diff OLD NEW`: compare two versions of a deck (a thin shell over deckaudit.diff)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import List, Optional

import typer

from deckaudit.cli import app
from deckaudit.cli.common import (
    COMPANY, CUSTOMER, EXIT_GATE, EXIT_INPUT, EXIT_OK, INCLUDE_HIDDEN, MODEL, NOTES, PDF_ENGINE, PRODUCT, audit_options,
    check_limits, fail, load_config, report_error,
)
from deckaudit.errors import DeckError

FORMATS = ("table", "json", "md")

DIFF_HELP = """Compare two versions of a deck: slides added, removed, moved and edited (matched by content, so a
PPTX and its PDF export compare fine), the us-share and the first customer slide before → after, and why each
slide's tag changed.

Examples:

  deckaudit diff pitch-q1.pptx pitch-q2.pptx

  deckaudit diff master.pptx export.pdf --format json > diff.json

  deckaudit diff main.pptx branch.pptx --fail-if-worse --quiet

Exit codes: 0 ok, 1 --fail-if-worse and the new version is worse (us-share above the old range's upper end or up
by more than one slide's worth, or the customer first appears later), 2 usage error or unreadable input.
"""


@app.command(name="diff", help=DIFF_HELP)
def diff_cmd(
    old: Path = typer.Argument(..., help="The earlier version (PPTX or PDF).", show_default=False),
    new: Path = typer.Argument(..., help="The later version (PPTX or PDF).", show_default=False),
    fmt: Optional[str] = typer.Option(None, "--format", "-f", help="table | json | md  [default: table]"),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write the diff to this file instead of stdout."),
    fail_if_worse: bool = typer.Option(False, "--fail-if-worse", help="Exit 1 when the new version is worse."),
    company: Optional[List[str]] = COMPANY,
    product: Optional[List[str]] = PRODUCT,
    customer: Optional[List[str]] = CUSTOMER,
    include_hidden: Optional[bool] = INCLUDE_HIDDEN,
    notes: Optional[bool] = NOTES,
    model: Optional[Path] = MODEL,
    pdf_engine: Optional[str] = PDF_ENGINE,
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print nothing but why the new version is worse."),
    debug: bool = typer.Option(False, "--debug", help="Show tracebacks for failures."),
) -> None:
    from deckaudit.diff import diff

    config = load_config()
    fmt = fmt or (config.get("format") if config.get("format") in FORMATS else "table")  # config's "csv" is review's
    if fmt not in FORMATS:
        raise fail(f"unknown --format {fmt!r}; choose from {', '.join(FORMATS)}")
    options = audit_options(config, company=company, product=product, customer=customer, include_hidden=include_hidden,
                            notes=notes, model=model, pdf_engine=pdf_engine)
    if options.pdf_engine not in ("auto", "pypdfium2", "pdfplumber"):
        raise fail(f"unknown --pdf-engine {options.pdf_engine!r}; choose auto, pypdfium2 or pdfplumber")
    check_limits(options)
    try:
        result = diff(old, new, options)
    except DeckError as exc:
        report_error(exc, debug=debug)
        raise typer.Exit(EXIT_INPUT)
    except Exception as exc:  # a bug of ours must still not print a traceback by default
        report_error(exc, debug=debug)
        raise typer.Exit(EXIT_INPUT)
    if not quiet:
        _emit(result, fmt, output)
    worse = result.worse
    if fail_if_worse and worse:
        for reason in worse:
            print(f"deckaudit: {new}: worse than {old}: {reason}", file=sys.stderr)
        raise typer.Exit(EXIT_GATE)
    raise typer.Exit(EXIT_OK)


def _emit(result, fmt: str, output: Path | None) -> None:
    from deckaudit.renderers.diff_text import write_diff

    if output is None:
        write_diff(result, fmt, sys.stdout, color=None)
        return
    try:
        with open(output, "w", encoding="utf-8", newline="") as fh:
            write_diff(result, fmt, fh, color=False)
    except OSError as exc:
        raise fail(f"{output}: cannot write: {exc.strerror or exc}")
