"""Which pictures on a slide are content, and which are decoration the slide merely sits on.

A picture that covers (almost) the whole slide is a background. A picture at the same place on most
slides of a deck is part of the template: the logo in the corner, a band across the top, a frame. In a
PPTX those usually live on the master or layout and never reach the slide; in a PDF, or a deck whose
designer pasted them onto every slide, they do. Counting them as pictures makes every slide of a
template-heavy deck look picture-dominant, and "many pictures, few words" is the layout signature of a
logo wall. So readers count content pictures only, for both formats alike.
"""

from __future__ import annotations

from collections import Counter

from deckaudit.readers._area import union_area

BACKGROUND_AREA = 0.9  # share of the slide a single picture must cover to be a background
TEMPLATE_SHARE = 0.6  # share of slides a picture's place must recur on to be template
TEMPLATE_MIN_SLIDES = 4  # fewer slides than this: no template inference
_GRID = 100  # places are compared on a 1% grid


Rect = tuple[float, float, float, float]


def _clipped_area(r: Rect) -> float:
    x, y, w, h = r
    x0, y0, x1, y1 = max(0.0, x), max(0.0, y), min(1.0, x + w), min(1.0, y + h)
    return max(0.0, x1 - x0) * max(0.0, y1 - y0)


def _place(r: Rect) -> tuple[int, int, int, int]:
    return tuple(round(v * _GRID) for v in r)  # type: ignore[return-value]


def content_pictures(per_slide: list[list[Rect]]) -> list[tuple[int, list[Rect]]]:
    """For each slide's picture rectangles (fractions of the slide): how many are decoration, and the
    rest. A place counts as template when it recurs on at least TEMPLATE_SHARE of the slides."""
    n = len(per_slide)
    template: set = set()
    if n >= TEMPLATE_MIN_SLIDES:
        seen = Counter()
        for rects in per_slide:
            seen.update({_place(r) for r in rects})
        need = max(2, TEMPLATE_SHARE * n)
        template = {p for p, c in seen.items() if c >= need}
    out = []
    for rects in per_slide:
        keep = [r for r in rects if _clipped_area(r) < BACKGROUND_AREA and _place(r) not in template]
        out.append((len(rects) - len(keep), keep))
    return out


def apply(slides, per_slide: list[list[Rect]]) -> None:
    """Set each slide's pictures and picture_area to its content pictures (status is left as read: a
    scanned page is still a page with a picture and no text)."""
    for slide, (decor, keep) in zip(slides, content_pictures(per_slide)):
        if decor:
            slide.pictures = max(0, slide.pictures - decor)
            slide.picture_area = union_area(keep) if keep else 0.0
