"""`deckaudit bulk` and `deckaudit history`: audit a slide library, and follow a deck over time."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import List, Optional

import typer

from deckaudit.cli import app
from deckaudit.cli.common import (
    EXIT_GATE, EXIT_INPUT, audit_options, check_limits, fail, fail_over_flag, load_config, pick, pick_format,
)
from deckaudit.errors import DeckError

BULK_HELP = """Audit a whole slide library: folders walked, decks recognised by content, in parallel,
stored in SQLite so a re-run audits only what changed.

Examples:

  deckaudit bulk /shared/sales-decks

  deckaudit bulk decks/ --db audit.db --jobs 4 --format json > library.json

  deckaudit bulk decks/ --fail-over 0.8 --quiet        # CI gate: exit 1 when a deck is over 80% about us

  deckaudit bulk decks/ --scheduler tcp://10.0.0.5:8786   # run on a Dask cluster

A .deckauditignore (gitignore syntax) in any folder excludes files below it. Files that cannot be read are
listed on stderr and in the report; they fail the run only with --strict. Every file written is named on
stderr ("wrote PATH"; not with --quiet). Exit codes: 0 ok, 1 a deck is over --fail-over, 2 usage error,
or (with --strict) some files could not be read, after everything else is finished and stored.
"""


@app.command(help=BULK_HELP)
def bulk(
    paths: List[Path] = typer.Argument(..., help="Folders or decks.", show_default=False),
    db: Path = typer.Option(Path("deckaudit.db"), "--db", help="SQLite store of results and history."),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", min=1, help="Worker processes  [default: all cores]"),
    fmt: Optional[str] = typer.Option(None, "--format", "-f", help="table | json | csv | md  [default: table]"),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write the results to this file."),
    fail_over: Optional[str] = typer.Option(None, "--fail-over", metavar="SHARE", help="Exit 1 when a deck's us-share is above this."),
    company: Optional[List[str]] = typer.Option(None, "--company", help="The seller's names."),
    product: Optional[List[str]] = typer.Option(None, "--product", help="The seller's product names."),
    customer: Optional[List[str]] = typer.Option(None, "--customer", help="Customer names."),
    include_hidden: Optional[bool] = typer.Option(None, "--include-hidden/--exclude-hidden", help="Count hidden slides."),
    model: Optional[Path] = typer.Option(None, "--model", help="A model.json made by 'deckaudit train'."),
    timeout: float = typer.Option(60.0, "--timeout", min=1.0, help="Seconds allowed per file."),
    memory_mb: int = typer.Option(2048, "--memory-mb", min=256, help="Memory allowed per worker."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help="A Dask scheduler address to run on."),
    pdf: Optional[Path] = typer.Option(None, "--pdf", help="Also write a PDF report of the library."),
    html: Optional[Path] = typer.Option(None, "--html", help="Also write an HTML report of the library."),
    ocr: Optional[str] = typer.Option(None, "--ocr", help="OCR pictures of text (Tesseract): auto | always | never  [default: auto]"),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar; only the summary line."),
    baseline: Optional[Path] = typer.Option(None, "--baseline", help="Fail only decks worse than this baseline, or new and over --fail-over (docs/ci.md)."),
    write_baseline: Optional[Path] = typer.Option(None, "--write-baseline", help="Record every deck's us-share in this baseline file."),
    update_baseline: bool = typer.Option(False, "--update-baseline", help="With --baseline: lower the entries of decks that improved."),
    top: int = typer.Option(20, "--top", min=1, help="How many of the decks most about us to list."),
    strict: bool = typer.Option(False, "--strict", help="Exit 2 when any file could not be read."),
) -> None:
    from deckaudit.library.baseline import cli_gate
    from deckaudit.library.bulk import bulk as run_bulk
    from deckaudit.renderers.library_text import write_library

    config = load_config()
    fmt = pick_format(fmt, config, ("table", "json", "csv", "md"))
    from deckaudit.cli.review import SUFFIXES, _check_suffix, wrote

    _check_suffix("--output", output, SUFFIXES[fmt], what=f"--format {fmt}")
    _check_suffix("--pdf", pdf, SUFFIXES["pdf"])
    _check_suffix("--html", html, SUFFIXES["html"])
    fail_over = pick(fail_over_flag(fail_over), config, "fail_over")
    for given in paths:  # a typo in a named path is a usage error, said before any work (as review says it)
        if not os.path.exists(given):
            raise fail(f"{given}: not-found: no such file or folder")
    options = audit_options(config, company=company, product=product, customer=customer, include_hidden=include_hidden,
                            model=model, ocr=ocr)
    check_limits(options)
    options = options.with_(extra={**options.extra, "ocr_progress": not quiet})  # workers print OCR progress
    progress, bar = _progress(quiet)
    try:
        lib = run_bulk(paths, db=db, jobs=jobs, options=options, timeout=timeout, memory_mb=memory_mb,
                       fail_over=fail_over, scheduler=scheduler, progress=progress)
    except DeckError as exc:
        raise fail(str(exc))
    except (OSError, RuntimeError) as exc:  # the store cannot be opened, workers cannot start
        raise fail(f"bulk: {exc}")
    except KeyboardInterrupt:
        raise fail(f"bulk: interrupted; every finished deck is stored in {db}, run again to continue", code=130)
    finally:
        if bar is not None:
            bar.stop()
    lib.worst = lib.top(top)
    lib.root = str(paths[0]) if len(paths) == 1 else ""
    try:
        if output:
            with open(output, "w", encoding="utf-8", newline="") as fh:
                write_library(lib, fmt, fh, color=False, quiet=quiet)
            wrote(output, quiet)
        else:
            write_library(lib, fmt, sys.stdout, color=None if sys.stdout.isatty() else False, quiet=quiet)
        if pdf:
            from deckaudit.renderers.library_pdf import save_library_pdf

            save_library_pdf(lib, pdf)
            wrote(pdf, quiet)
        if html:
            from deckaudit.renderers.library_html import save_library_html

            save_library_html(lib, html)
            wrote(html, quiet)
    except OSError as exc:
        raise fail(f"cannot write: {exc.strerror or exc}")
    for folder in _without_decks(paths, lib):
        print(f"deckaudit: {folder}: no decks found there (looked for {', '.join(_shown_extensions())})",
              file=sys.stderr)
    # Always, whatever the format: one line per file, like review. Everything is stored by now.
    for d in lib.failures:
        print(f"deckaudit: {d.path}: {d.status}: {d.reason}", file=sys.stderr)
    code = cli_gate([(d.path, d.us_share) for d in lib.audited], baseline=baseline, write=write_baseline,
                    update=update_baseline, fail_over=fail_over)
    if code is not None:  # a baseline is in play: the ratchet gates instead of --fail-over alone
        raise typer.Exit(EXIT_INPUT if lib.failures and strict else code)
    from deckaudit.renderers._format import pct

    for d in lib.over_threshold:
        print(f"deckaudit: {d.path}: us-share {pct(d.us_share)} is over {pct(fail_over)}", file=sys.stderr)
    if lib.failures and strict:  # asked for: the gate's answer is incomplete without them
        raise typer.Exit(EXIT_INPUT)
    if lib.over_threshold:
        raise typer.Exit(EXIT_GATE)


def _without_decks(paths, lib) -> list:
    """The named folders under which discovery found no file at all (not even one it could not read)."""
    seen = [os.path.abspath(d.path) for d in lib.decks]
    out = []
    for given in paths:
        if os.path.isdir(given):
            root = os.path.join(os.path.abspath(given), "")
            if not any(p.startswith(root) for p in seen):
                out.append(given)
    return out


def _shown_extensions() -> list[str]:
    from deckaudit.library.discover import DECK_EXTENSIONS

    common = [".pptx", ".pdf", ".odp", ".key", ".ppt"]
    return [e for e in common if e in DECK_EXTENSIONS] + (["..."] if len(DECK_EXTENSIONS) > len(common) else [])


def _progress(quiet: bool):
    """A rich progress bar on stderr (decks, slides/s, ETA), only on a terminal and without --quiet."""
    if quiet or not sys.stderr.isatty() or os.environ.get("CI"):
        return None, None
    import time

    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    # rich draws on stdout unless told otherwise, where it would mix with the report (--format json | jq)
    bar = Progress(TextColumn("auditing"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[rate]}"),
                   TimeRemainingColumn(), console=Console(file=sys.stderr), transient=True)
    state = {"task": None, "t0": time.monotonic()}
    bar.start()

    def update(done: int, total: int, slides: int) -> None:
        if state["task"] is None:
            state["task"] = bar.add_task("decks", total=total, rate="")
        rate = slides / max(time.monotonic() - state["t0"], 1e-6)
        bar.update(state["task"], completed=done, rate=f"{rate:,.0f} slides/s")

    return update, bar


HISTORY_HELP = """Show a deck's us-share over the bulk runs that saw it: one row per run, with what changed
since the run before (first audit, unchanged, the deck changed, the share moved, it stopped being readable).

