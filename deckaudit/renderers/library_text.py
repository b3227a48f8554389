"""A LibraryReport as a terminal table, JSON, CSV (one row per deck, for spreadsheets and dashboards) or
Markdown. The run line says what this run did ("26 decks: 0 audited, 26 unchanged"), the worst decks say how
many they are of ("top 20 of 26"), and the audited root folder is shown by its name."""

from __future__ import annotations

import csv
import json
import os

from deckaudit.renderers.table import _console

CSV_COLUMNS = ["path", "folder", "status", "reason", "slides", "about_us", "about_customer", "neutral", "us_share",
               "first_customer_slide", "ocr_slides"]


def write_library(lib, fmt: str, stream, *, color=None, quiet=False) -> None:
    if fmt == "json":
        json.dump(lib.to_dict(), stream, ensure_ascii=False, indent=2)
        stream.write("\n")
    elif fmt == "csv":
        out = csv.writer(stream, lineterminator="\n")
        out.writerow(CSV_COLUMNS)
        for d in lib.decks:
            out.writerow([_csv_cell(getattr(d, c)) for c in CSV_COLUMNS])
    elif fmt == "table":
        _table(lib, stream, color, quiet)
    elif fmt == "md":
        _markdown(lib, stream, quiet)
    else:
        raise ValueError(f"unknown format {fmt!r}")


def _csv_cell(value):
    """A CSV cell: empty for None, a share with 3 decimals as review's CSV writes it (0.111, 1.000), text
    guarded against spreadsheet formulas as review's CSV guards it (a folder named '=cmd')."""
    from deckaudit.renderers.csv_report import text_cell

    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.3f}"
    return text_cell(value) if isinstance(value, str) else value


def _pct(x) -> str:
    from deckaudit.renderers._format import pct

    return pct(x)


def run_line(lib) -> str:
    """'26 decks: 0 audited, 26 unchanged' (what this run did), '' when the report has no run counts. A deck
    not audited again is "unchanged" when its path held the same file last time, "reused" when it is a new
    path whose bytes were already stored (a copy or a move): '7 decks: 0 audited, 2 unchanged, 5 reused'."""
    run = lib.run or {}
    if "audited" not in run:
        return ""
    reused = run.get("reused", 0)
    parts = [f"{run['audited']} audited", f"{run.get('skipped', 0) - reused} unchanged"]
    if reused:
        parts.append(f"{reused} reused")
    n = run.get("decks", len(lib.decks))
    return f"{n} deck{'s' if n != 1 else ''}: " + ", ".join(parts)


def verdict(lib) -> str:
    """'26 decks: 3 audited, 23 unchanged · library us-share 57% · 4 over 70% · 1 could not be read'."""
    ok = lib.audited
    share = _pct(lib.us_share)
    over = f" · {len(lib.over_threshold)} over {lib.threshold:.0%}" if lib.threshold is not None else ""
    failed = f" · {len(lib.failures)} could not be read" if lib.failures else ""
    head = run_line(lib) or f"{len(ok)} decks audited"
    return f"{head} · library us-share {share}{over}{failed}"


def ocr_note(deck) -> str:
    """'text read by OCR: 3 slides' for a deck some of whose slides OCR read; '' for none or not known."""
    n = getattr(deck, "ocr_slides", None)
    if not n:
        return ""
    return f"text read by OCR: {n} slide{'s' if n != 1 else ''}"


def deck_cell(deck, relative: bool = False) -> str:
    """The deck's path, with the OCR note when OCR read any of its slides ('a/b.pdf · text read by OCR: 2 slides').
    ``relative``: the path below the audited folder ('emea/pitch.pptx'), as the folder table names folders,
    so a terminal table is not filled with the same long prefix wrapped mid-word."""
    path = display_path(deck) if relative else deck.path
    note = ocr_note(deck)
    return f"{path} · {note}" if note else path


