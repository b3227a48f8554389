"""README stays true: its sample outputs are what the commands print now (scripts/readme_samples.py writes them),
the tables fit an 80-column terminal, and it opens with exactly the two set-up commands."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT

README = ROOT / "README.md"


def test_readme_opens_with_the_two_set_up_commands():
    lines = README.read_text(encoding="utf-8").splitlines()
    assert lines[:6] == ["# deckaudit", "", "```",
                         'pip install ".[test]" && deckaudit review sample_decks/vendor-pitch.pptx',
                         "python -m pytest", "```"]


def test_readme_samples_are_what_the_commands_print():
    r = subprocess.run([sys.executable, str(ROOT / "scripts" / "readme_samples.py"), "--check"],
                       capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert r.returncode == 0, r.stderr + "\n(refresh with: python scripts/readme_samples.py)"


def test_readme_samples_fit_80_columns():
    import re

    text = README.read_text(encoding="utf-8")
    blocks = re.findall(r"<!-- sample: .+? -->\n```[^\n]*\n(.*?)```", text, re.S)
    assert len(blocks) >= 3
    for block in blocks:
        for line in block.splitlines():
            if line.startswith(("│", "┃", "┏", "┡", "└")) or line.startswith(" "):
                assert len(line) <= 80, line


def test_the_check_notices_drift(tmp_path, monkeypatch):
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import readme_samples
    finally:
        sys.path.pop(0)
    stale = "<!-- sample: deckaudit --version -->\n```\nold\n```\n<!-- /sample -->\n"
    readme = tmp_path / "README.md"
    readme.write_text(stale)
    monkeypatch.setattr(readme_samples, "README", readme)
    assert readme_samples.main(["--check"]) == 1
    assert readme_samples.main([]) == 0
    assert "deckaudit " in readme.read_text() and "old" not in readme.read_text()
    assert readme_samples.main(["--check"]) == 0
