"""silent-add-on: sentences that sound customer-centric but end on the seller."""

from __future__ import annotations

import re
from functools import lru_cache

from deckaudit.coaching.rules import normalised_sentences, rule

KIND = "silent-add-on"


@lru_cache(maxsize=1)
def _patterns() -> list[re.Pattern]:
    return [re.compile(p, re.I) for p in rule("silent_add_on")["patterns"]]


def find(text: str, names) -> list[str]:
    out = []
    for s, norm in normalised_sentences(text, names):
        if (" us" in norm or "our" in norm or "__seller__" in norm) and any(p.search(norm) for p in _patterns()):
            out.append(s)
    return out


def message() -> str:
    return rule("silent_add_on")["message"]
