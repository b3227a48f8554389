"""self-praise: superlatives and vendor cliches the customer cannot check, counted per slide and per deck.

The lexicon is data (data/self_praise.json); users extend it in config:
``[tool.deckaudit.coaching] self_praise = ["synergistic"]``. ``not_before`` keeps ordinary uses out
("leading to 6% lost orders", "a unique identifier").
"""

from __future__ import annotations

import re
from functools import lru_cache

from deckaudit.coaching.rules import rule

RULE = "self_praise"
KIND = "self-praise"


@lru_cache(maxsize=16)
def _pattern(extra: tuple[str, ...]) -> re.Pattern:
    data = rule(RULE)
    terms = sorted({t.lower() for t in data["terms"]} | {t.lower().strip() for t in extra if t.strip()}, key=len, reverse=True)
    by_first: dict[str, list[str]] = {}  # alternatives grouped by first letter: one comparison per word start
    for t in terms:
        body = re.escape(t[1:]).replace(r"\ ", r"[\s-]+").replace(r"\-", r"[\s-]?")
        followers = data["not_before"].get(t)
        if followers:
            body += r"(?!\s+(?:" + "|".join(map(re.escape, followers)) + r")\b)"
        by_first.setdefault(re.escape(t[0]), []).append(body)
    groups = "|".join(f"{first}(?:{'|'.join(bodies)})" for first, bodies in by_first.items())
    return re.compile(r"(?<![\w-])(?:" + groups + r")(?![\w-])", re.I)


def terms(text: str, extra: tuple[str, ...] = ()) -> list[str]:
    """Every self-praising term in the text, lower-case, in order (repeats counted)."""
    return [" ".join(m.group(0).lower().split()) for m in _pattern(tuple(extra)).finditer(text)]


def find(ctx) -> list:
    """The rule in the registry: a finding per distinct term on each counted slide, quoting its sentence."""
    from deckaudit.report import Finding

    out = []
    for st in ctx.counted:
        for term in dict.fromkeys(st.praise):
            sentence = next((s.text for s in st.sentences if term in " ".join(s.text.lower().replace("-", " ").split())
                             or term in s.text.lower()), term)
            out.append(Finding(KIND, st.index, sentence, message(term)))
    return out


def message(term: str) -> str:
    return rule(RULE)["message"].format(term=term)


def check(example: str) -> list[str]:
    return terms(example)
