"""Generated fixtures for the PDF traps of issue 14: pages whose words are only pixels (OCR), text the audience
never sees (layers off, text outside the page), glyphs without a Unicode mapping (ligatures), vertical CJK.

Each maker returns a page for tests.pdf_fixtures.write_pdf, or writes a whole PDF by hand where reportlab
cannot express the trap.
"""

from __future__ import annotations

import io
import os


def _font(size: int):
    """Vera (shipped with reportlab) at ``size`` pixels, so the fixtures need no system font."""
    import reportlab
    from PIL import ImageFont

    return ImageFont.truetype(os.path.join(os.path.dirname(reportlab.__file__), "fonts", "VeraBd.ttf"), size)


def text_picture(lines: list[str], width: int = 1600, height: int = 900, size: int = 64) -> bytes:
    """A PNG of black words on white, one line per entry: a screenshot of a slide."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    y = 80
    for i, line in enumerate(lines):
        font = _font(size if i else int(size * 1.4))
        draw.text((80, y), line, fill="black", font=font)
        y += int((size if i else size * 1.4) * 1.6)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def image_text_page(lines: list[str]):
    """A page that is one full-page picture of text, with no characters: a scan or a 'flattened' export."""
    data = text_picture(lines)

    def draw(c, w, h):
        from reportlab.lib.utils import ImageReader

        c.drawImage(ImageReader(io.BytesIO(data)), 0, 0, w, h)
    return draw
