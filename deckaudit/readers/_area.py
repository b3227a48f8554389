"""Area of a union of rectangles given as fractions of the page (x, y, w, h), clipped to the page."""

from __future__ import annotations


def union_area(rects) -> float:
    boxes = []
    for x, y, w, h in rects:
        x0, y0 = max(0.0, min(x, x + w)), max(0.0, min(y, y + h))
        x1, y1 = min(1.0, max(x, x + w)), min(1.0, max(y, y + h))
        if x1 > x0 and y1 > y0:
            boxes.append((x0, y0, x1, y1))
    if len(boxes) < 2:  # none, or one box: its own area (what the sweep below gives for it)
        return (boxes[0][2] - boxes[0][0]) * (boxes[0][3] - boxes[0][1]) if boxes else 0.0
    xs = sorted({b[0] for b in boxes} | {b[2] for b in boxes})
    area = 0.0
    for left, right in zip(xs, xs[1:]):
        spans = sorted((b[1], b[3]) for b in boxes if b[0] <= left and b[2] >= right)
        covered, end = 0.0, -1.0
        for y0, y1 in spans:
            if y1 <= end:
                continue
            covered += y1 - max(y0, end)
            end = y1
        area += covered * (right - left)
    return min(1.0, area)
