"""Slide pictures for the reports, so every report has pictures.

- PDF decks: the pages rendered with pypdfium2.
- PPTX decks: rendered through LibreOffice when `soffice` is on PATH (converted to PDF in a temp folder,
  with a timeout), otherwise a wireframe drawn from the shapes' positions (Slide.boxes): pictures as grey
  boxes, text as lines, tables as grids. The wireframe needs no file at all.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import tempfile

TAG_RGB = {"about-us": (213, 94, 0), "about-customer": (0, 158, 115), "neutral": (153, 153, 153)}
PICTURE_WIDTH = 360  # pixels: one set of pictures serves the PDF (62 mm wide) and the HTML cards
WIREFRAME_NOTE = ("slide pictures are wireframes drawn from the shapes' positions: install LibreOffice "
                  "(soffice; on Debian/Ubuntu 'apt-get install libreoffice-impress') for real ones")


def picture_method(deck) -> str:
    """How the deck's slide pictures will be made: 'pdf' (its pages), 'soffice' (LibreOffice) or 'wireframe'."""
    if deck.format == "pdf":
        return "pdf"
    if deck.format == "pptx" and shutil.which("soffice"):
        return "soffice"
    return "wireframe"


def thumbnails(report, width: int = PICTURE_WIDTH, *, method: str = "auto") -> list[bytes]:
    """One PNG per slide, in order. method: auto | pdf | soffice | wireframe. A soffice run that fails
    falls back to wireframes. Compute them once per deck and hand them to every report that needs them."""
    deck = report.deck
    if method == "auto":
        method = picture_method(deck)
    if method == "pdf":
        return _render_pdf(deck.path, width, len(report.slides))
    if method == "soffice":
        try:
            return _via_soffice(report, width)
        except (OSError, subprocess.SubprocessError, ValueError):
            pass  # LibreOffice failed or timed out: fall back to the wireframe
    return [wireframe(sr.slide, report.deck.aspect, width, sr.tag.value) for sr in report.slides]


def _render_pdf(path: str, width: int, count: int) -> list[bytes]:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(path)
    out = []
    try:
        for i in range(min(len(doc), count)):
            page = doc[i]
            try:
                scale = width / max(page.get_width(), 1)
                img = page.render(scale=scale).to_pil()
                buf = io.BytesIO()
                img.convert("RGB").save(buf, "PNG", optimize=True)
                out.append(buf.getvalue())
            finally:
                page.close()
    finally:
        doc.close()
    return out


def _via_soffice(report, width: int) -> list[bytes]:
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", tmp, report.deck.path],
                       check=True, capture_output=True, timeout=120, env={**os.environ, "HOME": tmp})
        pdf = os.path.join(tmp, os.path.splitext(os.path.basename(report.deck.path))[0] + ".pdf")
        pages = _render_pdf(pdf, width, len(report.slides))
    visible = [sr for sr in report.slides if not sr.slide.hidden]  # LibreOffice drops hidden slides
    if len(pages) != len(visible):
        raise ValueError("page count does not match the slides")
    it = iter(pages)
    return [wireframe(sr.slide, report.deck.aspect, width, sr.tag.value) if sr.slide.hidden else next(it)
            for sr in report.slides]


def wireframe(slide, aspect: float, width: int = 320, tag: str = "neutral") -> bytes:
    from PIL import Image, ImageDraw

    height = max(1, int(width / (aspect or 16 / 9)))
    img = Image.new("RGB", (width, height), (255, 255, 255))
    d = ImageDraw.Draw(img)
    d.rectangle([0, 0, width - 1, height - 1], outline=(190, 190, 190))
    for box in slide.boxes or []:
        x0, y0 = int(box.x * width), int(box.y * height)
        x1, y1 = int((box.x + box.w) * width), int((box.y + box.h) * height)
        if x1 <= x0 or y1 <= y0:
            continue
        if box.kind == "picture":
            d.rectangle([x0, y0, x1, y1], fill=(205, 205, 205), outline=(160, 160, 160))
            d.line([x0, y0, x1, y1], fill=(175, 175, 175))
            d.line([x0, y1, x1, y0], fill=(175, 175, 175))
        elif box.kind in ("table", "chart", "diagram"):
            d.rectangle([x0, y0, x1, y1], outline=(120, 120, 120))
            step = max(4, (y1 - y0) // 4)
            for y in range(y0 + step, y1, step):
                d.line([x0, y, x1, y], fill=(170, 170, 170))
        else:
            lines = max(1, min(8, box.text.count("\n") + 1))
            step = max(3, (y1 - y0) // (lines + 1))
            for k in range(lines):
                y = y0 + step * (k + 1)
                if y < y1:
                    d.line([x0 + 2, y, x0 + int((x1 - x0) * (0.9 if k == 0 else 0.7)), y], fill=(90, 90, 90), width=2 if k == 0 else 1)
    if not slide.boxes and slide.title:  # no geometry (text input): a headline bar
        d.line([width * 0.08, height * 0.2, width * 0.8, height * 0.2], fill=(90, 90, 90), width=3)
    d.rectangle([0, 0, width - 1, 5], fill=TAG_RGB.get(tag, (153, 153, 153)))
    buf = io.BytesIO()
    img.save(buf, "PNG", optimize=True)
    return buf.getvalue()
