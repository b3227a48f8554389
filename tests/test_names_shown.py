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


def test_a_web_address_beside_the_name_is_no_part_of_it():
    d = deck("DevzStudio DEVZSTUDIO.COM\nCapabilities", "Services\nWeb apps", "Work\nFintech apps",
             "Contact\nhello@devzstudio.com", footer_boxes="DevzStudio DEVZSTUDIO.COM", title="DevzStudio — Capabilities Deck")
    n = Names.for_deck(d)
    assert n.party("seller").names == ["DevzStudio"]
    assert not any(".com" in v for v in n.seller), n.seller


def test_a_file_slug_as_the_title_gives_the_name_not_the_slug():
    d = deck("CHRONOFIELD\nTime data for grids", "Problem\nChronoField keeps clocks in step",
             "Product\nChronoField Sync runs on site", "Ask\nChronoField raises $1M",
             title="ChronoField-safe-investor-deck-current")
    n = Names.for_deck(d)
    assert n.party("seller").names == ["ChronoField"]
    assert all("-" not in v for v in n.seller), n.seller
