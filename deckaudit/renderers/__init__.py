"""Renderers: one module per output format. Each reads only DeckReport objects.

A stream renderer module exposes ``write(reports: list[DeckReport], stream, *, color=None, quiet=False,
failures=())``; ``failures`` are the files that could not be read (``failure_dict`` of each DeckError), which
the machine-readable formats (JSON, CSV, Markdown) carry; the table leaves them to stderr.
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


def write(fmt: str, reports, stream, *, color: bool | None = None, quiet: bool = False, failures=()) -> None:
    """Render ``reports`` in format ``fmt`` to ``stream``; ``failures``: DeckErrors (or failure dicts) of the
    files that could not be read, named in JSON, CSV and Markdown."""
    try:
        module = importlib.import_module(STREAM_FORMATS[fmt])
    except KeyError:
        raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(STREAM_FORMATS)}") from None
    module.write(list(reports), stream, color=color, quiet=quiet, failures=[failure_dict(f) for f in failures])


def failure_dict(error) -> dict:
    """A file that could not be read as {"path", "status", "reason"} (the FileStatus value and the one-line
    reason), from a DeckError or such a dict; what bulk's JSON lists under "failures" too."""
    if isinstance(error, dict):
        return {"path": str(error["path"]), "status": str(error["status"]), "reason": str(error["reason"])}
    return {"path": error.path or "", "status": str(error.status), "reason": error.reason}
