"""An annotated copy of a PPTX deck (python-pptx): a small coloured tag with the score on each slide and the
evidence and suggestion added to its speaker notes. The original file is never written."""

from __future__ import annotations

import os

from deckaudit.errors import DeckError, FileStatus
from deckaudit.renderers._reportparts import suggestions

RGB = {"about-us": (0xD5, 0x5E, 0x00), "about-customer": (0x00, 0x9E, 0x73), "neutral": (0x8A, 0x8A, 0x8A)}
TAG_NAME = "deckaudit tag"
NOTES_MARK = "— deckaudit —"


def annotate_deck(report, out_path) -> None:
    from pptx import Presentation
    from pptx.dml.color import RGBColor
    from pptx.util import Emu, Pt

    src = report.deck.path
    if report.deck.format != "pptx":
        raise DeckError(FileStatus.UNSUPPORTED, "annotate needs a PPTX deck (PDF pages cannot carry notes)", src)
    if os.path.abspath(out_path) == os.path.abspath(src):
        raise DeckError(FileStatus.ERROR, "refusing to overwrite the original deck; choose another -o", src)
    try:
        prs = Presentation(src)
    except Exception as exc:  # python-pptx rejects variants the lxml reader accepts (.ppsx, .potx, strict)
        raise DeckError(FileStatus.UNSUPPORTED, f"python-pptx cannot rewrite this deck ({type(exc).__name__})", src) from None
    tips = suggestions(report)
    slides = list(prs.slides)
    if len(slides) != len(report.slides):
        raise DeckError(FileStatus.CORRUPT, "the deck changed since it was audited", src)
    width = prs.slide_width
    for slide, sr in zip(slides, report.slides):
        tag = sr.tag.value
        box = slide.shapes.add_textbox(width - Emu(2_350_000), Emu(90_000), Emu(2_250_000), Emu(330_000))
        box.name = TAG_NAME
        box.fill.solid()
        box.fill.fore_color.rgb = RGBColor(*RGB[tag])
        tf = box.text_frame
        tf.text = f"{tag} {sr.verdict.score:+.2f}"
        run = tf.paragraphs[0].runs[0]
        run.font.size, run.font.bold = Pt(12), True
        run.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
        lines = [NOTES_MARK, f"{tag} (score {sr.verdict.score:+.2f})"]
        lines += [f"• {e.text}" for e in sr.verdict.evidence]
        if sr.index in tips:
            lines.append(f"Suggestion: {tips[sr.index]}")
        notes = slide.notes_slide.notes_text_frame
        existing = notes.text
        notes.text = (existing + "\n\n" if existing.strip() else "") + "\n".join(lines)
    try:
        prs.save(out_path)
    except OSError as exc:
        raise DeckError(FileStatus.UNREADABLE, f"cannot write: {exc.strerror or exc}", os.fspath(out_path)) from None
