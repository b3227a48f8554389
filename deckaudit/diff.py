"""Compare two versions of a deck: which slides were inserted, removed, moved or edited, what that did to the
us-share and to where the customer first appears, and why each changed slide's tag changed.

``diff_reports(old, new) -> DeckDiff`` compares two DeckReports; ``diff(old_path, new_path, options)`` reads and
audits both files first (any formats: a PPTX master against its PDF export works, since slides are matched by
their words, not by file structure). ``DeckDiff.to_dict()`` is the versioned JSON document
(``"schema": "deckaudit.diff/1"``, docs/diff.schema.json).

How slides are matched — by content, never by position alone:

1. Every slide becomes its words (``deck_words``): lower-cased tokens of its text and layout text, without
   lines repeated on half the deck (footers) or bare slide numbers; alt texts for a slide without text.
2. Every old slide is scored against every new one (``similarity``: the share of words they have in common,
   as a multiset, so the order a PDF reads text boxes in does not matter). Pairs at or above ``MATCH`` are
   taken greedily, best first (ties: the nearer position), one partner each: that finds a slide wherever it
   moved to.
3. The order: difflib's ``SequenceMatcher`` over the matched pairs in old order against new order. Pairs inside
   its matching blocks kept their place relative to their neighbours; the others are ``moved``.
4. Old and new slides still unmatched that sit in the same gap between two in-place pairs are paired when they
   score at least ``IN_PLACE`` (a slide reworded where it stands: ``edited``); what is left is ``removed`` /
   ``added``.

A matched slide is ``same`` when it has the same words (``same_words``: as a multiset, and forgiving words a PDF
reader split or joined), ``edited`` otherwise, ``moved`` when it left its place (edited or not: see
``text_changed``).

Why this scorer (measured with benchmarks/bench_diff.py on 10 real PPTX decks against their LibreOffice PDF
exports, 130 slides with text): the word-multiset Dice (rapidfuzz's Indel similarity on sorted word lists)
made its own page the best partner of 128 of the 130 slides, kept 95% of
true pairs at 0.89 or more, and put no wrong pair at or above MATCH (median margin to the best wrong page
0.75). rapidfuzz's character-level ``token_sort_ratio`` put 10 wrong pairs of the same deck over 0.6 (long
slides share letters), ``token_set_ratio`` 103 (a subset scores 1.0), ``fuzz.ratio`` and difflib's
``SequenceMatcher.ratio`` are order-sensitive (95% of true pairs only at 0.79 or more). rapidfuzz (C++, wheels
everywhere) scores every pair of a 21-slide deck pair in 1.5 ms, where the same measure with difflib takes
14 ms; difflib stays for the ordering, one call on a short sequence. On edited versions of those 10 PDFs (two
slides swapped, one removed, another deck's slide inserted) the matcher named exactly those, 10 of 10. Each
PPTX against its own PDF export: no slide moved, added or removed; 105 of 131 slides ``same``, the rest
``edited`` where the PDF reads differently (auto-numbered lists, figures split across text boxes).

When is a version worse (``--fail-if-worse``)? See ``DeckDiff.worse``.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from dataclasses import dataclass, field

from deckaudit.report import DeckReport, SlideReport

SCHEMA = "deckaudit.diff/1"
MATCH = 0.6  # two slides this similar are the same slide, wherever each sits
IN_PLACE = 0.3  # an unmatched old and new slide in the same place are one slide reworded at this similarity
STATUSES = ("same", "edited", "moved", "added", "removed")
_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)
_PAGE_NUMBER = re.compile(r"\d{1,3}")
_EPS = 1e-9


def _norm_line(line: str) -> str:
    return " ".join(_TOKEN.findall(line.casefold()))


def _lines(slides) -> list[list[str]]:
    out = []
    for slide in slides:
        lines = [_norm_line(x) for x in f"{slide.boilerplate}\n{slide.text}".splitlines()]
        out.append([x for x in lines if x and not _PAGE_NUMBER.fullmatch(x)])
    return out


def _repeated(per_slide: list[list[str]]) -> set[str]:
    if len(per_slide) < 3:
        return set()
    seen = Counter(x for lines in per_slide for x in set(lines))
    return {x for x, n in seen.items() if n >= max(3, (len(per_slide) + 1) // 2)}


def deck_words(slides, other=None) -> tuple[list[list[str]], set[int]]:
    """The words each slide is matched by: lower-cased tokens of its text and of the layout text it shows
    (``Slide.boilerplate``: a PPTX keeps it apart, a PDF export prints it on the page), without

    - lines repeated on half the deck's slides or more (decks of 3+ slides) — in this deck or in ``other``, the
      version it is compared with, so both drop the same lines: footers, headers, confidentiality marks, which a
      PDF export and its PPTX split into lines differently;
    - lines that are only a number of up to 3 digits: slide numbers, which change whenever a slide moves.

    A slide left with no words is matched by its alt texts (PPTX only: a PDF has none), else by nothing.
    Returns (words per slide, the positions of slides without text).
    """
    per_slide = _lines(slides)
    repeated = _repeated(per_slide) | (_repeated(_lines(other)) if other is not None else set())
    out, pictures = [], set()
    for n, (slide, lines) in enumerate(zip(slides, per_slide)):
        words = [w for x in lines if x not in repeated for w in x.split()]
        if not words:
            pictures.add(n)
            words = _TOKEN.findall(" ".join(slide.alt_texts).casefold())
        out.append(words)
    return out, pictures


def similarity(a: list[str], b: list[str]) -> float:
    """0..1: how many words two slides share, as a multiset — the Dice coefficient 2·|A∩B| / (|A|+|B|),
    computed as rapidfuzz's normalised Indel similarity of the sorted word lists. 0 when either has no
    words (nothing to recognise it by: such slides pair only in place, see ``match_slides``)."""
    if not a or not b:
        return 0.0
    from rapidfuzz.distance import Indel

    return Indel.normalized_similarity(sorted(a), sorted(b))


def same_words(a: list[str], b: list[str]) -> bool:
    """Do two slides say the same thing, word for word (in any order)? Also True when the only differences are
    words split or joined differently ("vision" / "vis ion", "in all" / "inall": PDF text extraction does that):
    the words on one side only have exactly the letters of the words on the other side only, are not one word
    for one word ("form" / "from" is an edit), and none holds a digit (a changed figure, "35%" to "53%", is
    always an edit)."""
    ca, cb = Counter(a), Counter(b)
    if ca == cb:
        return True
    only_a, only_b = list((ca - cb).elements()), list((cb - ca).elements())
    if len(only_a) == len(only_b) == 1 or any(c.isdigit() for w in only_a + only_b for c in w):
        return False
    return Counter("".join(only_a)) == Counter("".join(only_b))


@dataclass(slots=True)
class EvidenceChange:
    """Evidence that appeared (or disappeared) on a slide: one feature and the phrases of it that are new
    (or gone). Identity is ``feature`` + ``phrases``, never the display text."""

    feature: str
    label: str
    group: str
    toward: str
    phrases: tuple[str, ...] = ()
    weight: float = 0.0

    @property
    def text(self) -> str:
        """"their challenges: 'lose', 'hours'" — built from the fields."""
        name = self.label or self.feature or self.group
        return f"{name}: {', '.join(repr(p) for p in self.phrases)}" if self.phrases else name

    def to_dict(self) -> dict:
        return {"feature": self.feature, "label": self.label, "group": self.group, "toward": self.toward,
                "phrases": list(self.phrases), "weight": round(self.weight, 3), "text": self.text}


@dataclass(slots=True)
class SlideChange:
    """One row of the diff: an old slide, a new slide, or both when they were matched."""

    status: str  # "same" | "edited" | "moved" | "added" | "removed"
    old: SlideReport | None
    new: SlideReport | None
    similarity: float = 0.0  # 0..1 between the two slides' words; 0 for added/removed
    text_changed: bool = False  # matched, but not the same words
    gained: list[EvidenceChange] = field(default_factory=list)  # evidence on new that old did not have
    lost: list[EvidenceChange] = field(default_factory=list)  # evidence old had that new has not

    @property
    def old_index(self) -> int | None:
        return self.old.index if self.old else None

    @property
    def new_index(self) -> int | None:
        return self.new.index if self.new else None

    @property
    def old_tag(self) -> str | None:
        return self.old.tag.value if self.old else None

    @property
    def new_tag(self) -> str | None:
        return self.new.tag.value if self.new else None

    @property
    def tag_changed(self) -> bool:
        return self.old is not None and self.new is not None and self.old.tag is not self.new.tag

    @property
    def title(self) -> str:
        sr = self.new or self.old
        return sr.slide.title if sr else ""

    def to_dict(self) -> dict:
        return {
            "status": self.status,
            "old_index": self.old_index,
            "new_index": self.new_index,
            "old_tag": self.old_tag,
            "new_tag": self.new_tag,
            "tag_changed": self.tag_changed,
            "old_title": self.old.slide.title if self.old else None,
            "new_title": self.new.slide.title if self.new else None,
            "similarity": round(self.similarity, 4),
            "text_changed": self.text_changed,
            "evidence_gained": [e.to_dict() for e in self.gained],
            "evidence_lost": [e.to_dict() for e in self.lost],
        }


@dataclass(slots=True)
class Side:
    """One version's deck-level figures, as the diff reports them."""

    path: str
    format: str
    slides: int
    counts: dict[str, int]
    us_share: float | None
    us_share_range: tuple[float, float] | None
    first_customer_slide: int | None
    verdict: str
    seller: str

    @classmethod
    def of(cls, report: DeckReport) -> "Side":
        s = report.summary
        return cls(path=report.deck.path, format=report.deck.format, slides=s.slides,
                   counts={"about-us": s.about_us, "about-customer": s.about_customer, "neutral": s.neutral},
                   us_share=s.us_share, us_share_range=s.us_share_range, first_customer_slide=s.first_customer_slide,
                   verdict=s.verdict, seller=report.seller.display)

    @property
    def decided(self) -> int:
        """Slides that enter the ratio's denominator: about-us + about-customer."""
        return self.counts["about-us"] + self.counts["about-customer"]

    def to_dict(self) -> dict:
        return {
            "path": self.path,
            "format": self.format,
            "slides": self.slides,
            "counts": dict(self.counts),
            "us_share": None if self.us_share is None else round(self.us_share, 4),
            "us_share_range": None if self.us_share_range is None else [round(x, 4) for x in self.us_share_range],
            "first_customer_slide": self.first_customer_slide,
            "verdict": self.verdict,
            "seller": self.seller,
        }


