"""A library audit as one self-contained HTML file (inline CSS, the chart as a data: URI, no JavaScript)."""

from __future__ import annotations

import base64
from html import escape

from deckaudit.renderers.library_text import deck_cell, verdict, worst_title


def _pct(x) -> str:
    return "—" if x is None else f"{x:.0%}"


def _table(headers, rows, cls="") -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{escape(str(c))}</td>" for c in r) + "</tr>" for r in rows)
    return f"<table class='{cls}'><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def render_library_html(lib) -> str:
    from deckaudit.renderers.library_chart import distribution_png

    chart = "data:image/png;base64," + base64.b64encode(distribution_png(lib)).decode("ascii")
    css = ("body{font-family:Helvetica,Arial,sans-serif;margin:32px;color:#222}table{border-collapse:collapse;margin:8px 0 24px}"
           "td,th{border-bottom:1px solid #ddd;padding:4px 10px;text-align:left;font-size:13px}th{background:#f2f2f2}"
           ".verdict{font-size:20px;font-weight:600}img{max-width:100%}")
    parts = [f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>deckaudit library report</title>"
             f"<style>{css}</style></head><body><h1>Slide library audit</h1>",
             f"<p class='verdict' id='verdict'>{escape(verdict(lib))}</p><img alt='distribution of deck us-share' src='{chart}'>",
             f"<h2>{escape(worst_title(lib))}</h2>",
             _table(["us-share", "about us", "about the customer", "slides", "deck"],
                    [(_pct(d.us_share), d.about_us, d.about_customer, d.slides, deck_cell(d)) for d in lib.worst], "worst")]
    if lib.folders:
        parts += ["<h2>By folder</h2>", _table(["folder", "decks", "slides", "us-share"],
                                               [(lib.folder_name(f.folder), f.decks, f.slides, _pct(f.us_share)) for f in lib.folders], "folders")]
    if lib.reused:
        parts += ["<h2>About-us slides reused most</h2>", _table(["decks", "slide", "excerpt"],
                                                                 [(r.decks, r.title, r.excerpt) for r in lib.reused], "reused")]
    if lib.failures:
        parts += ["<h2>Could not be read</h2>", _table(["deck", "status", "reason"],
                                                      [(d.path, d.status, d.reason) for d in lib.failures], "failures")]
    parts.append("</body></html>")
    return "".join(parts)


def save_library_html(lib, path) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(render_library_html(lib))