Examples:

  deckaudit history decks/pitch.pptx

  deckaudit history decks/pitch.pptx --db audit.db --format json     # times in ISO 8601 (UTC)
"""


@app.command(help=HISTORY_HELP)
def history(
    deck: Path = typer.Argument(..., help="The deck, as it was audited.", show_default=False),
    db: Path = typer.Option(Path("deckaudit.db"), "--db", help="The store written by 'deckaudit bulk'."),
    fmt: str = typer.Option("table", "--format", "-f", help="table | json"),
) -> None:
    import datetime as dt

    from deckaudit.library.bulk import history as read_history
    from deckaudit.library.summary import iso
    from deckaudit.renderers._format import pct

    if fmt not in ("table", "json"):
        raise fail(f"unknown --format {fmt!r} for history (table | json)")
    if not db.is_file():
        raise fail(f"{db}: not-found: no bulk store here (run 'deckaudit bulk' first, or pass --db)")
    try:
        rows = read_history(db, str(deck))
    except DeckError as exc:
        raise fail(str(exc))
    if not rows:
        raise fail(f"{deck}: not-found: never audited in {db}")
    rows = runs_with_changes(rows)
    if fmt == "json":
        print(json.dumps([{**r, "at": iso(r["at"])} for r in rows], indent=2))
        return
    for r in rows:
        when = dt.datetime.fromtimestamp(r["at"]).strftime("%Y-%m-%d %H:%M")
        counts = (f"({r['about_us']} about us, {r['about_customer']} about the customer, {r['slides']} slides)"
                  if r["status"] == "ok" and r["about_us"] is not None else "(not read)")
        print(f"{when}  run {r['run_id']:>3}  {r['status']:<12} us-share {pct(r['us_share']):>5}  {counts}  "
              f"{r['change']}")


def runs_with_changes(rows: list[dict]) -> list[dict]:
    """One row per run (the last one a run wrote), each with ``change``: what differs from the run before."""
    from deckaudit.renderers._format import pct

    by_run: dict = {}
    for r in rows:
        by_run[r["run_id"]] = r
    out, before = [], None
    for r in sorted(by_run.values(), key=lambda r: (r["at"], r["run_id"])):
        if before is None:
            change = "first audit"
        elif r["status"] != before["status"]:
            change = f"status {before['status']} → {r['status']}"
        elif r["hash"] != before["hash"] or r["us_share"] != before["us_share"]:
            said = "deck changed" if r["hash"] != before["hash"] else "re-audited"
            moved = (f": us-share {pct(before['us_share'])} → {pct(r['us_share'])}"
                     if r["us_share"] != before["us_share"] else ", same us-share")
            counts = (f" ({before['about_us']}→{r['about_us']} about us)" if r["about_us"] != before["about_us"] else "")
            change = said + moved + counts
        else:
            change = "unchanged"
        out.append({**r, "change": change})
        before = r
    return out
