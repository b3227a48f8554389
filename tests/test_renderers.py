"""Every stream renderer and the chart, from hand-built reports (tests/report_fixtures.py): no deck file is read."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest

from deckaudit import renderers
from deckaudit.report import summarise
from deckaudit.verdict import Tag
from tests.conftest import ROOT
from tests.report_fixtures import all_reports, awkward_report, pitch_report, text_report


class Tty(io.StringIO):
    def isatty(self):
        return True


def render(fmt: str, reports, **kw) -> str:
    buf = io.StringIO()
    renderers.write(fmt, reports, buf, **kw)
    return buf.getvalue()


def flat(text: str) -> str:
    """The text on single spaces, table borders dropped: what a reader reads across wrapped lines."""
    return " ".join(text.replace("│", " ").split())


def test_summary_leaves_hidden_slides_out_unless_asked():
    report = pitch_report()
    s = report.summary
    assert (s.slides, s.counted, s.about_us, s.about_customer, s.neutral, s.hidden) == (6, 5, 2, 1, 2, 1)
    assert s.first_customer_slide == 5 and s.us_share == pytest.approx(2 / 3)
    for sr in report.slides:
        sr.counted = True
    assert summarise(report.slides).about_us == 3


# --- table -----------------------------------------------------------------------------------------------------

def test_table_plain_has_rows_verdict_and_flags():
    out = render("table", [pitch_report()], color=False)
    assert "\x1b[" not in out
    lines = out.splitlines()
    assert lines[0] == "northwind pitch.pptx · PPTX · 6 slides"
    assert ("2 of 5 slides are about us · 1 about the customer · 2 neutral · the customer first appears on slide 5"
            in flat(out))
    assert "us-share 67%" in out
    assert "│ 3 │ about-us       │" in out and "│   │ hidden " in out and "│   │ not counted " in out
    assert "1 hidden slide listed but not counted" in out
    assert "→ us: 12 pictures, 2 words," in out and "90% sure" in out
    for n in range(1, 7):  # one row per slide, the number in the first column
        assert any(line.startswith(f"│ {n} │") for line in lines), n
    assert max(len(line) for line in lines) <= 80  # readable in an 80-column terminal
    assert all(line == line.rstrip() for line in lines)  # no padding carried into files and pipes


def test_table_shows_at_most_three_reasons_per_slide():
    out = render("table", [pitch_report()], color=False)
    assert "headline says we/our" in flat(out) and "slide 2 of 6" not in flat(out)


def test_table_findings_are_grouped_by_kind_and_metrics_shown():
    out = render("table", [pitch_report()], color=False)
    assert "we/our 5× · you/your 2× · 2.5 we per you" in out
    block = out[out.index("findings (4)"):].splitlines()
    assert [line.strip() for line in block if line.startswith("  ") and not line.startswith("    ")] == [
        "self-praise (1)", "suggestion (2)", "late-customer (1)"]
    assert "    slide 4: “Trusted by” — Replace the logo wall with one customer story." in block
    assert "    deck: The customer first appears on slide 5 of 6." in block


def test_table_shows_status_low_confidence_and_untitled_slides():
    out = render("table", [awkward_report()], color=False)
    assert "PDF · 5 slides · handout" in out
    for flag in ("no-text-layer", "empty", "not counted", "handout-page", "low confidence"):
        assert flag in out
    assert "Überblick — “Ärger” im" in out and "Q3 😀" in out
    assert flat(out).replace(" ", "").count("A") >= 79 and "A…" in out  # a 300-character title is cut to 80
    assert "warning: page 4 holds several slides: not counted" in out
    assert "us-share n/a" in out and "us-share 0" not in out  # nothing about us or the customer: no share
    assert "None" not in out


def test_table_counts_paragraphs_for_text_and_shows_their_start():
    out = render("table", [text_report()], color=False)
    assert "outreach.eml · TEXT · 3 paragraphs" in out
    assert "1 of 3 paragraphs are about us" in flat(out)
    assert "Hi Anna, thanks for" in out


def test_table_include_hidden_drops_not_counted():
    report = pitch_report()
    report.settings["include_hidden"] = True
    out = render("table", [report], color=False)
    assert "not counted" not in out and "│ hidden " in out


def test_table_colour_auto_on_a_terminal_and_never_with_no_color(monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    tty = Tty()
    renderers.write("table", [pitch_report()], tty, color=None)
    assert "\x1b[" in tty.getvalue()
    assert "\x1b[" not in render("table", [pitch_report()], color=None)  # a pipe
    monkeypatch.setenv("NO_COLOR", "1")
    tty = Tty()
    renderers.write("table", [pitch_report()], tty, color=None)
    assert "\x1b[" not in tty.getvalue()


def test_table_colour_forced_into_a_pipe():
    assert "\x1b[" in render("table", [pitch_report()], color=True)


def test_table_many_decks_and_quiet():
    out = render("table", all_reports(), color=False)
    assert out.count(" · PPTX · ") == 1 and out.count(" · PDF · ") == 1 and out.count(" · TEXT · ") == 1
    quiet = render("table", all_reports(), color=False, quiet=True).splitlines()
    assert [q.split(" · us-share")[0] for q in quiet] == [f"{r.name}: {r.summary.verdict}" for r in all_reports()]
    assert all("us-share" in q for q in quiet)


# --- JSON (schema validation: tests/test_schema.py) -------------------------------------------------------------

def test_json_is_one_envelope_for_one_deck_or_many():
    doc = json.loads(render("json", [pitch_report()]))
    assert doc["schema"] == "deckaudit.reports/1" and len(doc["reports"]) == 1
    doc = doc["reports"][0]
    assert doc["schema"] == "deckaudit.report/1"
    assert [s["index"] for s in doc["slides"]] == [1, 2, 3, 4, 5, 6]
    assert doc["slides"][2]["hidden"] is True and doc["slides"][2]["counted"] is False
    assert doc["slides"][1]["notes"] == "Say: our modules"
    docs = json.loads(render("json", all_reports()))["reports"]
    assert [d["deck"]["name"] for d in docs] == [r.name for r in all_reports()]


def test_json_is_utf8_text_and_quiet_changes_nothing():
    out = render("json", [awkward_report()])
    assert "Überblick — “Ärger” im Q3 😀" in out  # not \u escapes
    assert out == render("json", [awkward_report()], quiet=True)


# --- CSV ----------------------------------------------------------------------------------------------------------

def test_csv_one_row_per_slide():
    from deckaudit.renderers.csv_report import COLUMNS

    rows = list(csv.DictReader(io.StringIO(render("csv", all_reports()))))
    assert len(rows) == sum(len(r.slides) for r in all_reports())
    assert list(rows[0]) == COLUMNS
    row = rows[1]
    assert (row["deck"], row["index"], row["tag"], row["score"]) == ("northwind pitch.pptx", "2", "about-us", "-0.920")
    assert row["evidence"] == "→ us: we/us/our ×3 | → us: offer: 'our platform' | → us: headline says we/our | → us: slide 2 of 6"
    assert row["text"] == "Our platform | pricing / Our modules / <script>alert(1)</script>"
    assert rows[2]["hidden"] == "True" and rows[2]["counted"] == "False"
    assert rows[3]["pictures"] == "12" and rows[3]["words"] == "2"
    assert rows[7]["status"] == "no-text-layer"


def test_csv_guards_against_formulas_from_the_deck():
    report = pitch_report()
    report.slides[0].slide.title = "=HYPERLINK(\"http://x\")"
    report.slides[0].slide.text = "@SUM(A1)"
    row = list(csv.DictReader(io.StringIO(render("csv", [report]))))[0]
    assert row["title"] == "'=HYPERLINK(\"http://x\")" and row["text"] == "'@SUM(A1)"
    assert row["score"] == "0.000" and row["index"] == "1"


# --- Markdown -----------------------------------------------------------------------------------------------------

def test_markdown_table_escapes_deck_text():
    out = render("md", [pitch_report()])
    assert out.startswith("# northwind pitch.pptx\n")
    assert "| 2 | about-us | 90% | Our platform \\| pricing |" in out
    assert "| 3 | about-us (hidden, not counted) |" in out
    assert "- **suggestion** (slide 4): “Trusted by” — Replace the logo wall with one customer story." in out
    table = [line for line in out.splitlines() if line.startswith("| ")]
    assert len(table) == 1 + 6  # header + one row per slide
    assert all(line.replace("\\|", "").count("|") == 6 for line in table)  # five cells in every row


def test_markdown_statuses_untitled_and_quiet():
    out = render("md", [awkward_report(), text_report()])
    assert "| 2 | neutral (no-text-layer) | 90% | — | — |" in out
    assert "zweite Zeile" not in out and "\\*" not in out.split("\n| 1 |")[0]
    assert "*Hi Anna, thanks for the call.*" in out
    assert "> warning: page 4 holds several slides: not counted" in out
    quiet = render("md", all_reports(), quiet=True)
    assert "| # |" not in quiet and quiet.count("\n# ") == 2


def test_markdown_cannot_be_broken_by_a_title():
    report = pitch_report()
    report.slides[0].slide.title = "<b>[link](http://x)</b> `code` *bold* | cell"
    row = next(line for line in render("md", [report]).splitlines() if line.startswith("| 1 |"))
    assert "\\<b\\>\\[link\\](http://x)\\<" in row and "\\`code\\`" in row and "\\*bold\\*" in row and "\\| cell" in row


def test_unknown_format():
    with pytest.raises(ValueError, match="choose from"):
        render("xml", [pitch_report()])


# --- chart --------------------------------------------------------------------------------------------------------

def test_chart_png_and_svg(tmp_path):
    from lxml import etree

    from deckaudit.renderers.chart import chart_png_bytes, save_chart

    report = pitch_report()
    png = tmp_path / "c.png"
    save_chart(report, png)
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 5000
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert width > height > 300
    svg = tmp_path / "c.SVG"
    save_chart(report, svg)
    root = etree.parse(str(svg)).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    text = svg.read_text()
    assert "2 of 5 slides about us · us-share 67%" in text and "hidden / not counted" in text
    assert chart_png_bytes(report)[:8] == data[:8]
    with pytest.raises(ValueError, match=r"\.png or \.svg"):
        save_chart(report, tmp_path / "c.gif")


def test_chart_bars_follow_tags_scores_and_hidden(tmp_path):
    from matplotlib.colors import to_hex

    from deckaudit.renderers import chart

    fig = chart._figure(pitch_report())
    bars = fig.axes[0].patches
    assert len(bars) == 6
    assert [round(b.get_height(), 2) for b in bars] == [chart.NEUTRAL_STUB, -0.92, -0.8, -1.0, 0.88, chart.NEUTRAL_STUB]
    assert [to_hex(b.get_facecolor()[:3]) for b in bars][:5] == [
        chart.COLORS[t].lower() for t in ("neutral", "about-us", "about-us", "about-us", "about-customer")]
    assert [bool(b.get_hatch()) for b in bars] == [False, False, True, False, False, False]


def test_chart_is_deterministic_and_copes_with_odd_reports(tmp_path):
    from deckaudit.renderers.chart import chart_title, save_chart

    report = pitch_report()
    save_chart(report, tmp_path / "a.svg")
    save_chart(report, tmp_path / "b.svg")
    assert (tmp_path / "a.svg").read_bytes() == (tmp_path / "b.svg").read_bytes()
    assert chart_title(text_report()) == "outreach.eml: 1 of 3 paragraphs about us · us-share 50%"
    assert chart_title(awkward_report()).endswith("0 of 4 slides about us")
    save_chart(awkward_report(), tmp_path / "odd.png")
    big = pitch_report()
    big.slides = [big.slides[n % 6] for n in range(120)]
    for i, sr in enumerate(big.slides):
        sr.slide = type(sr.slide)(i + 1, sr.slide.title, sr.slide.text)
    save_chart(big, tmp_path / "big.png")
    assert (tmp_path / "big.png").stat().st_size > 5000


def test_chart_module_does_not_import_matplotlib():
    code = "import sys, deckaudit.renderers.chart; print('matplotlib' in sys.modules)"
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert r.stdout.strip() == "False", r.stderr


def test_chart_leaves_pyplot_alone(tmp_path):
    code = ("import sys; sys.path.insert(0, '.'); from tests.report_fixtures import pitch_report\n"
            "from deckaudit.renderers.chart import chart_png_bytes; chart_png_bytes(pitch_report())\n"
            "print('matplotlib.pyplot' in sys.modules)")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert r.stdout.strip() == "False", r.stderr


def test_renderers_read_tags_not_positions():
    """A report whose customer slide is retagged renders the new tag everywhere."""
    report = pitch_report()
    report.slides[4].verdict.tag = Tag.US
    report.summary = summarise(report.slides)
    assert "the customer never appears" in flat(render("table", [report], color=False))
    assert json.loads(render("json", [report]))["reports"][0]["summary"]["first_customer_slide"] is None


def test_a_call_resting_on_the_slides_form_alone_is_flagged():
    from deckaudit.renderers._reportparts import FORM_ONLY, slide_flags
    from deckaudit.verdict import Evidence, SlideVerdict, Tag

    def ev(feature, *phrases, toward="about-us"):
        return Evidence("x", 1.0, "structure", toward, feature, phrases, "x")

    form = SlideVerdict(Tag.US, -0.5, 0.9, {}, [ev("layout", "11 pictures"), ev("length", "5 words"),
                                                ev("topic.customer:pain", "costs", toward="about-customer")])
    assert form.form_only
    said = SlideVerdict(Tag.US, -0.5, 0.9, {}, [ev("layout", "11 pictures"), ev("topic.us:company", "founded")])
    alt = SlideVerdict(Tag.US, -0.5, 0.9, {}, [ev("layout", "3 pictures", "alt text “award badge”")])
    unread = SlideVerdict(Tag.NEUTRAL, 0.0, 0.0, {}, [ev("length", "0 words", toward="neutral")], unclassified="no-text-layer")
    assert not said.form_only and not alt.form_only and not unread.form_only
    r = pitch_report()
    r.slides[1].verdict = form
    assert FORM_ONLY in slide_flags(r.slides[1])
    table = render("table", [r], color=False)  # the flag may wrap inside its narrow column
    assert "judged by its" in table and "form only" in table, table
    assert "judged by its form" in render("md", [r])
    doc = json.loads(render("json", [r]))
    slides = doc["reports"][0]["slides"]
    assert slides[1]["form_only"] is True and slides[0]["form_only"] is False
