"""feature-statement: sentences whose grammatical subject is the product or the seller, against those whose
subject is the customer; a benefit share per slide. No parser: the subject is the noun phrase that opens the
sentence, right before a verb."""

from __future__ import annotations

import re
from functools import lru_cache

from deckaudit.coaching.rules import normalised, normalised_sentences, rule

KIND = "feature-statement"


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern, re.Pattern]:
    r = rule("subjects")
    verbs = r["verbs"]
    verbs = rf"{verbs}(?:s|es|ed|d)?"  # inflections: signs, closes, saved
    seller = re.compile(rf"^(?:{'|'.join(r['seller_subjects'])})\s+(?:\w+\s+)?{verbs}\b", re.I)
    customer = re.compile(rf"^(?:{'|'.join(r['customer_subjects'])})\s+(?:\w+\s+)?{verbs}\b", re.I)
    return seller, customer


def classify(sentence: str, names) -> str:
    """'seller', 'customer' or '' for one sentence."""
    return _classify_norm(" ".join(normalised(sentence, names).split()))


def _classify_norm(norm: str) -> str:
    seller, customer = _patterns()
    if seller.match(norm):
        return "seller"
    if customer.match(norm):
        return "customer"
    return ""


def analyse(text: str, names) -> tuple[list[str], int, int]:
    """(seller-subject sentences, seller count, customer count)."""
    feature, n_seller, n_customer = [], 0, 0
    for s, norm in normalised_sentences(text, names):
        who = _classify_norm(norm)
        if who == "seller":
            feature.append(s)
            n_seller += 1
        elif who == "customer":
            n_customer += 1
    return feature, n_seller, n_customer


def message() -> str:
    return rule("subjects")["message"]
