"""`deckaudit review` end to end: outputs, exit codes, one-line errors, config, the gate, lazy imports."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def run(*args, cwd=None, env=None, stdin=None) -> subprocess.CompletedProcess:
    full_env = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "deckaudit", *map(str, args)],
        capture_output=True, text=True, cwd=cwd or ROOT, env=full_env, timeout=120, input=stdin,
    )


def build_pptx(path: Path, slides, notes=None) -> Path:
    from tests.deckfactory import basic_pptx

    return basic_pptx(path, slides=slides, notes=notes)


US_HEAVY = [  # a cover first, as real decks have (the model reads slide 1 as a cover, as labeling.md does)
    ("Northwind Systems", ["Planning software for manufacturers"]),
    ("About Northwind", ["Founded in 1998", "1,200 employees in 14 offices"]),
    ("Our platform", ["Our modules", "Our integrations", "Our pricing and packages"]),
    ("Awards", ["Named a Leader in the Gartner Magic Quadrant", "ISO 27001 certified"]),
    ("Thank you", ["Questions?"]),
]
CUSTOMER_FIRST = [
    ("Agenda", ["Your priorities", "Next steps"]),
    ("Your challenges", ["Your planners lose 3 days a week to spreadsheets", "Scrap costs you 6% of revenue"]),
    ("What we heard from you", ["Late orders are your biggest risk", "You need answers in hours, not days"]),
    ("Thank you", ["Questions?"]),
]


@pytest.fixture(scope="module")
def decks(tmp_path_factory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("decks")
    return {
        "us": build_pptx(d / "us-heavy.pptx", US_HEAVY, notes={3: "Walk them through our modules."}),
        "customer": build_pptx(d / "customer-first.pptx", CUSTOMER_FIRST),
    }


def test_table_output_has_rows_and_the_verdict(decks):
    r = run("review", decks["us"])
    assert r.returncode == 0, r.stderr
    assert "about-us" in r.stdout and "slides are about us" in r.stdout
    assert "\x1b[" not in r.stdout, "no colour codes when stdout is not a terminal"
    assert "About Northwind" in r.stdout


def test_json_output_is_versioned_and_complete(decks):
    r = run("review", decks["us"], "--format", "json")
    assert r.returncode == 0, r.stderr
    envelope = json.loads(r.stdout)
    assert envelope["schema"] == "deckaudit.reports/1" and len(envelope["reports"]) == 1
    doc = envelope["reports"][0]
    assert doc["schema"] == "deckaudit.report/1"
    assert [s["index"] for s in doc["slides"]] == [1, 2, 3, 4, 5]
    for key in ("tag", "score", "title", "text", "notes", "evidence", "status", "hidden"):
        assert key in doc["slides"][0]
    assert doc["slides"][2]["notes"] == "Walk them through our modules."
    s = doc["summary"]
    assert s["counts"]["about-us"] == 3 and s["counts"]["neutral"] == 2  # the cover and the thank-you
    assert s["us_share"] == 1.0 and s["first_customer_slide"] is None
    assert "the customer never appears" in s["verdict"]


def test_customer_first_deck(decks):
    doc = json.loads(run("review", decks["customer"], "--format", "json").stdout)["reports"][0]
    assert doc["summary"]["first_customer_slide"] == 2
    assert doc["summary"]["us_share"] == 0.0


def test_no_notes_drops_the_notes(decks):
    doc = json.loads(run("review", decks["us"], "--format", "json", "--no-notes").stdout)["reports"][0]
    assert all(s["notes"] == "" for s in doc["slides"])


def test_many_decks_give_the_same_envelope(decks):
    doc = json.loads(run("review", decks["us"], decks["customer"], "--format", "json").stdout)
    assert doc["schema"] == "deckaudit.reports/1"
    assert [r["deck"]["name"] for r in doc["reports"]] == ["us-heavy.pptx", "customer-first.pptx"]


def test_output_file(decks, tmp_path):
    out = tmp_path / "r.csv"
    r = run("review", decks["us"], "--format", "csv", "--output", out)
    assert r.returncode == 0 and r.stdout == ""
    assert out.read_text().count("\n") >= 5


def test_fail_over_gate(decks):
    assert run("review", decks["us"], "--fail-over", "0.5", "--quiet").returncode == 1
    assert run("review", decks["customer"], "--fail-over", "0.5", "--quiet").returncode == 0
    r = run("review", decks["us"], "--fail-over", "0.5")
    assert "us-share 100% is over 50%" in r.stderr  # shares print as percents everywhere


def test_quiet_prints_only_the_verdict(decks):
    r = run("review", decks["us"], "--quiet")
    lines = [ln for ln in r.stdout.splitlines() if ln.strip()]
    assert len(lines) == 1 and "about us" in lines[0]


def test_config_from_pyproject_and_flags_win(decks, tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.deckaudit]\nformat = "json"\nfail_over = 0.5\n')
    sub = tmp_path / "deep" / "er"
    sub.mkdir(parents=True)
    r = run("review", decks["us"], cwd=sub)
    assert r.returncode == 1  # the gate from config
    assert json.loads(r.stdout)["schema"] == "deckaudit.reports/1"  # the format from config
    assert run("review", decks["us"], "--fail-over", "1", cwd=sub).returncode == 0  # the flag wins


def test_deckaudit_toml_and_bad_config(decks, tmp_path):
    (tmp_path / "deckaudit.toml").write_text('company = "Northwind"\nformat = "md"\n')
    r = run("review", decks["us"], cwd=tmp_path)
    assert r.returncode == 0 and r.stdout.lstrip().startswith("#")
    (tmp_path / "deckaudit.toml").write_text("colour = 'blue'\n")
    r = run("review", decks["us"], cwd=tmp_path)
    assert r.returncode == 2 and "unknown setting" in r.stderr and "Traceback" not in r.stderr


# --- bad input: one line naming the file and the reason, exit 2, no traceback ---------------------------

def _one_line_error(r, *words):
    assert r.returncode == 2, (r.returncode, r.stdout, r.stderr)
    assert "Traceback" not in r.stderr
    lines = [ln for ln in r.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, r.stderr
    for w in words:
        assert w in lines[0], (w, lines[0])


def test_missing_file(tmp_path):
    _one_line_error(run("review", tmp_path / "nope.pptx"), "nope.pptx", "not-found")


def test_folder(tmp_path):
    _one_line_error(run("review", tmp_path), "not-a-file", "folder")


def test_text_file_named_pptx(tmp_path):
    p = tmp_path / "notes.pptx"
    p.write_text("just some text, not a deck\n")
    _one_line_error(run("review", p), "notes.pptx", "unsupported")


def test_corrupt_zip(tmp_path, decks):
    p = tmp_path / "broken.pptx"
    p.write_bytes(decks["us"].read_bytes()[:3000])
    _one_line_error(run("review", p), "broken.pptx")


def test_empty_deck(tmp_path):
    from pptx import Presentation

    p = tmp_path / "empty.pptx"
    Presentation().save(p)
    _one_line_error(run("review", p), "empty.pptx", "empty")


def test_zero_byte_file(tmp_path):
    p = tmp_path / "zero.pdf"
    p.write_bytes(b"")
    _one_line_error(run("review", p), "zero.pdf", "empty")


def test_zip_that_is_not_a_deck(tmp_path):
    p = tmp_path / "archive.pptx"
    with zipfile.ZipFile(p, "w") as z:
        z.writestr("hello.txt", "hi")
    _one_line_error(run("review", p), "archive.pptx", "unsupported")


def test_debug_shows_the_traceback(tmp_path):
    p = tmp_path / "notes.pptx"
    p.write_text("plain text")
    r = run("review", p, "--debug")
    assert r.returncode == 2 and "Traceback" in r.stderr


def test_one_bad_deck_does_not_hide_the_good_one(decks, tmp_path):
    r = run("review", decks["us"], tmp_path / "missing.pdf")
    assert r.returncode == 2
    assert "about us" in r.stdout and "missing.pdf" in r.stderr


def test_usage_errors_exit_2(decks):
    assert run("review", decks["us"], "--format", "xml").returncode == 2
    assert run("review", decks["us"], "--fail-over", "3").returncode == 2
    assert run("review", decks["us"], "--chart", "c.gif").returncode == 2
    assert run("review").returncode == 2


def test_version_and_help_open_with_examples():
    r = run("--version")
    assert r.returncode == 0 and r.stdout.startswith("deckaudit ")
    h = run("review", "--help")
    assert h.returncode == 0 and "Examples" in h.stdout and "deckaudit review deck.pptx" in h.stdout


def test_review_does_not_import_heavy_libraries(decks):
    code = (
        "import sys; from deckaudit.cli import app\n"
        "from typer.testing import CliRunner\n"
        f"r = CliRunner().invoke(app, ['review', {str(decks['us'])!r}, '--format', 'json'])\n"
        "assert r.exit_code == 0, r.output\n"
        "heavy = [m for m in ('matplotlib', 'reportlab', 'numpy', 'pptx', 'pdfplumber', 'dask') if m in sys.modules]\n"
        "print(','.join(heavy))\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60,
                       env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "", f"imported on the default path: {r.stdout.strip()}"


def test_chart_flag_writes_png(decks, tmp_path):
    out = tmp_path / "slides.png"
    r = run("review", decks["us"], "--chart", out, "--quiet")
    assert r.returncode == 0, r.stderr
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_library_api(decks):
    import deckaudit

    report = deckaudit.audit(decks["us"], company=["Northwind"])
    assert report.summary.about_us == 3
    assert "northwind" in report.settings["seller_names"]
    with pytest.raises(deckaudit.DeckError) as err:
        deckaudit.audit(decks["us"].with_suffix(".missing"))
    assert err.value.status.value == "not-found"


def test_include_hidden_counts_hidden_slides():
    sample = ROOT / "sample_decks" / "customer-first.pptx"
    default = json.loads(run("review", sample, "--format", "json").stdout)["reports"][0]
    hidden = [s for s in default["slides"] if s["hidden"]]
    assert len(hidden) == 1 and hidden[0]["counted"] is False and hidden[0]["status"] == "hidden"
    assert default["summary"]["counted"] == 12 and default["summary"]["hidden"] == 1
    included = json.loads(run("review", sample, "--format", "json", "--include-hidden").stdout)["reports"][0]
    assert included["summary"]["counted"] == 13
    assert included["summary"]["counts"]["about-us"] == default["summary"]["counts"]["about-us"] + 1
    table = run("review", sample).stdout
    assert "│    │ hidden " in table and "│    │ not counted " in table and "--include-hidden counts them" in table


def test_no_color_is_honoured_even_on_a_terminal(decks):
    code = (
        "import io, os, sys\n"
        "from deckaudit import renderers\n"
        "import deckaudit\n"
        f"r = deckaudit.audit({str(decks['us'])!r})\n"
        "class Tty(io.StringIO):\n"
        "    def isatty(self): return True\n"
        "buf = Tty(); renderers.write('table', [r], buf, color=None)\n"
        "print('ANSI' if '\\x1b[' in buf.getvalue() else 'PLAIN')\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("NO_COLOR", None)
    coloured = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=env)
    plain = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env={**env, "NO_COLOR": "1"})
    assert coloured.stdout.strip() == "ANSI", coloured.stderr
    assert plain.stdout.strip() == "PLAIN", plain.stderr


def test_one_chart_and_report_per_deck_when_several(decks, tmp_path):
    r = run("review", decks["us"], decks["customer"], "--quiet", "--chart", tmp_path / "c.svg", "--html", tmp_path / "r.html")
    assert r.returncode == 0, r.stderr
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["c-customer-first.svg", "c-us-heavy.svg", "r-customer-first.html", "r-us-heavy.html"]
    assert "3 of 5 slides about us" in (tmp_path / "c-us-heavy.svg").read_text()


def test_safety_limits_come_from_config(decks, tmp_path):
    (tmp_path / "deckaudit.toml").write_text("[limits]\nmax_slides = 3\n")
    r = run("review", decks["us"], cwd=tmp_path)  # a 5-slide deck
    assert r.returncode == 2 and "too-large" in r.stderr and "limit 3" in r.stderr
    (tmp_path / "deckaudit.toml").write_text("[limits]\nmax_entries = 5\n")
    r = run("review", decks["us"], cwd=tmp_path)
    assert r.returncode == 2 and "zip entries (limit 5)" in r.stderr
    (tmp_path / "deckaudit.toml").write_text("[limits]\nmax_bombs = 1\n")
    r = run("review", decks["us"], cwd=tmp_path)
    assert r.returncode == 2 and "unknown limit(s) max_bombs" in r.stderr and "Traceback" not in r.stderr
