"""Who is the seller: generated hard cases (classify/names.py)."""

from __future__ import annotations

from deckaudit.classify.names import Names, detect_into, find_seller, replace_names
from deckaudit.deck import Box, Deck, Slide


def deck(*slides: str, company: str = "", author: str = "", title: str = "", boilerplate: str = "",
         footer_boxes: str = "") -> Deck:
    out = []
    for i, text in enumerate(slides, 1):
        boxes = [Box("text", 0.05, 0.93, 0.6, 0.04, footer_boxes.replace("{n}", str(i)))] if footer_boxes else []
        out.append(Slide(index=i, title=text.split("\n")[0], text=text, boilerplate=boilerplate, boxes=boxes))
    return Deck(path="t.pptx", format="pptx", slides=out, company=company, author=author, title=title)


def seller_of(d: Deck, **kw) -> list[str]:
    return Names.for_deck(d, **kw).party("seller").names


def sources_of(d: Deck, **kw) -> dict[str, list[str]]:
    return Names.for_deck(d, **kw).party("seller").sources


# --- cited research firm -------------------------------------------------------------------------------------

CITING = deck(
    "Northwind Analytics\nForecasting for grocery chains",
    "Grocers lose 8% of fresh produce\nSource: Gartner 2023",
    "Demand swings are growing\nAccording to McKinsey, volatility doubled since 2019",
    "Shoppers switch stores\n71% switch after one empty shelf (Forrester, 2022)",
    "Gartner expects AI forecasting in 60% of chains\nSource: Gartner, Market Guide 2024",
    "How Northwind Analytics works\nNorthwind Analytics reads your POS data daily",
    "Contact us\nhello@northwind-analytics.com",
)


def test_a_research_firm_cited_on_several_slides_is_not_the_seller():
    names = seller_of(CITING)
    assert names and names[0] == "Northwind Analytics"
    low = {n.lower() for n in names}
    assert not {"gartner", "mckinsey", "forrester"} & low
    n = Names.for_deck(CITING)
    assert not {"gartner", "mckinsey", "forrester"} & n.seller


def test_cited_firms_are_explained_as_cited():
    ex: dict = {}
    find_seller([s.text for s in CITING.slides], explain=ex)
    assert ex["excluded"].get("gartner") == "cited"
    assert ex["excluded"].get("mckinsey") == "cited"
    assert ex["excluded"].get("forrester") == "cited"


def test_a_research_firm_that_made_the_deck_is_its_seller():
    d = deck("Gartner Symposium\nThe CIO agenda", "Top trends\n© 2024 Gartner, Inc. All rights reserved.",
             "Priorities\n© 2024 Gartner, Inc. All rights reserved.", "Thank you\n© 2024 Gartner, Inc.")
    assert seller_of(d)[0] == "Gartner"


# --- link shorteners, handles, bylines -----------------------------------------------------------------------

def test_a_link_shortener_is_not_the_seller():
    d = deck("Acme Robotics\nPallet robots for warehouses",
             "Watch the demo\nbit.ly/acme-demo", "Read the study\nhttps://bit.ly/3xYz",
             "Case study\nlnkd.in/abc123 and tinyurl.com/acmecase", "Get started\nt.co/xyz\nwww.acmerobotics.com")
    n = Names.for_deck(d)
    shown = n.party("seller").names
    assert shown[0] == "Acme Robotics"
    assert not {"bit", "bitly", "lnkd", "tinyurl", "t"} & n.seller
    assert not any("bit.ly" in s or "tinyurl" in s for s in shown)
    ex: dict = {}
    find_seller(["Demo\nbit.ly/acme-demo", "x\nbit.ly/abc", "y\nlnkd.in/q", "Thanks\nbit.ly/acme-demo\ntinyurl.com/x"],
                explain=ex)
    assert not {"bit", "bitly", "lnkd", "tinyurl"} & {g[0].lower() for g in ex["groups"]}


