"""silent-add-on: a question or aim that sounds customer-centric but whose object is the seller — "how do
customers experience our brand", "their experience of our brand", "how they feel about us when they renew",
"what they think of our team", "where friction occurs in relation to us".

``find_silent_add_ons(text, seller_names)`` is THE definition, shared by coaching and the classifier's
silent-add-on feature: pure (text in, matches out), precompiled, fast enough for every slide.

The kind, in one clause (split at . ? ! ; and line breaks):

1. a customer frame — customers, clients, buyers, users, people, they/their/them, "your team", ... — then
   a perception or relation word — experience (of/with), perceive, think of/about, feel about, interact /
   engage / deal / work with, journey / relationship / satisfaction with, opinion / image / view of, ... —
   then, within two words, the seller: us, our + a noun, or one of the seller's names (company or product);
2. the same frame with a weak verb (see, view, judge, trust, recommend, rate, choose, remember) whose object
   is "us" or a seller name ending the phrase ("how buyers see us", "why clients trust Northwind?") — not
   "customers see our platform cut scrap", which is a benefit;
3. a relation phrase that needs no frame: "in relation to us", "when dealing with us", "friction … with us".

Questions about the customer's own world ("how do your customers experience a late delivery?") have no
seller object and are left alone.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

RULE = "silent_add_on"
KIND = "silent-add-on"

_FRAME = (r"\b(?:customers?|clients?|buyers?|users?|people|prospects?|shoppers?|patients?|guests?|members?|"
          r"audiences?|they|their|them|your\s+[a-z]+)\b")
_STRONG = (r"\b(?:experienc(?:e|es|ed|ing)(?:\s+(?:of|with))?|perceiv(?:e|es|ed|ing)|perceptions?\s+of|"
           r"(?:think|thinks|thought|thinking)\s+(?:of|about)|(?:feel|feels|felt|feeling|feelings)\s+(?:about|toward|towards)|"
           r"(?:interact|interacts|interacted|interacting|interactions?)\s+with|"
           r"(?:engage|engages|engaged|engaging|engagement)\s+with|(?:deal|deals|dealt|dealing|dealings)\s+with|"
           r"(?:work|works|worked)\s+with|(?:buy|buys|bought|buying)\s+from|(?:hear|hears|heard)\s+about|"
           r"(?:talk|talks|talked|say|says|said)\s+about|(?:journey|relationship|satisfaction|experience)s?\s+with|"
           r"(?:opinions?|impressions?|views?|images?)\s+of|sentiment\s+(?:about|toward|towards)|loyalty\s+to|"
           r"feel\s+when\s+(?:they\s+)?(?:call|contact|visit|use))")
_WEAK = r"\b(?:see|sees|saw|view|views|judge|judges|trust|trusts|recommend|recommends|rate|rates|choose|chooses|remember|remembers)"
_RELATION = (r"\b(?:in\s+relation\s+to|when\s+dealing\s+with|with\s+regard\s+to|"
             r"in\s+(?:their|the)\s+(?:dealings|relationship|journey)\s+with|friction\b[^.?!;\n]{0,60}?\bwith)")
_BOUNDARY = re.compile(r"[.?!;\n]")
# Every match holds one of these words and a seller word: a text without both is passed over after one
# word scan (most slides); only clauses holding a trigger word meet the full pattern.
_WORD = re.compile(r"[a-z]+")
_TRIGGER_WORDS = frozenset("""
experience experiences experienced experiencing perceive perceives perceived perceiving perception perceptions
think thinks thought thinking feel feels felt feeling feelings interact interacts interacted interacting
interaction interactions engage engages engaged engaging engagement deal deals dealt dealing dealings work works
worked buy buys bought buying hear hears heard talk talks talked say says said journey journeys relationship
relationships satisfaction opinion opinions impression impressions view views image images sentiment loyalty
see sees saw judge judges trust trusts recommend recommends rate rates choose chooses remember remembers
relation regard friction""".split())
_SELLER_WORDS = frozenset(("us", "our"))


@dataclass(frozen=True, slots=True)
class Match:
    """One silent add-on: ``start``/``end`` (character offsets of the match in the text given), ``clause``
    (the whole clause it sits in, as written, to quote) and ``seller`` (the seller word as written: "us",
    "our brand", "Northwind")."""

    start: int
    end: int
    clause: str
    seller: str


_FRAME_RE = re.compile(_FRAME, re.IGNORECASE)
_RELATION_WORDS = frozenset(("relation", "regard", "dealing", "dealings", "relationship", "journey", "friction"))
_GAP = r"(?:[^\s.?!;]+\s+){0,2}?"
FRAME_REACH = 90  # characters between the customer frame and the perception word


@lru_cache(maxsize=64)
def _patterns(names: tuple[str, ...]) -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    """(strong verb + object, weak verb + object, relation phrase + object), anchored where they are tried."""
    name = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    name_alt = rf"|(?<![\w-])(?:{name})(?![\w-])" if name else ""
    obj = rf"(?P<seller>\bus\b|\bour\s+[a-z][\w-]*{name_alt})"
    weak_obj = rf"(?P<seller>\bus\b{name_alt})(?=\s*(?:$|[,?.!;:)]|(?:as|when|if|and|or|over|compared)\b))"
    return (re.compile(rf"{_STRONG}\s+{_GAP}{obj}", re.IGNORECASE),
            re.compile(rf"{_WEAK}\s+{weak_obj}", re.IGNORECASE),
            re.compile(rf"{_RELATION}\s+{_GAP}{obj}", re.IGNORECASE))


def _occurrences(low: str, word: str):
    """Start offsets of ``word`` as a whole word in ``low`` (str.find: far cheaper than a regex here)."""
    at = low.find(word)
    n = len(word)
    while at >= 0:
        if (at == 0 or not low[at - 1].isalnum()) and (at + n == len(low) or not low[at + n].isalnum()):
            yield at
        at = low.find(word, at + n)


def find_silent_add_ons(text: str, seller_names: Iterable[str] = ()) -> list[Match]:
    """Every silent add-on in ``text``, in order, at most one per clause. ``seller_names`` are the seller's
    company and product names as written ("Northwind", "Insight"); "us" and "our …" count without them.
    Pure and cheap: one word scan rejects a text without a perception word and a seller word (~10 µs on a
    real slide); otherwise the patterns are tried only where those words are."""
    low = text.lower()
    words = set(_WORD.findall(low))
    triggers = words & _TRIGGER_WORDS
    if not triggers:
        return []
    names = tuple(sorted({n.strip() for n in seller_names if n and n.strip()}))
    if words.isdisjoint(_SELLER_WORDS) and not any(n.lower() in low for n in names):
        return []
    strong, weak, relation = _patterns(names)
    ends = [m.end() for m in _BOUNDARY.finditer(text)]  # clause ends (exclusive)
    found: dict[int, re.Match] = {}
    for pos in sorted(p for word in triggers for p in _occurrences(low, word)):
        k = bisect.bisect_right(ends, pos)
        if k in found:
            continue
        cs, ce = (ends[k - 1] if k else 0), (ends[k] if k < len(ends) else len(text))
        m = None
        if low[pos:pos + 12].split(None, 1)[0] in _RELATION_WORDS:
            m = relation.search(text, max(cs, pos - 20), ce)
        if m is None:
            m = strong.match(text, pos, ce) or weak.match(text, pos, ce)
            if m is not None and not _FRAME_RE.search(text, max(cs, pos - FRAME_REACH), pos):
                m = None
        if m is not None:
            found[k] = (m, cs, ce)
    return [Match(m.start(), m.end(), text[cs:ce].strip(" \t\n.?!;") + (text[ce - 1] if text[ce - 1:ce] in "?!." and ce else ""),
                  m.group("seller")) for k, (m, cs, ce) in sorted(found.items())]


def find(ctx) -> list:
    """The rule in the registry: a finding per silent add-on on each counted slide."""
    from deckaudit.report import Finding

    return [Finding(KIND, st.sr.index, m.clause, message()) for st in ctx.counted
            for m in find_silent_add_ons(st.sr.slide.text, ctx.seller_names)]


def message() -> str:
    from deckaudit.coaching.rules import rule

    return rule(RULE)["message"]


def check(example: str) -> list[str]:
    """The rule's verdict on one example (examples name the seller Northwind, its product Insight)."""
    return [m.clause for m in find_silent_add_ons(example, ("Northwind", "Insight"))]
