"""Readers: one module per input format, chosen by sniffing the content, never the extension.

Each reader module exposes ``accepts(head: bytes, path: str) -> bool`` (fast, from the first bytes)
and ``read(path: str, options: ReadOptions) -> Deck``. ``read_deck`` asks them in order.
Readers raise DeckError with a typed status; they know nothing about tags.
"""

from __future__ import annotations

import importlib
import os
import stat
from dataclasses import dataclass

from deckaudit.deck import Deck
from deckaudit.errors import DeckError, FileStatus


@dataclass(frozen=True, slots=True)
class ReadOptions:
    notes: bool = True  # read speaker notes
    pdf_engine: str = "auto"  # "auto" (pypdfium2) | "pypdfium2" | "pdfplumber"
    max_slides: int = 10_000  # refuse decks with more slides than this
    boxes: bool = True  # keep shape positions (wireframes, layout facts)
    limits: object | None = None  # ooxml_safety.Limits for the zip pre-flight; None = the defaults
    ocr: str = "auto"  # "auto" (pages/slides with no text) | "always" | "never": see readers/ocr.py


# Order matters: the first module whose accepts() says yes reads the file. Plain text, Markdown
# and email are read only when asked for (``deckaudit text``), so a text file named .pptx is an error.
READERS = ("deckaudit.readers.pptx", "deckaudit.readers.pdf")
HEAD_BYTES = 4096


def _check_path(path: str) -> int:
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise DeckError(FileStatus.NOT_FOUND, "no such file", path) from None
    except PermissionError:
        raise DeckError(FileStatus.UNREADABLE, "permission denied", path) from None
    except OSError as exc:
        raise DeckError(FileStatus.UNREADABLE, exc.strerror or str(exc), path) from None
    if stat.S_ISDIR(st.st_mode):
        raise DeckError(FileStatus.NOT_A_FILE, "is a folder, not a deck (use 'deckaudit bulk' for folders)", path)
    if not stat.S_ISREG(st.st_mode):
        raise DeckError(FileStatus.NOT_A_FILE, "not a regular file", path)
    return st.st_size


def read_head(path: str) -> bytes:
    try:
        with open(path, "rb") as fh:
            return fh.read(HEAD_BYTES)
    except PermissionError:
        raise DeckError(FileStatus.UNREADABLE, "permission denied", path) from None
    except OSError as exc:
        raise DeckError(FileStatus.UNREADABLE, exc.strerror or str(exc), path) from None


def read_deck(path: str | os.PathLike, options: ReadOptions | None = None) -> Deck:
    """Read any supported deck into a Deck, or raise DeckError naming the file and the reason."""
    path = os.fspath(path)
    options = options or ReadOptions()
    size = _check_path(path)
    if size == 0:
        raise DeckError(FileStatus.EMPTY, "zero-byte file", path)
    head = read_head(path)
    for name in READERS:
        module = importlib.import_module(name)
        if module.accepts(head, path):
            try:
                return module.read(path, options)
            except DeckError as exc:
                raise exc.with_path(path)
    raise DeckError(FileStatus.UNSUPPORTED, _describe_unknown(head, path), path)


def _describe_unknown(head: bytes, path: str) -> str:
    from deckaudit.readers.sniff import describe

    return describe(head, path)