def test_a_person_handle_and_the_person_are_not_the_seller():
    d = deck("Scaling Postgres\nJane Doe (@janedoe)\nStaff Engineer, Brightbase\njanedoe.dev",
             "About me\ntwitter.com/janedoe\n@janedoe",
             "Brightbase at a glance\nBrightbase hosts 40,000 databases\n@janedoe",
             "Why Brightbase\nBrightbase backups run every minute\n@janedoe",
             "Questions?\n@janedoe\njanedoe.dev\nwww.brightbase.io")
    n = Names.for_deck(d)
    shown = n.party("seller").names
    assert shown[0] == "Brightbase"
    assert not {"janedoe", "jane doe", "jane"} & n.seller
    assert all("jane" not in s.lower() for s in shown)
    ex: dict = {}
    find_seller(["Talk\nby the team\n@janedoe", "x\n@janedoe", "y\nx.com/janedoe", "z\nJane Doe (@jdoe)"], explain=ex)
    assert ex["excluded"].get("janedoe") in ("handles", "people") and ex["excluded"].get("jdoe") == "handles"


def test_a_blog_author_byline_is_not_the_seller():
    d = deck("Ten lessons from our migration\nBy Priya Raman",
             "Lesson 1\nPosted by Priya Raman", "Lesson 2\nCorvid Cloud moved 300 services\nPosted by Priya Raman",
             "Lesson 3\nCorvid Cloud platform team\nPosted by Priya Raman", "Thanks\nwww.corvidcloud.com")
    n = Names.for_deck(d)
    assert n.party("seller").names[0] in ("Corvid", "Corvid Cloud")  # the brand, repeated on more slides
    assert "priya raman" not in n.seller and "priya" not in n.seller
    ex: dict = {}
    find_seller([s.text for s in d.slides], explain=ex)
    assert ex["excluded"].get("priyaraman") == "people"


# --- a bio with former employers ------------------------------------------------------------------------------

def test_former_employers_in_bios_are_not_the_seller():
    d = deck("Halden Advisory\nOperations consulting for mid-size manufacturers",
             "Our team\nAnna Berg, Partner: previously at McKinsey, Google\nTom Reyes: ex-Deloitte, former VP at Oracle",
             "Advisors\nLena Ortiz, formerly with McKinsey and Oracle\nSam Okafor, ex-Deloitte",
             "Why Halden Advisory\nHalden Advisory has run 140 plant turnarounds",
             "Contact\ninfo@haldenadvisory.com")
    n = Names.for_deck(d)
    assert n.party("seller").names[0] == "Halden Advisory"
    assert not {"mckinsey", "google", "deloitte", "oracle"} & n.seller
    ex: dict = {}
    find_seller([s.text for s in d.slides], explain=ex)
    assert ex["excluded"].get("mckinsey") == "former" and ex["excluded"].get("oracle") == "former"


def test_formerly_known_as_is_the_seller_itself_not_a_former_employer():
    ex: dict = {}
    find_seller(["Lakmi Tools Limited\n(Formerly known as Lakmi Precision Tools Limited)", "About Lakmi Tools",
                 "Lakmi Tools plants", "Contact"], explain=ex)
    assert "lakmiprecisiontools" not in ex["excluded"]


# --- copyright footer, footers, metadata ---------------------------------------------------------------------

def test_a_copyright_footer_names_the_seller_and_is_not_a_guess_from_the_slides():
    d = deck("Quarterly business review", "Your uptime\n© 2024 Tessellate Systems Ltd. All rights reserved. 2",
             "Your tickets\n© 2024 Tessellate Systems Ltd. All rights reserved. 3",
             "Next quarter\n© 2024 Tessellate Systems Ltd. All rights reserved. 4")
    p = Names.for_deck(d).party("seller")
    assert p.names == ["Tessellate Systems"]
    assert p.sources["Tessellate Systems"][0] == "copyright line"
    assert p.display.startswith("Tessellate Systems — from the copyright line")


def test_copyright_without_a_name_names_nobody():
    d = deck("Kickoff", "Plan\n© 2019 All Rights Reserved. 2", "Risks\n© 2019 All Rights Reserved. 3",
             "Next\n© 2019 All Rights Reserved. 4")
    assert not any("rights" in n.lower() for n in seller_of(d))


def test_layout_footer_and_cover_give_the_seller_with_both_sources():
    d = deck("Brocade\nStorage networking for the data centre", "Your SAN today", "Fabric vision",
             "Pricing", boilerplate="Brocade | Confidential")
    p = Names.for_deck(d).party("seller")
    assert p.names == ["Brocade"]
    assert set(p.sources["Brocade"]) >= {"cover", "footer"}
    assert p.display == "Brocade — from the cover and footer"


def test_footer_text_boxes_at_the_foot_of_slides_count_as_footer():
    d = deck("Quarterly review", "Results", "Plans", "Asks", footer_boxes="Pellucid Labs · {n}")
    assert sources_of(d).get("Pellucid Labs", [None])[0] == "footer"


