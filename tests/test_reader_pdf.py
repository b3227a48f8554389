"""The PDF reader against the PDF traps of the extraction-pitfalls page (reportlab fixtures)."""

from __future__ import annotations

import pytest
from reportlab.lib import pdfencrypt

from deckaudit.errors import DeckError, FileStatus, SlideStatus
from deckaudit.readers import ReadOptions, read_deck
from deckaudit.textnorm import normalise_text
from tests import deckfactory as df


@pytest.fixture(scope="module")
def plain(tmp_path_factory):
    return df.pdf(tmp_path_factory.mktemp("pdf") / "plain.pdf", [
        df.text_page("Your challenges today", "Planners lose three days a week", "Scrap costs six percent"),
        df.text_page("About Northwind", "Founded in 1998", "Offices in Oslo and Munich"),
        df.image_page(0.5, with_text="caption words"),
    ])


def test_plain_pages(plain):
    deck = read_deck(plain)
    assert (deck.format, deck.engine, len(deck)) == ("pdf", "pypdfium2", 3)
    assert deck.aspect == pytest.approx(960 / 540, rel=0.01)
    s1, s2, s3 = deck.slides
    assert s1.title == "Your challenges today"
    assert "Planners lose three days a week" in s1.text
    assert s3.pictures == 1 and s3.picture_area == pytest.approx(0.5, abs=0.02)
    assert any(b.kind == "picture" for b in s3.boxes)


def test_pdfplumber_finds_nothing_we_miss(plain):
    import pdfplumber

    deck = read_deck(plain)
    with pdfplumber.open(plain) as pdf:
        for page, slide in zip(pdf.pages, deck.slides):
            for word in (page.extract_text() or "").split():
                assert word in slide.text.split(), word


def test_pdfplumber_engine_gives_the_same_slides(plain):
    ours = read_deck(plain)
    theirs = read_deck(plain, ReadOptions(pdf_engine="pdfplumber"))
    assert theirs.engine == "pdfplumber"
    assert [s.title for s in theirs.slides] == [s.title for s in ours.slides]
    assert [s.pictures for s in theirs.slides] == [s.pictures for s in ours.slides]


def test_rotated_pages(tmp_path):
    def rotated_page(c, w, h):
        c.setPageRotation(90)
        df.text_page("Your Challenges", "Downtime costs plants dearly")(c, w, h)

    def rotated_text(c, w, h):
        c.saveState()
        c.translate(w / 2, 40)
        c.rotate(90)
        c.setFont("Helvetica-Bold", 24)
        c.drawString(0, 0, "Your Challenges")
        c.restoreState()

    deck = read_deck(df.pdf(tmp_path / "rot.pdf", [rotated_page, rotated_text]))
    assert "Your Challenges" in deck.slides[0].text
    assert "Your Challenges" in deck.slides[1].text  # not "segnellahC ruoY"


def test_letter_spacing_and_hyphenation(tmp_path):
    def page(c, w, h):
        t = c.beginText(40, h - 80)
        t.setFont("Helvetica-Bold", 28)
        t.setCharSpace(6)
        t.textLine("OUR CUSTOMERS")
        c.drawText(t)
        c.setFont("Helvetica", 16)
        c.drawString(40, h - 160, "an out-")
        c.drawString(40, h - 180, "standing result")

    text = read_deck(df.pdf(tmp_path / "typo.pdf", [page])).slides[0].text
    assert "OUR CUSTOMERS" in text
    assert "outstanding result" in text


def test_normalisation_rules():
    assert normalise_text("ﬁnance") == "finance"
    assert normalise_text("soft\u00adhyphen") == "softhyphen"
    assert normalise_text("out\ufffe\r\nstanding") == "outstanding"
    assert normalise_text("out-\nstanding") == "outstanding"
    assert normalise_text("Q3 -\n2024") == "Q3 -\n2024"  # not a split word
    assert normalise_text("O U R   C U S T O M E R S") == "OUR CUSTOMERS"
    assert normalise_text("  spaced   out  \n\n\nlines ") == "spaced out\nlines"


def test_scanned_page_is_flagged_not_guessed(tmp_path):
    deck = read_deck(df.pdf(tmp_path / "mixed.pdf", [df.text_page("Agenda", "Intro"), df.image_page(1.0)]))
    assert deck.slides[1].status is SlideStatus.NO_TEXT_LAYER and deck.slides[1].text == ""


def test_all_scanned_gets_a_deck_naming_every_page_not_read(tmp_path):
    # blank pictures: OCR (when installed) finds no words, so the pages stay unread either way
    deck = read_deck(df.pdf(tmp_path / "scan.pdf", [df.image_page(1.0), df.image_page(1.0)]))
    assert [s.status for s in deck.slides] == [SlideStatus.NO_TEXT_LAYER] * 2
    assert deck.warnings[0].startswith("no-text-layer: 2 of 2 pages have no text layer and were not read (pages 1-2)")


def test_user_password_is_encrypted_but_owner_only_is_read(tmp_path):
    page = [df.text_page("Secret plans", "for our customers")]
    locked = df.pdf(tmp_path / "user.pdf", page, encrypt=pdfencrypt.StandardEncryption("user", "owner"))
    with pytest.raises(DeckError) as err:
        read_deck(locked)
    assert err.value.status is FileStatus.ENCRYPTED
    owner_only = df.pdf(tmp_path / "owner.pdf", page, encrypt=pdfencrypt.StandardEncryption("", "owner", canCopy=0))
    assert read_deck(owner_only).slides[0].title == "Secret plans"