@dataclass(slots=True)
class DeckDiff:
    before: Side
    after: Side
    slides: list[SlideChange]  # new deck order, each removed slide where it used to stand

    def by_status(self, status: str) -> list[SlideChange]:
        return [c for c in self.slides if c.status == status]

    @property
    def tag_changes(self) -> list[SlideChange]:
        return [c for c in self.slides if c.tag_changed]

    @property
    def share_rose(self) -> bool:
        """The us-share rose beyond the noise: the new share is above the old range's upper end (the
        classifier's own 95th percentile for the old deck), or it rose by more than one slide's worth
        (1 / the old deck's about-us + about-customer slides) — the range alone is wide on uncertain decks, and a
        rise of two whole slides is not noise. A deck with no share before (no about-us or about-customer
        slide) counts as 0%; a deck with no share after never rose."""
        a, b = self.before, self.after
        if b.us_share is None:
            return False
        old = a.us_share if a.us_share is not None else 0.0
        if b.us_share <= old + _EPS:
            return False
        upper = a.us_share_range[1] if a.us_share_range is not None else old
        step = 1.0 / a.decided if a.decided else 0.0
        return b.us_share > upper + _EPS or (b.us_share - old) > step + _EPS

    @property
    def customer_later(self) -> bool:
        """The customer first appears on a later slide than before, or no longer appears at all."""
        a, b = self.before.first_customer_slide, self.after.first_customer_slide
        return a is not None and (b is None or b > a)

    @property
    def worse(self) -> list[str]:
        """Why the new version is worse, one sentence each; empty when it is not."""
        out = []
        if self.share_rose:
            out.append(f"us-share rose from {_pct(self.before.us_share)} to {_pct(self.after.us_share)}"
                       f" (old range {_range(self.before.us_share_range)})")
        if self.customer_later:
            b = self.after.first_customer_slide
            out.append(f"the customer first appears on slide {b} instead of {self.before.first_customer_slide}"
                       if b is not None else
                       f"the customer no longer appears (was slide {self.before.first_customer_slide})")
        return out

    def counts(self) -> dict[str, int]:
        c = Counter(ch.status for ch in self.slides)
        return {s: c.get(s, 0) for s in STATUSES}

    def to_dict(self) -> dict:
        """The versioned JSON document (docs/diff.schema.json)."""
        from deckaudit import __version__

        return {
            "schema": SCHEMA,
            "generator": f"deckaudit {__version__}",
            "before": self.before.to_dict(),
            "after": self.after.to_dict(),
            "changes": self.counts() | {"tag_changed": len(self.tag_changes)},
            "worse": self.worse,
            "slides": [c.to_dict() for c in self.slides],
        }


