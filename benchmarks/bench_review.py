"""How fast is a full audit compared with the bare text walks and with the card's libraries?

Generates decks (python-pptx; PDFs with reportlab, no LibreOffice), then in the same run times on the
same files:

  PPTX: bare zipfile+lxml a:t walk (slides + notes, in sldIdLst order)  vs  deckaudit read_deck
        vs  deckaudit full audit (read + classify + report)  vs  python-pptx text extraction
  PDF:  bare pypdfium2 get_text_range walk  vs  read_deck  vs  full audit  vs  pdfplumber extract_text

then `deckaudit bulk` cold on the same 20+20 decks against the bare walks in a pool of the same size (the
issue's "20+20-deck library" figure: wall clock and CPU time, parent and workers), and the wall time of whole
`deckaudit review` processes on a 40-slide deck, run as an installed deckaudit runs: from compiled bytecode
(pip compiles it at install; with PYTHONDONTWRITEBYTECODE set, as on some CI boxes, every run would compile
the sources again, ~0.15 s). Prints slides/s and the ratios the issue sets as targets, side by side.

    python benchmarks/bench_review.py            # 20 decks x 30 slides of each format
    python benchmarks/bench_review.py --decks 5  # quicker
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

WORDS = ("our platform customers challenges costs goals pipeline revenue teams growth data reporting "
         "integration forecast margin scrap downtime planners shipments warehouse suppliers quality").split()


def _sentence(i: int, k: int = 9) -> str:
    return " ".join(WORDS[(i * 7 + j * 3) % len(WORDS)] for j in range(k)).capitalize()


def make_pptx(path: Path, slides: int, seed: int) -> None:
    from pptx import Presentation
    from pptx.util import Inches

    prs = Presentation()
    png = _png()
    for i in range(slides):
        s = prs.slides.add_slide(prs.slide_layouts[1])
        s.shapes.title.text = f"Slide {i + 1}: {_sentence(seed + i, 4)}"
        tf = s.placeholders[1].text_frame
        tf.text = _sentence(seed + i)
        for b in range(4):
            tf.add_paragraph().text = _sentence(seed + i + b + 1)
        if i % 5 == 0:
            rows, cols = 5, 4
            tbl = s.shapes.add_table(rows, cols, Inches(5), Inches(4), Inches(4), Inches(2)).table
            for r in range(rows):
                for c in range(cols):
                    tbl.cell(r, c).text = f"cell {r}-{c}"
        pic = s.shapes.add_picture(io.BytesIO(png), Inches(8), Inches(0.3), Inches(1.5), Inches(1))
        pic._element.nvPicPr.cNvPr.set("descr", "logo")
        s.notes_slide.notes_text_frame.text = _sentence(seed + i + 9, 12)
    prs.save(path)


def make_pdf(path: Path, slides: int, seed: int) -> None:
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    w, h = 960, 540
    c = canvas.Canvas(str(path), pagesize=(w, h), invariant=1)
    img = ImageReader(io.BytesIO(_png()))
    for i in range(slides):
        c.setFont("Helvetica-Bold", 28)
        c.drawString(40, h - 60, f"Slide {i + 1}: {_sentence(seed + i, 4)}")
        c.setFont("Helvetica", 16)
        for b in range(5):
            c.drawString(60, h - 120 - 30 * b, "• " + _sentence(seed + i + b))
        c.drawImage(img, w - 200, h - 120, 150, 100)
        c.showPage()
    c.save()


def _png() -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (120, 80), (40, 90, 160)).save(buf, "PNG")
    return buf.getvalue()


# --- the walks being compared -----------------------------------------------------------------------------

def bare_lxml(path: Path) -> int:
    """The floor: every a:t of every slide and its notes, in sldIdLst order, nothing else."""
    from lxml import etree

    ns = {"p": "http://schemas.openxmlformats.org/presentationml/2006/main",
          "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
          "a": "http://schemas.openxmlformats.org/drawingml/2006/main"}
    rel_ns = "{http://schemas.openxmlformats.org/package/2006/relationships}"
    with zipfile.ZipFile(path) as z:
        pres = etree.fromstring(z.read("ppt/presentation.xml"))
        rels = {r.get("Id"): r.get("Target") for r in etree.fromstring(z.read("ppt/_rels/presentation.xml.rels")).iter(f"{rel_ns}Relationship")}
        n = 0
        for sid in pres.iterfind("p:sldIdLst/p:sldId", ns):
            part = "ppt/" + rels[sid.get(f"{{{ns['r']}}}id")]
            "\n".join(etree.fromstring(z.read(part)).xpath("//a:t/text()", namespaces=ns))
            relpath = part.replace("slides/", "slides/_rels/") + ".rels"
            for r in etree.fromstring(z.read(relpath)).iter(f"{rel_ns}Relationship"):
                if r.get("Type", "").endswith("/notesSlide"):
                    target = os.path.normpath(os.path.join(os.path.dirname(part), r.get("Target")))
                    "\n".join(etree.fromstring(z.read(target)).xpath("//a:t/text()", namespaces=ns))
            n += 1
    return n


def bare_pdfium(path: Path) -> int:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(path))
    try:
        for page in doc:
            tp = page.get_textpage()
            tp.get_text_range()
            tp.close()
            page.close()
        return len(doc)
    finally:
        doc.close()


def python_pptx(path: Path) -> int:
    from pptx import Presentation

    prs = Presentation(path)
    for slide in prs.slides:
        parts = []
        stack = list(slide.shapes)
        while stack:
            sh = stack.pop()
            if sh.shape_type == 6:
                stack.extend(sh.shapes)
            if sh.has_text_frame:
                parts.append(sh.text_frame.text)
            if getattr(sh, "has_table", False) and sh.has_table:
                parts.extend(c.text for r in sh.table.rows for c in r.cells)
        if slide.has_notes_slide:
            parts.append(slide.notes_slide.notes_text_frame.text)
    return len(prs.slides)


def pdfplumber_walk(path: Path) -> int:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()
        return len(pdf.pages)


def read_only(path: Path) -> int:
    from deckaudit.readers import read_deck

    return len(read_deck(path).slides)


def full_audit(path: Path) -> int:
    from deckaudit.api import audit

    return len(audit(path).slides)


def timed(fn, files: list[Path], repeat: int) -> float:
    """Median seconds for one pass over all files (after one warm-up file)."""
    fn(files[0])
    runs = []
    for _ in range(repeat):
        t = time.perf_counter()
        for f in files:
            fn(f)
        runs.append(time.perf_counter() - t)
    return statistics.median(runs)


def process_time(args: list[str], repeat: int = 5, pycache: str | None = None) -> str:
    """'W s wall (C s CPU)': median wall seconds and median CPU seconds (user + system, the process and what it
    starts) of ``python -m deckaudit ARGS``, after one unmeasured run that compiles the bytecode into ``pycache``
    (a PYTHONPYCACHEPREFIX of the benchmark's own) when given. On a busy box the CPU time is the steadier one."""
    import resource

    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1"}
    if pycache:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = pycache
        subprocess.run([sys.executable, "-m", "deckaudit", *args], env=env, capture_output=True, check=True)
    runs, cpus = [], []
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "deckaudit", *args], env=env, capture_output=True, check=True)
        runs.append(time.perf_counter() - t)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return f"{statistics.median(runs):.3f} s wall ({statistics.median(cpus):.3f} s CPU)"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--decks", type=int, default=20)
    ap.add_argument("--slides", type=int, default=30)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2, help="workers of the bulk comparison")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        pptx = [tmp / f"d{i}.pptx" for i in range(a.decks)]
        pdfs = [tmp / f"d{i}.pdf" for i in range(a.decks)]
        for i, (p, q) in enumerate(zip(pptx, pdfs)):
            make_pptx(p, a.slides, i * 11)
            make_pdf(q, a.slides, i * 11)
        n = a.decks * a.slides
        print(f"{a.decks} decks x {a.slides} slides per format, median of {a.repeat} passes, one process\n")
        for label, files, rows in (
            ("PPTX", pptx, [("bare zipfile+lxml walk", bare_lxml), ("deckaudit read_deck", read_only),
                            ("deckaudit full audit", full_audit), ("python-pptx extraction", python_pptx)]),
            ("PDF", pdfs, [("bare pypdfium2 walk", bare_pdfium), ("deckaudit read_deck", read_only),
                           ("deckaudit full audit", full_audit), ("pdfplumber extract_text", pdfplumber_walk)]),
        ):
            base = None
            print(f"{label:5} {'':28} {'slides/s':>10} {'vs bare walk':>13}")
            for name, fn in rows:
                secs = timed(fn, files, a.repeat)
                rate = n / secs
                base = base or rate
                print(f"      {name:28} {rate:10,.0f} {rate / base:12.2f}x")
            print()
        library_bulk(tmp, pptx + pdfs, a.jobs)
        deck40 = tmp / "deck40.pptx"
        make_pptx(deck40, 40, 3)
        pdf40 = tmp / "deck40.pdf"
        make_pdf(pdf40, 40, 3)
        cache = str(tmp / "pycache")
        print("whole `deckaudit review` process, 40-slide deck, from bytecode (median of 5; target <= 0.3 s):")
        print(f"      PPTX table output        {process_time(['review', str(deck40)], pycache=cache)}")
        print(f"      PDF  table output        {process_time(['review', str(pdf40)], pycache=cache)}")
        print(f"      PPTX json output         {process_time(['review', str(deck40), '--format', 'json'], pycache=cache)}")
        print(f"      PDF  json output         {process_time(['review', str(pdf40), '--format', 'json'], pycache=cache)}")
        print(f"      bare python startup      {process_time(['--version'], pycache=cache)}  (deckaudit --version)")
        print(f"load average while measuring: {os.getloadavg()[0]:.1f} (other work on the box skews every figure)")
    return 0


