"""strip_boilerplate's whole-slide shortcuts (lower case and digits once per slide, one notice search per
slide) give exactly what the line-by-line version gives."""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from deckaudit.classify.boilerplate import (
    _HAS_LETTER, _MAYBE_NOTICE, Counter, Removed, Stripped, is_confidential, is_copyright, is_page_number,
    strip_boilerplate,
)


_NO_DIGITS = str.maketrans("", "", "0123456789")


def _key(line: str) -> str:
    """A line's footer key as first written: lower case, ASCII digits out, spaces collapsed."""
    return " ".join(line.lower().translate(_NO_DIGITS).split())


def _strip_plain(slides_text: list[str], *, titles: list[str] | None = None, min_share: float = 0.5,
                      min_slides: int = 3, max_len: int = 160) -> Stripped:
    # strip_boilerplate as first written: each line lowered and searched on its own
    n = len(slides_text)
    split = [t.split("\n") if t else [] for t in slides_text]
    keys: list[list[str]] = []
    df: Counter[str] = Counter()
    edge: Counter[str] = Counter()
    first_form: dict[str, str] = {}
    for lines in split:
        ks = []
        seen: set[str] = set()
        last = len(lines) - 3
        for j, line in enumerate(lines):
            s = line.strip()
            if not s or len(s) > max_len:
                ks.append("")
                continue
            k = _key(s)
            ks.append(k)
            if not k:  # only digits: a page number or a figure, never a repeated footer
                continue
            if k not in seen:
                seen.add(k)
                first_form.setdefault(k, s)
                if j < 2 or j >= last:
                    edge[k] += 1
        keys.append(ks)
        df.update(seen)
    repeated_keys: set[str] = set()
    if n >= min_slides:
        need = max(min_slides, math.ceil(min_share * n - 1e-9))
        repeated_keys = {k for k, c in df.items() if c >= need and edge[k] * 2 >= c and _HAS_LETTER.search(k)}
    out = Stripped(texts=[], repeated=[first_form[k] for k in first_form if k in repeated_keys])
    for i, lines in enumerate(split):
        title = (titles[i].strip() if titles and i < len(titles) and titles[i] else "")
        kept: list[str] = []
        dropped = False
        for line, k in zip(lines, keys[i]):
            s = line.strip()
            kind = ""
            if s and s != title:
                if k in repeated_keys:  # a repeated copyright line or notice says what it is
                    kind = ("copyright" if _MAYBE_NOTICE.search(k) and is_copyright(s) else
                            "confidential" if _MAYBE_NOTICE.search(k) and is_confidential(s) else "repeated")
                elif len(s) <= 24 and len(k) < len(s) and is_page_number(s, i + 1):
                    kind = "page number"
                elif _MAYBE_NOTICE.search(k) is not None:
                    if is_copyright(s):
                        kind = "copyright"
                    elif is_confidential(s):
                        kind = "confidential"
            if kind:
                out.removed.append(Removed(i, s, kind))
                dropped = True
            else:
                kept.append(line)
        if dropped:
            out.texts.append("\n".join(x for x in kept if x.strip()))
        else:
            out.texts.append(slides_text[i])
    return out


LINES = st.sampled_from(["© 2024 Acme Corp", "(c1) Acme", "Copyright  2023", "All rights  reserved", "rights",
                         "reserved", "Confidential", "Acme Confidential – do not distribute", "3", "Page 2 of 9",
                         "- 4 -", "acme.com", "ΣΟΦΊΑ ΣΣ", "İstanbul", "Our customers face costs", "", "  ", "\t",
                         "Internal use only", "x" * 170, "Acme | 12", "ACME | 13", "We help you"])
SLIDE = st.lists(LINES, max_size=8).map("\n".join)


@settings(max_examples=400, deadline=None)
@given(st.lists(SLIDE, min_size=1, max_size=8), st.booleans())
def test_strip_boilerplate_equals_the_line_by_line_version(texts, with_titles):
    titles = [t.split("\n")[0] for t in texts] if with_titles else None
    fast, plain = strip_boilerplate(texts, titles=titles), _strip_plain(texts, titles=titles)
    assert (fast.texts, fast.removed, fast.repeated) == (plain.texts, plain.removed, plain.repeated)