def _pct(x: float | None) -> str:
    return "n/a" if x is None else f"{x:.0%}"


def _range(r) -> str:
    return "n/a" if r is None else f"{r[0]:.0%}–{r[1]:.0%}"


# --- matching ---------------------------------------------------------------------------------------------

def _same_title(a: str, b: str) -> bool:
    """Two headlines that read the same (case, spacing and punctuation aside), with a word or more to compare."""
    ka, kb = (" ".join(re.findall(r"\w+", (t or "").lower())) for t in (a, b))
    return bool(ka) and ka == kb and len(ka) >= 4

def match_slides(old: list[list[str]], new: list[list[str]], pictures_old: set[int] = frozenset(),
                 pictures_new: set[int] = frozenset(), titles_old: list[str] | None = None,
                 titles_new: list[str] | None = None) -> tuple[dict[int, int], set[int], dict[tuple[int, int], float]]:
    """Match two decks' slides given as word lists (0-based positions; see the module docstring).

    ``pictures_*``: positions of slides without text (their words, if any, are alt texts, which a PDF lacks):
    two such slides in the same place pair up even when their words cannot be compared. ``titles_*``: the
    slides' titles; an unmatched old and new slide in the same place with the same title are one slide whose
    body was rewritten (its tag change is then explained, not shown as a removal and an addition).
    Returns (pairs old→new, the old positions of pairs that kept their place, similarity of each pair).
    """
    from difflib import SequenceMatcher

    sims: dict[tuple[int, int], float] = {}
    candidates = []
    for i, a in enumerate(old):
        for j, b in enumerate(new):
            s = similarity(a, b)
            if s >= MATCH:
                sims[i, j] = s
                candidates.append((-s, abs(i - j), i, j))
    pairs: dict[int, int] = {}
    taken: set[int] = set()
    for _s, _d, i, j in sorted(candidates):
        if i not in pairs and j not in taken:
            pairs[i] = j
            taken.add(j)
    # The order: which pairs kept their place relative to each other.
    by_old = sorted(pairs)
    by_new = sorted(pairs, key=pairs.get)
    matcher = SequenceMatcher(None, by_old, by_new, autojunk=False)
    in_place = {by_old[blk.a + k] for blk in matcher.get_matching_blocks() for k in range(blk.size)}
    # Unmatched slides between the same two in-place neighbours: reworded where they stand.
    anchors = sorted((i, pairs[i]) for i in in_place)
    bounds = [(-1, -1), *anchors, (len(old), len(new))]
    for (i0, j0), (i1, j1) in zip(bounds, bounds[1:]):
        olds = [i for i in range(i0 + 1, i1) if i not in pairs]
        news = [j for j in range(j0 + 1, j1) if j not in taken]
        if not olds or not news:
            continue
        local = []
        for i in olds:
            for j in news:
                s = sims.get((i, j)) or similarity(old[i], new[j])
                if i in pictures_old and j in pictures_new and (not old[i] or not new[j]):
                    s = max(s, IN_PLACE)  # a picture slide where a picture slide was: the same, as far as we can tell
                if titles_old and titles_new and _same_title(titles_old[i], titles_new[j]):
                    s = max(s, IN_PLACE)  # the same headline where it stood: the body was rewritten
                if s >= IN_PLACE:
                    local.append((-s, abs((i - i0) - (j - j0)), i, j))
        for neg, _d, i, j in sorted(local):
            if i not in pairs and j not in taken:
                pairs[i] = j
                taken.add(j)
                in_place.add(i)
                sims[i, j] = -neg
    return pairs, in_place, {(i, j): sims.get((i, j), 0.0) for i, j in pairs.items()}


