"""One self-contained HTML file: inline CSS, images as data: URIs, no network, no JavaScript.

The verdict, the us-share with its range, the seller and customer, the slides whose text OCR read, the three
fixes worth most, the chart, a card per slide coloured by tag (confidence, flags such as "text read by OCR", the
whole text in whole lines with the evidence phrases highlighted, the reasons with their direction) and the
findings quoting their sentences. The date is the report's own ``generated_at``. Deck text is untrusted:
everything is escaped.
"""

from __future__ import annotations

import base64
from html import escape

from deckaudit.renderers._reportparts import (
    slide_flags, tag_label,
    evidence_line, evidence_phrases, findings_by_kind, generated, highlight_spans, ocr_text, parties, quoted,
    share_line, suggestions, text_lines, top_fixes, we_you_line, where,
)

COLORS = {"about-us": "#D55E00", "about-customer": "#009E73", "neutral": "#8a8a8a"}

CSS = """
body{font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;margin:0;background:#f6f6f4;color:#222}
header{background:#fff;padding:28px 40px;border-bottom:1px solid #ddd}
h1{margin:0 0 6px;font-size:22px}.verdict{font-size:20px;font-weight:600;margin:10px 0}
.meta{color:#666;font-size:13px}.gauge{height:14px;background:#e8e8e8;border-radius:7px;max-width:520px;overflow:hidden}
.gauge span{display:block;height:100%;background:#D55E00}
main{padding:24px 40px}.chart img{max-width:100%;background:#fff;border:1px solid #ddd}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(340px,1fr));gap:16px;margin-top:20px}
.card{background:#fff;border:1px solid #ddd;border-left:8px solid #8a8a8a;border-radius:6px;padding:12px 14px}
.card.about-us{border-left-color:#D55E00}.card.about-customer{border-left-color:#009E73}
.card img{width:100%;border:1px solid #eee}.card h3{margin:8px 0 4px;font-size:15px}
.tag{font-weight:700;font-size:12px;text-transform:uppercase;letter-spacing:.04em}
.about-us .tag{color:#D55E00}.about-customer .tag{color:#007a59}.neutral .tag{color:#777}.not-read .tag{color:#999}
.text{white-space:pre-wrap;font-size:13px;color:#333}.text details{margin-top:4px;color:#555}
.share{font-size:15px;margin:8px 0}.parties{font-size:13px;margin:6px 0}.fixes{margin:10px 0;font-size:14px}.fixes ol{margin:4px 0}
q{font-style:italic}.why .toward-about-us::marker{color:#D55E00}.why .toward-about-customer::marker{color:#009E73}
mark{background:#ffe08a;padding:0 1px}.why{font-size:12px;color:#555;margin:6px 0 0;padding-left:16px}
.tip{font-size:12px;background:#fff6ef;border:1px solid #f3d3bd;padding:6px 8px;margin-top:8px;border-radius:4px}
.flag{font-size:11px;color:#a33;margin-left:6px}.findings li{margin:4px 0}
"""


