"""CSV: one row per slide, for spreadsheets.

Every row carries its deck's figures as columns (so a filtered or sorted sheet keeps them): the seller and
the customer with where they were found (``seller``, ``customer``, as report.seller.display), the us-share
with its likely range (``us_share``, ``us_share_low``, ``us_share_high``; empty when there is none) and the
gate's answer (``gate``: "pass", "fail" or empty without --fail-over). Per slide: the tag, score, confidence,
``low_confidence``, ``not_read`` (why a slide was not classified: "no-text-layer", "language:de"; empty when
read), ``ocr`` ("text read by OCR", "some text read by OCR"; empty when the text came from the file) and the
evidence in words with its direction ("→ us: company facts 'founded'"), joined by " | ".

A file that could not be read is one row with the deck, its file status in ``status`` ("corrupt",
"not-found" ...) and the reason in ``error`` (empty on slide rows), the slide columns empty.

Deck text that a spreadsheet would run as a formula (a cell starting with = + - @ or a tab) gets a leading
apostrophe, the usual guard against CSV injection from a hostile deck; numbers are written as numbers.
"""

from __future__ import annotations

import csv

from deckaudit.renderers._reportparts import evidence_line, ocr_note

COLUMNS = ["deck", "seller", "customer", "us_share", "us_share_low", "us_share_high", "gate", "index", "tag", "score",
           "confidence", "low_confidence", "not_read", "ocr", "title", "hidden", "counted", "status", "words", "pictures",
           "evidence", "text", "error"]
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def text_cell(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA_START) else value


def _num(x) -> str:
    return "" if x is None else f"{x:.3f}"


def _gate(report) -> str:
    limit, share = report.settings.get("fail_over"), report.summary.us_share
    if limit is None:
        return ""
    return "fail" if share is not None and share > limit else "pass"


def write(reports, stream, *, color=None, quiet=False, failures=()) -> None:
    out = csv.writer(stream, lineterminator="\n")
    out.writerow(COLUMNS)
    for r in reports:
        s = r.summary
        low, high = s.us_share_range or (None, None)
        deck = [text_cell(r.name), text_cell(r.seller.display), text_cell(r.customer.display), _num(s.us_share),
                _num(low), _num(high), _gate(r)]
        for sr in r.slides:
            sl, v = sr.slide, sr.verdict
            out.writerow(deck + [
                sl.index, v.tag.value, f"{v.score:.3f}", f"{v.confidence:.3f}", v.low_confidence, v.unclassified,
                ocr_note(sl),
                text_cell(sl.title), sl.hidden, sr.counted, sl.status.value, sl.words, sl.pictures,
                text_cell(" | ".join(evidence_line(e, s.unit) for e in v.evidence)), text_cell(sl.text.replace("\n", " / ")),
                "",
            ])
    for f in failures:
        row = dict.fromkeys(COLUMNS, "")
        row.update(deck=text_cell(f["path"]), status=f["status"], error=text_cell(f["reason"]))
        out.writerow([row[c] for c in COLUMNS])
