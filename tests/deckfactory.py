"""Generated decks for the reader tests: ordinary ones (python-pptx, reportlab) and every trap of
../shared/docs/extraction-pitfalls.md, made by post-processing the zip or the PDF. Nothing here reads
../shared: each test makes what it needs."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

PNG = None


def png() -> bytes:
    global PNG
    if PNG is None:
        from PIL import Image

        buf = io.BytesIO()
        Image.new("RGB", (60, 40), (200, 60, 60)).save(buf, "PNG")
        PNG = buf.getvalue()
    return PNG


# --- PPTX -------------------------------------------------------------------------------------------------

def basic_pptx(path: Path, slides=(("Title one", ["alpha bullet", "beta bullet"]),), notes=None, pictures=None) -> Path:
    from pptx import Presentation
    from pptx.util import Inches

    prs = Presentation()
    for i, (title, bullets) in enumerate(slides, 1):
        s = prs.slides.add_slide(prs.slide_layouts[1])
        s.shapes.title.text = title
        tf = s.placeholders[1].text_frame
        tf.text = bullets[0] if bullets else ""
        for b in bullets[1:]:
            tf.add_paragraph().text = b
        if notes and i in notes:
            s.notes_slide.notes_text_frame.text = notes[i]
        for alt in (pictures or {}).get(i, []):
            pic = s.shapes.add_picture(io.BytesIO(png()), Inches(7), Inches(1), Inches(2), Inches(2))
            pic._element.nvPicPr.cNvPr.set("descr", alt)
    prs.save(path)
    return path


def rich_pptx(path: Path) -> Path:
    """Nested groups, a table, a chart and a picture with alt text: the content python-pptx can write."""
    from pptx import Presentation
    from pptx.chart.data import CategoryChartData
    from pptx.enum.chart import XL_CHART_TYPE
    from pptx.util import Inches

    prs = Presentation()
    s = prs.slides.add_slide(prs.slide_layouts[5])
    s.shapes.title.text = "Grouped things"
    outer = s.shapes.add_group_shape()
    outer.shapes.add_textbox(Inches(1), Inches(2), Inches(2), Inches(1)).text_frame.text = "BOXFIRST"
    inner = outer.shapes.add_group_shape()
    inner.shapes.add_textbox(Inches(4), Inches(2), Inches(2), Inches(1)).text_frame.text = "BOXSECOND"
    innermost = inner.shapes.add_group_shape()
    innermost.shapes.add_textbox(Inches(4), Inches(4), Inches(2), Inches(1)).text_frame.text = "deepest words"

    s2 = prs.slides.add_slide(prs.slide_layouts[5])
    s2.shapes.title.text = "A table"
    table = s2.shapes.add_table(2, 2, Inches(1), Inches(2), Inches(6), Inches(2)).table
    for r in range(2):
        for c in range(2):
            table.cell(r, c).text = f"cell{r}{c}text"

    s3 = prs.slides.add_slide(prs.slide_layouts[5])
    s3.shapes.title.text = "A chart"
    data = CategoryChartData()
    data.categories = ["Northregion", "Southregion"]
    data.add_series("Revenueseries", (1.0, 2.0))
    chart = s3.shapes.add_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, Inches(1), Inches(2), Inches(6), Inches(4), data).chart
    chart.has_title = True
    chart.chart_title.text_frame.text = "Charttitlewords"

    s4 = prs.slides.add_slide(prs.slide_layouts[6])
    pic = s4.shapes.add_picture(io.BytesIO(png()), 0, 0, prs.slide_width // 2, prs.slide_height)
    pic._element.nvPicPr.cNvPr.set("descr", "customer logo wall")
    prs.save(path)
    return path


def rewrite_zip(src: Path, dst: Path, edit=None, add: dict | None = None, drop=()) -> Path:
    """Copy a zip, letting edit(name, bytes) -> bytes change members, and adding members."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            if info.filename in drop:
                continue
            data = zin.read(info.filename)
            if edit:
                data = edit(info.filename, data)
            zout.writestr(info.filename, data)
        for name, data in (add or {}).items():
            zout.writestr(name, data)
    return dst


