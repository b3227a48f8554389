"""Boilerplate is never per-slide evidence (classify/boilerplate.py)."""

from __future__ import annotations

import time

from deckaudit.classify.boilerplate import is_confidential, is_copyright, is_page_number, strip_boilerplate

DECK = [
    "Northwind Analytics\nForecasting for grocery chains\nwww.northwind.io",
    "Your shrink today\nGrocers lose 8% of fresh produce\nwww.northwind.io\n© 2024 Northwind Analytics Ltd. 2",
    "How it works\nWe read your POS data daily\nwww.northwind.io\n© 2024 Northwind Analytics Ltd. 3",
    "Results\n500\nstores\n12\ncountries\nwww.northwind.io\n© 2024 Northwind Analytics Ltd. 4\nPage 4 of 6",
    "Pricing\nConfidential – do not distribute\nStarter and Pro plans\nwww.northwind.io\n5 / 6",
    "Thank you\nQuestions?\n6",
]


def test_repeated_lines_page_numbers_copyright_and_confidential_go():
    r = strip_boilerplate(DECK)
    assert "www.northwind.io" in r.repeated
    joined = "\n".join(r.texts)
    assert "northwind.io" not in joined and "©" not in joined and "Page 4 of 6" not in joined
    assert "Confidential" not in joined and "5 / 6" not in r.texts[4]
    assert r.texts[5] == "Thank you\nQuestions?"  # "6" on slide 6 is its page number
    kinds = {x.kind for x in r.removed}
    assert kinds == {"repeated", "page number", "copyright", "confidential"}
    assert "© 2024 Northwind Analytics Ltd. 2" in r.lines("copyright", "repeated")


def test_titles_and_content_stay():
    r = strip_boilerplate(DECK)
    assert r.texts[0] == "Northwind Analytics\nForecasting for grocery chains"
    assert r.texts[3].split("\n") == ["Results", "500", "stores", "12", "countries"]  # figures are content
    assert "Starter and Pro plans" in r.texts[4]


def test_a_title_repeated_on_most_slides_is_kept_when_given_as_title():
    texts = ["Agenda\nitem one", "Agenda\nitem two", "Agenda\nitem three", "Other\nthing"]
    assert strip_boilerplate(texts).texts[0] == "item one"
    kept = strip_boilerplate(texts, titles=["Agenda", "Agenda", "Agenda", "Other"])
    assert kept.texts[0] == "Agenda\nitem one"


def test_a_table_row_repeated_mid_slide_is_content_not_a_footer():
    packages = [f"Package {p}\nPrice {p}\nLogo on website\nBooth\nTalk slot\nTickets\nVideo" for p in "ABCD"]
    r = strip_boilerplate(packages + ["Intro\nwelcome", "Contact\nus"])
    assert all("Booth" in t for t in r.texts[:4])


def test_few_slides_have_no_repeated_lines():
    assert strip_boilerplate(["Acme\nx", "Acme\ny"]).texts == ["Acme\nx", "Acme\ny"]
    assert strip_boilerplate([]).texts == []
    assert strip_boilerplate(["", ""]).texts == ["", ""]


def test_unchanged_slides_come_back_as_the_same_string():
    texts = ["One\nalpha beta", "Two\ngamma", "Three\ndelta"]
    r = strip_boilerplate(texts)
    assert all(a is b for a, b in zip(r.texts, texts)) and not r.removed


def test_line_predicates():
    assert is_page_number("Page 3 of 20") and is_page_number("3 / 20") and is_page_number("Slide 4")
    assert is_page_number("12", 12) and not is_page_number("500", 12) and not is_page_number("12")
    assert is_copyright("© 2024 Acme Corp") and is_copyright("Copyright Acme Inc.") and is_copyright("(c) 2019 Acme")
    assert is_copyright("Acme. All rights reserved.")
    assert not is_copyright("copyright notices, but") and not is_copyright("506(C) ACCREDITED INVESTORS ONLY")
    assert is_confidential("Confidential") and is_confidential("Private & Confidential")
    assert is_confidential("Acme Confidential – do not distribute") and is_confidential("CONFIDENTIAL | April 2026")
    assert not is_confidential("Your data stays confidential") and not is_confidential("Proprietary Technology Platform")


def test_fast_enough_to_run_on_every_deck():
    slide = "\n".join([f"Line {i} with some words about the customer and the product" for i in range(15)])
    texts = [slide.replace("Line", f"L{j}") + "\n© 2024 Acme\nwww.acme.com\n" + str(j + 1) for j in range(60)]
    strip_boilerplate(texts)
    t = time.perf_counter()
    for _ in range(5):
        strip_boilerplate(texts)
    per_slide = (time.perf_counter() - t) / 5 / len(texts)
    assert per_slide < 0.002  # about 0.05 ms on an idle machine; generous for loaded CI
