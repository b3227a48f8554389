"""An annotated copy of a PPTX deck (python-pptx): a small coloured tag with the tag and its confidence on
each slide ("not read" for a slide that could not be classified), and the evidence and suggestion added to its
speaker notes, with "text read by OCR" when that is where the slide's text came from. The original file is
never written.

Annotating an annotated deck replaces the earlier tag and notes block (marks.py says how both are marked;
the PPTX reader skips them, so an audit never reads its own tags). The tag goes where it covers no existing
shape: the first free spot among the corners, then along the edges, then anywhere; the least covered one
when the slide is full.
"""

from __future__ import annotations

import os

from deckaudit.errors import DeckError, FileStatus
from deckaudit.marks import NOTES_MARK, TAG_DESCR, TAG_NAME, is_own_tag, strip_own_notes
from deckaudit.renderers._reportparts import confidence_text, evidence_line, ocr_note, suggestions

RGB = {"about-us": (0xD5, 0x5E, 0x00), "about-customer": (0x00, 0x9E, 0x73), "neutral": (0x8A, 0x8A, 0x8A)}
TAG_W, TAG_H, MARGIN = 2_250_000, 330_000, 90_000  # EMU
__all__ = ["annotate_deck", "place_tag", "TAG_NAME", "NOTES_MARK"]


def _overlap(a, b) -> int:
    w = min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0])
    h = min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1])
    return w * h if w > 0 and h > 0 else 0


def place_tag(width: int, height: int, shapes: list[tuple[int, int, int, int]],
              size: tuple[int, int] = (TAG_W, TAG_H)) -> tuple[int, int]:
    """(left, top) in EMU for a tag of ``size`` on a ``width`` x ``height`` slide that covers none of
    ``shapes`` (left, top, width, height); the spot covering least when none is free."""
    w, h = size
    right, bottom = max(0, width - w - MARGIN), max(0, height - h - MARGIN)
    spots = [(right, MARGIN), (MARGIN, MARGIN), (right, bottom), (MARGIN, bottom)]
    step_x, step_y = max(1, width // 24), max(1, height // 24)
    spots += [(x, y) for y in (MARGIN, bottom) for x in range(right, MARGIN - 1, -step_x)]
    spots += [(x, y) for y in range(MARGIN, bottom + 1, step_y) for x in range(right, MARGIN - 1, -step_x)]
    best, best_cover = spots[0], None
    for x, y in spots:
        cover = sum(_overlap((x, y, w, h), s) for s in shapes)
        if cover == 0:
            return x, y
        if best_cover is None or cover < best_cover:
            best, best_cover = (x, y), cover
    return best


def _own_tag(shape) -> bool:
    return is_own_tag(shape._element.find(".//{*}cNvPr"))


def annotate_deck(report, out_path) -> None:
    """Write an annotated copy of ``report.deck`` (a PPTX) to ``out_path``. Raises DeckError for a PDF, for
    ``out_path`` being the original, for a deck python-pptx cannot rewrite or one that changed since."""
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
        raise DeckError(FileStatus.UNSUPPORTED, "python-pptx cannot rewrite this deck (a variant it does not open)", src,
                        detail=f"python-pptx: {type(exc).__name__}: {exc}") from None
    tips = suggestions(report)
    slides = list(prs.slides)
    if len(slides) != len(report.slides):
        raise DeckError(FileStatus.CORRUPT, "the deck changed since it was audited", src)
    width, height = prs.slide_width, prs.slide_height
    for slide, sr in zip(slides, report.slides):
        for old in [sh for sh in slide.shapes if _own_tag(sh)]:  # a second run replaces the first
            old._element.getparent().remove(old._element)
        taken = [(sh.left, sh.top, sh.width, sh.height) for sh in slide.shapes
                 if None not in (sh.left, sh.top, sh.width, sh.height)]
        left, top = place_tag(width, height, taken)
        tag = sr.tag.value
        box = slide.shapes.add_textbox(Emu(left), Emu(top), Emu(TAG_W), Emu(TAG_H))
        box.name = TAG_NAME
        box._element.find(".//{*}cNvPr").set("descr", TAG_DESCR)
        box.fill.solid()
        box.fill.fore_color.rgb = RGBColor(*RGB[tag])
        tf = box.text_frame
        tf.text = f"{tag} · not read" if sr.verdict.unclassified else f"{tag} · {sr.verdict.confidence:.0%} sure"
        run = tf.paragraphs[0].runs[0]
        run.font.size, run.font.bold = Pt(12), True
        run.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
        lines = [NOTES_MARK, f"{tag} ({confidence_text(sr.verdict)})"]
        if ocr_note(sr.slide):
            lines.append(f"({ocr_note(sr.slide)})")
        lines += [f"• {evidence_line(e)}" for e in sr.verdict.evidence]
        if sr.index in tips:
            lines.append(f"Suggestion: {tips[sr.index]}")
        notes = slide.notes_slide.notes_text_frame
        existing = strip_own_notes(notes.text)
        notes.text = (existing + "\n\n" if existing.strip() else "") + "\n".join(lines)
    try:
        prs.save(out_path)
    except OSError as exc:
        raise DeckError(FileStatus.UNREADABLE, f"cannot write: {exc.strerror or exc}", os.fspath(out_path)) from None
