"""silent-add-on: sentences that sound customer-centric but end on the seller."""

from __future__ import annotations

import re
from functools import lru_cache

from deckaudit.coaching.rules import normalised, rule, sentences

KIND = "silent-add-on"


@lru_cache(maxsize=1)
def _patterns() -> list[re.Pattern]:
    return [re.compile(p, re.I) for p in rule("silent_add_on")["patterns"]]


def find(text: str, names) -> list[str]:
    out = []
    for s in sentences(text):
        norm = " ".join(normalised(s, names).split())
        if any(p.search(norm) for p in _patterns()):
            out.append(s)
    return out


def message() -> str:
    return rule("silent_add_on")["message"]
