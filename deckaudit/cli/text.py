"""`deckaudit text FILE|-`: the same audit for outreach emails, web copy and Markdown, paragraph by paragraph."""

from __future__ import annotations

import sys
from typing import Optional

import typer

from deckaudit.cli import app
from deckaudit.cli.common import audit_options, load_config, pick_format, report_error
from deckaudit.errors import DeckError

TEXT_HELP = """Audit plain text, Markdown or an email (.eml) paragraph by paragraph: tags, the we/you ratio
and coaching findings (silent add-ons, self-praise, feature statements).

Examples:

  deckaudit text outreach.eml

  deckaudit text landing-page.md --format json

  pbpaste | deckaudit text -
"""


@app.command(help=TEXT_HELP)
def text(
    source: str = typer.Argument(..., help="A .txt, .md or .eml file, or - for standard input.", show_default=False),
    fmt: Optional[str] = typer.Option(None, "--format", "-f", help="table | json | md | csv  [default: table]"),
    company: Optional[list[str]] = typer.Option(None, "--company", help="The seller's names."),
    customer: Optional[list[str]] = typer.Option(None, "--customer", help="The customer's names."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print only the verdict line."),
    debug: bool = typer.Option(False, "--debug", help="Show tracebacks for failures."),
) -> None:
    from deckaudit import renderers
    from deckaudit.api import audit_text

    config = load_config()
    fmt = pick_format(fmt, config, tuple(renderers.STREAM_FORMATS))
    options = audit_options(config, company=company, customer=customer)
    try:
        from deckaudit.readers.text import MAX_BYTES

        data = sys.stdin.buffer.read(MAX_BYTES + 1) if source == "-" else None
        report = audit_text("<stdin>" if source == "-" else source, options, data=data)
    except DeckError as exc:
        report_error(exc, debug=debug)
        raise typer.Exit(2)
    renderers.write(fmt, [report], sys.stdout, color=None if sys.stdout.isatty() else False, quiet=quiet)
