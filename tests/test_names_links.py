"""A seller's name inside a web address, an e-mail or a handle (docs.konghq.com, team@acme.com, @acme) is not
the slide naming the seller; the name in a sentence is, however the sentence runs on (classify/names.py)."""

from __future__ import annotations

from deckaudit.classify.names import Names, replace_names


def names(*seller: str) -> Names:
    n = Names()
    for s in seller:
        n.add("seller", s, "--company", ordinary_ok=True)
    return n


def test_a_name_inside_a_web_address_is_not_the_slide_naming_the_seller():
    n = names("Kong", "konghq", "EuroRust")
    for text in ('export KONNECT_BASE="https://global.api.konghq.com"', "Dedicated sponsor page on eurorust.eu",
                 "Write to team@konghq.com", "www.kong.com", "github.com/kong/kong", "Follow @konghq",
                 "https://eurorust.eu/sponsors"):
        assert replace_names(text, n)[1] == 0, text


def test_the_name_in_a_sentence_still_counts():
    n = names("Kong", "Childprotect", "Allied Services")
    for text, count in (("Kong helps you secure APIs", 1), ("Kong’s team and KONG support", 2),
                        ("Kong. Next, the gateway", 1), ("road freight.Allied Services Limited has grown", 1),
                        ("All participants of Childprotect.com system get alerts", 1)):
        assert replace_names(text, n)[1] == count, text
