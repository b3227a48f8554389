"""Issue 13: "Seller: X — from the cover and footer" reads as a sentence for every source a name can come from."""

from __future__ import annotations

import re

import pytest

from deckaudit.classify.names import Names
from deckaudit.deck import Deck, Slide
from deckaudit.report import Party
from tests.conftest import ROOT

# How each source reads after "Seller: X — ". Every source names.py passes to Names.add must be here: a new
# source fails test_every_source_names_py_can_produce_reads_well until it is given its words (report.Party).
READS = {
    "--company": "as given (--company)",
    "--product": "as given (--product)",
    "--customer": "as given (--customer)",
    "deck metadata": "from the deck metadata",
    "metadata": "from the deck metadata",
    "prepared for": "from 'prepared for' on the cover",
    "co-branded cover": "named beside the seller on the cover",
    "cover's subject": "from the cover's subject",  # "Airbnb's Quest for ...": a place, as report.Party reads it
    "web domain": "from the web domain",
    "web address": "from the web domain",
    "repeated on slides": "repeated on slides",
    "cover": "from the cover",
    "footer": "from the footer",
    "copyright line": "from the copyright line",
}


def sources_in_names_py() -> set[str]:
    """Every source names.py can give: the flags and cover phrase passed to Names.add, and the places the
    seller detection weighs (names._WEIGHT)."""
    from deckaudit.classify import names

    text = (ROOT / "deckaudit" / "classify" / "names.py").read_text(encoding="utf-8")
    literal = set(re.findall(r"\.add\(\s*\"(?:seller|customer)\",\s*[^,()]+(?:\([^()]*\))?,\s*\"([^\"]+)\"", text))
    return literal | set(names._WEIGHT)


def test_the_source_strings_are_found_in_names_py():
    found = sources_in_names_py()
    assert {"--company", "--customer", "repeated on slides", "prepared for"} <= found, found


@pytest.mark.parametrize("source", sorted(sources_in_names_py() | set(READS)))
def test_every_source_names_py_can_produce_reads_well(source):
    assert source in READS, f"names.py gives the source {source!r}: say how it reads in report.Party and here"
    party = Party(["Brocade"], {"Brocade": [source]}, given=source.startswith("--"))
    assert party.display == f"Brocade — {READS[source]}"
    assert "from the repeated" not in party.display and "from the prepared" not in party.display


def test_places_share_one_from_the_and_other_sources_read_as_their_own_clause():
    assert Party(["Brocade"], {"Brocade": ["cover", "footer"]}).display == "Brocade — from the cover and footer"
    two = Party(["Acme", "acme.io"], {"Acme": ["repeated on slides"], "acme.io": ["web domain"]})
    assert two.display == "Acme, acme.io — from the web domain and repeated on slides"  # places first
    three = Party(["A"], {"A": ["cover", "footer", "repeated on slides"]})
    assert three.display == "A — from the cover and footer, and repeated on slides"
    given = Party(["N", "P"], {"N": ["--company"], "P": ["--product"]}, given=True)
    assert given.display == "N, P — as given (--company and --product)"


def test_names_without_sources_and_nobody():
    assert Party().display == ""
    assert Party(["Brocade"]).display == "Brocade"
    assert Party(["Brocade"], given=True).display == "Brocade — as given"
    assert Party(["A", "B", "C", "D"], {"A": ["cover"]}).display == "A, B, C (+1) — from the cover"


def test_names_found_in_a_deck_read_well_end_to_end():
    """Through Names.party, as review builds it: a proposal's 'prepared for' and a seller repeated on slides."""
    slides = [Slide(1, "Proposal", "Proposal\nA proposal prepared for Contoso Logistics\nby Northwind Systems"),
              Slide(2, "Why Northwind Systems", "Why Northwind Systems\nNorthwind Systems, Inc. helps planners"),
              Slide(3, "About Northwind Systems", "About Northwind Systems\n© 2024 Northwind Systems")]
    names = Names.for_deck(Deck(path="p.pptx", format="pptx", variant="pptx", slides=slides))
    customer = names.party("customer").display
    assert "Contoso Logistics" in customer and customer.endswith("— from 'prepared for' on the cover"), customer
    seller = names.party("seller").display
    assert seller == "Northwind Systems — from the copyright line and cover, and repeated on slides", seller