def with_smartart(src: Path, dst: Path) -> Path:
    """Add a SmartArt graphic frame to slide 1 whose text lives only in ppt/diagrams/data1.xml."""
    data_part = (
        '<dgm:dataModel xmlns:dgm="http://schemas.openxmlformats.org/drawingml/2006/diagram" '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><dgm:ptLst>'
        '<dgm:pt modelId="0" type="doc"><dgm:t><a:p><a:r><a:t>DOCNODE</a:t></a:r></a:p></dgm:t></dgm:pt>'
        '<dgm:pt modelId="1"><dgm:t><a:p><a:r><a:t>SmartNodeOne</a:t></a:r></a:p></dgm:t></dgm:pt>'
        '<dgm:pt modelId="2" type="asst"><dgm:t><a:p><a:r><a:t>SmartAssistant</a:t></a:r></a:p></dgm:t></dgm:pt>'
        '<dgm:pt modelId="3" type="parTrans"><dgm:t><a:p><a:r><a:t>TRANSITION</a:t></a:r></a:p></dgm:t></dgm:pt>'
        "</dgm:ptLst></dgm:dataModel>"
    )
    frame = (
        '<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id="99" name="Diagram"/><p:cNvGraphicFramePr/><p:nvPr/>'
        '</p:nvGraphicFramePr><p:xfrm><a:off x="0" y="0"/><a:ext cx="100" cy="100"/></p:xfrm><a:graphic>'
        '<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/diagram">'
        '<dgm:relIds xmlns:dgm="http://schemas.openxmlformats.org/drawingml/2006/diagram" '
        'r:dm="rIdDm" r:lo="rIdLo" r:qs="rIdQs" r:cs="rIdCs"/></a:graphicData></a:graphic></p:graphicFrame>'
    )
    rel = ('<Relationship Id="rIdDm" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
           'diagramData" Target="../diagrams/data1.xml"/>')

    def edit(name, data):
        if name == "ppt/slides/slide1.xml":
            return data.replace(b"</p:spTree>", frame.encode() + b"</p:spTree>")
        if name == "ppt/slides/_rels/slide1.xml.rels":
            return data.replace(b"</Relationships>", rel.encode() + b"</Relationships>")
        if name == "[Content_Types].xml":
            return data.replace(b"</Types>", b'<Override PartName="/ppt/diagrams/data1.xml" ContentType='
                                b'"application/vnd.openxmlformats-officedocument.drawingml.diagramData+xml"/></Types>')
        return data

    return rewrite_zip(src, dst, edit, add={"ppt/diagrams/data1.xml": data_part})


def notes_as_textbox(src: Path, dst: Path) -> Path:
    """Turn the notes body placeholder of every notes slide into a plain text box (as Google Slides writes)."""
    def edit(name, data):
        if name.startswith("ppt/notesSlides/notesSlide") and name.endswith(".xml"):
            return re.sub(rb'<p:ph type="body"[^>]*/>', b"", data)
        return data

    return rewrite_zip(src, dst, edit)


def hidden_reordered_sectioned(src: Path, dst: Path) -> Path:
    """Slide 2 hidden, the slide list reversed (file names no longer give the order), and two sections."""
    def edit(name, data):
        if name == "ppt/slides/slide2.xml":
            return data.replace(b"<p:sld ", b'<p:sld show="0" ', 1)
        if name == "ppt/presentation.xml":
            ids = re.findall(rb"<p:sldId [^>]*/>", data)
            block = b"".join(reversed(ids))
            data = re.sub(rb"<p:sldIdLst>.*</p:sldIdLst>", b"<p:sldIdLst>" + block + b"</p:sldIdLst>", data, flags=re.S)
            sid = [re.search(rb'id="(\d+)"', i).group(1) for i in ids]
            sections = (
                b'<p:extLst><p:ext uri="{521415D9-36F7-43E2-AB2F-B90AF26B5E84}"><p14:sectionLst '
                b'xmlns:p14="http://schemas.microsoft.com/office/powerpoint/2010/main">'
                b'<p14:section name="About us" id="{A}"><p14:sldIdLst><p14:sldId id="' + sid[-1] + b'"/></p14:sldIdLst></p14:section>'
                b'<p14:section name="Your world" id="{B}"><p14:sldIdLst>'
                + b"".join(b'<p14:sldId id="' + i + b'"/>' for i in sid[:-1])
                + b"</p14:sldIdLst></p14:section></p14:sectionLst></p:ext></p:extLst>"
            )
            return data.replace(b"</p:presentation>", sections + b"</p:presentation>")
        return data

    return rewrite_zip(src, dst, edit)


