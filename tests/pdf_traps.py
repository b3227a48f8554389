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


# --- content the audience never sees -----------------------------------------------------------------------

def hidden_content_pdf(dst, *, off_layer: str = "Draft note for reviewers", on_layer: str = "Layer that is on",
                       outside: str = "Offstage words", invisible: str = "Invisible OCR words",
                       visible: str = "Customer outcomes") -> "os.PathLike":
    """One 960x540 page, written by hand: visible text; text in an optional-content group that is OFF in the
    default view (/OCProperties /D /OFF); text in a group that is ON; text placed wholly outside the MediaBox;
    and text in render mode 3 (invisible, as OCR'd PDFs carry theirs)."""
    from tests.pdf_fixtures import _assemble

    stream = (b"BT /F1 28 Tf 60 460 Td (" + visible.encode() + b") Tj ET\n"
              b"/OC /oc1 BDC BT /F1 20 Tf 60 300 Td (" + off_layer.encode() + b") Tj ET EMC\n"
              b"/OC /oc2 BDC BT /F1 20 Tf 60 250 Td (" + on_layer.encode() + b") Tj ET EMC\n"
              b"BT /F1 20 Tf 1200 300 Td (" + outside.encode() + b") Tj ET\n"
              b"BT 3 Tr /F1 20 Tf 60 150 Td (" + invisible.encode() + b") Tj ET\n")
    objects = [
        b"<</Type/Catalog/Pages 2 0 R/OCProperties<</OCGs[6 0 R 7 0 R]/D<</ON[7 0 R]/OFF[6 0 R]/Order[6 0 R 7 0 R]>>>>>>",
        b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 960 540]/Contents 4 0 R"
        b"/Resources<</Font<</F1 5 0 R>>/Properties<</oc1 6 0 R/oc2 7 0 R>>>>>>",
        b"<</Length %d>>stream\n" % len(stream) + stream + b"\nendstream",
        b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica/Encoding/WinAnsiEncoding>>",
        b"<</Type/OCG/Name(Review notes)>>",
        b"<</Type/OCG/Name(Shown layer)>>",
    ]
    from pathlib import Path

    Path(dst).write_bytes(_assemble(objects))
    return Path(dst)


# --- glyphs without a Unicode mapping ------------------------------------------------------------------------

LIGATURE_CODES = {"ff": 28, "fi": 29, "fl": 30, "ffi": 31}


def ligature_names_pdf(dst, lines: list[str]) -> "os.PathLike":
    """One page whose ligatures are drawn with glyphs named the AGL way (/f_f_i, /f_i ...) through an
    /Encoding /Differences array and no /ToUnicode: what type designers' fonts and some exporters produce.
    pdfium cannot map these names and hands back the raw codes (U+001C..U+001F), so "offices" comes out as
    "o\\x1fces"; poppler and pdfminer read the names. ``lines`` are plain text; every ff/ffi/fi/fl in them is
    drawn as its ligature glyph."""
    import re
    from pathlib import Path

    from tests.pdf_fixtures import _assemble

    def encode(line: str) -> bytes:
        out = re.sub("ffi|ff|fi|fl", lambda m: chr(LIGATURE_CODES[m.group(0)]), line)
        return out.encode("latin-1").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")

    body = b"".join(b"BT /F1 %d Tf 60 %d Td (%s) Tj ET\n" % (30 if i == 0 else 20, 460 - 40 * i, encode(line))
                    for i, line in enumerate(lines))
    objects = [
        b"<</Type/Catalog/Pages 2 0 R>>", b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 960 540]/Contents 4 0 R/Resources<</Font<</F1 5 0 R>>>>>>",
        b"<</Length %d>>stream\n" % len(body) + body + b"\nendstream",
        b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica/Encoding<</Type/Encoding/BaseEncoding/WinAnsiEncoding"
        b"/Differences[28/f_f 29/f_i 30/f_l 31/f_f_i]>>>>",
    ]
    Path(dst).write_bytes(_assemble(objects))
    return Path(dst)


# --- vertical writing ------------------------------------------------------------------------------------------

def vertical_cjk_page(columns: list[str], heading: str = "", pitch: float = 40, first_x: float = 880):
    """Japanese written top to bottom (tategaki) with the CID font HeiseiMin-W3 in the 'UniJIS-UCS2-V'
    encoding: one column per entry, the first at the right, each next one ``pitch`` points to its left, as
    read. An optional horizontal heading at the top left."""
    def draw(c, w, h):
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.cidfonts import UnicodeCIDFont

        if "HeiseiMin-W3-V" not in pdfmetrics.getRegisteredFontNames():
            font = UnicodeCIDFont("HeiseiMin-W3", isVertical=True)
            font.name = font.fontName = "HeiseiMin-W3-V"  # registered apart from a horizontal HeiseiMin-W3
            pdfmetrics.registerFont(font)
        if heading:
            c.setFont("Helvetica-Bold", 28)
            c.drawString(40, h - 60, heading)
        c.setFont("HeiseiMin-W3-V", 28)
        for i, column in enumerate(columns):
            c.drawString(first_x - pitch * i, h - 40, column)
    return draw


# --- words run together, fake bold -------------------------------------------------------------------------------

GLUE_GAP = 0.15  # the gap between words, in ems: pdfium (Courier) reads no space below ~0.2, poppler one above 0.1


def glued_words_page(title: str, *lines: str, font: str = "Courier", gap: float = GLUE_GAP):
    """A title (28 pt) and body lines (18 pt) drawn one word at a time with a small gap and no space glyph, as
    exporters that place every glyph on its own do: pdfium reads the words of a line run together
    ("You'rerunningadozen..."), poppler's pdftotext and pdfminer read them spaced."""
    def draw(c, w, h):
        for i, (line, size) in enumerate([(title, 28), *((ln, 18) for ln in lines)]):
            x, y = 40, h - 70 - (40 if i else 0) - 30 * i
            for word in line.split():
                c.setFont(font, size)
                c.drawString(x, y, word)
                x += c.stringWidth(word, font, size) + gap * size
    return draw


def fake_bold_page(title: str, line: str):
    """A title, then ``line`` drawn twice, glyph by glyph at the same origins, in Helvetica-Bold and then in
    Helvetica: a "fake bold" that pdfium reads with every character doubled ("(( AAdd bbuuddggeett ))")."""
    def draw(c, w, h):
        c.setFont("Helvetica-Bold", 28)
        c.drawString(40, h - 70, title)
        for font in ("Helvetica-Bold", "Helvetica"):
            x = 40
            for ch in line:
                c.setFont(font, 18)
                c.drawString(x, h - 140, ch)
                x += c.stringWidth(ch, "Helvetica-Bold", 18)
    return draw