def _evidence_items(sr: SlideReport) -> dict[tuple[str, str], tuple]:
    """(feature, phrase) -> the evidence it belongs to. A feature without phrases is one item (feature, "").
    Evidence from a model that leaves ``feature`` empty is identified by its group and direction instead."""
    out: dict[tuple[str, str], tuple] = {}
    for e in sr.verdict.evidence:
        feature = e.feature or f"({e.kind} → {e.toward})"
        label = e.label if e.feature else e.text  # nothing else to show such evidence by (never compared by it)
        for phrase in (e.phrases or ("",)):
            out.setdefault((feature, phrase), (label, e.kind, e.toward, e.weight))
    return out


def evidence_changes(old: SlideReport, new: SlideReport) -> tuple[list[EvidenceChange], list[EvidenceChange]]:
    """(gained, lost): evidence whose feature+phrase is on one slide's verdict and not on the other's."""
    a, b = _evidence_items(old), _evidence_items(new)

    def grouped(keys, source) -> list[EvidenceChange]:
        out: dict[str, EvidenceChange] = {}
        for feature, phrase in keys:
            label, group, toward, weight = source[feature, phrase]
            ch = out.setdefault(feature, EvidenceChange(feature, label, group, toward, (), weight))
            if phrase:
                ch.phrases += (phrase,)
        return sorted(out.values(), key=lambda c: -c.weight)

    gained = [k for k in b if k not in a]
    lost = [k for k in a if k not in b]
    return grouped(gained, b), grouped(lost, a)


