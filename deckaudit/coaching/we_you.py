"""we/you: the "We-We calculator" figure, words about the seller against words about the customer.

The seller's name counts as "we" and the customer's as "you" (names arrive as placeholders, see rules.py).
"""

from __future__ import annotations

import re
from functools import lru_cache

from deckaudit.coaching.rules import EXAMPLE_NAMES, normalised, rule

RULE = "we_you"
KIND = "we-we"
_WORD = re.compile(r"[a-z_]+(?:'[a-z]+)?")


@lru_cache(maxsize=1)
def _words() -> tuple[frozenset[str], frozenset[str]]:
    data = rule(RULE)
    return frozenset(data["we"]), frozenset(data["you"])


def count(text: str, names) -> tuple[int, int]:
    """(we, you) word counts in a text."""
    return count_normalised(normalised(text, names))


def count_normalised(norm: str) -> tuple[int, int]:
    """(we, you) in a text already normalised (rules.normalised or normalised_lines)."""
    we_words, you_words = _words()
    we = you = 0
    for token in _WORD.findall(norm):
        if token in we_words:
            we += 1
        elif token in you_words:
            you += 1
    return we, you


def ratio(we: int, you: int) -> float | None:
    """we per you, as the calculator shows it; None when the text never says 'you'."""
    return round(we / you, 2) if you else None


def find(ctx) -> list:
    """The rule in the registry: one deck-level finding when 'we' outnumbers 'you' (at least ``min_we``)."""
    from deckaudit.report import Finding

    data = rule(RULE)
    we = sum(st.we for st in ctx.counted)
    you = sum(st.you for st in ctx.counted)
    if we < data["min_we"] or we <= you:
        return []
    return [Finding(KIND, None, "", data["message"].format(we=we, you=you, seller=ctx.seller or "us").replace("/us against", " against"))]


def check(example: str, names=EXAMPLE_NAMES) -> list[str]:
    """The rule's verdict on one text: a 'we-we' remark when we outnumbers you, else nothing."""
    we, you = count(example, names)
    return [f"{we}× we against {you}× you"] if we > you else []
