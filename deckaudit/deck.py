"""What a reader hands on: a Deck of Slides with their text, notes, alt text, pictures and layout facts.

Readers fill these; nothing here knows about tags. Positions are fractions of the slide size so that
PPTX (EMU) and PDF (points) look the same downstream.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from deckaudit.errors import FileStatus, SlideStatus

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)


def count_words(text: str) -> int:
    return sum(1 for _ in _WORD.finditer(text))


@dataclass(slots=True)
class Box:
    """One shape on a slide, positioned as fractions (0..1) of the slide width and height."""

    kind: str  # "text" | "picture" | "table" | "chart" | "diagram" | "other"
    x: float
    y: float
    w: float
    h: float
    text: str = ""


@dataclass(slots=True)
class Slide:
    index: int  # 1-based, presentation order (sldIdLst for PPTX, page number for PDF)
    title: str = ""
    text: str = ""  # every visible text on the slide, title included, paragraphs joined by "\n"
    notes: str = ""  # speaker notes, kept apart from the slide text
    alt_texts: list[str] = field(default_factory=list)  # picture descriptions (cNvPr/@descr, @title)
    pictures: int = 0  # number of pictures on the slide
    picture_area: float = 0.0  # share of the slide area covered by pictures, 0..1
    section: str = ""  # PowerPoint section name ("About us"), "" when none
    layout: str = ""  # slide layout name ("Title Slide", "Title and Content")
    hidden: bool = False
    status: SlideStatus = SlideStatus.OK
    boilerplate: str = ""  # text that comes from the layout/master (footers, taglines)
    boxes: list[Box] = field(default_factory=list)  # shape positions, for wireframes and layout facts
    # where the text came from: "" the file's own text, "ocr" read by OCR from pictures (nothing else on the
    # slide), "text+ocr" the file's text plus lines OCR found in pictures (--ocr always)
    text_source: str = ""
    hidden_text: str = ""  # text in the file the audience never sees (PDF layers off, outside the page), kept apart

    @property
    def words(self) -> int:
        return count_words(self.text)


@dataclass(slots=True)
class Deck:
    path: str
    format: str  # "pptx" (also .ppt/.key converted by LibreOffice) | "odp" | "pdf" | "text"
    variant: str = ""  # "pptx" "pptm" "ppsx" "potx" "pptx-strict" "ppt-converted" "key-converted" "odp" "otp" "pdf" ...
    slides: list[Slide] = field(default_factory=list)
    title: str = ""  # document metadata title
    author: str = ""
    company: str = ""  # docProps/app.xml <Company>, PDF producer org when known
    aspect: float = 16 / 9  # slide width / height
    layout: str = "slides"  # "slides" | "handout" | "notes-pages"
    engine: str = ""  # which extractor produced the text ("lxml", "pypdfium2", "pdfplumber")
    status: FileStatus = FileStatus.OK
    warnings: list[str] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.slides)
