"""What `deckaudit annotate` adds to a deck, and how the readers recognise it so an audit never reads its own
marks: the tag shape (named TAG_NAME, alt text TAG_DESCR) and the notes block that starts at NOTES_MARK."""

from __future__ import annotations

TAG_NAME = "deckaudit tag"
TAG_DESCR = "deckaudit:tag"  # the alt text of the tag shape, kept when a user renames the shape
NOTES_MARK = "— deckaudit —"


def is_own_tag(cnv) -> bool:
    """True for the <p:cNvPr> element (or None) of a tag written by annotate."""
    return cnv is not None and (cnv.get("descr") == TAG_DESCR or cnv.get("name") == TAG_NAME)


def strip_own_notes(notes: str) -> str:
    """Speaker notes without the block annotate appended (everything from NOTES_MARK on)."""
    at = notes.find(NOTES_MARK)
    return notes if at < 0 else notes[:at].rstrip()