def test_notes_pages_are_detected(tmp_path):
    slides = [df.text_page(f"Slide {t}", f"{t} bullet words here") for t in ("alpha", "beta", "gamma")]
    notes = [(df.text_page(f"Slide {t}", f"{t} bullet words here", f"Presenter note about {t}"), (595, 842))
             for t in ("alpha", "beta", "gamma")]
    deck = read_deck(df.pdf(tmp_path / "notes.pdf", slides + notes))
    assert deck.layout == "notes-pages" and deck.warnings
    assert [s.status for s in deck.slides[3:]] == [SlideStatus.NOTES_PAGE] * 3
    assert "Presenter note about alpha" in deck.slides[0].notes


def test_handout_is_detected(tmp_path):
    def handout(c, w, h):
        for i in range(6):
            col, row = i % 2, i // 2
            x, y = 50 + col * 260, h - 120 - row * 250
            c.rect(x, y - 140, 230, 130)
            c.setFont("Helvetica-Bold", 9)
            c.drawString(x + 8, y - 25, f"Slide title {i}")
            c.setFont("Helvetica", 6)
            c.drawString(x + 8, y - 45, f"bullet text for slide {i}")
    deck = read_deck(df.pdf(tmp_path / "handout.pdf", [(handout, (595, 842)), (handout, (595, 842))]))
    assert deck.layout == "handout" and "handout" in deck.warnings[0]
    assert all(s.status is SlideStatus.HANDOUT_PAGE for s in deck.slides)


def test_portrait_brochure_is_not_a_handout(tmp_path):
    page = (df.text_page("Company profile", "We are a family business", "since 1964", font=30), (595, 842))
    deck = read_deck(df.pdf(tmp_path / "brochure.pdf", [page, page]))
    assert deck.layout == "slides"


def test_broken_pdfs(tmp_path):
    garbage = tmp_path / "garbage.pdf"
    garbage.write_bytes(b"%PDF-1.7\n" + b"\x00garbage" * 200)
    with pytest.raises(DeckError) as err:
        read_deck(garbage)
    assert err.value.status is FileStatus.CORRUPT
    ok = df.pdf(tmp_path / "ok.pdf", [df.text_page("Title", "words")])
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(ok.read_bytes()[:300])
    with pytest.raises(DeckError) as err:
        read_deck(cut)
    assert err.value.status in (FileStatus.CORRUPT, FileStatus.EMPTY)


def test_zero_pages(tmp_path):
    p = tmp_path / "empty.pdf"
    p.write_bytes(b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
                  b"trailer<</Root 1 0 R>>\n%%EOF\n")
    with pytest.raises(DeckError) as err:
        read_deck(p)
    assert err.value.status in (FileStatus.EMPTY, FileStatus.CORRUPT)


def test_page_limit(tmp_path):
    p = df.pdf(tmp_path / "many.pdf", [df.text_page(f"Page {i}", "x") for i in range(5)])
    with pytest.raises(DeckError) as err:
        read_deck(p, ReadOptions(max_slides=3))
    assert err.value.status is FileStatus.TOO_LARGE


# --- the title of a page: a wrapped title whose last line measures larger ----------------------------------------

def test_a_wrapped_titles_lines_above_the_largest_line_are_part_of_it():
    """polycloud's page 2 came out titled "other.": the last line of a two-line title measured a hair taller
    (its tallest glyph's loose box) than the first, so it alone was the title."""
    from deckaudit.readers.pdf import _title

    lines = [  # (size, top, text, left, right) as fractions of the page
        (0.020, 0.05, "02 · THE REALITY", 0.05, 0.30),
        (0.0600, 0.15, "You're running a dozen disconnected tools that don't talk to each", 0.05, 0.90),
        (0.0603, 0.23, "other.", 0.05, 0.15),
        (0.020, 0.40, "A separate tool for CRM.", 0.05, 0.50),
    ]
    assert _title(lines, "") == "You're running a dozen disconnected tools that don't talk to each other."


def test_a_line_above_in_another_column_or_size_is_not_part_of_the_title():
    from deckaudit.readers.pdf import _title

    lines = [
        (0.0590, 0.10, "Compete to generate", 0.55, 0.95),  # same size, the other column
        (0.0300, 0.10, "OUR SERVICES", 0.05, 0.40),  # above, in the column, but smaller type
        (0.0600, 0.16, "Power the idle devices", 0.05, 0.45),
    ]
    assert _title(lines, "") == "Power the idle devices"
    assert _title(lines[1:], "") == "Power the idle devices"


def test_a_page_number_is_never_a_title():
    """cncf's slides 6 and 18 were titled "6" and "18": with no line in the title zone holding a word, the
    fallback took the text's first line, the page number."""
    from deckaudit.readers.pdf import _title

    assert _title([(0.02, 0.95, "6", 0.9, 0.95)], "6\n•\nKubernetes and Mesos") == "Kubernetes and Mesos"
    assert _title([], "18\n42") == ""


def test_a_label_beside_the_title_between_its_lines_is_skipped_not_joined():
    """zerocracy's slide 4 was titled "Fund your account and Java freelancers from": a diagram label ("Java") in
    another column, between the title's lines, was joined into it and ended it."""
    from deckaudit.readers.pdf import _title

    lines = [
        (0.060, 0.10, "Fund your account and", 0.05, 0.45),
        (0.059, 0.14, "Java", 0.60, 0.68),
        (0.060, 0.17, "freelancers from anywhere", 0.05, 0.45),
        (0.020, 0.40, "Pay per task", 0.05, 0.45),
    ]
    assert _title(lines, "") == "Fund your account and freelancers from anywhere"
