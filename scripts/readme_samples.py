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
the pictures in docs/img: the chart, the PDF report's cover and a slides page (pdftoppm) and the HTML report
(headless Chromium), each when its tool is installed.

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
    """Redraw the README's pictures: the per-slide chart always; the PDF report's cover and first slides page
    with pdftoppm, and the HTML report with headless Chromium, when those are installed."""
    img = ROOT / "docs" / "img"
    run(f"deckaudit review sample_decks/vendor-pitch.pdf --chart {img / 'chart.png'} -q")
    with tempfile.TemporaryDirectory() as tmp:
        pdf, html = Path(tmp) / "r.pdf", Path(tmp) / "r.html"
        run(f"deckaudit review sample_decks/vendor-pitch.pdf --pdf {pdf} --html {html} -q")
        if shutil.which("pdftoppm"):
            for page, name in ((1, "report-pdf"), (2, "report-pdf-slides")):
                subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", str(page), "-l", str(page), "-singlefile",
                                str(pdf), str(img / name)], check=True)
        else:
            print("readme_samples: pdftoppm not found; the PDF pictures are left as they are", file=sys.stderr)
        browser = shutil.which("chromium") or shutil.which("chromium-browser")
        if browser:
            subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                            "--disable-background-networking", "--disable-component-update", "--disable-sync",
                            f"--user-data-dir={tmp}/profile", "--window-size=1100,1400",
                            f"--screenshot={img / 'report-html.png'}", html.as_uri()],
                           check=True, capture_output=True, timeout=120)
        else:
            print("readme_samples: chromium not found; the HTML picture is left as it is", file=sys.stderr)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="exit 1 when README.md differs; write nothing")
    ap.add_argument("--images", action="store_true", help="also redraw the pictures in docs/img (chart, PDF report, HTML report)")
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
