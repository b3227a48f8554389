"""`deckaudit bulk` and `deckaudit history`: audit a slide library, and follow a deck over time."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import List, Optional

import typer

from deckaudit.cli import app
from deckaudit.cli.common import EXIT_GATE, EXIT_INPUT, audit_options, check_limits, fail, load_config, pick, pick_format
from deckaudit.errors import DeckError

BULK_HELP = """Audit a whole slide library: folders walked, decks recognised by content, in parallel,
stored in SQLite so a re-run audits only what changed.

Examples:

  deckaudit bulk /shared/sales-decks

  deckaudit bulk decks/ --db audit.db --jobs 4 --format json > library.json

  deckaudit bulk decks/ --fail-over 0.8 --quiet        # CI gate: exit 1 when a deck is over 80% about us

  deckaudit bulk decks/ --scheduler tcp://10.0.0.5:8786   # run on a Dask cluster

A .deckauditignore (gitignore syntax) in any folder excludes files below it. Exit codes: 0 ok, 1 a deck is
over --fail-over, 2 some files could not be read (after everything else is finished and stored).
"""


@app.command(help=BULK_HELP)
def bulk(
    paths: List[Path] = typer.Argument(..., help="Folders or decks.", show_default=False),
    db: Path = typer.Option(Path("deckaudit.db"), "--db", help="SQLite store of results and history."),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", min=1, help="Worker processes  [default: all cores]"),
    fmt: Optional[str] = typer.Option(None, "--format", "-f", help="table | json | csv  [default: table]"),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write the results to this file."),
    fail_over: Optional[float] = typer.Option(None, "--fail-over", min=0.0, max=1.0, help="Exit 1 when a deck's us-share is above this."),
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
) -> None:
    from deckaudit.library.bulk import bulk as run_bulk
    from deckaudit.renderers.library_text import write_library

    config = load_config()
    fmt = pick_format(fmt, config, ("table", "json", "csv"))
    fail_over = pick(fail_over, config, "fail_over")
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
    try:
        if output:
            with open(output, "w", encoding="utf-8", newline="") as fh:
                write_library(lib, fmt, fh, color=False, quiet=quiet)
        else:
            write_library(lib, fmt, sys.stdout, color=None if sys.stdout.isatty() else False, quiet=quiet)
        if pdf:
            from deckaudit.renderers.library_pdf import save_library_pdf

            save_library_pdf(lib, pdf)
        if html:
            from deckaudit.renderers.library_html import save_library_html

            save_library_html(lib, html)
    except OSError as exc:
        raise fail(f"cannot write: {exc.strerror or exc}")
    # Always, whatever the format: one line per file, like review. Everything is stored by now.
    for d in lib.failures:
        print(f"deckaudit: {d.path}: {d.status}: {d.reason}", file=sys.stderr)
    for d in lib.over_threshold:
        print(f"deckaudit: {d.path}: us-share {d.us_share:.2f} is over {fail_over:.2f}", file=sys.stderr)
    if lib.failures:  # unreadable files win: the gate's answer is incomplete without them
        raise typer.Exit(EXIT_INPUT)
    if lib.over_threshold:
        raise typer.Exit(EXIT_GATE)


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


HISTORY_HELP = """Show a deck's us-share over the bulk runs that saw it.

Examples:

  deckaudit history decks/pitch.pptx

  deckaudit history decks/pitch.pptx --db audit.db --format json
"""


@app.command(help=HISTORY_HELP)
def history(
    deck: Path = typer.Argument(..., help="The deck, as it was audited.", show_default=False),
    db: Path = typer.Option(Path("deckaudit.db"), "--db", help="The store written by 'deckaudit bulk'."),
    fmt: str = typer.Option("table", "--format", "-f", help="table | json"),
) -> None:
    import datetime as dt

    from deckaudit.library.bulk import history as read_history

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
    if fmt == "json":
        print(json.dumps(rows, indent=2))
        return
    for r in rows:
        when = dt.datetime.fromtimestamp(r["at"]).strftime("%Y-%m-%d %H:%M")
        share = "—" if r["us_share"] is None else f"{r['us_share']:.0%}"
        print(f"{when}  run {r['run_id']:>3}  {r['status']:<12} us-share {share:>5}  "
              f"({r['about_us']} about us, {r['about_customer']} about the customer, {r['slides']} slides)")