def diff_reports(old: DeckReport, new: DeckReport) -> DeckDiff:
    """Compare two audited versions of a deck. Slides are matched by content (see the module docstring);
    the result lists every slide of both, in the new deck's order, removed slides where they stood."""
    old_slides, new_slides = [sr.slide for sr in old.slides], [sr.slide for sr in new.slides]
    old_words, old_pictures = deck_words(old_slides, new_slides)
    new_words, new_pictures = deck_words(new_slides, old_slides)
    pairs, in_place, sims = match_slides(old_words, new_words, old_pictures, new_pictures,
                                         [s.title for s in old_slides], [s.title for s in new_slides])
    rows: list[tuple[tuple, SlideChange]] = []
    for i, j in pairs.items():
        a, b = old.slides[i], new.slides[j]
        changed = not same_words(old_words[i], new_words[j])
        if i in old_pictures and j in new_pictures and (not old_words[i] or not new_words[j]):
            changed = False  # alt text on one side only (a PPTX against its PDF): nothing to compare
        status = "moved" if i not in in_place else ("edited" if changed else "same")
        gained, lost = evidence_changes(a, b)
        rows.append(((j, 1, 0), SlideChange(status, a, b, sims[i, j], changed, gained, lost)))
    anchor = -1
    for i, sr in enumerate(old.slides):
        if i in pairs:
            anchor = pairs[i] if i in in_place else anchor
            continue
        rows.append(((anchor, 2, i), SlideChange("removed", sr, None)))
    for j, sr in enumerate(new.slides):
        if j not in pairs.values():
            rows.append(((j, 0, 0), SlideChange("added", None, sr)))
    return DeckDiff(Side.of(old), Side.of(new), [ch for _k, ch in sorted(rows, key=lambda r: r[0])])


def diff(old_path: str | os.PathLike, new_path: str | os.PathLike, options=None) -> DeckDiff:
    """Read and audit two decks with the same AuditOptions, then compare them (``diff_reports``).
    Raises deckaudit.DeckError (with the file's path) when either cannot be read."""
    from deckaudit.api import audit
    from deckaudit.errors import DeckError

    reports = []
    for path in (old_path, new_path):
        try:
            reports.append(audit(path, options))
        except DeckError as exc:
            raise exc.with_path(os.fspath(path))
    return diff_reports(*reports)


class _CallableModule(type(os)):
    """``deckaudit.diff(old, new)`` calls ``diff``: the package attribute ``deckaudit.diff`` is this module once it
    is imported (Python sets it so), and a module cannot be replaced by a function there without breaking
    ``deckaudit.diff.diff_reports``; so the module itself is callable."""

    def __call__(self, old_path: str | os.PathLike, new_path: str | os.PathLike, options=None) -> DeckDiff:
        return diff(old_path, new_path, options)


_CallableModule.__call__.__doc__ = diff.__doc__
__import__("sys").modules[__name__].__class__ = _CallableModule
