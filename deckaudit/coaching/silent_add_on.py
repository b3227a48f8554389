"""silent-add-on: a sentence that sounds customer-centric but ends on the seller ("how do customers
experience our brand", "where friction occurs in relation to us"): a customer-world frame whose object is
us, our or the seller's name."""

from __future__ import annotations

import re
from functools import lru_cache

from deckaudit.coaching.rules import EXAMPLE_NAMES, Sentence, rule, sentences

RULE = "silent_add_on"
KIND = "silent-add-on"
_ENDS_ON_US = re.compile(r"\b(?:us|our|__seller__)\b")


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern, ...]:
    return tuple(re.compile(p) for p in rule(RULE)["patterns"])


def find(sents: list[Sentence]) -> list[str]:
    """The sentences (as written) that end a customer frame on the seller."""
    return [s.text for s in sents if _ENDS_ON_US.search(s.norm) and any(p.search(s.norm) for p in _patterns())]


def message() -> str:
    return rule(RULE)["message"]


def check(example: str, names=EXAMPLE_NAMES) -> list[str]:
    return find(sentences(example, names))
