"""The classic "We-We calculator": count we/us/our and the seller's name against you/your.

Kept only as the baseline every evaluation compares against; it is what deckaudit exists to beat.
"""

from __future__ import annotations

from deckaudit.classify.features import SlideInput, normalise, tokenize
from deckaudit.classify.names import CUSTOMER_TOKEN, SELLER_TOKEN, Names, replace_names

WE = {"we", "us", "our", "ours", "ourselves", "we're", "we've", "we'll", "we'd", SELLER_TOKEN}
YOU = {"you", "your", "yours", "yourself", "yourselves", "you're", "you've", "you'll", "you'd", CUSTOMER_TOKEN}


def we_you(text: str, names: Names) -> tuple[int, int]:
    tokens = tokenize(normalise(replace_names(text, names)[0]))
    return sum(t in WE for t in tokens), sum(t in YOU for t in tokens)


def pronoun_tag(si: SlideInput, names: Names) -> str:
    we, you = we_you(f"{si.title}\n{si.text}", names)
    if we > you:
        return "about-us"
    if you > we:
        return "about-customer"
    return "neutral"
