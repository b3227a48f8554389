"""How long coach() takes on a 40-slide deck (it runs on every review). Prints figures, asserts nothing.

    python benchmarks/bench_coaching.py
"""

from __future__ import annotations

import copy
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from deckaudit.coaching import coach  # noqa: E402
from deckaudit.deck import Deck, Slide  # noqa: E402
from deckaudit.report import build_report  # noqa: E402
from deckaudit.verdict import Evidence, SlideVerdict, Tag  # noqa: E402

TEXTS = [
    ("Northwind at a Glance", "Northwind at a Glance\nFounded in 1998, Northwind is the leading provider of planning software\n"
     "1,200 employees in 14 offices\nOur world-class team delivers seamless, innovative solutions"),
    ("Our Platform", "Our Platform\nOur AI-powered scheduling engine automatically plans every shift\nThe platform integrates with SAP, "
     "Oracle and Infor\nWe deliver best-in-class forecasts with cutting-edge machine learning\nIt supports 40 languages"),
    ("Your challenges", "Your challenges\nYour planners re-plan the whole week every time a supplier is late\nYou lose 6% of "
     "orders to late deliveries\nHow do customers experience our brand when they call us?"),
    ("Trusted by", "Trusted by\nCustomers include Bosch, Siemens and ABB"),
    ("What changes for Acme", "What changes for Acme\nWith one click, your team sees every late order\nPlanners finish the "
     "schedule by noon\nAcme cuts overtime by a third"),
]
TAGS = [Tag.US, Tag.US, Tag.CUSTOMER, Tag.US, Tag.CUSTOMER]


def deck_report(n: int = 40):
    slides, verdicts = [], []
    for i in range(n):
        title, text = TEXTS[i % len(TEXTS)]
        slides.append(Slide(index=i + 1, title=title, text=text * (1 + i % 3)))
        tag = TAGS[i % len(TAGS)]
        verdicts.append(SlideVerdict(tag, 0.0, evidence=[Evidence("our product and offer: 'platform'", -1.0, "topic", tag.value)]))
    report = build_report(Deck(path="bench.pptx", format="pptx", variant="pptx", slides=slides), verdicts,
                          settings={"seller_names": ["northwind"], "customer_names": ["acme"]})
    return report


def main() -> None:
    base = deck_report()
    words = sum(sr.slide.words for sr in base.slides)
    coach(copy.deepcopy(base))  # first call compiles the patterns and loads the rules
    runs = []
    for _ in range(50):
        r = copy.deepcopy(base)
        t = time.perf_counter()
        coach(r)
        runs.append((time.perf_counter() - t) * 1000)
    print(f"coach() on {len(base.slides)} slides, {words} words: median {statistics.median(runs):.2f} ms, min {min(runs):.2f} ms, "
          f"max {max(runs):.2f} ms over {len(runs)} runs; {len(r.findings)} findings; "
          f"{statistics.median(runs) / len(base.slides):.3f} ms per slide")
    cold = copy.deepcopy(base)
    from deckaudit.coaching import rules, self_praise, silent_add_on, subjects, we_you

    for fn in (rules.rule, self_praise._pattern, silent_add_on._patterns, subjects._patterns, we_you._words):
        fn.cache_clear()
    t = time.perf_counter()
    coach(cold)
    print(f"first call in a process (loading the rules and compiling the patterns): {(time.perf_counter() - t) * 1000:.1f} ms")


if __name__ == "__main__":
    main()
