"""One self-contained HTML file: inline CSS, images as data: URIs, no network, no JavaScript.

The verdict, the chart, and a card per slide coloured by tag with the evidence phrases highlighted in the
slide text. Deck text is untrusted: everything is escaped.
"""

from __future__ import annotations

import base64
import datetime as dt
from html import escape

from deckaudit.renderers._reportparts import evidence_phrases, highlight_spans, suggestions

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
.about-us .tag{color:#D55E00}.about-customer .tag{color:#007a59}.neutral .tag{color:#777}
.text{white-space:pre-wrap;font-size:13px;color:#333;max-height:11em;overflow:hidden}
mark{background:#ffe08a;padding:0 1px}.why{font-size:12px;color:#555;margin:6px 0 0;padding-left:16px}
.tip{font-size:12px;background:#fff6ef;border:1px solid #f3d3bd;padding:6px 8px;margin-top:8px;border-radius:4px}
.flag{font-size:11px;color:#a33;margin-left:6px}.findings li{margin:4px 0}
"""


def _data_uri(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def render_html(report, *, thumbs: list[bytes] | None = None, chart_png: bytes | None = None) -> str:
    from deckaudit.renderers.chart import chart_png_bytes
    from deckaudit.renderers.thumbnails import thumbnails

    s = report.summary
    thumbs = thumbs if thumbs is not None else thumbnails(report)
    chart_png = chart_png if chart_png is not None else chart_png_bytes(report)
    tips = suggestions(report)
    share = 0 if s.us_share is None else s.us_share
    parts = [
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>",
        f"<title>deckaudit: {escape(report.name)}</title><style>{CSS}</style></head><body>",
        f"<header><h1>{escape(report.name)}</h1><div class='verdict' id='verdict'>{escape(s.verdict)}</div>",
        f"<div class='gauge' title='us-share'><span style='width:{share * 100:.0f}%'></span></div>",
        f"<div class='meta'>us-share {'—' if s.us_share is None else f'{s.us_share:.0%}'} · "
        f"{escape(report.deck.format.upper())} · audited {dt.date.today().isoformat()} · model "
        f"{escape(str(report.model.get('name', '')))} {escape(str(report.model.get('version', '')))}</div></header><main>",
        f"<section class='chart'><img alt='per-slide chart' src='{_data_uri(chart_png)}'></section>",
    ]
    if report.deck.warnings:
        parts.append("<ul>" + "".join(f"<li>warning: {escape(w)}</li>" for w in report.deck.warnings) + "</ul>")
    parts.append("<section class='cards'>")
    for sr, png in zip(report.slides, thumbs + [b""] * (len(report.slides) - len(thumbs))):
        tag = sr.tag.value
        flag = " <span class='flag'>hidden</span>" if sr.slide.hidden else ""
        text = "".join(f"<mark>{escape(t)}</mark>" if hl else escape(t)
                       for t, hl in highlight_spans(sr.slide.text, evidence_phrases(sr)))
        why = "".join(f"<li>{escape(e.text)}</li>" for e in sr.verdict.evidence[:4])
        parts.append(
            f"<article class='card {tag}' data-index='{sr.index}' data-tag='{tag}'>"
            + (f"<img alt='slide {sr.index}' src='{_data_uri(png)}'>" if png else "")
            + f"<div><span class='tag'>{sr.index} · {tag} · {sr.verdict.score:+.2f}</span>{flag}</div>"
            f"<h3>{escape(sr.slide.title or '(no title)')}</h3><div class='text'>{text}</div><ul class='why'>{why}</ul>"
            + (f"<div class='tip'>{escape(tips[sr.index])}</div>" if sr.index in tips else "")
            + "</article>"
        )
    parts.append("</section>")
    others = [f for f in report.findings if f.kind != "suggestion"]
    if others:
        parts.append("<h2>Findings</h2><ul class='findings'>" + "".join(
            f"<li><b>{escape(f.kind)}</b> {'slide ' + str(f.slide) if f.slide else 'deck'}: {escape(f.message)}"
            + (f" — <i>{escape(f.text)}</i>" if f.text else "") + "</li>" for f in others) + "</ul>")
    parts.append("</main></body></html>")
    return "".join(parts)


def save_html_report(report, path) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(render_html(report))
