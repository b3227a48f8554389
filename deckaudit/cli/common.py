"""What every command shares: settings from config merged under flags, one-line errors, exit codes."""

from __future__ import annotations

import sys
import traceback

import typer

from deckaudit.errors import DeckError

EXIT_OK, EXIT_GATE, EXIT_INPUT = 0, 1, 2

# The options `review` and `diff` share, declared once (typer reads an option's declaration per command).
COMPANY = typer.Option(None, "--company", help="The seller's company name (repeat or comma-separate).")
PRODUCT = typer.Option(None, "--product", help="The seller's product names.")
CUSTOMER = typer.Option(None, "--customer", help="The customer's names.")
INCLUDE_HIDDEN = typer.Option(
    None, "--include-hidden/--exclude-hidden", help="Count hidden slides in the ratio  [default: exclude]"
)
NOTES = typer.Option(None, "--notes/--no-notes", help="Read speaker notes  [default: notes]")
MODEL = typer.Option(None, "--model", help="A model.json made by 'deckaudit train'.")
PDF_ENGINE = typer.Option(None, "--pdf-engine", help="auto | pypdfium2 | pdfplumber")


def fail(message: str, *, code: int = EXIT_INPUT) -> "typer.Exit":
    print(f"deckaudit: {message}", file=sys.stderr)
    return typer.Exit(code)


def report_error(exc: BaseException, *, debug: bool) -> None:
    """Print one line for a failed file (the traceback only with --debug)."""
    if debug:
        traceback.print_exception(exc, file=sys.stderr)
    if isinstance(exc, DeckError):
        print(f"deckaudit: {exc}", file=sys.stderr)
        if debug and exc.detail:  # the library's own words, kept out of the one line
            print(f"deckaudit: detail: {exc.detail}", file=sys.stderr)
    else:
        print(f"deckaudit: error: {type(exc).__name__}: {exc} (rerun with --debug for details)", file=sys.stderr)


def pick(flag, config: dict, key: str, default=None):
    """A flag wins over config, config over the default."""
    if flag is not None:
        return flag
    return config.get(key, default)


def fail_over_flag(value: str | None) -> float | None:
    """The --fail-over flag as a share from 0 to 1, or a one-line usage error (exit 2) with the same words as
    the config file's check ("must be a number from 0 to 1, not 70 (0.7 means 70%)"). Taken as text, not a
    typer float with min/max, whose error is a multi-line box without the hint."""
    if value is None:
        return None
    from deckaudit.config import _problem

    try:
        number = float(value)
    except ValueError:
        number = None
    if number is not None and number != number:  # NaN compares false with every bound
        number = None
    problem = _problem("fail_over", value if number is None else number)
    if problem:
        raise fail(f"--fail-over: {problem}")
    return number


def load_config() -> dict:
    """Settings from the nearest [tool.deckaudit] / deckaudit.toml; a broken config is a usage error."""
    from deckaudit.config import ConfigError, find_config

    try:
        return find_config()[1]
    except ConfigError as exc:  # one line naming the file and the key; a usage error, never the gate's 1
        raise fail(str(exc))


def pick_format(flag, config: dict, allowed) -> str:
    fmt = pick(flag, config, "format", "table")
    if fmt not in allowed:
        said = "--format" if flag is not None else "format (from the config)"
        raise fail(f"unknown {said} {fmt!r}; choose from {', '.join(allowed)}")
    return fmt


def audit_options(config: dict, *, company=None, product=None, customer=None, include_hidden=None, notes=None,
                  model=None, pdf_engine=None, ocr=None):
    """AuditOptions from flags over config over defaults: the same rules for every command."""
    from deckaudit.api import AuditOptions
    from deckaudit.config import as_names

    return AuditOptions(
        company=as_names(company or config.get("company")),
        product=as_names(product or config.get("product")),
        customer=as_names(customer or config.get("customer")),
        include_hidden=bool(pick(include_hidden, config, "include_hidden", False)),
        notes=bool(pick(notes, config, "notes", True)),
        model=pick(str(model) if model else None, config, "model"),
        pdf_engine=pick(pdf_engine, config, "pdf_engine", "auto"),
        ocr=pick(ocr, config, "ocr", "auto"),
        extra={k: config[k] for k in ("coaching", "limits") if k in config},
    )


def check_limits(options) -> None:
    """Bad [tool.deckaudit.limits] are a usage error for the whole run, said once; so is an unknown OCR mode."""
    from deckaudit.api import read_options
    from deckaudit.readers.ocr import MODES

    if options.ocr not in MODES:
        raise fail(f"unknown --ocr {options.ocr!r}; choose {', '.join(MODES)}")

    try:
        read_options(options)
    except DeckError as exc:
        raise fail(f"[tool.deckaudit.limits]: {exc.reason}")
