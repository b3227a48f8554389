"""Typed outcomes: every file and every slide carries a status; bad input raises DeckError.

A DeckError always knows which file it is about, a status from FileStatus and a one-line
reason a person can act on, in the user's terms ("not a zip archive", "broken XML in 'ppt/slides/slide3.xml'"),
never a library's exception text; that goes in ``detail``, which the CLI shows only with --debug. The CLI
prints ``str(error)`` and exits 2; bulk runs store it.
"""

from __future__ import annotations

from enum import Enum


class FileStatus(str, Enum):
    """What happened to a whole file."""

    OK = "ok"
    EMPTY = "empty"  # no slides, or no slide with any text or picture
    NO_TEXT_LAYER = "no-text-layer"  # a PDF whose pages are pictures only (a scan)
    ENCRYPTED = "encrypted"  # needs a password to open
    CORRUPT = "corrupt"  # truncated or damaged container, broken XML
    UNSUPPORTED = "unsupported"  # a format we do not read (legacy .ppt, .key, plain text named .pptx)
    TOO_LARGE = "too-large"  # over a safety limit (zip bomb, too many entries, too many slides)
    UNSAFE = "unsafe"  # hostile content refused (DTDs, entity tricks)
    NOT_FOUND = "not-found"
    NOT_A_FILE = "not-a-file"  # a folder or a device
    UNREADABLE = "unreadable"  # permission denied or an I/O error
    TIMEOUT = "timeout"  # took longer than the per-file limit (bulk)
    ERROR = "error"  # a bug of ours; the reason says what, --debug shows the traceback

    def __str__(self) -> str:  # so f-strings print "encrypted", not "FileStatus.ENCRYPTED"
        return self.value


class SlideStatus(str, Enum):
    """What the reader could make of one slide or page."""

    OK = "ok"
    EMPTY = "empty"  # no text and no picture
    NO_TEXT_LAYER = "no-text-layer"  # pictures but no characters (scanned page)
    HIDDEN = "hidden"  # <p:sld show="0">: listed, counted only with --include-hidden
    HANDOUT_PAGE = "handout-page"  # a PDF page holding several slides: mapping unreliable
    NOTES_PAGE = "notes-page"  # a PDF notes page repeating a slide plus its notes
    UNREADABLE = "unreadable"  # the slide's own part is broken (bad XML): named, never guessed or counted

    def __str__(self) -> str:
        return self.value


class DeckError(Exception):
    """A file we cannot audit, with a typed status and a one-line reason."""

    def __init__(self, status: FileStatus, reason: str, path: str | None = None, *, detail: str = ""):
        super().__init__(reason)
        self.status = FileStatus(status)
        self.reason = " ".join(str(reason).split())  # one line, always
        self.path = path
        # what the library that failed said ("Namespace prefix p on sld is not defined, line 1, column 7"):
        # for --debug and bug reports, never part of the reason
        self.detail = " ".join(str(detail).split())

    def with_path(self, path: str) -> "DeckError":
        if self.path is None:
            self.path = str(path)
        return self

    def __str__(self) -> str:
        where = f"{self.path}: " if self.path else ""
        return f"{where}{self.status.value}: {self.reason}"
