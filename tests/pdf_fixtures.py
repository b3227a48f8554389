"""Generated PDF fixtures for the PDF reader tests (reportlab only, no LibreOffice).

A page is a callable ``draw(canvas, width, height)``, or ``(draw, (width, height))`` for a page of its own
size. ``write_pdf`` lays the pages out one after the other. Each trap of the extraction-pitfalls page has a
page maker here: rotation, letter spacing, gaps without space characters, soft hyphens, line-end
hyphenation, ligatures, scans, pictures covering known fractions, notes pages and handouts.
"""

from __future__ import annotations

import io
import os
import struct
import zlib
from pathlib import Path

SLIDE = (960, 540)  # a 16:9 slide in points
PORTRAIT = (595, 842)  # A4, what notes pages and handouts are printed on


def png(width: int = 8, height: int = 8, rgb: tuple[int, int, int] = (200, 60, 40)) -> bytes:
    """A solid-colour PNG made with the standard library."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    row = b"\x00" + bytes(rgb) * width
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(row * height)) + chunk(b"IEND", b""))


def write_pdf(path: Path, pages, size=SLIDE, encrypt=None, title: str = "", author: str = "") -> Path:
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=size, invariant=1, encrypt=encrypt)
    if title:
        c.setTitle(title)
    if author:
        c.setAuthor(author)
    for draw in pages:
        if isinstance(draw, tuple):
            draw, page_size = draw
            c.setPageSize(page_size)
        draw(c, *c._pagesize)
        c.showPage()
    c.save()
    return Path(path)


def text_page(title: str, *lines: str, font: float = 28):
    """A title near the top in a large font, then body lines in 16 pt."""
    def draw(c, w, h):
        c.setFont("Helvetica-Bold", font)
        c.drawString(40, h - 70, title)
        c.setFont("Helvetica", 16)
        for i, line in enumerate(lines):
            c.drawString(60, h - 130 - 26 * i, line)
    return draw


def footer_over_title_page(title: str, footer: str):
    """A small footer line printed above the title (page furniture): the title is still the big line."""
    def draw(c, w, h):
        c.setFont("Helvetica", 9)
        c.drawString(40, h - 20, footer)
        c.setFont("Helvetica-Bold", 30)
        c.drawString(40, h - 90, title)
        c.setFont("Helvetica", 16)
        c.drawString(60, h - 150, "supporting words under the title")
    return draw


def scaled_font_title_page(title: str, body: str):
    """Title drawn with a 1 pt font scaled up by the text matrix, as some exporters do: pdfium's font size
    says 1 for it, so a reader that trusts the font size alone picks the body line."""
    def draw(c, w, h):
        c.saveState()
        c.translate(40, h - 70)
        c.scale(30, 30)
        c.setFont("Helvetica-Bold", 1)
        c.drawString(0, 0, title)
        c.restoreState()
        c.setFont("Helvetica", 16)
        c.drawString(60, h - 140, body)
    return draw


def image_page(fraction: float = 0.5, with_text: str = ""):
    """A picture covering the left `fraction` of the page, full height; optional text to its right."""
    def draw(c, w, h):
        from reportlab.lib.utils import ImageReader

        c.drawImage(ImageReader(io.BytesIO(png())), 0, 0, w * fraction, h)
        if with_text:
            c.setFont("Helvetica", 18)
            c.drawString(w * 0.6, h / 2, with_text)
    return draw


def pictures_page(rects, text: str = "Customer logos"):
    """Pictures at (x, y, w, h) page fractions, y measured from the top; they may overlap or run off the page."""
    def draw(c, w, h):
        from reportlab.lib.utils import ImageReader

        img = ImageReader(io.BytesIO(png()))
        for x, y, rw, rh in rects:
            c.drawImage(img, x * w, h - (y + rh) * h, rw * w, rh * h)
        if text:
            c.setFont("Helvetica-Bold", 24)
            c.drawString(20, h - 30, text)
    return draw


def rotated_page(title: str, body: str):
    """A page carrying /Rotate 90 (a landscape slide stored as a rotated portrait page)."""
    inner = text_page(title, body)

    def draw(c, w, h):
        c.setPageRotation(90)
        inner(c, w, h)
    return draw


def rotated_text_page(text: str):
    """Text drawn rotated by 90 degrees in the content stream."""
    def draw(c, w, h):
        c.saveState()
        c.translate(w / 2, 40)
        c.rotate(90)
        c.setFont("Helvetica-Bold", 24)
        c.drawString(0, 0, text)
        c.restoreState()
    return draw


def letter_spaced_page(heading: str, tracking: float = 6):
    """A heading set with character spacing (Tc), as designers track capitals."""
    def draw(c, w, h):
        t = c.beginText(40, h - 80)
        t.setFont("Helvetica-Bold", 28)
        t.setCharSpace(tracking)
        t.textLine(heading)
        c.drawText(t)
        c.setFont("Helvetica", 16)
        c.drawString(60, h - 150, "Who we work with")
    return draw


def gap_without_space_page(words: list[str], gap: float = 12):
    """Words placed one after another with a visible gap but no space character between them."""
    def draw(c, w, h):
        c.setFont("Helvetica", 20)
        x = 40
        for word in words:
            c.drawString(x, h - 100, word)
            x += c.stringWidth(word, "Helvetica", 20) + gap
    return draw


def hyphenation_page(first: str, second: str, soft: str):
    """Line 1 ends with a hyphen ('out-'), line 2 continues ('standing ...'); a third line carries a soft
    hyphen (U+00AD) inside a word."""
    def draw(c, w, h):
        c.setFont("Helvetica", 16)
        c.drawString(40, h - 100, first)
        c.drawString(40, h - 120, second)
        c.drawString(40, h - 160, soft)
    return draw


def ligature_page(text: str):
    """Text containing ligature code points (U+FB01 'fi', U+FB02 'fl') in a TrueType font that has them."""
    def draw(c, w, h):
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont
        import reportlab

        if "VeraLig" not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont("VeraLig", os.path.join(os.path.dirname(reportlab.__file__), "fonts", "Vera.ttf")))
        c.setFont("VeraLig", 22)
        c.drawString(40, h - 100, text)
    return draw


def notes_page_layout(topics: list[str]):
    """What LibreOffice's notes export gives: the landscape slide pages, then one portrait page per slide
    repeating the slide text and adding the presenter's note."""
    slides = [text_page(f"Slide {t}", f"{t} bullet words here") for t in topics]
    notes = [(text_page(f"Slide {t}", f"{t} bullet words here", f"Presenter note about {t}"), PORTRAIT)
              for t in topics]
    return slides + notes