def test_metadata_company_counts_but_a_generator_does_not():
    d = deck("Tidewater Freight\nOcean freight for SMEs", "Routes", "Rates", "Contact", company="Tidewater Freight Ltd")
    assert "metadata" in sources_of(d)["Tidewater Freight"]
    d = deck("Intro", "Routes", "Rates", "Contact", company="PptxGenJS")
    assert "pptxgenjs" not in Names.for_deck(d).seller


def test_a_person_as_author_is_not_the_seller_an_organisation_is():
    d = deck("Hosting with Quillon\nQuillon Cloud", "Regions", "Support", "Thanks", author="Maria Lopez")
    n = Names.for_deck(d)
    assert "maria lopez" not in n.seller
    d = deck("Intro", "Regions", "Support", "Thanks", author="Quillon Labs")
    assert "Quillon Labs" in Names.for_deck(d).party("seller").names


def test_the_presenter_on_the_cover_is_not_the_seller():
    d = deck("Fennick Payments\nDana Whitfield\nDirector of Partnerships", "Why Fennick Payments",
             "Fennick Payments at a glance", "Pricing", "Thanks\nwww.fennickpay.com")
    n = Names.for_deck(d)
    assert n.party("seller").names[0] == "Fennick Payments"
    assert "dana whitfield" not in n.seller


# --- the user decides; the customer -------------------------------------------------------------------------

def test_company_replaces_the_guess():
    d = deck("Tessellate Systems\nFor Contoso", "© 2024 Tessellate Systems", "x", "y", "www.tessellate.io")
    n = Names.for_deck(d, company=["Globex"])
    p = n.party("seller")
    assert p.names == ["Globex"] and p.given
    assert "tessellate systems" not in n.seller and "tessellate" not in n.seller
    assert p.display == "Globex — as given (--company)"
    n = Names.for_deck(d, product=["Widgetron"])
    assert n.party("seller").names == ["Widgetron"] and "tessellate" not in n.seller


def test_prepared_for_names_the_customer_and_never_the_seller():
    d = deck("Credentialing platform\nPrepared for: Essen Medical Leadership\nApril 2026",
             "Essen today", "Essen's backlog", "Our platform\nHD Pulse AI builds it", "HD Pulse AI team",
             "Contact\nwww.hdpulseai.com")
    n = Names.for_deck(d)
    assert "essen medical leadership" in n.customer
    assert n.party("customer").sources["Essen Medical Leadership"] == ["prepared for"]
    assert not any("essen" in s for s in n.seller)
    assert n.party("seller").names[0] in ("HD Pulse AI", "hdpulseai.com")


def test_customer_flag_names_the_customer():
    d = deck("Proposal", "Contoso goals", "Plan", "Price")
    n = Names.for_deck(d, customer=["Contoso"])
    assert "contoso" in n.customer and "contoso" not in n.seller
    assert replace_names("Contoso wins", n)[2] == 1


def test_web_address_alone_names_the_seller_and_reads_as_a_host():
    d = deck("Wherever, whenever.\nwww.flexfit.fit", "The problem", "The market", "Contact\nhello@flexfit.fit")
    p = Names.for_deck(d).party("seller")
    assert p.names == ["flexfit.fit"] and p.sources["flexfit.fit"] == ["web address"]


def test_detect_into_still_serves_training_data_without_a_deck():
    n = Names()
    detect_into(n, ["Kestrel Logistics\nFreight you can see", "Kestrel Logistics at a glance", "Your lanes",
                    "© 2025 Kestrel Logistics Ltd"])
    assert "kestrel logistics" in n.seller
    assert replace_names("Kestrel Logistics ships", n)[1] == 1


def test_nothing_to_go_on_names_nobody_and_never_raises():
    assert seller_of(deck()) == []
    assert seller_of(deck("Agenda", "Our approach", "Next steps", "Thank you")) == []
    find_seller(["", "\n\n", "©", "@", "Source:", "(c)", "ex-", "www.", "a" * 5000])


def test_a_pptx_layout_footer_is_read_through_the_reader(tmp_path):
    from deckaudit.api import read
    from tests.deckfactory import basic_pptx, with_layout_tagline

    src = basic_pptx(tmp_path / "a.pptx", slides=[("Quarterly review", ["Your uptime"]), ("Plans", ["Next quarter"]),
                                                  ("Asks", ["Budget"])])
    deck = read(with_layout_tagline(src, tmp_path / "b.pptx", "© 2025 Quillon Labs · Confidential"))
    p = Names.for_deck(deck).party("seller")
    assert p.names == ["Quillon Labs"] and p.sources["Quillon Labs"][0] == "copyright line"


