"""The deck-finishing steps every reader shares (deckaudit.readers.base.finish) and the Sniff hand-off."""

from __future__ import annotations

import pytest

from deckaudit.deck import Deck, Slide
from deckaudit.errors import DeckError, FileStatus, SlideStatus
from deckaudit.readers import ReadOptions
from deckaudit.readers.base import Reader, Sniff, finish, slide_status


def _deck(*statuses, fmt="pptx", titles=None):
    slides = [Slide(i, title=(titles or {}).get(i, f"t{i}"), status=st) for i, st in enumerate(statuses, 1)]
    return Deck(path="x", format=fmt, slides=slides)


def test_finish_refuses_no_slides_and_all_empty_with_the_right_unit():
    with pytest.raises(DeckError) as err:
        finish(_deck(), ReadOptions())
    assert err.value.status is FileStatus.EMPTY and "no slides" in err.value.reason
    with pytest.raises(DeckError) as err:
        finish(_deck(SlideStatus.EMPTY, SlideStatus.EMPTY, fmt="pdf"), ReadOptions())
    assert err.value.status is FileStatus.EMPTY and "all 2 pages are empty" in err.value.reason


def test_finish_keeps_decks_with_one_readable_or_hidden_slide():
    assert finish(_deck(SlideStatus.EMPTY, SlideStatus.HIDDEN), ReadOptions()).slides
    assert finish(_deck(SlideStatus.EMPTY, SlideStatus.OK), ReadOptions()).slides


def test_finish_applies_the_slide_limit_to_any_reader():
    with pytest.raises(DeckError) as err:
        finish(_deck(SlideStatus.OK, SlideStatus.OK, SlideStatus.OK), ReadOptions(max_slides=2))
    assert err.value.status is FileStatus.TOO_LARGE and "3 slides (limit 2)" in err.value.reason


def test_finish_puts_titles_on_one_line_and_says_each_warning_once():
    deck = _deck(SlideStatus.OK, titles={1: "Our\n  platform\tstory "})
    deck.warnings = ["a", "b", "a"]
    finish(deck, ReadOptions())
    assert deck.slides[0].title == "Our platform story" and deck.warnings == ["a", "b"]


def test_slide_status():
    assert slide_status("", 0, True) is SlideStatus.HIDDEN
    assert slide_status("", 0, False) is SlideStatus.EMPTY
    assert slide_status("", 1, False) is SlideStatus.OK and slide_status("x", 0, False) is SlideStatus.OK


def test_a_sniff_hands_its_resource_over_once_and_closes_what_it_kept():
    class Handle:
        closed = False

        def close(self):
            self.closed = True

    taken, kept = Handle(), Handle()
    s = Sniff(Reader(), "p", handle=taken)
    assert s.take() is taken and s.take() is None
    s.close()
    assert not taken.closed  # the taker owns it now
    with Sniff(Reader(), "p", handle=kept):
        pass
    assert kept.closed
    assert Sniff(Reader(), "p")  # truthy even without a handle


def test_the_base_reader_accepts_by_magic():
    class Magic(Reader):
        name, extensions, magic = "m", (".m",), (b"MAGIC",)

    assert Magic().accepts(b"MAGIC...", "f.m").reader.name == "m"
    assert Magic().accepts(b"OTHER", "f.m") is None
