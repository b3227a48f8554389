"""A seller found run together ("©ALLIEDSERVICES", alliedservicesltd.com) is matched as the slides write it,
with its spaces ("Allied Services can assist", "ALLIED SERVICES") (classify/names.py)."""

from __future__ import annotations

from deckaudit.classify.names import Names, replace_names
from tests.test_names import deck

RUN_TOGETHER = deck(
    "Company Profile\n©ALLIEDSERVICES",
    "Who we are\nALLIED SERVICES is a logistics company in Nairobi\nwww.alliedservicesltd.com",
    "Clearing & forwarding\nIf you need a customs agent, Allied Services can assist in freight forwarding",
    "Warehousing\nAllied Services Limited stores bonded cargo\n©ALLIEDSERVICES",
    "Contact\ninfo@alliedservicesltd.com\n©ALLIEDSERVICES",
)


def test_the_spaced_spelling_of_a_run_together_seller_is_matched():
    n = Names.for_deck(RUN_TOGETHER)
    assert n.party("seller").names == ["Allied Services"]
    assert "allied services" in n.seller
    for i in (1, 2, 3):
        text, sellers, customers = replace_names(RUN_TOGETHER.slides[i].text, n)
        assert sellers >= 1 and customers == 0, RUN_TOGETHER.slides[i].text
        assert "allied" not in text.lower().replace("alliedservicesltd", "")


def test_the_spaced_spelling_is_not_taken_from_single_letters():
    # "FL EXIT" is no spelling of "flexit": words of one letter, or names under six letters, are left alone.
    d = deck("FlexIt\nParking made simple", "Why FlexIt\nF LEXIT is not us\nflexit.com", "FlexIt app\nFlexIt works",
             "Contact\nwww.flexit.com")
    n = Names.for_deck(d)
    assert "flexit" in n.seller
    assert not any(" " in v for v in n.seller)
