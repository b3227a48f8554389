"""Generated OpenDocument presentations (.odp) for the ODP reader tests, written as XML by hand (ODF 1.2/1.3
structure as LibreOffice Impress writes it), so the main tests need no LibreOffice."""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

from tests import deckfactory as df

NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
    'xmlns:xlink="http://www.w3.org/1999/xlink" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
    'xmlns:presentation="urn:oasis:names:tc:opendocument:xmlns:presentation:1.0" '
    'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
    'xmlns:chart="urn:oasis:names:tc:opendocument:xmlns:chart:1.0" '
    'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
    'office:version="1.3"'
)
MIME = b"application/vnd.oasis.opendocument.presentation"


def p(text: str) -> str:
    return f"<text:p>{escape(text)}</text:p>"


def frame(x, y, w, h, inner: str, cls: str | None = None, extra: str = "") -> str:
    c = f' presentation:class="{cls}"' if cls else ""
    return (f'<draw:frame svg:x="{x}cm" svg:y="{y}cm" svg:width="{w}cm" svg:height="{h}cm"{c}{extra}>'
            f"{inner}</draw:frame>")


def title(text: str) -> str:
    return frame(1, 0.6, 26, 2.5, f"<draw:text-box>{p(text)}</draw:text-box>", "title")


def outline(*bullets: str) -> str:
    items = "".join(f"<text:list-item>{p(b)}</text:list-item>" for b in bullets)
    return frame(1, 4, 26, 10, f"<draw:text-box><text:list>{items}</text:list></draw:text-box>", "outline")


def picture(x, y, w, h, name="Pictures/p1.png", alt: str = "", desc: str = "") -> str:
    meta = (f"<svg:title>{escape(alt)}</svg:title>" if alt else "") + (f"<svg:desc>{escape(desc)}</svg:desc>" if desc else "")
    return frame(x, y, w, h, f'<draw:image xlink:href="{name}" xlink:type="simple"/>{meta}')


def notes(text: str) -> str:
    return (f'<presentation:notes><draw:page-thumbnail presentation:class="page"/>'
            f'{frame(2, 13, 17, 12, f"<draw:text-box>{p(text)}</draw:text-box>", "notes")}</presentation:notes>')


def page(*shapes: str, name: str = "", style: str = "dp1", master: str = "Default") -> str:
    return (f'<draw:page draw:name="{name}" draw:style-name="{style}" draw:master-page-name="{master}">'
            + "".join(shapes) + "</draw:page>")


def content_xml(pages, hidden_style: bool = True) -> str:
    styles = ('<style:style style:name="dp1" style:family="drawing-page"><style:drawing-page-properties '
              'presentation:visibility="visible"/></style:style>')
    if hidden_style:
        styles += ('<style:style style:name="dpHidden" style:family="drawing-page"><style:drawing-page-properties '
                   'presentation:visibility="hidden"/></style:style>')
    return (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {NS}>'
            f"<office:automatic-styles>{styles}</office:automatic-styles>"
            f"<office:body><office:presentation>{''.join(pages)}</office:presentation></office:body>"
            "</office:document-content>")


def styles_xml(width="28cm", height="15.75cm", master_text: str = "ACME template tagline") -> str:
    boiler = frame(20, 14.5, 7, 1, f"<draw:text-box>{p(master_text)}</draw:text-box>") if master_text else ""
    return (f'<?xml version="1.0" encoding="UTF-8"?><office:document-styles {NS}>'
            '<office:automatic-styles><style:page-layout style:name="PM1"><style:page-layout-properties '
            f'fo:page-width="{width}" fo:page-height="{height}" style:print-orientation="landscape"/>'
            "</style:page-layout></office:automatic-styles>"
            '<office:master-styles><style:master-page style:name="Default" style:display-name="Title and Content" '
            'style:page-layout-name="PM1" draw:style-name="Mpm1">'
            + frame(1, 0.6, 26, 2.5, "<draw:text-box/>", "title", ' presentation:placeholder="true"') + boiler +
            "</style:master-page></office:master-styles></office:document-styles>")


def meta_xml(title_text="Quarterly pitch", author="Dana Seller") -> str:
    return (f'<?xml version="1.0" encoding="UTF-8"?><office:document-meta {NS}><office:meta>'
            f"<dc:title>{escape(title_text)}</dc:title><meta:initial-creator>{escape(author)}</meta:initial-creator>"
            "</office:meta></office:document-meta>")


def manifest_xml(encrypted: bool = False) -> str:
    enc = ('<manifest:encryption-data manifest:checksum-type="SHA1/1K" manifest:checksum="x">'
           '<manifest:algorithm manifest:algorithm-name="Blowfish CFB" manifest:initialisation-vector="x"/>'
           "</manifest:encryption-data>") if encrypted else ""
    return (f'<?xml version="1.0" encoding="UTF-8"?><manifest:manifest {NS}>'
            f'<manifest:file-entry manifest:full-path="/" manifest:media-type="{MIME.decode()}"/>'
            f'<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml">{enc}'
            "</manifest:file-entry></manifest:manifest>")


