"""What every command shares: settings from config merged under flags, one-line errors, exit codes."""

from __future__ import annotations

import sys
import traceback

import typer

from deckaudit.errors import DeckError

EXIT_OK, EXIT_GATE, EXIT_INPUT = 0, 1, 2


def fail(message: str, *, code: int = EXIT_INPUT) -> "typer.Exit":
    print(f"deckaudit: {message}", file=sys.stderr)
    return typer.Exit(code)


def report_error(exc: BaseException, *, debug: bool) -> None:
    """Print one line for a failed file (the traceback only with --debug)."""
    if debug:
        traceback.print_exception(exc, file=sys.stderr)
    if isinstance(exc, DeckError):
        print(f"deckaudit: {exc}", file=sys.stderr)
    else:
        print(f"deckaudit: error: {type(exc).__name__}: {exc} (rerun with --debug for details)", file=sys.stderr)


def pick(flag, config: dict, key: str, default=None):
    """A flag wins over config, config over the default."""
    if flag is not None:
        return flag
    return config.get(key, default)
