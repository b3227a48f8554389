"""A library audit as a PDF (reportlab): the verdict, the distribution chart, worst decks, folders, reuse, failures."""

from __future__ import annotations

import io
from html import escape

from deckaudit.renderers.library_text import deck_cell, verdict, worst_title


def _pct(x) -> str:
    return "—" if x is None else f"{x:.0%}"


def build_library_pdf(lib) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
    from reportlab.lib.units import mm
    from reportlab.platypus import Image, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    from deckaudit.renderers.library_chart import distribution_png

    styles = getSampleStyleSheet()
    cell = ParagraphStyle("cell", parent=styles["BodyText"], fontSize=7.5, leading=9)

    def table(headers, rows, widths):
        data = [[Paragraph(f"<b>{escape(h)}</b>", cell) for h in headers]]
        data += [[Paragraph(escape(str(c)), cell) for c in r] for r in rows]
        t = Table(data, colWidths=widths, repeatRows=1)
        t.setStyle(TableStyle([("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.HexColor("#cccccc")),
                               ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
        return t

    story = [Paragraph("Slide library audit", styles["Title"]), Paragraph(f"<b>{escape(verdict(lib))}</b>", styles["Heading3"]),
             Spacer(1, 4 * mm), Image(io.BytesIO(distribution_png(lib)), width=175 * mm, height=80 * mm, kind="proportional"),
             Paragraph(escape(worst_title(lib)), styles["Heading2"]),
             table(["us-share", "about us", "customer", "slides", "deck"],
                   [(_pct(d.us_share), d.about_us, d.about_customer, d.slides, deck_cell(d)) for d in lib.worst],
                   [18 * mm, 18 * mm, 18 * mm, 15 * mm, 110 * mm])]
    if lib.folders:
        story += [Paragraph("By folder", styles["Heading2"]),
                  table(["folder", "decks", "slides", "us-share"], [(lib.folder_name(f.folder), f.decks, f.slides, _pct(f.us_share)) for f in lib.folders],
                        [100 * mm, 20 * mm, 20 * mm, 25 * mm])]
    if lib.reused:
        story += [Paragraph("About-us slides reused most", styles["Heading2"]),
                  table(["decks", "slide", "excerpt"], [(r.decks, r.title, r.excerpt) for r in lib.reused], [15 * mm, 50 * mm, 110 * mm])]
    if lib.failures:
        story += [Paragraph("Could not be read", styles["Heading2"]),
                  table(["deck", "status", "reason"], [(d.path, d.status, d.reason) for d in lib.failures], [85 * mm, 25 * mm, 65 * mm])]
    buf = io.BytesIO()
    SimpleDocTemplate(buf, pagesize=A4, title="deckaudit library report", author="deckaudit",
                      leftMargin=15 * mm, rightMargin=15 * mm, topMargin=15 * mm, bottomMargin=15 * mm).build(story)
    return buf.getvalue()


def save_library_pdf(lib, path) -> None:
    data = build_library_pdf(lib)
    with open(path, "wb") as fh:
        fh.write(data)
