"""Readers: one per input format, chosen by sniffing the content, never the extension.

Each reader is a ``base.Reader`` (its name, the extensions and magic bytes it claims, ``accepts(head, path)``
returning a ``Sniff`` or None, and ``read(path, options, sniff) -> Deck``), registered once in ``registry()``.
``read_deck`` asks them in order and runs ``base.finish`` on the result. Readers raise DeckError with a typed
status; they know nothing about tags.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass

from deckaudit.deck import Deck
from deckaudit.errors import DeckError, FileStatus
from deckaudit.readers.base import Reader, Sniff, finish  # noqa: F401 - the contract, for readers and callers


@dataclass(frozen=True, slots=True)
class ReadOptions:
    notes: bool = True  # read speaker notes
    pdf_engine: str = "auto"  # "auto" (pypdfium2) | "pypdfium2" | "pdfplumber"
    max_slides: int = 10_000  # refuse decks with more slides than this
    boxes: bool = True  # keep shape positions (wireframes, layout facts)
    limits: object | None = None  # ooxml_safety.Limits for the zip pre-flight; None = the defaults
    ocr: str = "auto"  # "auto" (pages/slides with no text) | "always" | "never": see readers/ocr.py


HEAD_BYTES = 4096
_REGISTRY: tuple = ()


def registry() -> tuple:
    """The readers, in the order they are asked: the first whose accepts() returns a Sniff reads the file.
    PPTX first (the common case pays for no other look), then OpenDocument, Keynote, OLE containers
    (legacy .ppt, encrypted OOXML) and PDF. Plain text, Markdown and email are read only when asked for
    (``deckaudit text``), so a text file named .pptx is an error."""
    global _REGISTRY
    if not _REGISTRY:
        from deckaudit.readers.cfb import CfbReader
        from deckaudit.readers.convert import KeynoteReader
        from deckaudit.readers.odp import OdpReader
        from deckaudit.readers.pdf import PdfReader
        from deckaudit.readers.pptx import PptxReader

        _REGISTRY = (PptxReader(), OdpReader(), KeynoteReader(), CfbReader(), PdfReader())
    return _REGISTRY


def deck_extensions() -> frozenset[str]:
    """Every file extension some reader claims (lower-case, with the dot)."""
    return frozenset(ext for reader in registry() for ext in reader.extensions)


def sniff_file(path: str, head: bytes | None = None):
    """The Sniff of the first reader that accepts the file, or None. Close it when done (``with``)."""
    if head is None:
        head = read_head(path)
    for reader in registry():
        found = reader.accepts(head, path)
        if found:
            return found
    return None


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
        if path.rstrip("/\\").lower().endswith(".key"):  # macOS shows a Keynote package folder as one file
            raise DeckError(FileStatus.UNSUPPORTED, "a Keynote package folder; export it from Keynote to PPTX "
                                                    "or PDF, or compress it to a .key zip", path)
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
    found = sniff_file(path, head)
    if found is None:
        raise DeckError(FileStatus.UNSUPPORTED, _describe_unknown(head, path), path)
    with found:
        try:
            return finish(found.reader.read(path, options, found), options)
        except DeckError as exc:
            raise exc.with_path(path)


def _describe_unknown(head: bytes, path: str) -> str:
    from deckaudit.readers.sniff import describe

    return describe(head, path)
