"""CSV: one row per slide, for spreadsheets."""

from __future__ import annotations

import csv

COLUMNS = ["deck", "index", "tag", "score", "confidence", "title", "hidden", "counted", "status", "words",
           "pictures", "evidence", "text"]


def write(reports, stream, *, color=None, quiet=False) -> None:
    out = csv.writer(stream, lineterminator="\n")
    out.writerow(COLUMNS)
    for r in reports:
        for sr in r.slides:
            s, v = sr.slide, sr.verdict
            out.writerow([
                r.name, s.index, v.tag.value, f"{v.score:.3f}", f"{v.confidence:.3f}", s.title, s.hidden, sr.counted,
                s.status.value, s.words, s.pictures, " | ".join(e.text for e in v.evidence), s.text.replace("\n", " / "),
            ])
