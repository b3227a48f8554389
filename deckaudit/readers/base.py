"""The reader contract: what every format reader declares and does, and the deck-finishing steps they share.

A reader is a ``Reader`` subclass registered once in ``deckaudit.readers.REGISTRY``. It declares its
``name``, the ``extensions`` it claims (for bulk discovery and messages) and the ``magic`` byte prefixes it
recognises. ``accepts(head, path)`` looks at the first bytes (and, for containers, the directory) and returns
a ``Sniff`` when the file is its own, else None; ``read(path, options, sniff)`` turns the file into a Deck or
raises DeckError. Whatever accepts() opened travels to read() inside the Sniff (e.g. the open zip, so the
PPTX reader does not parse the zip directory twice); the caller closes the Sniff, which releases anything
read() did not take over.

``finish(deck, options)`` runs after every reader: the checks each reader used to repeat (slide limit, a deck
with no slides, every slide empty, titles on one line).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

from deckaudit.deck import Deck
from deckaudit.errors import DeckError, FileStatus, SlideStatus


@dataclass(slots=True, eq=False)
class Sniff:
    """What a reader's accepts() found, handed to its read(). Truthy; close() releases ``handle``."""

    reader: "Reader"
    path: str
    kind: str = ""  # reader-specific: "ppt", "encrypted", "keynote-iwa" ...
    handle: Any = None  # an open resource (zipfile.ZipFile) read() may take over with take()
    facts: dict = field(default_factory=dict)  # anything else accepts() learnt (identity of the file ...)

    def take(self) -> Any:
        """Hand the open resource over to the caller, who then owns (and closes) it."""
        handle, self.handle = self.handle, None
        return handle

    def close(self) -> None:
        handle, self.handle = self.handle, None
        if handle is not None:
            handle.close()

    def __enter__(self) -> "Sniff":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class Reader:
    """One input format. Subclasses set the class attributes and implement accepts() and read()."""

    name: ClassVar[str] = ""  # "pptx", "pdf", "odp" ...
    extensions: ClassVar[tuple[str, ...]] = ()  # lower-case, with the dot
    magic: ClassVar[tuple[bytes, ...]] = ()  # byte prefixes of the files it may accept

    def accepts(self, head: bytes, path: str) -> Sniff | None:
        """A Sniff when this reader reads the file whose first bytes are ``head``, else None. Fast: at most
        a look at a container's directory. Must not raise for any input."""
        if self.magic and head.startswith(self.magic):
            return Sniff(self, path)
        return None

    def read(self, path: str, options, sniff: Sniff | None = None) -> Deck:
        """The Deck in the file, or DeckError with a typed status. ``sniff`` is what accepts() returned
        (None when called directly: the reader then looks again itself)."""
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name}>"


def check_slide_count(count: int, options, unit: str = "slides") -> None:
    """Refuse a deck over the ReadOptions.max_slides limit before reading its slides."""
    limit = getattr(options, "max_slides", None)
    if limit is not None and count > limit:
        raise DeckError(FileStatus.TOO_LARGE, f"{count:,} {unit} (limit {limit:,})")


def slide_status(text: str, pictures: int, hidden: bool) -> SlideStatus:
    """The status of a slide read from an editable format: hidden, else empty when it has neither text
    nor pictures, else ok."""
    if hidden:
        return SlideStatus.HIDDEN
    if not text and not pictures:
        return SlideStatus.EMPTY
    return SlideStatus.OK


def finish(deck: Deck, options) -> Deck:
    """The steps every reader's deck goes through, in one place: the slide limit (also for decks that come
    from a conversion), a deck without slides, a deck whose slides are all empty, titles on one line,
    warnings once each. Raises DeckError (too-large, empty); returns the same Deck."""
    unit = "pages" if deck.format == "pdf" else "slides"
    if not deck.slides:
        raise DeckError(FileStatus.EMPTY, f"the deck has no {unit}")
    check_slide_count(len(deck.slides), options, unit)
    if all(s.status is SlideStatus.EMPTY for s in deck.slides):
        raise DeckError(FileStatus.EMPTY, f"all {len(deck.slides)} {unit} are empty")
    for s in deck.slides:
        one_line = " ".join(s.title.split())
        if one_line != s.title:
            s.title = one_line
    if len(deck.warnings) > 1:
        deck.warnings = list(dict.fromkeys(deck.warnings))  # a warning said once, in the order first said
    return deck
