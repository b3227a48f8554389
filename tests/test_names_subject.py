"""The seller against the deck's subject: a pitch TO a company names it on the cover ("Airbnb's Quest for High
Growth in NYC") and on every slide; that company is the customer, not the seller (classify/names.py)."""

from __future__ import annotations

from deckaudit.classify.names import Names, replace_names
from tests.test_names import deck

# A student consulting team's pitch to Airbnb, as the real deck reads (cover, problem, analysis, advice).
TO_AIRBNB = dict(title="Airbnb Pitch Deck Template")
TO_AIRBNB_SLIDES = (
    "Airbnb’s Quest for High Growth in NYC\nTHE VARIABLES; Group 2",
    "Problem Statement\nHow can Airbnb strategically identify high-growth neighborhoods in New York City?\n"
    "How can we incentivize guests to choose Airbnb ?",
    "Listing density\nAirbnb listings in Brooklyn and Queens grew 40% since 2019",
    "Guest demand\nBookings per listing in Brooklyn, Queens and the Bronx",
    "Recommendations\nAirbnb should expand AirCover marketing in Queens\nAirbnb hosts in the Bronx need incentives",
    "Thank you\nQuestions?",
)


def test_a_possessive_cover_names_the_customer_not_the_seller():
    n = Names.for_deck(deck(*TO_AIRBNB_SLIDES, **TO_AIRBNB))
    assert "airbnb" not in n.seller
    assert n.party("customer").names == ["Airbnb"]
    assert n.party("customer").sources == {"Airbnb": ["cover's subject"]}
    assert n.party("customer").display == "Airbnb — from the cover's subject"
    _, sellers, customers = replace_names(TO_AIRBNB_SLIDES[4], n)
    assert (sellers, customers) == (0, 2)


def test_the_cover_subject_holds_with_the_company_given():
    n = Names.for_deck(deck(*TO_AIRBNB_SLIDES, **TO_AIRBNB), company=("The Variables",))
    assert n.party("seller").names == ["The Variables"]
    assert n.party("customer").names == ["Airbnb"]


def test_customer_given_is_never_the_seller_and_counts_as_the_customer():
    d = deck(*TO_AIRBNB_SLIDES, **TO_AIRBNB)
    for kw in ({"customer": ("Airbnb",)}, {"customer": ("Airbnb",), "company": ("The Variables",)},
               {"customer": ("airbnb",), "company": ("Airbnb", "The Variables")}):
        n = Names.for_deck(d, **kw)
        assert "airbnb" not in n.seller, kw
        assert n.party("customer").names == ["Airbnb"] or n.party("customer").names == ["airbnb"], kw
        assert n.party("customer").given
        text, sellers, customers = replace_names("Airbnb’s hosts and Airbnb guests", n)
        assert (sellers, customers) == (0, 2), kw


def test_a_sellers_own_growth_strategy_stays_its_own():
    # The deck's copyright and web address are Acme's: "Acme's Growth Strategy" is the seller's own plan.
    d = deck("Acme's Growth Strategy 2026\nInvestor update", "Where we are\nAcme serves 40 clinics\n© 2026 Acme Ltd",
             "Plan\nAcme opens in Spain\n© 2026 Acme Ltd", "Contact\nwww.acme-health.com\n© 2026 Acme Ltd")
    n = Names.for_deck(d)
    assert n.party("seller").names == ["Acme"]
    assert not n.customer


def test_a_journey_on_the_cover_is_the_presenters_own():
    # "Arm's Journey to OpenChain": the presenter tells its own story; no customer is read from it.
    d = deck("Arm’s Journey to OpenChain Conformance\nJane Doe, Open Source Office",
             "Why conformance\nArm ships software to partners", "The programme\nArm trained 300 engineers",
             "Results\nArm passed the audit in 2020")
    assert not Names.for_deck(d).customer


def test_a_name_given_by_the_user_counts_even_when_it_is_also_a_word():
    d = deck("Kong Konnect\nHardening your gateway", "Why Kong\nKong secures 1M APIs", "Setup\nKong runs anywhere")
    n = Names.for_deck(d, company=("Kong",), customer=("Signal",))
    assert n.party("seller").names == ["Kong"] and "kong" in n.seller
    assert "signal" in n.customer
    assert replace_names("Kong helps Signal", n)[1:] == (1, 1)
