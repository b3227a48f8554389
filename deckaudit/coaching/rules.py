"""Coaching rules are data (deckaudit/coaching/data/*.json), each with its source and its own pass/fail
examples; tests/test_coaching.py runs every rule's examples, so no rule exists without the cases that would
catch it breaking."""

from __future__ import annotations

import re
from functools import lru_cache

from deckaudit.classify.names import Names, replace_names

_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")


@lru_cache(maxsize=None)
def rule(name: str) -> dict:
    import json
    from importlib import resources

    return json.loads(resources.files("deckaudit.coaching.data").joinpath(f"{name}.json").read_text(encoding="utf-8"))


def sentences(text: str) -> list[str]:
    return [s.strip(" •-–—\t") for s in _SENTENCE.split(text) if s and len(s.strip()) > 2]


def names_from(settings: dict) -> Names:
    n = Names()
    for name in settings.get("seller_names", []) or []:
        n.seller.add(name)
    for name in settings.get("customer_names", []) or []:
        n.customer.add(name)
    return n


def normalised(text: str, names: Names) -> str:
    """Lower-case text with the seller's and customer's names as placeholders."""
    return replace_names(text, names)[0].replace("’", "'").lower()


def normalised_sentences(text: str, names: Names) -> list[tuple[str, str]]:
    """(original sentence, normalised sentence) pairs, normalising the text once."""
    return [(s, " ".join(normalised(s, names).split())) for s in sentences(text)] if names.pattern() else [
        (s, " ".join(s.replace("’", "'").lower().split())) for s in sentences(text)]
