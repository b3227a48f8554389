"""Bulk audit of a generated library against a bare text walk of the same files on the same cores.

Generates N decks x 30 slides, PPTX and PDF mixed, plus a few broken files, then measures:
  - the bare walk: zipfile+lxml a:t (slides + notes) / pypdfium2 get_text_range, in a process pool of
    the same size;
  - `deckaudit.library.bulk.bulk` cold (empty store) and warm (unchanged library, same store);
  - peak RSS of the parent and of the workers (psutil, sampled during the cold run).
Prints decks/s, slides/s, and the ratios the issue sets as targets (cold >= 0.8x bare walk, warm < 5% of
cold, parent peak < 300 MB).

    python benchmarks/bench_bulk.py              # 1,000 decks
    python benchmarks/bench_bulk.py --decks 200  # quicker
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
import time
import zipfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_review import bare_lxml, bare_pdfium, make_pdf, make_pptx  # noqa: E402


def build_library(root: Path, decks: int, slides: int) -> tuple[int, int]:
    """One PPTX and one PDF template, varied per deck by rewriting text inside the zip (fast)."""
    tpl_pptx, tpl_pdf = root / "tpl.pptx", root / "tpl.pdf"
    make_pptx(tpl_pptx, slides, 1)
    make_pdf(tpl_pdf, slides, 1)
    with zipfile.ZipFile(tpl_pptx) as z:
        parts = {i.filename: z.read(i.filename) for i in z.infolist()}
    pdf_bytes = tpl_pdf.read_bytes()
    n_pptx = n_pdf = 0
    for i in range(decks):
        folder = root / "library" / f"region{i % 7}" / f"team{i % 13}"
        folder.mkdir(parents=True, exist_ok=True)
        if i % 3 == 2:  # a third of the library is PDF
            (folder / f"deck{i:04}.pdf").write_bytes(pdf_bytes.replace(b"Slide 1:", f"Slide {i % 9}:".encode()))
            n_pdf += 1
            continue
        word = f"variant{i}".encode()
        with zipfile.ZipFile(folder / f"deck{i:04}.pptx", "w", zipfile.ZIP_DEFLATED) as z:
            for name, data in parts.items():
                if name.startswith("ppt/slides/slide") and name.endswith(".xml"):
                    data = re.sub(rb"<a:t>Slide ", b"<a:t>" + word + b" Slide ", data, count=1)
                z.writestr(name, data)
        n_pptx += 1
    broken = root / "library" / "broken"
    broken.mkdir()
    (broken / "notes.pptx").write_text("not a deck")
    (broken / "cut.pptx").write_bytes((root / "library" / "region0" / "team0" / "deck0000.pptx").read_bytes()[:5000])
    (broken / "empty.pdf").write_bytes(b"")
    return n_pptx, n_pdf


def _children_cpu() -> float:
    """User + system CPU seconds of this process's reaped child processes (pool workers once joined)."""
    import resource

    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def bare(path: str) -> int:
    try:
        return bare_pdfium(Path(path)) if path.endswith(".pdf") else bare_lxml(Path(path))
    except Exception:
        return 0


class PeakMemory:
    """Samples the RSS of this process and of its children (the pool's workers) with psutil, every 0.2 s."""

    def __init__(self):
        import threading

        import psutil

        self.me = psutil.Process()
        self.parent = self.worker = 0.0
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.run, daemon=True)

    def run(self) -> None:
        import psutil

        while not self.stop.is_set():
            self.parent = max(self.parent, self.me.memory_info().rss / 1024**2)
            for child in self.me.children():
                try:
                    self.worker = max(self.worker, child.memory_info().rss / 1024**2)
                except psutil.Error:
                    pass
            self.stop.wait(0.2)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        self.thread.join()


