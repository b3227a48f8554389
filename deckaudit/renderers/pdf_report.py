"""A PDF report a sales-enablement lead can forward (reportlab, pip-only; text stays selectable).

Cover: the verdict, a us-share gauge, where the customer first appears, date and deck name. Then the
per-slide chart, then the slides in groups of four: thumbnail, tag, score, title, evidence, and for each
about-us slide a concrete suggestion built from its evidence.
"""

from __future__ import annotations

import datetime as dt
import io
from html import escape

from deckaudit.renderers._reportparts import suggestions

HEX = {"about-us": "#D55E00", "about-customer": "#009E73", "neutral": "#8a8a8a"}


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


def build_pdf(report, *, thumbs: list[bytes] | None = None, chart_png: bytes | None = None) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
    from reportlab.lib.units import mm
    from reportlab.platypus import Image, PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    from deckaudit.renderers.chart import chart_png_bytes
    from deckaudit.renderers.thumbnails import thumbnails

    thumbs = thumbs if thumbs is not None else thumbnails(report, width=360)
    chart_png = chart_png if chart_png is not None else chart_png_bytes(report)
    tips = suggestions(report)
    s = report.summary
    styles = getSampleStyleSheet()
    body = ParagraphStyle("body", parent=styles["BodyText"], fontSize=8.5, leading=10.5)
    small = ParagraphStyle("small", parent=body, fontSize=7.5, leading=9, textColor=colors.HexColor("#444444"))
    tip = ParagraphStyle("tip", parent=small, backColor=colors.HexColor("#fff3e8"), borderPadding=3)
    story = [
        Paragraph("deckaudit report", styles["Title"]),
        Paragraph(escape(report.name), styles["Heading2"]),
        Spacer(1, 6 * mm),
        Paragraph(f"<b>{escape(s.verdict)}</b>", ParagraphStyle("v", parent=styles["Heading3"], leading=18)),
        Spacer(1, 4 * mm),
        _gauge(s.us_share),
        Spacer(1, 4 * mm),
        Paragraph("The customer first appears on " + (f"slide {s.first_customer_slide} of {s.slides}."
                  if s.first_customer_slide else f"no slide: they never appear in {s.slides} slides."), body),
        Paragraph(f"Audited {dt.date.today().isoformat()} · {escape(report.deck.format.upper())} · "
                  f"model {escape(str(report.model.get('name', '')))} {escape(str(report.model.get('version', '')))}", small),
    ]
    for w in report.deck.warnings:
        story.append(Paragraph(f"warning: {escape(w)}", small))
    late = [f for f in report.findings if f.kind == "late-customer"]
    if late:
        story += [Spacer(1, 4 * mm), Paragraph(f"<b>Narrative:</b> {escape(late[0].message)}", body)]
    story += [Spacer(1, 8 * mm), Image(io.BytesIO(chart_png), width=180 * mm, height=80 * mm, kind="proportional"), PageBreak()]

    rows = []
    for sr, png in zip(report.slides, thumbs + [b""] * (len(report.slides) - len(thumbs))):
        tag = sr.tag.value
        flag = " (hidden, not counted)" if sr.slide.hidden and not sr.counted else ""
        cell = [Paragraph(f"<font color='{HEX[tag]}'><b>{sr.index} · {tag} · {sr.verdict.score:+.2f}</b></font>{flag}", body),
                Paragraph(f"<b>{escape(sr.slide.title or '(no title)')}</b>", body)]
        cell += [Paragraph("• " + escape(e.text), small) for e in sr.verdict.evidence[:4]]
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
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=A4, title=f"deckaudit: {report.name}", author="deckaudit",
                            leftMargin=15 * mm, rightMargin=15 * mm, topMargin=15 * mm, bottomMargin=15 * mm)
    doc.build(story)
    return buf.getvalue()


def save_pdf_report(report, path) -> None:
    data = build_pdf(report)
    with open(path, "wb") as fh:
        fh.write(data)
