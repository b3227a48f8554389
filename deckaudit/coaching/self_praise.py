"""self-praise: superlatives and vendor cliches, counted per slide and per deck."""

from __future__ import annotations

import re
from functools import lru_cache

from deckaudit.coaching.rules import rule

KIND = "self-praise"


@lru_cache(maxsize=16)
def _pattern(extra: tuple[str, ...]) -> re.Pattern:
    terms = sorted({t.lower() for t in rule("self_praise")["terms"]} | {t.lower() for t in extra}, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(t).replace(r"\ ", r"[\s-]") for t in terms) + r")(?![\w-])", re.I)


def find(text: str, extra: tuple[str, ...] = ()) -> list[str]:
    return [m.group(0).lower() for m in _pattern(tuple(extra)).finditer(text)]


def message(term: str) -> str:
    return rule("self_praise")["message"].format(term=term)
