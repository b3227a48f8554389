"""JSON: always one envelope, whatever the number of decks (schema: docs/report.schema.json)::

    {"schema": "deckaudit.reports/1", "generator": "deckaudit X.Y", "reports": [<deckaudit.report/1>, ...],
     "failures": [{"path": "...", "status": "corrupt", "reason": "..."}, ...]}

A script reads ``doc["reports"]`` the same way for one deck or fifty; each item is one deck's report
(DeckReport.to_dict(), ``"schema": "deckaudit.report/1"``). ``failures`` lists the files that could not be
read (empty when all were), as bulk's JSON does.
"""

from __future__ import annotations

import json

from deckaudit import __version__

SCHEMA = "deckaudit.reports/1"


def document(reports, failures=()) -> dict:
    """The envelope for a list of DeckReports and the failure dicts of the files that could not be read."""
    return {"schema": SCHEMA, "generator": f"deckaudit {__version__}", "reports": [r.to_dict() for r in reports],
            "failures": [dict(f) for f in failures]}


def write(reports, stream, *, color=None, quiet=False, failures=()) -> None:
    json.dump(document(reports, failures), stream, ensure_ascii=False, indent=2)
    stream.write("\n")
