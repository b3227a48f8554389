"""Normalise extracted text: NFKC, no soft hyphens or U+FFFE markers, words split at line ends re-joined,
letter-spaced headings closed up, blank lines and runs of spaces removed. Pure stdlib, fast."""

from __future__ import annotations

import re
import unicodedata

_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\ufffe\ufeff\u200b\u200c\u200d\u2060"), None)
# "out-\nstanding", "out\ufffe\nstanding" (pypdfium2's hyphenation marker, removed above), "out¬\nstanding"
_HYPHEN_BREAK = re.compile(r"(?<=[a-zà-ÿ])[-¬]\n(?=[a-zà-ÿ])")
_MARKED_BREAK = re.compile(r"[\ufffe\u00ad][ \t]*\n[ \t]*")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
# A line made only of single letters separated by spaces: "O U R   C U S T O M E R S"
_SPACED = re.compile(r"^(?:\S ){2,}\S$")


def _close_letter_spacing(line: str) -> str:
    """'O U R  C U S T O M E R S' -> 'OUR CUSTOMERS' (word gaps are the wider ones)."""
    words = [w for w in re.split(r" {2,}", line) if w]
    if all(_SPACED.match(w) or len(w) == 1 for w in words) and any(_SPACED.match(w) for w in words):
        return " ".join(w.replace(" ", "") for w in words)
    return line


def normalise_text(text: str) -> str:
    if not text:
        return ""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _MARKED_BREAK.sub("", text)  # a hyphenation marker at a line end joins the two halves
    text = unicodedata.normalize("NFKC", text).translate(_INVISIBLE)
    text = _HYPHEN_BREAK.sub("", text)
    lines = []
    for line in text.split("\n"):
        line = line.replace("\t", "  ").strip()
        if not line:
            continue
        if len(line) >= 7 and line[1:2] == " ":
            line = _close_letter_spacing(line)
        lines.append(_SPACES.sub(" ", line))
    return "\n".join(lines)
