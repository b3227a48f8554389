"""How fast is the PDF reader compared with a bare pypdfium2 text walk and with pdfplumber?

Generates N slide PDFs x 30 pages with reportlab (a title, five bullets, a 5x4 table every 5th page, one
picture per page), then times on the same files, in the same run:

  (a) bare walk: open, per page get_textpage().get_text_range(), close   -- the floor
  (b) deckaudit read_deck (pypdfium2: text, normalisation, titles, lines, pictures, layout checks)
  (c) pdfplumber extract_text per page                                    -- the slow reference

Each timing is the median of --repeat passes after a warm-up file. Prints slides/s and the ratios.

    python benchmarks/bench_pdf.py              # 20 decks x 30 pages
    python benchmarks/bench_pdf.py --decks 5    # quicker
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

WORDS = ("our platform customers challenges costs goals pipeline revenue teams growth data reporting "
         "integration forecast margin scrap downtime planners shipments warehouse suppliers quality").split()
PAGES = 30


def _sentence(i: int, k: int = 9) -> str:
    return " ".join(WORDS[(i * 7 + j * 3) % len(WORDS)] for j in range(k)).capitalize()


def make_pdf(path: Path, seed: int) -> None:
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    from tests.pdf_fixtures import png

    picture = ImageReader(io.BytesIO(png(64, 48)))
    c = canvas.Canvas(str(path), pagesize=(960, 540))
    c.setTitle(f"Benchmark deck {seed}")
    for p in range(PAGES):
        w, h = 960, 540
        c.setFont("Helvetica-Bold", 30)
        c.drawString(48, h - 72, _sentence(seed + p, 5))
        c.setFont("Helvetica", 16)
        for b in range(5):
            c.drawString(72, h - 140 - 30 * b, "\u2022 " + _sentence(seed * 31 + p * 5 + b))
        if p % 5 == 4:
            c.setFont("Helvetica", 11)
            for r in range(5):
                for col in range(4):
                    x, y = 480 + col * 110, h - 150 - r * 26
                    c.rect(x, y - 6, 110, 26)
                    c.drawString(x + 6, y + 2, f"cell {r}-{col} {WORDS[(r + col + p) % len(WORDS)]}")
        c.drawImage(picture, 700, 40, 220, 165)
        c.showPage()
    c.save()


def bare_walk(path: Path) -> int:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(path))
    try:
        n = 0
        for i in range(len(doc)):
            page = doc[i]
            try:
                tp = page.get_textpage()
                try:
                    tp.get_text_range()
                finally:
                    tp.close()
            finally:
                page.close()
            n += 1
        return n
    finally:
        doc.close()


def deckaudit_read(path: Path) -> int:
    from deckaudit.readers import read_deck

    return len(read_deck(path).slides)


def pdfplumber_text(path: Path) -> int:
    import pdfplumber

    with pdfplumber.open(str(path)) as pdf:
        for page in pdf.pages:
            page.extract_text()
        return len(pdf.pages)


def timed(fn, files: list[Path], repeat: int) -> tuple[float, int]:
    fn(files[0])  # warm-up: imports and caches
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        slides = sum(fn(f) for f in files)
        runs.append(time.perf_counter() - start)
    return statistics.median(runs), slides


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--decks", type=int, default=20)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--plumber-decks", type=int, default=3, help="pdfplumber is ~35x slower: time it on fewer decks")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        files = []
        for d in range(args.decks):
            files.append(Path(tmp) / f"deck{d:03}.pdf")
            make_pdf(files[-1], d)
        size = sum(f.stat().st_size for f in files) / len(files) / 1024
        print(f"{len(files)} decks x {PAGES} pages, {size:.0f} KiB each")
        results = {}
        for name, fn, subset, repeat in (
            ("bare pypdfium2 get_text_range walk", bare_walk, files, args.repeat),
            ("deckaudit read_deck", deckaudit_read, files, args.repeat),
            ("pdfplumber extract_text", pdfplumber_text, files[: args.plumber_decks], 1),
        ):
            seconds, slides = timed(fn, subset, repeat)
            results[name] = slides / seconds
            print(f"  {name:<38} {slides / seconds:8.0f} slides/s  ({seconds * 1000 / len(subset):6.1f} ms per deck)")
        bare = results["bare pypdfium2 get_text_range walk"]
        ours = results["deckaudit read_deck"]
        print(f"read_deck / bare walk      = {ours / bare:.2f}x   (aim >= 0.90x)")
        print(f"read_deck / pdfplumber     = {ours / results['pdfplumber extract_text']:.1f}x faster")


if __name__ == "__main__":
    main()
