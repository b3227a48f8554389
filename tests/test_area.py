"""Picture area: the union of rectangles (fractions of the slide), overlaps counted once, clipped."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from deckaudit.readers._area import union_area

COORD = st.floats(min_value=-0.5, max_value=1.5, allow_nan=False)
RECT = st.tuples(COORD, COORD, COORD, COORD)


def test_union_area_counts_overlaps_once_and_clips_to_the_slide():
    assert union_area([]) == 0.0
    assert union_area([(0.1, 0.1, 0.5, 0.2)]) == pytest.approx(0.1)
    assert union_area([(0.0, 0.0, 0.5, 0.5), (0.25, 0.25, 0.5, 0.5)]) == pytest.approx(0.4375)
    assert union_area([(0.0, 0.0, 0.2, 0.2), (0.5, 0.5, 0.2, 0.2)]) == pytest.approx(0.08)
    assert union_area([(0.8, 0.8, 0.5, 0.5)]) == pytest.approx(0.04)  # hangs off the corner
    assert union_area([(0.6, 0.6, -0.2, -0.2)]) == pytest.approx(0.04)  # negative size: same box
    assert union_area([(-1.0, -1.0, 3.0, 3.0)]) == 1.0
    assert union_area([(0.2, 0.2, 0.0, 0.5)]) == 0.0


@given(RECT, st.lists(RECT, max_size=3))
def test_one_box_takes_the_short_way_to_the_sweeps_answer(r, others):
    """A single box is measured directly; the sweep gives the same for it twice over, and adding boxes
    never shrinks the area."""
    assert union_area([r]) == union_area([r, r])
    assert union_area([r, *others]) >= union_area([r]) - 1e-12
