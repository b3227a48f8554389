"""What the classifier adds per slide, against the pronoun count it replaces and the reader it follows.

For each slide set: the "We-We" pronoun count (the classic alternative), featurize, the verdict with its
evidence, and the whole classify step; beside them the reader's own cost per slide for the same decks
when they are files. Process CPU time, best of N passes (other work on the machine inflates wall time).

    python benchmarks/bench_classifier.py             # training corpus, ../shared/corpus if present, generated
    python benchmarks/bench_classifier.py --repeat 9

Target from the issue: the model adds well under 0.1 ms per slide; it loads in milliseconds.
"""

from __future__ import annotations

import argparse
import glob
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_review import make_pdf, make_pptx  # noqa: E402


def best_us(fn, items, repeat: int) -> float:
    for it in items[:20]:
        fn(*it)
    runs = []
    for _ in range(repeat):
        t = time.process_time()
        for it in items:
            fn(*it)
        runs.append(time.process_time() - t)
    return min(runs) / max(len(items), 1) * 1e6


def slide_us(fn, items, repeat: int) -> list[float]:
    """Each item's own time in microseconds (wall clock, best of ``repeat``): for medians."""
    out = []
    for it in items:
        best = float("inf")
        for _ in range(repeat):
            t = time.perf_counter()
            fn(*it)
            best = min(best, time.perf_counter() - t)
        out.append(best * 1e6)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=5)
    a = ap.parse_args()

    t = time.perf_counter()
    from deckaudit.classify import Names, load_classifier
    from deckaudit.classify.baseline import pronoun_tag
    from deckaudit.classify.families import featurize
    from deckaudit.classify.features import SlideInput
    from deckaudit.classify.labels import load_many
    from deckaudit.readers import read_deck

    import_ms = (time.perf_counter() - t) * 1000
    t = time.perf_counter()
    clf = load_classifier(None)
    load_ms = (time.perf_counter() - t) * 1000
    print(f"import {import_ms:.0f} ms, model load {load_ms:.0f} ms "
          f"({len(clf.model.sparse):,} n-gram and {len(clf.model.dense)} feature weights)\n")

    sets: list[tuple[str, list, list[Path], list]] = []
    training = sorted(glob.glob(str(ROOT / "data" / "training" / "*.jsonl")))
    if training:
        decks = load_many(training)
        sets.append(("training corpus (written slides)", [(si, d.names) for d in decks for si in d.slides], [],
                     [(d.slides, d.names) for d in decks]))
    for label, folder in (("../shared/corpus (real decks, dev)", ROOT.parent / "shared" / "corpus"),
                          ("../shared/corpus-train (real decks)", ROOT.parent / "shared" / "corpus-train")):
        if folder.is_dir():
            decks = load_many([folder])
            files = sorted(p for p in folder.rglob("*") if p.suffix.lower() in (".pptx", ".pdf"))
            sets.append((label, [(si, d.names) for d in decks for si in d.slides], files,
                         [(d.slides, d.names) for d in decks]))
    tmp = tempfile.TemporaryDirectory()
    gen = [Path(tmp.name) / "g.pptx", Path(tmp.name) / "g.pdf"]
    make_pptx(gen[0], 30, 5)
    make_pdf(gen[1], 30, 5)
    items, whole_decks = [], []
    for f in gen:
        deck = read_deck(f)
        names = Names.for_deck(deck)
        inputs = [SlideInput.from_slide(s, len(deck.slides)) for s in deck.slides]
        items += [(si, names) for si in inputs]
        whole_decks.append((inputs, names))
    sets.append(("generated 30-slide decks (bench_review)", items, gen, whole_decks))

    ratios: list[tuple[str, float, float]] = []
    print(f"{'slide set':42} {'slides':>6} {'words':>6} {'pronoun':>8} {'featurize':>10} {'verdict':>8} "
          f"{'classify':>9} {'median':>7} {'by deck':>8} {'reader':>8}   (us per slide)")
    for label, items, files, whole_decks in sets:
        words = statistics.mean(len(si.text.split()) for si, _ in items)
        feats = [(featurize(si, n, clf.lexicon),) for si, n in items]
        pron = best_us(lambda si, n: pronoun_tag(si, n), items, a.repeat)
        feat = best_us(lambda si, n: featurize(si, n, clf.lexicon), items, a.repeat)
        verdict = best_us(lambda f: clf.model.verdict(f), feats, a.repeat)
        whole = best_us(lambda si, n: clf.classify_input(si, n), items, a.repeat)
        median = statistics.median(slide_us(lambda si, n: clf.classify_input(si, n), items, a.repeat))
        # what review does: a deck at a time (boilerplate, language, neighbours)
        by_deck = best_us(lambda inputs, n: clf.classify_inputs(inputs, n), whole_decks, a.repeat) * len(whole_decks) / len(items)
        reader = ""
        if files:
            n_slides = sum(len(read_deck(f).slides) for f in files)
            reader = f"{best_us(lambda f: read_deck(f), [(f,) for f in files], a.repeat) * len(files) / n_slides:8.0f}"
        print(f"{label:42} {len(items):6} {words:6.0f} {pron:8.1f} {feat:10.1f} {verdict:8.1f} {whole:9.1f} "
              f"{median:7.1f} {by_deck:8.1f} {reader:>8}")
        ratios.append((label, by_deck / pron, median))
    print("\nclassify: one slide on its own (mean); median: the median slide, each timed alone (wall clock, best of"
          " N);\nby deck: what review does, boilerplate, language and neighbours included (mean)")
    for label, ratio, median in ratios:
        print(f"  {label}: by deck {ratio:.1f}x the pronoun count; median slide {median / 100:.1f}x the 100 us target")
    print("target (issue 17): median under 100 us per real slide")
    tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
