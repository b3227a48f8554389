"""`deckaudit annotate deck.pptx -o deck.audited.pptx`: a copy with a tag on each slide and the evidence in its notes."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from deckaudit.cli import app
from deckaudit.cli.common import report_error
from deckaudit.errors import DeckError

ANNOTATE_HELP = """Write a copy of a PPTX deck with a coloured tag (about-us / about-customer / neutral and the
score) on every slide and the evidence and a suggestion in its speaker notes. The original is untouched.
The copy is PowerPoint: -o must end in .pptx (or .pptm, .ppsx, .potx); another suffix is a usage error (exit 2).

Examples:

  deckaudit annotate deck.pptx -o deck.audited.pptx

  deckaudit annotate deck.pptx --company Northwind      # writes deck.audited.pptx
"""


WRITES = (".pptx", ".pptm", ".ppsx", ".potx")  # what python-pptx saves: the deck's own PowerPoint package


@app.command(help=ANNOTATE_HELP)
def annotate(
    deck: Path = typer.Argument(..., help="A .pptx deck.", show_default=False),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Where to write the copy  [default: DECK.audited.pptx]"),
    company: Optional[list[str]] = typer.Option(None, "--company", help="The seller's names."),
    customer: Optional[list[str]] = typer.Option(None, "--customer", help="The customer's names."),
    debug: bool = typer.Option(False, "--debug", help="Show tracebacks for failures."),
) -> None:
    from deckaudit.api import AuditOptions, audit
    from deckaudit.config import as_names
    from deckaudit.renderers.annotate import annotate_deck

    from deckaudit.cli.review import _check_suffix

    # annotate writes PowerPoint: a copy named .pdf (or anything else) would not open as one
    _check_suffix("--output", output, WRITES, empty_ok=False, what="annotate")
    output = output or deck.with_name(f"{deck.stem}.audited.pptx")
    try:
        report = audit(deck, AuditOptions(company=as_names(company), customer=as_names(customer)))
        annotate_deck(report, output)
    except DeckError as exc:
        report_error(exc.with_path(str(deck)), debug=debug)
        raise typer.Exit(2)
    print(f"wrote {output}: {report.summary.verdict}")
