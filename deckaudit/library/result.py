"""DeckResult: what auditing one file of a library gives back, from a worker process (or the in-process
path, a Dask worker, or the parent when a file fails before or outside a worker) to the store.

Small and picklable on purpose (never a whole Deck): it crosses a process boundary once per file.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class SlideRow:
    """One slide as the store keeps it (table ``slides``)."""

    index: int  # 1-based slide number
    tag: str  # "about-us" | "about-customer" | "neutral" ...
    score: float  # the verdict's score, rounded to 4 places
    title: str  # at most 200 characters
    excerpt: str  # the first 160 characters of the slide text, whitespace collapsed
    digest: str  # text_digest() of the slide text: finds the same slide across decks ("" for no text)
    evidence: list[str] = field(default_factory=list)  # the display text of the first 3 pieces of evidence
    counted: bool = True  # does the slide enter the deck's ratio?
    # Where the text came from (Slide.text_source): "" the file's own text, "ocr" read by OCR, "text+ocr" the
    # file's text plus what OCR read in its pictures. None: not known (a row stored before schema version 2).
    text_source: str | None = ""

    @property
    def ocr(self) -> bool | None:
        """Was any of the slide's text read by OCR? None when not known."""
        return None if self.text_source is None else bool(self.text_source)

    def __reduce__(self):  # a plain tuple: a quarter of the cost of the slots dataclass's own pickling
        return (SlideRow, (self.index, self.tag, self.score, self.title, self.excerpt, self.digest, self.evidence,
                           self.counted, self.text_source))


@dataclass(slots=True)
class DeckResult:
    """One file's outcome. ``status`` is a FileStatus value ("ok", "timeout", "corrupt", ...); every
    status other than "ok" carries a one-line ``reason`` and no figures. ``size`` is in bytes, ``mtime``
    in seconds since the epoch, ``hash`` the file's blake2b content hash (None when the file was never
    read); ``us_share`` is about-us / (about-us + about-customer), None when both are 0."""

    path: str
    status: str = "ok"
    reason: str = ""
    hash: str | None = None
    size: int = 0
    mtime: float = 0.0
    slides: int = 0
    about_us: int = 0
    about_customer: int = 0
    neutral: int = 0
    us_share: float | None = None
    first_customer_slide: int | None = None
    slide_rows: list[SlideRow] = field(default_factory=list)

    def __reduce__(self):  # a plain tuple (see SlideRow): sent back from a worker once per file
        return (DeckResult, (self.path, self.status, self.reason, self.hash, self.size, self.mtime, self.slides,
                             self.about_us, self.about_customer, self.neutral, self.us_share, self.first_customer_slide,
                             self.slide_rows))

    @classmethod
    def failed(cls, path: str, status, reason: str) -> "DeckResult":
        """A file that gave no figures: ``status`` a FileStatus (or its value), ``reason`` one line."""
        return cls(path=path, status=getattr(status, "value", status), reason=reason)

    @property
    def ok(self) -> bool:
        return self.status == "ok"
