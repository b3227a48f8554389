"""A LibraryReport as a terminal table, JSON or CSV (one row per deck, for spreadsheets and dashboards)."""

from __future__ import annotations

import csv
import json

from deckaudit.renderers.table import _console

CSV_COLUMNS = ["path", "folder", "status", "reason", "slides", "about_us", "about_customer", "neutral", "us_share",
               "first_customer_slide"]


def write_library(lib, fmt: str, stream, *, color=None, quiet=False) -> None:
    if fmt == "json":
        json.dump(lib.to_dict(), stream, ensure_ascii=False, indent=2)
        stream.write("\n")
    elif fmt == "csv":
        out = csv.writer(stream, lineterminator="\n")
        out.writerow(CSV_COLUMNS)
        for d in lib.decks:
            out.writerow(["" if getattr(d, c) is None else getattr(d, c) for c in CSV_COLUMNS])
    elif fmt == "table":
        _table(lib, stream, color, quiet)
    else:
        raise ValueError(f"unknown format {fmt!r}")


def _pct(x) -> str:
    return "—" if x is None else f"{x:.0%}"


def verdict(lib) -> str:
    ok = lib.audited
    share = _pct(lib.us_share)
    over = f" · {len(lib.over_threshold)} over {lib.threshold:.0%}" if lib.threshold is not None else ""
    failed = f" · {len(lib.failures)} could not be read" if lib.failures else ""
    return f"{len(ok)} decks audited · library us-share {share}{over}{failed}"


def _table(lib, stream, color, quiet) -> None:
    from rich.table import Table
    from rich.text import Text

    console = _console(stream, color)
    if quiet:
        stream.write(verdict(lib) + "\n")
        return
    worst = Table(title="Decks most about us", title_justify="left")
    for col, just in (("us-share", "right"), ("about us", "right"), ("customer", "right"), ("slides", "right"), ("deck", "left")):
        worst.add_column(col, justify=just, overflow="fold")
    for d in lib.worst:
        worst.add_row(_pct(d.us_share), str(d.about_us), str(d.about_customer), str(d.slides), d.path)
    console.print(worst)
    if lib.folders:
        folders = Table(title="By folder", title_justify="left")
        for col in ("folder", "decks", "slides", "us-share"):
            folders.add_column(col, justify="left" if col == "folder" else "right")
        for f in lib.folders:
            folders.add_row(f.folder, str(f.decks), str(f.slides), _pct(f.us_share))
        console.print(folders)
    if lib.reused:
        reused = Table(title="About-us slides reused most", title_justify="left")
        reused.add_column("decks", justify="right")
        reused.add_column("slide", overflow="fold")
        for r in lib.reused:
            reused.add_row(str(r.decks), r.title or r.excerpt[:80])
        console.print(reused)
    console.print(Text(verdict(lib), style="bold"))  # the failures themselves go to stderr, one line each