def library_bulk(tmp: Path, files: list[Path], jobs: int) -> None:
    """`deckaudit bulk` cold over the benchmark's decks against the bare walks in a pool of the same size, both
    as wall clock and as CPU time (this process and its reaped workers: less skewed by a shared box)."""
    import resource
    from concurrent.futures import ProcessPoolExecutor

    from bench_bulk import bare

    from deckaudit.library.bulk import bulk

    library = tmp / "library"
    library.mkdir()
    for f in files:
        os.link(f, library / f.name)

    def measured(run):
        kids = resource.getrusage(resource.RUSAGE_CHILDREN)
        t, cpu = time.perf_counter(), time.process_time()
        run()
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        return (time.perf_counter() - t,
                time.process_time() - cpu + (after.ru_utime + after.ru_stime) - (kids.ru_utime + kids.ru_stime))

    def walk():
        with ProcessPoolExecutor(jobs) as ex:
            list(ex.map(bare, [str(f) for f in files], chunksize=8))

    bare_wall, bare_cpu = measured(walk)
    cold_wall, cold_cpu = measured(lambda: bulk([library], db=tmp / "bulk.db", jobs=jobs))
    n = len(files)
    print(f"library of these {n} decks, {jobs} workers   {'wall s':>8} {'CPU ms/deck':>12}")
    print(f"      bare text walk, same pool size  {bare_wall:8.2f} {bare_cpu / n * 1000:12.1f}")
    print(f"      deckaudit bulk, cold            {cold_wall:8.2f} {cold_cpu / n * 1000:12.1f}")
    print(f"      cold bulk vs bare walk: {bare_wall / cold_wall:.2f}x wall clock, {bare_cpu / cold_cpu:.2f}x CPU time "
          "(target >= 0.8x)\n")


if __name__ == "__main__":
    sys.exit(main())