def chart_object(title_text: str, series, categories) -> str:
    header = "".join(f"<table:table-cell>{p(s)}</table:table-cell>" for s in series)
    rows = "".join(f"<table:table-row><table:table-cell>{p(c)}</table:table-cell>"
                   + "".join('<table:table-cell office:value-type="float" office:value="1"><text:p>1</text:p>'
                             "</table:table-cell>" for _ in series) + "</table:table-row>" for c in categories)
    return (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {NS}><office:body><office:chart>'
            f'<chart:chart chart:class="chart:bar"><chart:title>{p(title_text)}</chart:title>'
            '<table:table table:name="local-table"><table:table-header-rows><table:table-row>'
            f"<table:table-cell/>{header}</table:table-row></table:table-header-rows>"
            f"<table:table-rows>{rows}</table:table-rows></table:table></chart:chart>"
            "</office:chart></office:body></office:document-content>")


def write_odp(path: Path, pages, *, mime: bytes = MIME, extra: dict | None = None, encrypted: bool = False,
              styles: str | None = None, mimetype_first: bool = True) -> Path:
    """An .odp package: mimetype stored first (as ODF requires), then content, styles, meta, manifest."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        if mimetype_first:
            z.writestr(zipfile.ZipInfo("mimetype"), mime, compress_type=zipfile.ZIP_STORED)
        z.writestr("content.xml", content_xml(pages))
        z.writestr("styles.xml", styles if styles is not None else styles_xml())
        z.writestr("meta.xml", meta_xml())
        z.writestr("META-INF/manifest.xml", manifest_xml(encrypted))
        z.writestr("Pictures/p1.png", df.png())
        for name, data in (extra or {}).items():
            z.writestr(name, data)
        if not mimetype_first:
            z.writestr("mimetype", mime)
    return path


def full_odp(path: Path) -> Path:
    """Every fact the reader gives: titles, bullets, a group, a table with merged cells, a chart, a picture with
    alt text, notes, a hidden slide, a comment that is not slide text, a shape with text, odd spacing."""
    table = (
        '<table:table><table:table-column table:number-columns-repeated="3"/>'
        '<table:table-row><table:table-cell table:number-columns-spanned="3">' + p("Spanning header")
        + "</table:table-cell><table:covered-table-cell>" + p("COVEREDA") + "</table:covered-table-cell>"
        "<table:covered-table-cell/></table:table-row>"
        '<table:table-row><table:table-cell table:number-rows-spanned="2">' + p("Tall cell") + "</table:table-cell>"
        "<table:table-cell>" + p("r1c1") + "</table:table-cell><table:table-cell>" + p("r1c2") + "</table:table-cell>"
        "</table:table-row><table:table-row><table:covered-table-cell>" + p("COVEREDB") + "</table:covered-table-cell>"
        "<table:table-cell>" + p("r2c1") + "</table:table-cell><table:table-cell>" + p("r2c2") + "</table:table-cell>"
        "</table:table-row></table:table>"
    )
    group = ('<draw:g><draw:custom-shape svg:x="2cm" svg:y="5cm" svg:width="5cm" svg:height="2cm">'
             + p("Grouped shape words") + '<draw:enhanced-geometry draw:type="rectangle"/></draw:custom-shape>'
             '<draw:g>' + frame(9, 5, 5, 2, "<draw:text-box>" + p("Nested group words") + "</draw:text-box>")
             + "</draw:g></draw:g>")
    spaced = ("<draw:text-box><text:p>Our<text:s/>platform<text:s text:c=\"2\"/>saves"
              "<text:tab/>time<text:line-break/>second line"
              "<office:annotation><dc:creator>Rev</dc:creator>" + p("COMMENTNOTREAD") + "</office:annotation>"
              "</text:p></draw:text-box>")
    pages = [
        page(title("Our platform"), outline("our modules", "our roadmap"), frame(1, 12, 20, 2, spaced),
             notes("Say hello first"), name="Cover"),
        page(title("Your goals"), group, name="Goals"),
        page(title("Numbers"), frame(1, 4, 20, 6, table), name="Numbers"),
        page(title("Customer logos"), picture(0, 0, 14, 15.75, alt="customer logo wall", desc="six logos"),
             name="Logos"),
        page(title("Secret appendix"), outline("internal only"), name="Hidden", style="dpHidden"),
        page(title("Revenue chart"), frame(2, 4, 20, 10, '<draw:object xlink:href="./Object 1" xlink:type="simple"/>'
                                            '<draw:image xlink:href="./ObjectReplacements/Object 1"/>'), name="Chart"),
    ]
    extra = {"Object 1/content.xml": chart_object("Revenuechart title", ["Bookingsseries", "Renewalsseries"],
                                                  ["Northregion", "Southregion"])}
    return write_odp(path, pages, extra=extra)


def zip_bomb(path: Path, size: int = 1024**3) -> Path:
    """A valid .odp with a zero-filled picture that inflates to `size` bytes."""
    write_odp(path, [page(title("Bomb"), outline("words"))])
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        with z.open("Pictures/bomb.png", "w", force_zip64=True) as fh:
            chunk = b"\0" * (8 * 1024**2)
            for _ in range(size // len(chunk)):
                fh.write(chunk)
    return path
