"""Coaching rules are data (deckaudit/coaching/data/<rule>.json), each with its source and its own
``examples_fail`` and ``examples_pass``. Every detector module names its data file in ``RULE`` and has a
``check(example)`` that gives the rule's verdict on one example; tests/test_coaching_rules.py runs every data
file's examples through its module, so no rule exists without the cases that would catch it breaking.

Examples are written for a seller called Northwind and a customer called Acme (EXAMPLE_NAMES).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from deckaudit.classify.names import Names, replace_names

_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+|\s+[•|]\s+")
_LETTER = re.compile(r"[^\W\d_]")

EXAMPLE_NAMES = Names(seller={"northwind"}, customer={"acme"})


@lru_cache(maxsize=None)
def rule(name: str) -> dict:
    import json
    from importlib import resources

    return json.loads(resources.files("deckaudit.coaching.data").joinpath(f"{name}.json").read_text(encoding="utf-8"))


def rule_names() -> list[str]:
    """Every rule shipped as a data file."""
    from importlib import resources

    return sorted(p.name[:-5] for p in resources.files("deckaudit.coaching.data").iterdir() if p.name.endswith(".json"))


def names_from(settings: dict) -> Names:
    return Names(seller=set(settings.get("seller_names") or ()), customer=set(settings.get("customer_names") or ()))


def normalised(text: str, names: Names) -> str:
    """Lower-case text on single spaces, the seller's and customer's names as __seller__ / __customer__."""
    return " ".join(normalised_lines(text, names).split())


def normalised_lines(text: str, names: Names) -> str:
    """Like normalised(), but keeping line breaks and spacing (so it splits into the same sentences)."""
    if names.pattern() is not None:
        text = replace_names(text, names)[0]
    return text.replace("’", "'").lower()


@dataclass(frozen=True, slots=True)
class Sentence:
    text: str  # as written, for the finding
    norm: str  # normalised, for the patterns


def _pieces(text: str) -> list[str]:
    pieces = (s.strip(" •-–—*\t") for s in _SENTENCE.split(text))
    return [s for s in pieces if s and _LETTER.search(s)]


def sentences(text: str, names: Names, norm_lines: str | None = None) -> list[Sentence]:
    """The sentences (and bullet lines) of a text, each normalised once for every detector. Pass
    ``norm_lines`` (normalised_lines of the same text) to normalise the whole text in one go."""
    written = _pieces(text)
    norms = _pieces(norm_lines if norm_lines is not None else normalised_lines(text, names))
    if len(norms) != len(written):  # a name with a full stop in it ("Northwind Inc.") moved a boundary
        norms = [normalised(s, names) for s in written]
    return [Sentence(s, " ".join(n.split())) for s, n in zip(written, norms)]


_PREFIXES = ("lex_", "pat_", "pron_", "name_", "layout_", "phrase_", "struct_")


def evidence_keys(e) -> set[str]:
    """The names a rule may match one Evidence by, from its fields only (never its display text): the
    feature ("lex_company_facts"), its bare name ("company_facts"; a lexicon group "us:company" also as
    "company"), its group ("topic", "layout") and its label ("company facts"), all lower-case."""
    feature = (e.feature or "").lower()
    core = feature
    for prefix in _PREFIXES:
        if core.startswith(prefix):
            core = core[len(prefix):]
            break
    keys = {feature, core, core.rsplit(":", 1)[-1], (e.kind or "").lower(), (e.label or "").lower()}
    keys.discard("")
    return keys


def example_evidence(example: str, toward: str = "about-us"):
    """An Evidence from a rule example written as fields: "lex_proof 'gartner', 'magic quadrant'" (the
    feature, then the quoted phrases). "alt 'logo'" and "pictures 12" are slide facts, returned as None."""
    from deckaudit.verdict import Evidence

    feature = example.split()[0] if example.split() else ""
    phrases = tuple(re.findall(r"'([^']+)'", example))
    if feature in ("alt", "pictures"):
        return None
    return Evidence("", 1.0, "topic", toward, feature=feature, phrases=phrases)
