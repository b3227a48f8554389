"""`deckaudit review PATH...`: audit decks one by one and print a table, JSON, CSV or Markdown."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import List, Optional

import typer

from deckaudit.cli import app
from deckaudit.cli.common import (
    COMPANY, CUSTOMER, EXIT_GATE, EXIT_INPUT, EXIT_OK, INCLUDE_HIDDEN, MODEL, NOTES, PDF_ENGINE, PRODUCT, audit_options,
    check_limits, fail, fail_over_flag, load_config, pick, pick_format, report_error,
)
from deckaudit.errors import DeckError

FORMATS = ("table", "json", "csv", "md")

REVIEW_HELP = """Audit decks: tag every slide about-us, about-customer or neutral, with the evidence.

Examples:

  deckaudit review deck.pptx

  deckaudit review deck.pdf --format json > report.json

  deckaudit review deck.pptx --chart slides.png --company Acme --customer Contoso

  deckaudit review decks/*.pptx --fail-over 0.7 --quiet

Every file written is named on stderr ("wrote PATH"; not with --quiet). A file's suffix must match what
is written: --pdf .pdf, --html .html, --chart .png/.svg, --output .json/.csv/.md/.txt for the --format.
With several decks, --pdf, --html and --chart write one file per deck, the deck's name added to the
stem: --pdf out/r.pdf gives out/r-pitch.pdf, out/r-renewal.pdf; decks sharing a name also get their
extension (r-pitch-pptx.pdf, r-pitch-pdf.pdf), then a number (r-pitch-pptx-2.pdf), so none overwrites
another (--output holds every deck in one file).

Exit codes: 0 ok, 1 a deck's us-share is over --fail-over, 2 usage error or unreadable input (the gate
is still checked and reported for the decks that were read). A deck that could not be read is named on
stderr and, in JSON ("failures"), CSV (a row with "error") and Markdown, in the report too.
Settings also come from [tool.deckaudit] in pyproject.toml or deckaudit.toml; flags win.
"""

# What each file option may be called; a name without a suffix is taken as it is.
SUFFIXES = {"table": (".txt",), "json": (".json",), "csv": (".csv",), "md": (".md", ".markdown"),
            "pdf": (".pdf",), "html": (".html", ".htm"), "chart": (".png", ".svg")}


@app.command(help=REVIEW_HELP)
def review(
    paths: List[Path] = typer.Argument(..., help="PPTX (.pptx .pptm .ppsx .potx) or PDF decks.", show_default=False),
    fmt: Optional[str] = typer.Option(None, "--format", "-f", help="table | json | csv | md  [default: table]"),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write the report to this file instead of stdout (suffix matching --format)."),
    chart: Optional[Path] = typer.Option(None, "--chart", help="Save a per-slide chart (.png or .svg)."),
    pdf: Optional[Path] = typer.Option(None, "--pdf", help="Save a PDF report to forward (.pdf; several decks: one file each, see below)."),
    html: Optional[Path] = typer.Option(None, "--html", help="Save a self-contained HTML report (.html; several decks: one file each)."),
    company: Optional[List[str]] = COMPANY,
    product: Optional[List[str]] = PRODUCT,
    customer: Optional[List[str]] = CUSTOMER,
    include_hidden: Optional[bool] = INCLUDE_HIDDEN,
    notes: Optional[bool] = NOTES,
    fail_over: Optional[str] = typer.Option(
        None, "--fail-over", metavar="SHARE", help="Exit 1 when a deck's us-share is above this (0..1).", show_default=False
    ),
    model: Optional[Path] = MODEL,
    pdf_engine: Optional[str] = PDF_ENGINE,
    ocr: Optional[str] = typer.Option(None, "--ocr", help="OCR pictures of text (Tesseract): auto (only where there is no text) | always | never  [default: auto]"),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print only the verdict line of each deck."),
    debug: bool = typer.Option(False, "--debug", help="Show tracebacks for failures."),
    baseline: Optional[Path] = typer.Option(None, "--baseline", help="Fail only decks worse than this baseline, or new and over --fail-over (docs/ci.md)."),
    update_baseline: bool = typer.Option(False, "--update-baseline", help="With --baseline: lower the entries of decks that improved."),
) -> None:
    from deckaudit.api import audit
    from deckaudit.library.baseline import cli_gate

    config = load_config()
    fmt = pick_format(fmt, config, FORMATS)
    _check_suffix("--chart", chart, SUFFIXES["chart"], empty_ok=False)
    _check_suffix("--pdf", pdf, SUFFIXES["pdf"])
    _check_suffix("--html", html, SUFFIXES["html"])
    _check_suffix("--output", output, SUFFIXES[fmt], what=f"--format {fmt}")
    fail_over = pick(fail_over_flag(fail_over), config, "fail_over")
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

    reports, failures = [], []
    for path in paths:
        try:
            report = audit(path, options)
            if fail_over is not None:  # so every output can say pass/fail
                report.settings["fail_over"] = fail_over
            reports.append(report)
        except DeckError as exc:
            failures.append(exc.with_path(str(path)))
            report_error(exc, debug=debug)
        except Exception as exc:  # a bug of ours must still not print a traceback by default
            failures.append(DeckError("error", f"{type(exc).__name__}: {exc}", str(path)))
            report_error(failures[-1] if not debug else exc, debug=debug)
    failed = len(failures)

    if reports or (failures and fmt != "table"):  # JSON, CSV and Markdown name the failures too
        _emit(reports, fmt, output, quiet, failures)
        if chart is not None:
            _charts(reports, chart, quiet)
        if pdf is not None or html is not None:
            _file_reports(reports, pdf, html, quiet)

    over = []
    if fail_over is not None:  # checked for the decks that were read even when another one failed
        from deckaudit.renderers._format import pct

        over = [r for r in reports if r.summary.us_share is not None and r.summary.us_share > fail_over]
        for r in over:
            print(f"deckaudit: {r.name}: us-share {pct(r.summary.us_share)} is over {pct(fail_over)}", file=sys.stderr)
    code = cli_gate([(r.deck.path, r.summary.us_share) for r in reports], baseline=baseline, update=update_baseline,
                    fail_over=fail_over)
    if failed:  # unreadable input wins: the gate's answer is incomplete without it
        raise typer.Exit(EXIT_INPUT)
    if code is not None:  # a baseline is in play: the ratchet gates instead of --fail-over alone
        raise typer.Exit(code)
    raise typer.Exit(EXIT_GATE if over else EXIT_OK)


def _check_suffix(option: str, path: Path | None, allowed: tuple[str, ...], *, empty_ok: bool = True,
                  what: str = "") -> None:
    """A file name whose suffix says another format than the one written is a usage error."""
    if path is None:
        return
    suffix = path.suffix.lower()
    if (not suffix and empty_ok) or suffix in allowed:
        return
    raise fail(f"{option} {path}: {what or option} writes {' or '.join(allowed)}, not "
               f"{suffix or 'a name without a suffix'}")


def wrote(path, quiet: bool) -> None:
    """Name a written file on stderr (stdout stays the report)."""
    if not quiet:
        print(f"wrote {path}", file=sys.stderr)


def _emit(reports, fmt: str, output: Path | None, quiet: bool, failures=()) -> None:
    from deckaudit import renderers

    if output is None:
        color = None if sys.stdout.isatty() and not os.environ.get("NO_COLOR") else False
        renderers.write(fmt, reports, sys.stdout, color=color, quiet=quiet, failures=failures)
        return
    try:
        with open(output, "w", encoding="utf-8", newline="") as fh:
            renderers.write(fmt, reports, fh, color=False, quiet=quiet, failures=failures)
    except OSError as exc:
        raise fail(f"{output}: cannot write: {exc.strerror or exc}")
    wrote(output, quiet)


def _each_target(reports, target: Path):
    """(deck name, file) per report: the file itself for one deck, FILE-<deck label>.SUFFIX for several."""
    labels = deck_labels([r.name for r in reports])
    for report, label in zip(reports, labels):
        yield report.name, target if len(reports) == 1 else target.with_name(f"{target.stem}-{label}{target.suffix}")


def deck_labels(names: list[str]) -> list[str]:
    """A distinct label per deck for per-deck file names: the file stem ('pitch'); the stem and the extension
    when two decks share a stem ('pitch-pptx', 'pitch-pdf'); a number after that when they still collide
    (the same file name in two folders: 'pitch-pptx', 'pitch-pptx-2'). Compared without case, as macOS and
    Windows file systems do."""
    stems = [Path(n).stem for n in names]
    shared = {s.lower() for s in stems if sum(t.lower() == s.lower() for t in stems) > 1}
    labels = [f"{s}-{Path(n).suffix.lstrip('.').lower()}" if s.lower() in shared and Path(n).suffix else s
              for s, n in zip(stems, names)]
    seen: dict[str, int] = {}
    out = []
    for label in labels:
        n = seen[label.lower()] = seen.get(label.lower(), 0) + 1
        out.append(label if n == 1 else f"{label}-{n}")
    return out


def _file_reports(reports, pdf: Path | None, html: Path | None, quiet: bool) -> None:
    """The PDF and HTML reports of each deck from ONE set of slide pictures and one chart (LibreOffice runs
    once per deck, whatever the number of reports asked for)."""
    from deckaudit.renderers.chart import chart_png_bytes
    from deckaudit.renderers.thumbnails import PICTURE_WIDTH, WIREFRAME_NOTE, picture_method, thumbnails

    told = False
    none = [None] * len(reports)
    pdf_targets = [p for _, p in _each_target(reports, pdf)] if pdf is not None else none
    html_targets = [p for _, p in _each_target(reports, html)] if html is not None else none
    for report, pdf_path, html_path in zip(reports, pdf_targets, html_targets):
        method = picture_method(report.deck)
        if method == "soffice" and not quiet:
            print(f"deckaudit: {report.name}: rendering {len(report.slides)} slide pictures with LibreOffice…",
                  file=sys.stderr)
        elif method == "wireframe" and report.deck.format == "pptx" and not told:
            print(f"deckaudit: {WIREFRAME_NOTE}", file=sys.stderr)
            told = True
        thumbs = thumbnails(report, PICTURE_WIDTH, method=method)
        chart_png = chart_png_bytes(report)
        for path, module in ((pdf_path, "pdf_report"), (html_path, "html_report")):
            if path is None:
                continue
            try:
                if module == "pdf_report":
                    from deckaudit.renderers.pdf_report import save_pdf_report

                    save_pdf_report(report, path, thumbs=thumbs, chart_png=chart_png)
                else:
                    from deckaudit.renderers.html_report import save_html_report

                    save_html_report(report, path, thumbs=thumbs, chart_png=chart_png)
            except OSError as exc:
                raise fail(f"{path}: cannot write: {exc.strerror or exc}")
            wrote(path, quiet)


def _charts(reports, chart: Path, quiet: bool) -> None:
    from deckaudit.renderers.chart import save_chart

    for report, (_, target) in zip(reports, _each_target(reports, chart)):
        try:
            save_chart(report, target)
        except OSError as exc:
            raise fail(f"{target}: cannot write: {exc.strerror or exc}")
        wrote(target, quiet)
