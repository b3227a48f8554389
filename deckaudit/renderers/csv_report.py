"""CSV: one row per slide, for spreadsheets.

Deck text that a spreadsheet would run as a formula (a cell starting with = + - @ or a tab) gets a leading
apostrophe, the usual guard against CSV injection from a hostile deck; numbers are written as numbers.
"""

from __future__ import annotations

import csv

COLUMNS = ["deck", "index", "tag", "score", "confidence", "title", "hidden", "counted", "status", "words",
           "pictures", "evidence", "text"]
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def text_cell(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA_START) else value


def write(reports, stream, *, color=None, quiet=False) -> None:
    out = csv.writer(stream, lineterminator="\n")
    out.writerow(COLUMNS)
    for r in reports:
        for sr in r.slides:
            s, v = sr.slide, sr.verdict
            out.writerow([
                text_cell(r.name), s.index, v.tag.value, f"{v.score:.3f}", f"{v.confidence:.3f}", text_cell(s.title),
                s.hidden, sr.counted, s.status.value, s.words, s.pictures,
                text_cell(" | ".join(e.text for e in v.evidence)), text_cell(s.text.replace("\n", " / ")),
            ])