def run_dask(tmp: Path, jobs: int) -> float:
    """The same cold audit on a local Dask cluster of ``jobs`` single-threaded worker processes."""
    from dask.distributed import LocalCluster

    from deckaudit.library.bulk import bulk

    with LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        t = time.perf_counter()
        bulk([tmp / "library"], db=tmp / "dask.db", scheduler=cluster.scheduler_address)
        return time.perf_counter() - t


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--decks", type=int, default=1000)
    ap.add_argument("--slides", type=int, default=30)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--dask", action="store_true", help="also run the cold audit on a local Dask cluster")
    a = ap.parse_args()
    from deckaudit.library.bulk import bulk

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        t = time.perf_counter()
        n_pptx, n_pdf = build_library(tmp, a.decks, a.slides)
        files = sorted(str(p) for p in (tmp / "library").rglob("*") if p.is_file())
        print(f"library: {n_pptx} PPTX + {n_pdf} PDF decks x {a.slides} slides + 3 broken files "
              f"({sum(os.path.getsize(f) for f in files) / 1024**2:.0f} MiB, built in {time.perf_counter() - t:.0f} s); "
              f"{a.jobs} workers\n")
        t, kids = time.perf_counter(), _children_cpu()
        with ProcessPoolExecutor(a.jobs) as ex:
            slides = sum(ex.map(bare, files, chunksize=8))
        bare_s, bare_cpu = time.perf_counter() - t, _children_cpu() - kids
        db = tmp / "bench.db"
        t, cpu, kids = time.perf_counter(), time.process_time(), _children_cpu()
        with PeakMemory() as peak:
            cold = bulk([tmp / "library"], db=db, jobs=a.jobs)
        cold_s, parent_cpu, workers_cpu = time.perf_counter() - t, time.process_time() - cpu, _children_cpu() - kids
        t = time.perf_counter()
        warm = bulk([tmp / "library"], db=db, jobs=a.jobs)
        warm_s = time.perf_counter() - t
        moved_dir = tmp / "library" / "region0"
        os.rename(moved_dir, moved_dir.with_name("region0-moved"))  # a reorganised folder: same bytes, new paths
        t = time.perf_counter()
        moved = bulk([tmp / "library"], db=db, jobs=a.jobs)
        moved_s = time.perf_counter() - t
        decks = a.decks
        dask_s = run_dask(tmp, a.jobs) if a.dask else None
        print(f"{'':34} {'seconds':>8} {'decks/s':>9} {'slides/s':>9}")
        print(f"{'bare text walk (same files/cores)':34} {bare_s:8.1f} {decks / bare_s:9.1f} {slides / bare_s:9.0f}")
        print(f"{'deckaudit bulk, cold':34} {cold_s:8.1f} {decks / cold_s:9.1f} {slides / cold_s:9.0f}")
        print(f"{'deckaudit bulk, warm (unchanged)':34} {warm_s:8.1f} {decks / warm_s:9.1f}")
        print(f"{'deckaudit bulk, one folder moved':34} {moved_s:8.1f} {decks / moved_s:9.1f}")
        if dask_s:
            print(f"{'deckaudit bulk, cold, local Dask':34} {dask_s:8.1f} {decks / dask_s:9.1f} {slides / dask_s:9.0f}")
        print()
        print(f"cold run vs bare walk: {bare_s / cold_s:.2f}x the throughput (target >= 0.8x); in CPU time "
              f"{bare_cpu / (workers_cpu + parent_cpu):.2f}x ({(workers_cpu + parent_cpu) / decks * 1000:.1f} ms a deck, "
              f"parent and workers, against {bare_cpu / decks * 1000:.1f} ms: less skewed by other work on the box)")
        print(f"warm re-run: {warm_s / cold_s:.1%} of the cold run (target < 5%)")
        print(f"peak RSS during the cold run: parent {peak.parent:.0f} MB (target < 300 MB), "
              f"largest worker {peak.worker:.0f} MB")
        print(f"parent CPU during the cold run: {parent_cpu:.1f} s, {parent_cpu / decks * 1000:.1f} ms per deck "
              f"(start-up, discovery, store writes, the memory sampler): the parent is not the bottleneck")
        print(f"one folder moved: {moved.run['audited']} of {moved.run['decks']} decks re-audited "
              f"(the rest reused by content hash)")
        print(f"load average while measuring: {os.getloadavg()[0]:.1f} (other work on the box skews every figure)")
        print(f"audited {cold.run['audited']}, failed {cold.run['failed']} (the broken files), warm skipped {warm.run['skipped']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
