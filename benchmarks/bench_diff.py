"""How well each similarity scorer recognises a slide in another version of its deck, and how fast.

Usage: python benchmarks/bench_diff.py FOLDER   (FOLDER holds deck.pptx beside deck.pdf, e.g. the PPTX decks
of a corpus exported with `soffice --headless --convert-to pdf`).

For each PPTX slide (not hidden: LibreOffice does not export hidden slides) the true partner is the PDF page at
the same position. Per scorer: how often the true page is the best-scoring page (top-1), the lowest true-pair
score (what MATCH must stay under), the median margin to the best wrong page, and the time to score every
slide pair. Then the whole matcher (deckaudit.diff.match_slides) on edited versions of each PDF: two slides
swapped, one removed, a slide of another deck inserted; it must name exactly those.
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from difflib import SequenceMatcher
from pathlib import Path

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel

from deckaudit.api import read
from deckaudit.diff import MATCH, deck_words, match_slides

SCORERS = {
    "rapidfuzz Indel on sorted words (word Dice)": lambda a, b: Indel.normalized_similarity(sorted(a.split()), sorted(b.split())),
    "rapidfuzz token_sort_ratio": lambda a, b: fuzz.token_sort_ratio(a, b, processor=None) / 100,
    "rapidfuzz ratio": lambda a, b: fuzz.ratio(a, b, processor=None) / 100,
    "rapidfuzz token_set_ratio": lambda a, b: fuzz.token_set_ratio(a, b, processor=None) / 100,
    "difflib SequenceMatcher.ratio (words)": lambda a, b: SequenceMatcher(None, a.split(), b.split(), autojunk=False).ratio(),
}


def pairs(folder: Path):
    for pptx in sorted(folder.glob("*.pptx")):
        pdf = pptx.with_suffix(".pdf")
        if pdf.exists():
            a, b = read(pptx), read(pdf)
            olds = [" ".join(w) for w in deck_words([s for s in a.slides if not s.hidden])[0]]
            news = [" ".join(w) for w in deck_words(b.slides)[0]]
            if len(olds) == len(news):
                yield pptx.stem, olds, news, deck_words(b.slides)[1]
            else:
                print(f"skip {pptx.name}: {len(olds)} shown slides, {len(news)} pages")


def main(folder: Path) -> None:
    decks = list(pairs(folder))
    print(f"{len(decks)} deck pairs, {sum(len(d[1]) for d in decks)} slides")
    for name, score in SCORERS.items():
        top1 = total = false_hits = 0
        lows, margins = [], []
        t0 = time.perf_counter()
        for _deck, olds, news, _pics in decks:
            for i, a in enumerate(olds):
                if not a:
                    continue
                row = [score(a, b) if b else 0.0 for b in news]
                own, other = row[i], max((s for j, s in enumerate(row) if j != i), default=0.0)
                total += 1
                top1 += own > other
                lows.append(own)
                false_hits += sum(1 for j, x in enumerate(row) if j != i and x >= MATCH)
                margins.append(own - other)
        dt = time.perf_counter() - t0
        lows.sort()
        print(f"{name:40s} top-1 {top1}/{total}  lowest true pair {lows[0]:.2f} (5th pct {lows[len(lows)//20]:.2f}, "
              f"{sum(x < MATCH for x in lows)} under MATCH; {false_hits} wrong pairs over it)  median margin {statistics.median(margins):.2f}  "
              f"{dt * 1000:.0f} ms")
    rng = random.Random(7)
    right = wrong = 0
    t_match = 0.0
    for k, (_deck, olds, news, pics) in enumerate(decks):
        if len(news) < 5:
            continue
        new = list(range(len(news)))  # positions of the PDF pages in the edited version
        s = rng.randrange(1, len(new) - 2)
        new[s], new[s + 1] = new[s + 1], new[s]
        removed = new.pop(rng.randrange(len(new)))
        words_new = [news[j].split() for j in new]
        intruder = decks[(k + 1) % len(decks)][2][1].split()
        at = rng.randrange(len(words_new))
        words_new.insert(at, intruder)
        t0 = time.perf_counter()
        pics_new = {p + (p >= at) for p, orig in enumerate(new) if orig in pics}
        got, in_place, _ = match_slides([o.split() for o in olds], words_new, pics, pics_new)
        t_match += time.perf_counter() - t0
        truth = {orig: pos for pos, orig in enumerate(new)}
        truth = {orig: (p + 1 if p >= at else p) for orig, p in truth.items()}
        ok = got == truth and removed not in got and at not in got.values()
        right += ok
        wrong += not ok
        if not ok:
            print("  mismatch in", _deck, {i: (got.get(i), truth.get(i)) for i in set(got) | set(truth) if got.get(i) != truth.get(i)})
    print(f"edited versions matched exactly: {right}/{right + wrong}  ({t_match * 1000:.0f} ms in all)")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
