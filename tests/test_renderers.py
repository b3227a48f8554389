"""Every renderer, from hand-built reports: table, JSON (validated against its schema), CSV, Markdown, chart."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from deckaudit import renderers
from deckaudit.report import summarise
from tests.conftest import ROOT, hand_report

SCHEMA = json.loads((ROOT / "docs" / "report.schema.json").read_text())


def render(fmt: str, reports, **kw) -> str:
    buf = io.StringIO()
    renderers.write(fmt, reports, buf, **kw)
    return buf.getvalue()


def test_summary_excludes_hidden_unless_asked(report):
    s = report.summary
    assert (s.slides, s.counted, s.about_us, s.about_customer, s.neutral, s.hidden) == (5, 4, 1, 1, 2, 1)
    assert s.us_share == 0.5 and s.first_customer_slide == 4
    assert s.verdict == ("1 of 4 slides are about us · 1 about the customer · 2 neutral · "
                         "the customer first appears on slide 4")
    for sr in report.slides:
        sr.counted = True
    assert summarise(report.slides).about_us == 2


def test_verdict_when_the_customer_never_appears():
    r = hand_report(hidden_third=False)
    r.slides[3].verdict.tag = r.slides[3].verdict.tag.__class__("about-us")
    r.summary = summarise(r.slides)
    assert r.summary.verdict.endswith("the customer never appears")
    assert r.summary.us_share == 1.0


def test_table_plain(report):
    out = render("table", [report], color=False)
    assert "\x1b[" not in out
    assert "northwind pitch.pptx" in out
    assert "1 of 4 slides are about us" in out and "us-share 50%" in out
    assert "hidden, not counted" in out
    assert "[suggestion] slide 2" in out
    assert max(len(line) for line in out.splitlines()) <= 120


def test_table_colour_when_forced(report):
    class Tty(io.StringIO):
        def isatty(self):
            return True

    buf = Tty()
    renderers.write("table", [report], buf, color=None)
    assert "\x1b[" in buf.getvalue()


def test_table_quiet_and_many(report):
    out = render("table", [report, hand_report()], color=False, quiet=True)
    assert out.count("slides are about us") == 2 and len(out.splitlines()) == 2


def test_json_validates_against_the_schema(report):
    doc = json.loads(render("json", [report]))
    jsonschema.validate(doc, SCHEMA)
    assert doc["slides"][2]["hidden"] is True and doc["slides"][2]["counted"] is False
    assert doc["slides"][1]["notes"] == "Say: our modules"
    docs = json.loads(render("json", [report, hand_report()]))
    assert isinstance(docs, list)
    for d in docs:
        jsonschema.validate(d, SCHEMA)


@pytest.mark.parametrize("breakage", [
    lambda d: d["slides"][0].__setitem__("tag", "about-them"),
    lambda d: d["slides"][0].pop("index"),
    lambda d: d["slides"][0].__setitem__("score", 2),
    lambda d: d.__setitem__("schema", "deckaudit.report/2"),
    lambda d: d["summary"].__setitem__("us_share", 1.5),
    lambda d: d["summary"]["counts"].__setitem__("about-them", 1),
])
def test_schema_rejects_broken_documents(report, breakage):
    doc = json.loads(render("json", [report]))
    breakage(doc)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(doc, SCHEMA)


def test_csv_one_row_per_slide(report):
    rows = list(csv.DictReader(io.StringIO(render("csv", [report, hand_report()]))))
    assert len(rows) == 10
    assert rows[1]["tag"] == "about-us" and rows[1]["evidence"].startswith("we/us/our")
    assert "\n" not in rows[1]["text"]


def test_markdown_table_escapes_pipes(report):
    out = render("md", [report])
    assert out.startswith("# northwind pitch.pptx")
    assert "| 2 | about-us |" in out
    assert "Our platform \\| pricing" in out
    assert "**suggestion** (slide 2)" in out


def test_unknown_format(report):
    with pytest.raises(ValueError):
        render("xml", [report])


def test_chart_png_and_svg(report, tmp_path):
    from deckaudit.renderers.chart import chart_png_bytes, save_chart

    png = tmp_path / "c.png"
    save_chart(report, png)
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 5000
    svg = tmp_path / "c.svg"
    save_chart(report, svg)
    from lxml import etree

    root = etree.parse(str(svg)).getroot()
    assert root.tag.endswith("svg")
    assert "1 of 4 slides about us" in svg.read_text()
    assert chart_png_bytes(report)[:4] == b"\x89PNG"
    with pytest.raises(ValueError):
        save_chart(report, tmp_path / "c.gif")


def test_chart_module_does_not_import_matplotlib():
    code = "import sys, deckaudit.renderers.chart; print('matplotlib' in sys.modules)"
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=Path(ROOT))
    assert r.stdout.strip() == "False", r.stderr