def handout_page(per_page: int = 6, first: int = 0):
    """A portrait handout page: `per_page` small slide frames (2 columns), each with a title and a bullet."""
    def draw(c, w, h):
        rows = (per_page + 1) // 2
        pitch = (h - 100) / rows
        for i in range(per_page):
            col, row = i % 2, i // 2
            x, y = 50 + col * 260, h - 60 - row * pitch
            c.rect(x, y - pitch * 0.8, 230, pitch * 0.75)
            c.setFont("Helvetica-Bold", 9)
            c.drawString(x + 8, y - 25, f"Slide title {first + i}")
            c.setFont("Helvetica", 6)
            c.drawString(x + 8, y - 45, f"bullet text for slide {first + i}")
    return draw


def blank_page(c, w, h) -> None:
    """Nothing at all on the page."""


# --- broken files -------------------------------------------------------------------------------------------

def truncated(src: Path, dst: Path, keep: int) -> Path:
    dst.write_bytes(src.read_bytes()[:keep])
    return dst


def header_then_garbage(dst: Path) -> Path:
    dst.write_bytes(b"%PDF-1.7\n" + b"\x00garbage" * 200)
    return dst


def zero_pages(dst: Path) -> Path:
    """A structurally valid PDF whose page tree is empty."""
    objects = [b"<</Type/Catalog/Pages 2 0 R>>", b"<</Type/Pages/Kids[]/Count 0>>"]
    dst.write_bytes(_assemble(objects))
    return dst


def _assemble(objects: list[bytes]) -> bytes:
    """Serialise numbered objects with a correct xref table (object 1 is the catalog)."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def raw_pdf(dst: Path, page_dicts: list[bytes], streams: list[bytes], extra: list[bytes] = ()) -> Path:
    """Hand-built PDF: page i has dictionary entries page_dicts[i] and content stream streams[i].
    Extra objects are numbered after the pages and streams (pages start at 3, then the streams)."""
    n = len(page_dicts)
    first_page, first_stream = 3, 3 + n
    kids = b" ".join(b"%d 0 R" % (first_page + i) for i in range(n))
    objects = [b"<</Type/Catalog/Pages 2 0 R>>", b"<</Type/Pages/Kids[%s]/Count %d>>" % (kids, n)]
    for i, entries in enumerate(page_dicts):
        objects.append(b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 960 540]/Contents %d 0 R%s>>"
                       % (first_stream + i, entries))
    for data in streams:
        objects.append(b"<</Length %d>>stream\n" % len(data) + data + b"\nendstream")
    objects.extend(extra)
    dst.write_bytes(_assemble(objects))
    return dst
