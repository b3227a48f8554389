"""`deckaudit review PATH...`: audit decks one by one and print a table, JSON, CSV or Markdown."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import List, Optional

import typer

from deckaudit.cli import app
from deckaudit.cli.common import (
    EXIT_GATE, EXIT_INPUT, EXIT_OK, audit_options, check_limits, fail, load_config, pick, pick_format, report_error,
)
from deckaudit.errors import DeckError

FORMATS = ("table", "json", "csv", "md")

REVIEW_HELP = """Audit decks: tag every slide about-us, about-customer or neutral, with the evidence.

Examples:

  deckaudit review deck.pptx

  deckaudit review deck.pdf --format json > report.json

  deckaudit review deck.pptx --chart slides.png --company Acme --customer Contoso

  deckaudit review decks/*.pptx --fail-over 0.7 --quiet

Exit codes: 0 ok, 1 a deck's us-share is over --fail-over, 2 usage error or unreadable input.
Settings also come from [tool.deckaudit] in pyproject.toml or deckaudit.toml; flags win.
"""


@app.command(help=REVIEW_HELP)
def review(
    paths: List[Path] = typer.Argument(..., help="PPTX (.pptx .pptm .ppsx .potx) or PDF decks.", show_default=False),
    fmt: Optional[str] = typer.Option(None, "--format", "-f", help="table | json | csv | md  [default: table]"),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write the report to this file instead of stdout."),
    chart: Optional[Path] = typer.Option(None, "--chart", help="Save a per-slide chart (.png or .svg)."),
    pdf: Optional[Path] = typer.Option(None, "--pdf", help="Save a PDF report to forward (one deck)."),
    html: Optional[Path] = typer.Option(None, "--html", help="Save a self-contained HTML report (one deck)."),
    company: Optional[List[str]] = typer.Option(None, "--company", help="The seller's company name (repeat or comma-separate)."),
    product: Optional[List[str]] = typer.Option(None, "--product", help="The seller's product names."),
    customer: Optional[List[str]] = typer.Option(None, "--customer", help="The customer's names."),
    include_hidden: Optional[bool] = typer.Option(
        None, "--include-hidden/--exclude-hidden", help="Count hidden slides in the ratio  [default: exclude]"
    ),
    notes: Optional[bool] = typer.Option(None, "--notes/--no-notes", help="Read speaker notes  [default: notes]"),
    fail_over: Optional[float] = typer.Option(
        None, "--fail-over", min=0.0, max=1.0, help="Exit 1 when a deck's us-share is above this (0..1)."
    ),
    model: Optional[Path] = typer.Option(None, "--model", help="A model.json made by 'deckaudit train'."),
    pdf_engine: Optional[str] = typer.Option(None, "--pdf-engine", help="auto | pypdfium2 | pdfplumber"),
    ocr: Optional[str] = typer.Option(None, "--ocr", help="OCR pictures of text (Tesseract): auto (only where there is no text) | always | never  [default: auto]"),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print only the verdict line of each deck."),
    debug: bool = typer.Option(False, "--debug", help="Show tracebacks for failures."),
) -> None:
    from deckaudit.api import audit

    config = load_config()
    fmt = pick_format(fmt, config, FORMATS)
    if chart is not None and chart.suffix.lower() not in (".png", ".svg"):
        raise fail(f"--chart must end in .png or .svg, not {chart.suffix or 'nothing'!r}")
    fail_over = pick(fail_over, config, "fail_over")
    options = audit_options(config, company=company, product=product, customer=customer, include_hidden=include_hidden,
                            notes=notes, model=model, pdf_engine=pdf_engine, ocr=ocr)
    model_path = options.model
    if options.pdf_engine not in ("auto", "pypdfium2", "pdfplumber"):
        raise fail(f"unknown --pdf-engine {options.pdf_engine!r}; choose auto, pypdfium2 or pdfplumber")
    check_limits(options)
    from deckaudit.readers import ocr as ocr_module

    ocr_module.configure(progress=not quiet)  # the progress line and install hint on stderr
    if model_path:
        try:  # a bad model file is a usage error for the whole run, said once
            from deckaudit.classify import load_classifier

            load_classifier(model_path)
        except DeckError as exc:
            raise fail(str(exc))

    reports, failed = [], 0
    for path in paths:
        try:
            reports.append(audit(path, options))
        except DeckError as exc:
            failed += 1
            report_error(exc.with_path(str(path)), debug=debug)
        except Exception as exc:  # a bug of ours must still not print a traceback by default
            failed += 1
            report_error(DeckError("error", f"{type(exc).__name__}: {exc}", str(path)) if not debug else exc, debug=debug)

    if reports:
        _emit(reports, fmt, output, quiet)
        if chart is not None:
            _charts(reports, chart)
        for target, saver in ((pdf, "deckaudit.renderers.pdf_report:save_pdf_report"),
                              (html, "deckaudit.renderers.html_report:save_html_report")):
            if target is not None:
                _reports(reports, target, saver)

    if failed:
        raise typer.Exit(EXIT_INPUT)
    if fail_over is not None:
        over = [r for r in reports if r.summary.us_share is not None and r.summary.us_share > fail_over]
        for r in over:
            print(f"deckaudit: {r.name}: us-share {r.summary.us_share:.2f} is over {fail_over:.2f}", file=sys.stderr)
        if over:
            raise typer.Exit(EXIT_GATE)
    raise typer.Exit(EXIT_OK)


def _emit(reports, fmt: str, output: Path | None, quiet: bool) -> None:
    from deckaudit import renderers

    if output is None:
        color = None if sys.stdout.isatty() and not os.environ.get("NO_COLOR") else False
        renderers.write(fmt, reports, sys.stdout, color=color, quiet=quiet)
        return
    try:
        with open(output, "w", encoding="utf-8", newline="") as fh:
            renderers.write(fmt, reports, fh, color=False, quiet=quiet)
    except OSError as exc:
        raise fail(f"{output}: cannot write: {exc.strerror or exc}")


def _each_target(reports, target: Path):
    for report in reports:
        yield report, target if len(reports) == 1 else target.with_name(f"{target.stem}-{Path(report.name).stem}{target.suffix}")


def _reports(reports, target: Path, saver: str) -> None:
    import importlib

    module, func = saver.split(":")
    save = getattr(importlib.import_module(module), func)
    for report, path in _each_target(reports, target):
        try:
            save(report, path)
        except OSError as exc:
            raise fail(f"{path}: cannot write: {exc.strerror or exc}")


def _charts(reports, chart: Path) -> None:
    from deckaudit.renderers.chart import save_chart

    for report, target in _each_target(reports, chart):
        try:
            save_chart(report, target)
        except OSError as exc:
            raise fail(f"{target}: cannot write: {exc.strerror or exc}")