def with_layout_tagline(src: Path, dst: Path, tagline: str = "LAYOUT_TAGLINE") -> Path:
    sp = (f'<p:sp><p:nvSpPr><p:cNvPr id="90" name="Tagline"/><p:cNvSpPr txBox="1"/><p:nvPr/></p:nvSpPr><p:spPr/>'
          f'<p:txBody><a:bodyPr/><a:p><a:r><a:t>{tagline}</a:t></a:r></a:p></p:txBody></p:sp>').encode()

    def edit(name, data):
        if name == "ppt/slideLayouts/slideLayout2.xml":
            return data.replace(b"</p:spTree>", sp + b"</p:spTree>", 1)
        return data

    return rewrite_zip(src, dst, edit)


def with_content_type(src: Path, dst: Path, content_type: str) -> Path:
    main = b"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"

    def edit(name, data):
        return data.replace(main, content_type.encode()) if name == "[Content_Types].xml" else data

    return rewrite_zip(src, dst, edit)


STRICT = {
    b"http://schemas.openxmlformats.org/presentationml/2006/main": b"http://purl.oclc.org/ooxml/presentationml/main",
    b"http://schemas.openxmlformats.org/drawingml/2006/main": b"http://purl.oclc.org/ooxml/drawingml/main",
    b"http://schemas.openxmlformats.org/officeDocument/2006/relationships": b"http://purl.oclc.org/ooxml/officeDocument/relationships",
}


def to_strict(src: Path, dst: Path) -> Path:
    def edit(name, data):
        if name.endswith((".xml", ".rels")):
            for old, new in STRICT.items():
                data = data.replace(old, new)
        return data

    return rewrite_zip(src, dst, edit)


def with_slide_xml(src: Path, dst: Path, transform) -> Path:
    return rewrite_zip(src, dst, lambda n, d: transform(d) if n == "ppt/slides/slide1.xml" else d)


