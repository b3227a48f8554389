"""Rebuild deckaudit/classify/data/common_words.txt: ordinary words never taken for a company name.

Sources: the hand-written base list at the top of the current file (kept as is), the 8,000 most frequent
English words from wordfreq (build-time only: `pip install wordfreq`; word list data CC BY-SA 4.0,
Robyn Speer et al., https://github.com/rspeer/wordfreq), and words that three or more different decks
of our training corpus use (names in the corpus are unique to one deck, so none gets in).
"""

from __future__ import annotations

import json
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET = ROOT / "deckaudit/classify/data/common_words.txt"
TRAINING = ROOT / "data/training"
MARK = "# --- generated below by scripts/build_common_words.py ---"


def main() -> int:
    from wordfreq import top_n_list

    text = TARGET.read_text(encoding="utf-8")
    base = text.split(MARK)[0].rstrip("\n")
    words = {w for w in top_n_list("en", 8000) if re.fullmatch(r"[a-z][a-z'&-]*", w)}
    decks_by_word: dict[str, set[str]] = defaultdict(set)
    for f in sorted(TRAINING.glob("*.jsonl")):
        for line in f.open(encoding="utf-8"):
            rec = json.loads(line)
            for w in re.findall(r"[a-z][a-z'-]+", f"{rec.get('title', '')} {rec.get('text', '')}".lower()):
                decks_by_word[w].add(rec.get("deck", f.name))
    words |= {w for w, decks in decks_by_word.items() if len(decks) >= 3}
    base_words = {ln.strip() for ln in base.splitlines() if ln.strip() and not ln.startswith("#")}
    extra = sorted(words - base_words)
    TARGET.write_text(f"{base}\n{MARK}\n" + "\n".join(extra) + "\n", encoding="utf-8")
    print(f"{TARGET.relative_to(ROOT)}: {len(base_words)} hand-written + {len(extra)} generated words")
    return 0


if __name__ == "__main__":
    sys.exit(main())
