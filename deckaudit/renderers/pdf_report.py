"""A PDF report a sales-enablement lead can forward (reportlab, pip-only; text stays selectable).

Cover (read in ten seconds): the verdict, a us-share gauge with the likely range, the slides not read and the
gate, the seller and customer and where they were found, the slides whose text OCR read, the we/you figures and
the deck's three fixes worth most; the report's own date. Then the per-slide chart, the slides in groups of four
(picture, tag and confidence, flags such as "text read by OCR", title, the reasons with their direction, a
rewrite hint for each about-us slide), and every coaching rule's findings, each quoting the sentence it is about.
"""

from __future__ import annotations

import io
from html import escape

from deckaudit.renderers._reportparts import (
    slide_flags, tag_label,
    evidence_line, findings_by_kind, generated, ocr_text, parties, quoted, share_line, suggestions, top_fixes,
    we_you_line, where,
)

HEX = {"about-us": "#D55E00", "about-customer": "#009E73", "neutral": "#8a8a8a", "not read": "#a0a0a0"}


def _gauge(share: float | None, width: float = 360, height: float = 70):
    from reportlab.graphics.shapes import Drawing, Rect, String
    from reportlab.lib import colors

    d = Drawing(width, height)
    d.add(Rect(0, 28, width, 18, fillColor=colors.HexColor("#e6e6e6"), strokeColor=None))
    if share is not None:
        d.add(Rect(0, 28, width * share, 18, fillColor=colors.HexColor(HEX["about-us"]), strokeColor=None))
    for x, label in ((0, "0%"), (width / 2, "50%"), (width, "100%")):
        d.add(String(x, 12, label, fontSize=8, textAnchor="middle" if 0 < x < width else ("start" if x == 0 else "end")))
    d.add(String(0, 52, f"us-share {'—' if share is None else f'{share:.0%}'}", fontSize=11, fontName="Helvetica-Bold"))
    return d


def _styles():
    """reportlab's sample styles in DejaVu Sans (shipped with matplotlib, a core dependency): the standard
    Helvetica has no arrows, so '→ us' would print as a missing glyph. Falls back to Helvetica."""
    import os

    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    styles = getSampleStyleSheet()
    try:
        import matplotlib

        folder = os.path.join(matplotlib.get_data_path(), "fonts", "ttf")
        faces = {"DejaVuSans": "DejaVuSans.ttf", "DejaVuSans-Bold": "DejaVuSans-Bold.ttf",
                 "DejaVuSans-Oblique": "DejaVuSans-Oblique.ttf", "DejaVuSans-BoldOblique": "DejaVuSans-BoldOblique.ttf"}
        for name, file in faces.items():
            if name not in pdfmetrics.getRegisteredFontNames():
                pdfmetrics.registerFont(TTFont(name, os.path.join(folder, file)))
        pdfmetrics.registerFontFamily("DejaVuSans", normal="DejaVuSans", bold="DejaVuSans-Bold",
                                      italic="DejaVuSans-Oblique", boldItalic="DejaVuSans-BoldOblique")
    except Exception:  # noqa: BLE001 - no font file: Helvetica still writes a readable report
        return styles
    for style in styles.byName.values():
        bold = "Bold" in getattr(style, "fontName", "")
        italic = "Oblique" in getattr(style, "fontName", "") or "Italic" in getattr(style, "fontName", "")
        style.fontName = "DejaVuSans" + ("-BoldOblique" if bold and italic else "-Bold" if bold else
                                         "-Oblique" if italic else "")
    return styles