def zip_bomb(src: Path, dst: Path, size: int = 1024**3) -> Path:
    """A deck with a zero-filled member that inflates to `size` bytes, written in a streaming way."""
    rewrite_zip(src, dst)
    with zipfile.ZipFile(dst, "a", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        with z.open("ppt/media/bomb.bin", "w", force_zip64=True) as fh:
            chunk = b"\0" * (8 * 1024**2)
            for _ in range(size // len(chunk)):
                fh.write(chunk)
    return dst


def big_media(src: Path, dst: Path, size: int = 200 * 1024**2) -> Path:
    """A deck with a large stored (uncompressed) media member that must never be read."""
    import os

    rewrite_zip(src, dst)
    with zipfile.ZipFile(dst, "a", zipfile.ZIP_STORED) as z:
        with z.open("ppt/media/video1.mp4", "w", force_zip64=True) as fh:
            block = os.urandom(1024**2)
            for _ in range(size // len(block)):
                fh.write(block)
    return dst


def duplicate_entry(src: Path, dst: Path) -> Path:
    import warnings

    rewrite_zip(src, dst)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with zipfile.ZipFile(dst, "a") as z:
            z.writestr("ppt/slides/slide1.xml", b"<p:sld/>")
    return dst


def many_slides(src: Path, dst: Path, n: int) -> Path:
    """Add clones of slide 1 until the deck has n slides, by editing the package (python-pptx is slow at this)."""
    with zipfile.ZipFile(src) as z:
        parts = {i.filename: z.read(i.filename) for i in z.infolist()}
    slide, rels = parts["ppt/slides/slide1.xml"], parts["ppt/slides/_rels/slide1.xml.rels"]
    rels = re.sub(rb'<Relationship [^>]*notesSlide[^>]*/>', b"", rels)
    pres, prels, ctypes = parts["ppt/presentation.xml"], parts["ppt/_rels/presentation.xml.rels"], parts["[Content_Types].xml"]
    ids, rel_xml, ct_xml = [], [], []
    existing = sum(1 for name in parts if re.fullmatch(r"ppt/slides/slide\d+\.xml", name))
    for k in range(existing + 1, n + 1):
        parts[f"ppt/slides/slide{k}.xml"] = slide
        parts[f"ppt/slides/_rels/slide{k}.xml.rels"] = rels
        ids.append(f'<p:sldId id="{10000 + k}" r:id="rIdX{k}"/>')
        rel_xml.append(f'<Relationship Id="rIdX{k}" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                       f'relationships/slide" Target="slides/slide{k}.xml"/>')
        ct_xml.append(f'<Override PartName="/ppt/slides/slide{k}.xml" ContentType="application/'
                      f'vnd.openxmlformats-officedocument.presentationml.slide+xml"/>')
    parts["ppt/presentation.xml"] = pres.replace(b"</p:sldIdLst>", "".join(ids).encode() + b"</p:sldIdLst>")
    parts["ppt/_rels/presentation.xml.rels"] = prels.replace(b"</Relationships>", "".join(rel_xml).encode() + b"</Relationships>")
    parts["[Content_Types].xml"] = ctypes.replace(b"</Types>", "".join(ct_xml).encode() + b"</Types>")
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return dst


def nested_groups(src: Path, dst: Path, depth: int) -> Path:
    inner = b'<p:sp><p:nvSpPr><p:cNvPr id="5" name="t"/><p:cNvSpPr/><p:nvPr/></p:nvSpPr><p:spPr/><p:txBody><a:bodyPr/><a:p><a:r><a:t>DEEPTEXT</a:t></a:r></a:p></p:txBody></p:sp>'
    grp_open = b'<p:grpSp><p:nvGrpSpPr><p:cNvPr id="6" name="g"/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr/>'
    block = grp_open * depth + inner + b"</p:grpSp>" * depth
    return with_slide_xml(src, dst, lambda d: d.replace(b"</p:spTree>", block + b"</p:spTree>", 1))


def encrypted_pptx(src: Path, dst: Path, password: str = "secret") -> Path:
    from msoffcrypto.format.ooxml import OOXMLFile

    with open(src, "rb") as fin, open(dst, "wb") as fout:
        OOXMLFile(fin).encrypt(password, fout)
    return dst


def fake_legacy_ppt(dst: Path) -> Path:
    """The first bytes of an OLE compound file holding a 'PowerPoint Document' stream (a .ppt)."""
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504
    entry = "PowerPoint Document".encode("utf-16-le").ljust(64, b"\0")
    dst.write_bytes(header + entry + b"\0" * 4000)
    return dst


# --- PDF --------------------------------------------------------------------------------------------------

def pdf(path: Path, pages, size=(960, 540), encrypt=None) -> Path:
    """pages: list of callables taking (canvas, width, height)."""
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=size, invariant=1, encrypt=encrypt)
    for draw in pages:
        if isinstance(draw, tuple):  # (callable, page size)
            draw, psize = draw
            c.setPageSize(psize)
        draw(c, *c._pagesize)
        c.showPage()
    c.save()
    return path


def text_page(title: str, *lines: str, font=28):
    def draw(c, w, h):
        c.setFont("Helvetica-Bold", font)
        c.drawString(40, h - 70, title)
        c.setFont("Helvetica", 16)
        for i, line in enumerate(lines):
            c.drawString(60, h - 130 - 26 * i, line)
    return draw


def image_page(fraction: float = 0.5, with_text: str = ""):
    def draw(c, w, h):
        from reportlab.lib.utils import ImageReader

        c.drawImage(ImageReader(io.BytesIO(png())), 0, 0, w * fraction, h)
        if with_text:
            c.setFont("Helvetica", 18)
            c.drawString(w * 0.6, h / 2, with_text)
    return draw
