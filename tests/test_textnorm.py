"""Text normalisation: each rule on the strings the extractors really produce, then properties that must
hold for any input."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from deckaudit.textnorm import normalise_text


@pytest.mark.parametrize("raw, expected", [
    ("ﬁnance ﬂow", "finance flow"),  # PyMuPDF keeps U+FB01/U+FB02
    ("Ｆｕｌｌ ｗｉｄｔｈ", "Full width"),
    ("soft\u00adhyphen", "softhyphen"),
    ("out\ufffe\r\nstanding", "outstanding"),  # pypdfium2's hyphenation marker at a line end
    ("an out\ufffestanding result", "an outstanding result"),  # ... and with the line joined already
    ("cus\u00ad\ntomers", "customers"),
    ("out-\nstanding", "outstanding"),  # pdfplumber keeps the visible hyphen
    ("out¬\nstanding", "outstanding"),
    ("über-\nall", "überall"),
    ("zero\u200bwidth\u200cjoin\u2060ers\ufeff", "zerowidthjoiners"),
    ("left\u200eto\u200fright", "lefttoright"),
    ("bell\x07 and nul\x00", "bell and nul"),
    ("O U R   C U S T O M E R S", "OUR CUSTOMERS"),
    ("O U R\tC U S T O M E R S", "OUR CUSTOMERS"),
    ("W H Y  U S", "WHY US"),
    ("  spaced   out  \n\n\nlines ", "spaced out\nlines"),
    ("crlf\r\nand\rcr", "crlf\nand\ncr"),
    ("form\x0cfeed", "form\nfeed"),
    ("non\u00a0breaking\u2003em", "non breaking em"),
])
def test_rule(raw, expected):
    assert normalise_text(raw) == expected


@pytest.mark.parametrize("raw", [
    "Q3 -\n2024",  # a dash before a number is not a split word
    "Acme-\nBrand",  # nor before a capital
    "1 2 3 4 5",  # a row of figures is not letter-spaced text
    "I am a b c",  # a sentence with short words is not either
    "A/B testing",
])
def test_left_alone(raw):
    assert normalise_text(raw) == raw


def test_empty():
    assert normalise_text("") == ""
    assert normalise_text(" \n\t\u200b\n ") == ""


def test_no_letter_spacing_without_word_gaps_still_one_word():
    assert normalise_text("O U R C U S T O M E R S") == "OURCUSTOMERS"


_pdf_like = st.text(alphabet=st.sampled_from(list("abcXYZ 019-¬\t\n\r\u00ad\ufffe\u200b\ufb01\u00a0\x0cé")), max_size=80)


@settings(max_examples=300, deadline=None)
@given(_pdf_like)
def test_output_is_clean(text):
    out = normalise_text(text)
    for bad in ("\r", "\t", "\u00ad", "\ufffe", "\u200b", "\ufb01", "\u00a0", "\x0c", "  ", "\n\n"):
        assert bad not in out
    assert all(line == line.strip() and line for line in out.split("\n")) or out == ""


@settings(max_examples=300, deadline=None)
@given(_pdf_like)
def test_idempotent(text):
    once = normalise_text(text)
    assert normalise_text(once) == once


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_any_unicode_is_accepted(text):
    assert isinstance(normalise_text(text), str)
