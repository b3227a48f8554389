"""`deckaudit bulk` and `deckaudit history` as a user runs them: exit codes, JSON/CSV/table output,
--output, --pdf/--html, one line per failure, no traceback."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys

import pytest

from deckaudit.api import audit
from tests.conftest import ROOT
from tests.test_bulk_discover import library, library_template  # noqa: F401  (fixtures)


def run_cli(*args, cwd) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "deckaudit", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=180)


def deck_lines(stderr: str) -> list[str]:
    return [ln for ln in stderr.splitlines() if ln.startswith("deckaudit: ")]


def test_failures_exit_2_with_strict_after_everything_is_stored(library, tmp_path):
    r = run_cli("bulk", library, "--db", tmp_path / "c.db", "--jobs", "1", "--format", "json", "--strict", cwd=tmp_path)
    assert r.returncode == 2 and "Traceback" not in r.stderr
    (line,) = deck_lines(r.stderr)
    assert line == f"deckaudit: {library / 'sales' / 'broken.pptx'}: unsupported: " \
                   "a text file, not a deck (named .pptx)"
    doc = json.loads(r.stdout)
    assert doc["schema"] == "deckaudit.library/1" and len(doc["decks"]) == 5 and len(doc["failures"]) == 1
    assert doc["run"]["audited"] == 4 and doc["run"]["failed"] == 1


def over(library, share: float) -> set[str]:
    """The decks deckaudit.audit() puts over ``share``: what the gate must name."""
    from deckaudit.api import audit

    decks = [library / "sales" / n for n in ("vendor-pitch.pptx", "customer-first.pptx", "deck-without-extension")]
    decks.append(library / "sales" / "emea" / "vendor-pitch.pdf")
    return {str(d) for d in decks if (audit(d).summary.us_share or 0) > share}


def test_csv_one_row_per_deck_and_the_gate(library, tmp_path):
    (library / "sales" / "broken.pptx").unlink()
    db = tmp_path / "c.db"
    r = run_cli("bulk", library, "--db", db, "--format", "csv", "--output", tmp_path / "lib.csv", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    rows = list(csv.DictReader(io.StringIO((tmp_path / "lib.csv").read_text())))
    assert len(rows) == 4 and {"path", "folder", "status"} <= set(rows[0])
    gate = run_cli("bulk", library, "--db", db, "--fail-over", "0.5", "--quiet", cwd=tmp_path)
    expected = over(library, 0.5)
    assert expected and gate.returncode == 1  # the about-us decks are over half
    named = {ln.split(": us-share")[0].removeprefix("deckaudit: ") for ln in deck_lines(gate.stderr)}
    assert named == expected and all("is over 50%" in ln for ln in deck_lines(gate.stderr))
    assert run_cli("bulk", library, "--db", db, "--fail-over", "1.0", "-q", cwd=tmp_path).returncode == 0


def test_an_unreadable_deck_is_listed_but_does_not_turn_the_gate_into_exit_2(library, tmp_path):
    """One broken file in a library must not make every gate run exit 2 (CI would read it as broken input
    forever): it is listed, and the gate answers for the decks that were read. --strict asks for exit 2."""
    db = tmp_path / "g.db"
    r = run_cli("bulk", library, "--db", db, "--jobs", "1", "--fail-over", "0.5", "-q", cwd=tmp_path)
    assert r.returncode == 1
    lines = deck_lines(r.stderr)
    assert sum("broken.pptx: unsupported" in ln for ln in lines) == 1
    assert sum("is over" in ln for ln in lines) == len(over(library, 0.5)) > 0
    assert run_cli("bulk", library, "--db", db, "--fail-over", "1", "-q", cwd=tmp_path).returncode == 0
    assert run_cli("bulk", library, "--db", db, "--fail-over", "1", "-q", "--strict", cwd=tmp_path).returncode == 2


def test_pdf_and_html_library_reports(library, tmp_path):
    pytest.importorskip("reportlab")
    r = run_cli("bulk", library, "--db", tmp_path / "p.db", "-q", "--pdf", tmp_path / "lib.pdf",
                "--html", tmp_path / "lib.html", cwd=tmp_path)
    assert r.returncode == 0, r.stderr  # broken.pptx is listed; the reports are written all the same
    assert (tmp_path / "lib.pdf").read_bytes().startswith(b"%PDF-")
    html = (tmp_path / "lib.html").read_text()
    assert "<html" in html.lower() and "vendor-pitch" in html


def test_history_table_and_json(library, tmp_path):
    db = tmp_path / "h.db"
    for _ in range(2):
        run_cli("bulk", library, "--db", db, "-q", "--jobs", "1", cwd=tmp_path)
    deck = library / "sales" / "vendor-pitch.pptx"
    h = run_cli("history", deck, "--db", db, "--format", "json", cwd=tmp_path)
    rows = json.loads(h.stdout)
    share = audit(deck).summary.us_share
    assert h.returncode == 0 and [r["run_id"] for r in rows] == [1, 2] and rows[0]["us_share"] == share
    assert [r["change"] for r in rows] == ["first audit", "unchanged"]
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00", rows[0]["at"])  # ISO 8601
    table = run_cli("history", deck, "--db", db, cwd=tmp_path)
    assert table.returncode == 0 and len(table.stdout.splitlines()) == 2
    assert all(f"us-share {share:>5.0%}" in ln for ln in table.stdout.splitlines())


def test_history_errors_are_one_line(tmp_path):
    missing = run_cli("history", "nope.pptx", "--db", tmp_path / "none.db", cwd=tmp_path)
    assert missing.returncode == 2 and "Traceback" not in missing.stderr and "no bulk store" in missing.stderr
    (tmp_path / "junk.db").write_text("junk " * 200)
    junk = run_cli("history", "nope.pptx", "--db", tmp_path / "junk.db", cwd=tmp_path)
    assert junk.returncode == 2 and "Traceback" not in junk.stderr and "cannot use as a bulk store" in junk.stderr


def test_bad_limits_stop_bulk_before_it_starts(library, tmp_path):
    (tmp_path / "deckaudit.toml").write_text("[limits]\nmin_inflate_ratio = -1\n")
    r = run_cli("bulk", library, "--db", tmp_path / "l.db", cwd=tmp_path)
    assert r.returncode == 2 and "limits must be positive" in r.stderr and not (tmp_path / "l.db").exists()


def test_progress_bar_draws_on_stderr_only_on_a_terminal(monkeypatch, capsys):
    from deckaudit.cli.bulk import _progress

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    monkeypatch.delenv("CI", raising=False)
    assert _progress(quiet=False) == (None, None)  # pytest's stderr is not a terminal
    err = Terminal()
    monkeypatch.setattr(sys, "stderr", err)
    assert _progress(quiet=True) == (None, None)
    update, bar = _progress(quiet=False)
    update(0, 10, 0)
    update(4, 10, 120)
    bar.refresh()
    drawn = err.getvalue()
    bar.stop()
    assert "4/10" in drawn and "slides/s" in drawn
    assert capsys.readouterr().out == ""  # nothing on stdout, where the report goes


def test_a_warm_rerun_says_what_it_did_top_n_root_name_and_markdown(library, tmp_path):
    (library / "sales" / "broken.pptx").unlink()
    db = tmp_path / "w.db"
    cold = run_cli("bulk", library, "--db", db, "-q", cwd=tmp_path)
    assert cold.stdout.startswith("4 decks: 4 audited, 0 unchanged · library us-share "), cold.stdout
    warm = run_cli("bulk", library, "--db", db, "--top", "2", cwd=tmp_path)
    assert warm.returncode == 0, warm.stderr
    assert "4 decks: 0 audited, 4 unchanged" in warm.stdout
    assert "Decks most about us (top 2 of 4)" in warm.stdout
    assert f"{library.name}/ (top folder)" in warm.stdout or "sales" in warm.stdout
    md = run_cli("bulk", library, "--db", db, "--format", "md", "--output", tmp_path / "lib.md", cwd=tmp_path)
    assert md.returncode == 0 and f"wrote {tmp_path / 'lib.md'}" in md.stderr
    text = (tmp_path / "lib.md").read_text()
    assert text.startswith("# Slide library audit") and "| us-share | about us |" in text
    doc = json.loads(run_cli("bulk", library, "--db", db, "--format", "json", cwd=tmp_path).stdout)
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00", doc["run"]["started"])
    bad = run_cli("bulk", library, "--db", db, "--format", "json", "--output", tmp_path / "lib.csv", cwd=tmp_path)
    assert bad.returncode == 2 and "--output" in bad.stderr


def test_the_root_folder_has_a_name():
    from deckaudit.library.summary import FolderRow, LibraryReport
    from deckaudit.renderers.library_text import write_library

    lib = LibraryReport(decks=[], us_share=None, folders=[FolderRow(".", 1, 5, 3, 1, 0.75)], root="/shared/sales-decks")
    out = io.StringIO()
    write_library(lib, "table", out, color=False)
    assert "sales-decks/ (top folder)" in out.getvalue() and "│ . " not in out.getvalue()


def test_history_is_one_row_per_run_with_what_changed():
    from deckaudit.cli.bulk import runs_with_changes

    row = {"hash": "a", "status": "ok", "us_share": 0.8, "about_us": 8, "about_customer": 2, "slides": 10}
    rows = [{**row, "run_id": 1, "at": 1.0}, {**row, "run_id": 1, "at": 1.5},
            {**row, "run_id": 2, "at": 2.0},
            {**row, "run_id": 3, "at": 3.0, "hash": "b", "us_share": 0.5, "about_us": 5, "about_customer": 5},
            {**row, "run_id": 4, "at": 4.0, "hash": "c", "status": "corrupt", "us_share": None}]
    out = runs_with_changes(rows)
    assert [r["run_id"] for r in out] == [1, 2, 3, 4]
    assert [r["change"] for r in out] == ["first audit", "unchanged", "deck changed: us-share 80% → 50% (8→5 about us)",
                                          "status ok → corrupt"]


def test_history_of_a_deck_that_broke_prints_no_none(library, tmp_path):
    db = tmp_path / "n.db"
    deck = library / "sales" / "vendor-pitch.pptx"
    run_cli("bulk", library, "--db", db, "-q", "--jobs", "1", cwd=tmp_path)
    deck.write_bytes(b"not a deck any more")
    run_cli("bulk", library, "--db", db, "-q", "--jobs", "1", cwd=tmp_path)
    table = run_cli("history", deck, "--db", db, cwd=tmp_path)
    assert table.returncode == 0 and "None" not in table.stdout
    assert "status ok → " in table.stdout and "(not read)" in table.stdout