def build_pdf(report, *, thumbs: list[bytes] | None = None, chart_png: bytes | None = None) -> bytes:
    """The PDF as bytes. ``thumbs`` (one PNG per slide) and ``chart_png`` are made here when not given."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Image, PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    from deckaudit.renderers.chart import chart_png_bytes
    from deckaudit.renderers.thumbnails import PICTURE_WIDTH, thumbnails

    thumbs = thumbs if thumbs is not None else thumbnails(report, width=PICTURE_WIDTH)
    chart_png = chart_png if chart_png is not None else chart_png_bytes(report)
    tips = suggestions(report)
    s = report.summary
    styles = _styles()
    body = ParagraphStyle("body", parent=styles["BodyText"], fontSize=8.5, leading=10.5)
    small = ParagraphStyle("small", parent=body, fontSize=7.5, leading=9, textColor=colors.HexColor("#444444"))
    tip = ParagraphStyle("tip", parent=small, backColor=colors.HexColor("#fff3e8"), borderPadding=3)
    cover = ParagraphStyle("cover", parent=body, fontSize=10.5, leading=14)
    fix_style = ParagraphStyle("fix", parent=cover, leftIndent=12, bulletIndent=0)
    verdict = s.verdict.replace(" · " + s.unclassified_text, "") if s.unclassified else s.verdict
    seller, customer = parties(report).split(" · ", 1)
    story = [
        Paragraph("deckaudit report", styles["Title"]),
        Paragraph(escape(report.name), styles["Heading2"]),
        Spacer(1, 4 * mm),
        Paragraph(f"<b>{escape(verdict)}</b>", ParagraphStyle("v", parent=styles["Heading3"], leading=18)),
        Spacer(1, 2 * mm),
        _gauge(s.us_share),
        Paragraph(escape(share_line(report)), cover),
        Spacer(1, 2 * mm),
        Paragraph(escape(seller), cover),
        Paragraph(escape(customer), cover),
    ]
    if ocr_text(report):
        story.append(Paragraph(escape(ocr_text(report)), cover))
    if we_you_line(report):
        story.append(Paragraph(escape(we_you_line(report)), cover))
    fixes = top_fixes(report)
    if fixes:
        story += [Spacer(1, 4 * mm), Paragraph("Three fixes worth most" if len(fixes) == 3 else "Fixes worth most", styles["Heading3"])]
        story += [Paragraph(escape(f), fix_style, bulletText=f"{n}.") for n, f in enumerate(fixes, 1)]
    story += [
        Spacer(1, 4 * mm),
        Paragraph(f"Audited {escape(generated(report))} · {escape(report.deck.format.upper())} · "
                  f"model {escape(str(report.model.get('name', '')))} {escape(str(report.model.get('version', '')))}", small),
    ]
    for w in report.deck.warnings:
        story.append(Paragraph(f"warning: {escape(w)}", small))
    story += [Spacer(1, 4 * mm), Image(io.BytesIO(chart_png), width=180 * mm, height=75 * mm, kind="proportional"),
              PageBreak()]

    rows = []
    for sr, png in zip(report.slides, thumbs + [b""] * (len(report.slides) - len(thumbs))):
        tag = tag_label(sr)  # "not read" for a slide the classifier did not read (no text layer ...)
        flags = slide_flags(sr)
        sure = "" if sr.verdict.unclassified else f" · {sr.verdict.confidence:.0%} sure"
        flag = f" ({escape(', '.join(flags))})" if flags else ""
        cell = [Paragraph(f"<font color='{HEX[tag]}'><b>{sr.index} · {tag}{sure}</b></font>{flag}", body),
                Paragraph(f"<b>{escape(sr.slide.title or '(no title)')}</b>", body)]
        cell += [Paragraph(escape(evidence_line(e, s.unit)), small) for e in sr.verdict.evidence[:4]]
        if sr.index in tips:
            cell.append(Paragraph("Suggestion: " + escape(tips[sr.index]), tip))
        pic = Image(io.BytesIO(png), width=62 * mm, height=35 * mm, kind="proportional") if png else ""
        rows.append([pic, cell])
    for start in range(0, len(rows), 4):
        group = rows[start : start + 4]
        t = Table(group, colWidths=[66 * mm, 110 * mm])
        t.setStyle(TableStyle([
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LINEBELOW", (0, 0), (-1, -1), 0.3, colors.HexColor("#cccccc")),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
        ]))
        story += [Paragraph(f"Slides {start + 1}–{start + len(group)}", styles["Heading3"]), t]
        if start + 4 < len(rows):
            story.append(PageBreak())
    groups = findings_by_kind(report)
    if groups:
        story += [PageBreak(), Paragraph("Findings", styles["Heading2"])]
        for kind, fs in groups:
            story.append(Paragraph(f"{escape(kind)} ({len(fs)})", styles["Heading3"]))
            for f in fs:
                quote = quoted(f)
                said = f"<i>{escape(quote)}</i> — " if quote else ""
                story.append(Paragraph(f"<b>{escape(where(f, s.unit))}</b>: {said}{escape(f.message)}", body))
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=A4, title=f"deckaudit: {report.name}", author="deckaudit",
                            leftMargin=15 * mm, rightMargin=15 * mm, topMargin=15 * mm, bottomMargin=15 * mm)
    doc.build(story)
    return buf.getvalue()


def save_pdf_report(report, path, *, thumbs: list[bytes] | None = None, chart_png: bytes | None = None) -> None:
    """Write the PDF to ``path`` (OSError when it cannot be written)."""
    data = build_pdf(report, thumbs=thumbs, chart_png=chart_png)
    with open(path, "wb") as fh:
        fh.write(data)