def test_template_placeholders_are_nobody():
    d = deck("Title", "x\n© 2024 Company Name. All rights reserved.", "y\n© 2024 Company Name. All rights reserved.",
             "z\n© 2024 Company Name. All rights reserved.", "Your Company\nyourcompany.com")
    assert seller_of(d) == []


def test_the_answer_does_not_depend_on_the_hash_seed():
    import os
    import subprocess
    import sys

    code = ("from deckaudit.classify.names import find_seller\n"
            "print(find_seller(['Zeta Cloud\\nAlpha Suite\\nBeta Suite', 'Alpha Suite x\\nBeta Suite y\\nZeta Cloud z',"
            " 'Alpha Suite\\nBeta Suite\\nZeta Cloud', 'www.zetacloud.io\\nwww.alphasuite.com']))")
    outs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2", "3")}
    assert len(outs) == 1


def test_a_name_outranked_by_acronyms_still_counts_when_it_spells_the_web_address():
    acronyms = ("NPDB CAQH PSV OCR DEA PHI NCQA FHIR SOC RAG TOTP VPN FTP PDF API BCBS HITRUST CMS SAML SCIM LDAP "
                "HIPAA EHR NPI").split()
    slides = ["Credentialing platform\nPrepared for: Essen Medical Leadership"]
    # each acronym on 6 of 24 content slides: more often than the seller's name, too rarely to be a footer
    slides += [f"Step {i}\n" + "\n".join(f"{acronyms[(i + k) % 24]} check" for k in range(6)) for i in range(24)]
    slides += ["Roadmap\nHD Pulse AI runs it", "Decision\nPublish as a HD Pulse AI offering",
               "Links\nportal.hdpulseai.com"]
    shown = Names.for_deck(deck(*slides)).party("seller").names
    assert shown and shown[0] == "HD Pulse AI"


def test_a_seller_known_by_its_web_address_is_shown_as_the_slides_write_it():
    written = deck("Our data reveals the impact of every developer\nzerocracy.com",
                   "How it works\nAdd our plugin to your GitHub repo",
                   "Results\nWe use zerocracy to develop Zerocracy, and our freelancers love it",
                   "Contact\nhttps://www.zerocracy.com")
    assert seller_of(written)[0] == "Zerocracy"
    unwritten = deck("Forecasts for grocers\nwww.kestrelcast.io", "How it works\nDaily POS data", "Results\n8% less waste",
                     "Contact\nhello@kestrelcast.io\nwww.kestrelcast.io")
    assert seller_of(unwritten)[0] == "kestrelcast.io"  # never written as a name: the address as printed


def test_a_co_branded_cover_names_the_customer_beside_the_seller():
    d = deck("Globex Foods × Acme Robotics\nWarehouse workshop · 6 May", "Your picking costs\nPickers walk 12 km a shift",
             "How Acme Robotics works\nRobots bring shelves to pickers", "Thank you\nsales@acmerobotics.com")
    n = Names.for_deck(d)
    assert n.party("seller").names == ["Acme Robotics"]
    assert n.party("customer").names == ["Globex Foods"]
    assert n.party("customer").sources["Globex Foods"] == ["co-branded cover"]
    # neither side is the seller: no customer is guessed
    other = deck("Globex × Initech\nA joint study", "Results\nThings improved", "Thanks\nhello@acmerobotics.com")
    assert not Names.for_deck(other).party("customer").names


def test_the_seller_is_shown_by_its_fullest_best_written_name():
    d = deck("ALLIEDSERVICES\nCompany profile", "About us\nAllied Services has cleaned offices since 1998",
             "Our teams\nAllied Services staff are vetted", "Contact\n© 2024 ALLIEDSERVICES · www.alliedservicesltd.com")
    assert seller_of(d)[0] == "Allied Services"  # the logo's capitals run together in the PDF text
    f = deck("FALCO ROBOTICS\nCompany profile", "Why FALCO\nFALCO robots pick 600 items an hour",
             "FALCO in numbers\n40 sites", "Thank you\nFalco Robotics, Munich")
    assert seller_of(f)[0] == "Falco Robotics"
