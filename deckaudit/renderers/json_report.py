"""JSON: one report as an object, several as an array (schema: docs/report.schema.json)."""

from __future__ import annotations

import json


def write(reports, stream, *, color=None, quiet=False) -> None:
    docs = [r.to_dict() for r in reports]
    json.dump(docs[0] if len(docs) == 1 else docs, stream, ensure_ascii=False, indent=2)
    stream.write("\n")
