"""Renderers: one module per output format. Each reads only DeckReport objects.

A stream renderer module exposes ``write(reports: list[DeckReport], stream, *, color=None, quiet=False)``.
File renderers (chart, html, pdf report, annotated pptx) have their own ``save_*`` functions and import
their heavy libraries inside those functions, never at module import.
"""

from __future__ import annotations

import importlib

STREAM_FORMATS = {
    "table": "deckaudit.renderers.table",
    "json": "deckaudit.renderers.json_report",
    "csv": "deckaudit.renderers.csv_report",
    "md": "deckaudit.renderers.markdown",
}


def write(fmt: str, reports, stream, *, color: bool | None = None, quiet: bool = False) -> None:
    try:
        module = importlib.import_module(STREAM_FORMATS[fmt])
    except KeyError:
        raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(STREAM_FORMATS)}") from None
    module.write(list(reports), stream, color=color, quiet=quiet)
