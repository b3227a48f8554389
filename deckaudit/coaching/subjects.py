"""feature-statement: sentences whose grammatical subject is the product or the seller ("Our platform offers
SSO") against those whose subject is the customer ("Your team signs in once"); a benefit share per slide.

No parser: the subject is the noun phrase that opens the sentence (after an optional lead-in such as
"With one click,"), a head word (our, we, the platform, the seller's name / you, your, customers ...) and up to
three more words, right before a verb from the rule's list. Customer heads are tried first, so "our customers
save 30%" is a benefit; a proof list ("customers include Bosch ...") is neither.
"""

from __future__ import annotations

import re
from functools import lru_cache

from deckaudit.coaching.rules import EXAMPLE_NAMES, Sentence, rule, sentences

RULE = "subjects"
KIND = "feature-statement"


def _subject_pattern(heads: list[str], data: dict) -> str:
    verb = "(?:" + "|".join(map(re.escape, sorted(set(data["verbs"]), key=len, reverse=True))) + ")(?:s|es|ed|d|ing)?"
    verb = f"(?:{verb}|" + "|".join(data["irregular_verbs"]) + ")"
    return (rf"^(?:{data['lead_in']})?(?:{'|'.join(heads)})(?:\s+[\w'/-]+){{0,3}}?\s+"
            rf"(?:\w+ly\s+)?(?:{data['modals']}\s+)?{verb}(?=\s+\S)")  # a verb that ends the line is a noun


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    data = rule(RULE)
    neither = re.compile(data["not_a_subject"])
    customer = re.compile(_subject_pattern(data["customer_subjects"], data))
    seller = re.compile(_subject_pattern(data["seller_subjects"], data) + rf"|^(?:{data['lead_in']})?{data['contractions']}\s")
    return neither, customer, seller


def who(norm: str) -> str:
    """'customer', 'seller' or '' for one normalised sentence."""
    neither, customer, seller = _patterns()
    if neither.match(norm):
        return ""
    if customer.match(norm):
        return "customer"
    if seller.match(norm):
        return "seller"
    return ""


def analyse(sents: list[Sentence]) -> tuple[list[str], int, int]:
    """(seller-subject sentences as written, how many sentences have a seller subject, how many a customer one)."""
    feature, n_customer = [], 0
    for s in sents:
        subject = who(s.norm)
        if subject == "seller":
            feature.append(s.text)
        elif subject == "customer":
            n_customer += 1
    return feature, len(feature), n_customer


def find(ctx) -> list:
    """The rule in the registry: a finding per sentence whose subject is the seller or the product."""
    from deckaudit.report import Finding

    return [Finding(KIND, st.index, sentence, message()) for st in ctx.counted for sentence in st.features]


def benefit_share(n_seller: int, n_customer: int) -> float | None:
    return round(n_customer / (n_seller + n_customer), 3) if n_seller + n_customer else None


def message() -> str:
    return rule(RULE)["message"]


def check(example: str, names=EXAMPLE_NAMES) -> list[str]:
    return analyse(sentences(example, names))[0]
