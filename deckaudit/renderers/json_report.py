"""JSON: always one envelope, whatever the number of decks (schema: docs/report.schema.json)::

    {"schema": "deckaudit.reports/1", "generator": "deckaudit X.Y", "reports": [<deckaudit.report/1>, ...]}

A script reads ``doc["reports"]`` the same way for one deck or fifty; each item is one deck's report
(DeckReport.to_dict(), ``"schema": "deckaudit.report/1"``).
"""

from __future__ import annotations

import json

from deckaudit import __version__

SCHEMA = "deckaudit.reports/1"


def document(reports) -> dict:
    """The envelope for a list of DeckReports."""
    return {"schema": SCHEMA, "generator": f"deckaudit {__version__}", "reports": [r.to_dict() for r in reports]}


def write(reports, stream, *, color=None, quiet=False) -> None:
    json.dump(document(reports), stream, ensure_ascii=False, indent=2)
    stream.write("\n")
