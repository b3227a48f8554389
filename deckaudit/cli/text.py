"""`deckaudit text FILE|-`: the same audit for outreach emails, web copy and Markdown, paragraph by paragraph."""

from __future__ import annotations

import sys
from typing import Optional

import typer

from deckaudit.cli import app
from deckaudit.cli.common import fail, pick, report_error
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
    fmt: Optional[str] = typer.Option(None, "--format", "-f", help="table | json | csv | md  [default: table]"),
    company: Optional[list[str]] = typer.Option(None, "--company", help="The seller's names."),
    customer: Optional[list[str]] = typer.Option(None, "--customer", help="The customer's names."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print only the verdict line."),
    debug: bool = typer.Option(False, "--debug", help="Show tracebacks for failures."),
) -> None:
    from deckaudit import renderers
    from deckaudit.api import AuditOptions, audit_text
    from deckaudit.config import as_names, find_config

    try:
        _, config = find_config()
    except DeckError as exc:
        raise fail(str(exc))
    fmt = pick(fmt, config, "format", "table")
    if fmt not in renderers.STREAM_FORMATS:
        raise fail(f"unknown --format {fmt!r}; choose from {', '.join(renderers.STREAM_FORMATS)}")
    options = AuditOptions(company=as_names(company or config.get("company")), customer=as_names(customer or config.get("customer")),
                           extra={k: config[k] for k in ("coaching",) if k in config})
    try:
        data = sys.stdin.buffer.read() if source == "-" else None
        report = audit_text("<stdin>" if source == "-" else source, options, data=data)
    except DeckError as exc:
        report_error(exc, debug=debug)
        raise typer.Exit(2)
    renderers.write(fmt, [report], sys.stdout, color=None if sys.stdout.isatty() else False, quiet=quiet)