def _data_uri(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def render_html(report, *, thumbs: list[bytes] | None = None, chart_png: bytes | None = None) -> str:
    """The whole page. ``thumbs`` (one PNG per slide) and ``chart_png`` are made here when not given; the
    CLI makes them once per deck and hands them to every report it writes."""
    from deckaudit.renderers.chart import chart_png_bytes
    from deckaudit.renderers.thumbnails import thumbnails

    s = report.summary
    thumbs = thumbs if thumbs is not None else thumbnails(report)
    chart_png = chart_png if chart_png is not None else chart_png_bytes(report)
    tips = suggestions(report)
    share = 0 if s.us_share is None else s.us_share
    verdict = s.verdict.replace(" · " + s.unclassified_text, "") if s.unclassified else s.verdict
    seller, customer = parties(report).split(" · ", 1)
    fixes = top_fixes(report)
    parts = [
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>",
        f"<title>deckaudit: {escape(report.name)}</title><style>{CSS}</style></head><body>",
        f"<header><h1>{escape(report.name)}</h1><div class='verdict' id='verdict'>{escape(verdict)}</div>",
        f"<div class='gauge' title='us-share'><span style='width:{share * 100:.0f}%'></span></div>",
        f"<div class='share' id='share'>{escape(share_line(report))}</div>",
        f"<div class='parties' id='parties'>{escape(seller)}<br>{escape(customer)}</div>",
    ]
    if ocr_text(report):
        parts.append(f"<div class='meta' id='ocr'>{escape(ocr_text(report))}</div>")
    if we_you_line(report):
        parts.append(f"<div class='meta' id='we-you'>{escape(we_you_line(report))}</div>")
    if fixes:
        parts.append("<div class='fixes' id='fixes'><b>" + ("Three fixes worth most" if len(fixes) == 3 else "Fixes worth most")
                     + "</b><ol>" + "".join(f"<li>{escape(f)}</li>" for f in fixes) + "</ol></div>")
    parts += [
        f"<div class='meta'>{escape(report.deck.format.upper())} · audited "
        f"<time id='generated' datetime='{escape(report.generated_at)}'>{escape(generated(report))}</time> · model "
        f"{escape(str(report.model.get('name', '')))} {escape(str(report.model.get('version', '')))}</div></header><main>",
        f"<section class='chart'><img alt='per-slide chart' src='{_data_uri(chart_png)}'></section>",
    ]
    if report.deck.warnings:
        parts.append("<ul>" + "".join(f"<li>warning: {escape(w)}</li>" for w in report.deck.warnings) + "</ul>")
    parts.append("<section class='cards'>")
    for sr, png in zip(report.slides, thumbs + [b""] * (len(report.slides) - len(thumbs))):
        tag = tag_label(sr)  # "not read" for a slide the classifier did not read (no text layer ...)
        css = tag.replace(" ", "-")
        flags = slide_flags(sr)
        flag = "".join(f" <span class='flag'>{escape(f)}</span>" for f in flags)
        phrases = evidence_phrases(sr)
        shown, rest = text_lines(sr.slide.text)

        def lines(ls):
            return "".join("<div class='line'>" + "".join(
                f"<mark>{escape(t)}</mark>" if hl else escape(t) for t, hl in highlight_spans(ln, phrases)) + "</div>"
                for ln in ls)

        text = lines(shown) + (f"<details><summary>{len(rest)} more line{'s' if len(rest) != 1 else ''}</summary>"
                               f"{lines(rest)}</details>" if rest else "")
        why = "".join(f"<li class='toward-{escape(e.toward)}'>{escape(evidence_line(e, s.unit))}</li>" for e in sr.verdict.evidence[:4])
        sure = "" if sr.verdict.unclassified else f" · {sr.verdict.confidence:.0%} sure"
        parts.append(
            f"<article class='card {css}' data-index='{sr.index}' data-tag='{css}' "
            f"data-confidence='{sr.verdict.confidence:.3f}'>"
            + (f"<img alt='slide {sr.index}' src='{_data_uri(png)}'>" if png else "")
            + f"<div><span class='tag'>{sr.index} · {tag}{sure}</span>{flag}</div>"
            f"<h3>{escape(sr.slide.title or '(no title)')}</h3><div class='text'>{text}</div><ul class='why'>{why}</ul>"
            + (f"<div class='tip'>{escape(tips[sr.index])}</div>" if sr.index in tips else "")
            + "</article>"
        )
    parts.append("</section>")
    groups = [(k, fs) for k, fs in findings_by_kind(report) if k != "suggestion"]
    if groups:
        parts.append("<section class='findings' id='findings'><h2>Findings</h2>")
        for kind, fs in groups:
            parts.append(f"<h3>{escape(kind)} ({len(fs)})</h3><ul>")
            for f in fs:
                quote = quoted(f)
                parts.append(f"<li><b>{escape(where(f, s.unit))}</b>: "
                             + (f"<q>{escape(quote.strip('“”'))}</q> — " if quote else "") + f"{escape(f.message)}</li>")
            parts.append("</ul>")
        parts.append("</section>")
    parts.append("</main></body></html>")
    return "".join(parts)


def save_html_report(report, path, *, thumbs: list[bytes] | None = None, chart_png: bytes | None = None) -> None:
    """Write the page to ``path`` (OSError when it cannot be written)."""
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(render_html(report, thumbs=thumbs, chart_png=chart_png))