def display_path(deck) -> str:
    """The deck's path below the audited folder: its folder there (DeckRow.folder, "." for the top) and its
    file name; the full path when the folder is not a relative one."""
    folder = (deck.folder or ".").replace("\\", "/")
    name = os.path.basename(deck.path)
    if folder == ".":
        return name
    if os.path.isabs(folder) or folder.startswith(".."):
        return deck.path
    return f"{folder}/{name}"


def worst_title(lib) -> str:
    """'Decks most about us (top 20 of 26)'."""
    ranked = len(lib.ranked)
    shown = len(lib.worst)
    if shown < ranked:
        return f"Decks most about us (top {shown} of {ranked})"
    return f"Decks most about us ({ranked})" if ranked else "Decks most about us"


def _table(lib, stream, color, quiet) -> None:
    from rich.table import Table
    from rich.text import Text

    console = _console(stream, color)
    if quiet or not (lib.decks or lib.folders or lib.reused):  # no empty tables: the line says "0 decks", stderr says where none were found
        stream.write(verdict(lib) + "\n")
        return
    worst = Table(title=worst_title(lib), title_justify="left")
    for col, just in (("us-share", "right"), ("about us", "right"), ("customer", "right"), ("slides", "right"), ("deck", "left")):
        worst.add_column(col, justify=just, overflow="fold")
    for d in lib.worst:
        worst.add_row(_pct(d.us_share), str(d.about_us), str(d.about_customer), str(d.slides), deck_cell(d, relative=True))
    console.print(worst)
    if lib.folders:
        folders = Table(title="By folder", title_justify="left")
        for col in ("folder", "decks", "slides", "us-share"):
            folders.add_column(col, justify="left" if col == "folder" else "right", overflow="fold")
        for f in lib.folders:
            folders.add_row(lib.folder_name(f.folder), str(f.decks), str(f.slides), _pct(f.us_share))
        console.print(folders)
    if lib.reused:
        reused = Table(title="About-us slides reused most", title_justify="left")
        reused.add_column("decks", justify="right")
        reused.add_column("slide", overflow="fold")
        for r in lib.reused:
            reused.add_row(str(r.decks), r.title or r.excerpt[:80])
        console.print(reused)
    console.print(Text(verdict(lib), style="bold"))  # the failures themselves go to stderr, one line each


def _md_note(deck) -> str:
    note = ocr_note(deck)  # after the path, never cut off with a long one
    return f" · {note}" if note else ""


def _markdown(lib, stream, quiet) -> None:
    from deckaudit.renderers.markdown import escape

    stream.write(f"# Slide library audit\n\n**{escape(verdict(lib), 400)}**\n")
    if quiet:
        return
    stream.write(f"\n## {escape(worst_title(lib), 200)}\n\n| us-share | about us | customer | slides | deck |\n"
                 "|---:|---:|---:|---:|---|\n")
    for d in lib.worst:
        stream.write(f"| {_pct(d.us_share)} | {d.about_us} | {d.about_customer} | {d.slides} | {escape(d.path, 200)}{_md_note(d)} |\n")
    if lib.folders:
        stream.write("\n## By folder\n\n| folder | decks | slides | us-share |\n|---|---:|---:|---:|\n")
        for f in lib.folders:
            stream.write(f"| {escape(lib.folder_name(f.folder), 200)} | {f.decks} | {f.slides} | {_pct(f.us_share)} |\n")
    if lib.reused:
        stream.write("\n## About-us slides reused most\n\n| decks | slide |\n|---:|---|\n")
        for r in lib.reused:
            stream.write(f"| {r.decks} | {escape(r.title or r.excerpt, 120)} |\n")
    if lib.failures:
        stream.write("\n## Could not be read\n\n| deck | status | reason |\n|---|---|---|\n")
        for d in lib.failures:
            stream.write(f"| {escape(d.path, 200)} | {escape(d.status)} | {escape(d.reason, 200)} |\n")
