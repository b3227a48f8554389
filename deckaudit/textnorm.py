"""Normalise extracted slide text so that every reader hands the classifier the same kind of string.

What it does, in order (each rule answers a trap measured in ../shared/docs/extraction-pitfalls.md):
  - line ends become "\\n"; a line ending in pypdfium2's hyphenation marker U+FFFE or a soft hyphen is
    joined to the next ("out\\ufffe\\nstanding" -> "outstanding");
  - NFKC: ligatures ("ﬁ" -> "fi"), full-width and compatibility forms folded;
  - soft hyphens, U+FFFE, zero-width and direction marks, and control characters removed;
  - a word split by a hyphen at a line end is re-joined ("out-\\nstanding" -> "outstanding"), only between
    lower-case letters, so "Q3 -\\n2024" and "Acme-\\nBrand" stay apart;
  - letter-spaced lines ("O U R   C U S T O M E R S") closed up, when the whole line is single characters;
  - runs of blanks become one space, lines are stripped, empty lines dropped.
Pure standard library; one pass of a few regular expressions over the page.
"""

from __future__ import annotations

import re
import unicodedata

_REMOVED = "\u00ad\ufffe\ufeff\u200b\u200c\u200d\u200e\u200f\u2060\u2061\u2062\u2063\u2064\u180e"
_CONTROLS = "".join(chr(c) for c in range(32) if chr(c) not in "\n\t\r\x0b\x0c\x1c\x1d\x1e") + "\x7f"
_LINE_BREAKS = re.compile(r"\r\n?|[\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
# A hyphenation marker (pypdfium2's U+FFFE) or a soft hyphen at a line end joins the two halves.
_MARKED_BREAK = re.compile(r"[\ufffe\u00ad][ \t]*\n[ \t]*")
_DELETE = re.compile("[" + re.escape(_REMOVED + _CONTROLS) + "]+")
# "out-\nstanding", "out¬\nstanding": a visible hyphen at a line end between lower-case letters.
_LOWER = "a-zß-öø-ÿ"
_HYPHEN_BREAK = re.compile(rf"(?<=[{_LOWER}])[-\u2010¬]\n(?=[{_LOWER}])")  # after line edges are trimmed
# A line of single characters one to three spaces apart: "O U R   C U S T O M E R S"
_LETTER_SPACED = re.compile(r"^ *(\S(?: {1,3}\S){3,}) *$", re.MULTILINE)
_WORD_GAP = re.compile(r" {2,}")
_ODD_BLANKS = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")  # the ones NFKC leaves
_SPACE_RUNS = re.compile(r"  +")
_SPACES_BEFORE_BREAK = re.compile(r" +\n")
_BREAK_THEN_BLANKS = re.compile(r"\n[ \n]+")


def _close_letter_spacing(match: re.Match) -> str:
    """'O U R   C U S T O M E R S' -> 'OUR CUSTOMERS': letters one space apart, words two or more apart.

    Only when every character of the line stands alone and at least three are letters, so a row of
    figures ("1 2 3") or a normal sentence is never touched. Without wider word gaps the line becomes one
    word ("O U R C U S T O M E R S" -> "OURCUSTOMERS"), still better than a dozen one-letter words."""
    line = match.group(1)
    if sum(ch.isalpha() for ch in line) < 3:
        return match.group(0)
    return " ".join(w.replace(" ", "") for w in _WORD_GAP.split(line) if w)


def normalise_text(text: str) -> str:
    """The normalised form of extracted text: see the module docstring. Whole-string passes only, each
    skipped when a cheap test shows it has nothing to do (this runs on every page of every deck)."""
    if not text:
        return ""
    text = text.replace("\r\n", "\n")
    # str.isprintable is False for every character the slow path handles (controls, format characters
    # such as soft hyphens and zero-width marks, U+FFFE, line and paragraph separators, odd spaces).
    unusual = not text.replace("\n", " ").isprintable()
    if unusual:
        text = _LINE_BREAKS.sub("\n", text)
        text = _MARKED_BREAK.sub("", text)
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
        unusual = unusual or not text.replace("\n", " ").isprintable()
    if unusual:
        text = _ODD_BLANKS.sub(" ", _DELETE.sub("", text).replace("\t", "  "))
    if " \n" in text:
        text = _SPACES_BEFORE_BREAK.sub("\n", text)
    if "\n " in text or "\n\n" in text:
        text = _BREAK_THEN_BLANKS.sub("\n", text)
    if "-\n" in text or "¬\n" in text or "\u2010\n" in text:
        text = _HYPHEN_BREAK.sub("", text)
    if " " in text:
        text = _LETTER_SPACED.sub(_close_letter_spacing, text)
        if "  " in text:
            text = _SPACE_RUNS.sub(" ", text)
    return text.strip(" \n")
