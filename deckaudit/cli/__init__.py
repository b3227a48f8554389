"""The deckaudit command line: a thin shell over the library API (deckaudit.api, deckaudit.library)."""

from __future__ import annotations

import sys

import typer

from deckaudit import __version__

app = typer.Typer(
    name="deckaudit",
    help=(
        "How much of a slide deck is about us, and how much about the customer.\n\n"
        "Examples:\n\n"
        "  deckaudit review deck.pptx\n\n"
        "  deckaudit review deck.pdf --format json > report.json\n\n"
        "  deckaudit review deck.pptx --chart slides.png --company Acme\n\n"
        "  deckaudit review deck.pptx --pdf report.pdf --html report.html\n\n"
        "  deckaudit bulk /shared/sales-decks --db audit.db\n\n"
        "  deckaudit text outreach.eml"
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"deckaudit {__version__}")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Show the version and exit."),
) -> None:
    """How much of a slide deck is about us, and how much about the customer."""


# Each command lives in its own module and registers itself on `app`.
# Import order is the order `deckaudit --help` lists them: the everyday command first.
from deckaudit.cli import review  # noqa: E402,F401,I001
from deckaudit.cli import text  # noqa: E402,F401
from deckaudit.cli import annotate  # noqa: E402,F401
from deckaudit.cli import diff  # noqa: E402,F401
from deckaudit.cli import bulk  # noqa: E402,F401
from deckaudit.cli import model  # noqa: E402,F401


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        print("deckaudit: interrupted", file=sys.stderr)
        sys.exit(130)
