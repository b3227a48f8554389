"""Does bulk's memory stay flat as the library grows? Generates N small decks (tests/deckfactory.py: PPTX with
varied text, a fifth of them PDF), runs a cold `bulk` with --jobs workers, and samples the resident memory
(psutil RSS) of the parent and of every worker each time another 5 % of the decks is done. Prints the samples,
then the growth from the first tenth of the run to its end: flat means the parent and the workers end about
where they started, whatever N is (the parent's only per-deck memory is the list of decks and the final
report, a few hundred bytes a deck).

    python benchmarks/bench_memory.py                # 2,000 decks
    python benchmarks/bench_memory.py --decks 10000  # the issue's library size (slow to generate)
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

US = ("Our platform leads the market", "We won three industry awards", "Our team of experts is the best")
THEM = ("Your planners lose hours each week", "Your scrap rate costs you margin", "Your customers wait for shipments")


def build_library(root: Path, decks: int) -> None:
    """``decks`` decks of 6 slides in 20 folders; every deck's text differs (a word per deck), so no cache
    keyed on text or content is hit twice."""
    from tests import deckfactory as df

    tpl = df.basic_pptx(root / "tpl.pptx", slides=[
        (f"MARK slide {n}", [US[n % 3] + " MARK", THEM[(n + 1) % 3], "MARK bullet three"]) for n in range(6)])
    lib = root / "library"
    for i in range(decks):
        folder = lib / f"team{i % 20:02}"
        folder.mkdir(parents=True, exist_ok=True)
        word = f"variant{i}"
        if i % 5 == 4:
            df.pdf(folder / f"deck{i:05}.pdf", [df.text_page(f"{word} {THEM[n % 3]}", US[(n + i) % 3], THEM[n % 3])
                                                for n in range(6)])
        else:
            df.rewrite_zip(tpl, folder / f"deck{i:05}.pptx",
                           edit=lambda name, data, w=word.encode(): data.replace(b"MARK", w)
                           if name.startswith("ppt/slides/slide") else data)


class Sampler:
    """RSS of this process and of its child processes (the pool's workers), in MB, on each call."""

    def __init__(self, total: int):
        import psutil

        self.me, self.total, self.rows, self.next = psutil.Process(), total, [], 0
        self.worker_peak: dict[int, float] = {}

    def __call__(self, done: int, total: int, slides: int) -> None:
        import psutil

        if done < self.next and done != total:
            return
        self.next = done + max(1, total // 20)
        workers = []
        for child in self.me.children(recursive=True):
            try:
                rss = child.memory_info().rss / 1024**2
            except psutil.Error:
                continue
            if rss > 20:  # the pool's workers; not multiprocessing's resource tracker
                workers.append(rss)
                self.worker_peak[child.pid] = max(self.worker_peak.get(child.pid, 0), rss)
        self.rows.append((done, self.me.memory_info().rss / 1024**2, max(workers, default=0.0), len(workers)))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--decks", type=int, default=2000)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    a = ap.parse_args()
    from deckaudit.library.bulk import bulk

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        t = time.perf_counter()
        build_library(tmp, a.decks)
        print(f"library: {a.decks} decks of 6 slides (a fifth PDF), built in {time.perf_counter() - t:.0f} s; "
              f"{a.jobs} workers")
        sampler = Sampler(a.decks)
        t = time.perf_counter()
        lib = bulk([tmp / "library"], db=tmp / "mem.db", jobs=a.jobs, progress=sampler)
        secs = time.perf_counter() - t
        print(f"cold bulk: {secs:.1f} s, {a.decks / secs:.1f} decks/s; audited {lib.run['audited']}, "
              f"failed {lib.run['failed']}; load average {os.getloadavg()[0]:.1f}\n")
        print(f"{'decks done':>10} {'parent MB':>10} {'largest worker MB':>18} {'workers':>8}")
        for done, parent, worker, n in sampler.rows:
            print(f"{done:10} {parent:10.1f} {worker:18.1f} {n:8}")
        early = [r for r in sampler.rows if r[0] <= a.decks // 10] or sampler.rows[:1]
        p0, w0 = max(r[1] for r in early), max(r[2] for r in early)
        p1, w1 = max(r[1] for r in sampler.rows), max(r[2] for r in sampler.rows)
        print(f"\nparent: {p0:.1f} MB in the first tenth, {p1:.1f} MB at most ({p1 - p0:+.1f} MB over "
              f"{a.decks - a.decks // 10} more decks, {(p1 - p0) * 1024 / max(1, a.decks - a.decks // 10):.2f} KB a deck)")
        print(f"workers: {w0:.1f} MB in the first tenth, {w1:.1f} MB at most ({w1 - w0:+.1f} MB); "
              f"{len(sampler.worker_peak)} worker processes seen (a fresh one every "
              f"{__import__('deckaudit.library.bulk', fromlist=['x']).MAX_TASKS_PER_WORKER} files)")
        print(f"parent after the report was built: {sampler.me.memory_info().rss / 1024**2:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
