"""How the seller's name is shown: as the slides write it (classify/names.py)."""

from __future__ import annotations

from deckaudit.classify.names import Names
from tests.test_names import deck


def test_a_name_the_slides_write_with_the_is_shown_with_it():
    d = deck("Repair for the Future\nPowered by local skills",
             "The problem\nClothes are thrown away. Repairs are booked with The Seam in minutes",
             "Academy\nUpskilled by The Seam Academy: 50 makers", "Team\nLayla founded The Seam in 2020",
             "Contact\nlayla@theseam.uk", title="The Seam, seed round (May 2024)")
    assert Names.for_deck(d).party("seller").names == ["The Seam"]


def test_a_name_after_an_ordinary_the_keeps_no_article():
    d = deck("Northwind\nForecasting for grocers", "Why Northwind\nThe Northwind team is here",
             "How it works\nthe Northwind model reads POS data", "Results\nNorthwind cut waste by 20%",
             "Contact\nhello@northwind.com")
    assert Names.for_deck(d).party("seller").names == ["Northwind"]
