#!/usr/bin/env python3
"""Rewrite the sample outputs in README.md from the commands that make them: the single way to refresh them.

Each sample is a marked block:

    <!-- sample: deckaudit review sample_decks/vendor-pitch.pptx -->
    ```
    ...output, rewritten by this script...
    ```
    <!-- /sample -->

The command runs from the repository root as ``python -m deckaudit ...`` with output to a pipe (so the table
is the plain 80-column one a user sees piped, and in a narrow terminal); its stdout, then its stderr, fill the
block. ``--check`` rewrites nothing and exits 1 when a block differs from what its command prints now
(tests/test_readme.py runs it, so the README cannot drift from the code). ``--images`` also redraws
docs/img/report-pdf.png (the PDF report's cover, with pdftoppm) when pdftoppm is installed.

    python scripts/readme_samples.py            # refresh README.md
    python scripts/readme_samples.py --check    # fail when it drifted
"""

from __future__ import annotations

import argparse
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
BLOCK = re.compile(r"(<!-- sample: (?P<cmd>.+?) -->\n```[^\n]*\n)(?P<body>.*?)(```\n<!-- /sample -->)", re.S)


def run(command: str) -> str:
    """The output of one README command (``deckaudit ...``), as a user sees it in a pipe."""
    args = shlex.split(command)
    if args[0] != "deckaudit":
        raise SystemExit(f"readme_samples: only deckaudit commands are samples, not {command!r}")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1", "COLUMNS": "80"}
    env.pop("FORCE_COLOR", None)
    done = subprocess.run([sys.executable, "-m", "deckaudit", *args[1:]], capture_output=True, text=True, cwd=ROOT,
                          env=env, timeout=300)
    return done.stdout + done.stderr


def render(text: str) -> str:
    """README text with every sample block refilled."""
    return BLOCK.sub(lambda m: m.group(1) + run(m.group("cmd")) + m.group(4), text)


def images() -> None:
    if not shutil.which("pdftoppm"):
        print("readme_samples: pdftoppm not found; images left as they are", file=sys.stderr)
        return
    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / "r.pdf"
        run(f"deckaudit review sample_decks/vendor-pitch.pdf --pdf {pdf} -q")
        subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", str(pdf),
                        str(ROOT / "docs" / "img" / "report-pdf")], check=True)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="exit 1 when README.md differs; write nothing")
    ap.add_argument("--images", action="store_true", help="also redraw docs/img/report-pdf.png")
    opts = ap.parse_args(argv)
    old = README.read_text(encoding="utf-8")
    if not BLOCK.search(old):
        print("readme_samples: no <!-- sample: ... --> block in README.md", file=sys.stderr)
        return 1
    new = render(old)
    if opts.check:
        if new != old:
            print("readme_samples: README.md samples are stale; run python scripts/readme_samples.py", file=sys.stderr)
            return 1
        return 0
    if new != old:
        README.write_text(new, encoding="utf-8")
        print("readme_samples: README.md updated", file=sys.stderr)
    if opts.images:
        images()
    return 0


if __name__ == "__main__":
    sys.exit(main())
