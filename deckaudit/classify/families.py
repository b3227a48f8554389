"""The feature families: each one declaration that names its features, extracts them and says how each
reads as evidence. Training, inference, the model file and every verdict's evidence come from here.

A feature is named ``family.name`` ("pronouns.we", "topic.us:company", "layout.pictures"); the part
before the dot finds its family in ``FAMILIES``. Each family extracts ``(feature, value, phrases)``
from a ``View`` of one slide (computed once), where ``phrases`` are what it saw on the slide — words
and phrases as written, names, or layout facts — and ``describe(feature, phrases)`` turns them into
the words a seller reads. Context families look at the neighbouring slides' views too.

To add a family: write its extractor and describer, declare it in ``FAMILIES`` with an example; the
trainer, the model file and the evidence pick it up (tests/test_families.py runs every example).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import chain
from typing import Callable, Iterable

from deckaudit.classify.features import (
    _ABOUT_TITLE,
    _CONTACT,
    _NUMBER_TOKENS,
    _URL,
    I_ME,
    PATTERN_TRIGGERS,
    PATTERNS,
    SUBJECT_PATTERNS,
    THEY,
    WE,
    YOU,
    Lexicon,
    URL_TLDS,
    SlideInput,
    _count,
    _may_have_contact,
    _may_have_url,
    matches_at_starts,
    normalise,
    tokenize,
    world_matches,
)
from deckaudit.classify.boilerplate import strip_boilerplate
from deckaudit.classify.language import WORD, foreign_words_2
from deckaudit.classify.names import CUSTOMER_TOKEN, SELLER_TOKEN, Names, replace_names
from deckaudit.classify.resources import data_text

Feat = tuple[str, float, tuple[str, ...]]  # feature name, value, what it saw


def _log(n: float) -> float:
    return math.log1p(n)


@dataclass(slots=True)
class View:
    """One slide, prepared once for every family: the text with names replaced, its tokens and counts."""

    si: SlideInput
    text: str  # normalised, lower case, names replaced by placeholders
    tokens: list[str]
    title_tokens: list[str]
    counts: Counter
    words: int
    sellers: list[str]  # seller names as written on the slide
    customers: list[str]
    raw: str  # title + text as written (names intact)
    names: Names | None = None  # the deck's seller and customer names (the notes family replaces them too)
    own: dict[str, float] = field(default_factory=dict)  # side totals for the context families
    kicker: str = ""  # the kicker line as written, when one is read with the headline (its tokens end title_tokens)
    kicker_tokens: int = 0  # how many of title_tokens are the kicker's

    def show(self, phrase: str) -> str:
        """A matched phrase as the slide says it: placeholders back to the names they stand for."""
        if SELLER_TOKEN in phrase:
            phrase = phrase.replace(SELLER_TOKEN, self.sellers[0] if self.sellers else "the seller")
        if CUSTOMER_TOKEN in phrase:
            phrase = phrase.replace(CUSTOMER_TOKEN, self.customers[0] if self.customers else "the customer")
        return " ".join(phrase.split())


# A web or e-mail address is one token: its pieces are not words the slide says ('fit' of www.flexit.fit,
# 'us' of acme.com/about-us, 'careers' of acme.com/careers), and never a phrase quoted as evidence.
LINK_TOKEN = "__link__"
_LINK = re.compile(rf"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+\.[\w.]+|\b[\w-]+(?:\.[\w-]+)*\.(?:{URL_TLDS})\b(?:/\S*)?", re.I)


def _without_links(text: str) -> str:
    if "@" in text or _may_have_url(text):
        return _LINK.sub(f" {LINK_TOKEN} ", text)
    return text


def _holds_title(si: SlideInput) -> bool:
    """Does the slide's text already hold its title? Also when the text wraps it over lines the title joins with
    spaces (a PDF title of two lines): 14 % of real slides, whose headline words were otherwise read twice."""
    if not si.title:
        return False
    if si.title in si.text:
        return True
    return "\n" in si.text and " ".join(si.title.split()) in " ".join(si.text.split())


def make_view(si: SlideInput, names: Names) -> View:
    raw = si.text if _holds_title(si) else f"{si.title}\n{si.text}"
    replaced, sellers, customers = _replace_keep(raw, names)
    text = normalise(_without_links(replaced))
    tokens = tokenize(text)
    title_tokens = tokenize(normalise(_without_links(replace_names(si.title, names)[0]))) if si.title else []
    at = _kicker(si) if si.text else -1
    kicker, kicker_tokens = "", []
    if at >= 0:  # a kicker reads as part of the headline: its line of the text already prepared
        kicker = si.text.split("\n", at + 1)[at].strip()
        if raw is not si.text:
            at += 1 + si.title.count("\n")
        lines = text.split("\n", at + 1)
        if len(lines) > at and text.count("\n") == raw.count("\n"):
            kicker_tokens = tokenize(lines[at])
            title_tokens = title_tokens + kicker_tokens
    counts = Counter(tokens)
    words = len(tokens) - counts["?"] - _count(counts, _NUMBER_TOKENS)
    if sellers and counts[SELLER_TOKEN] == len(sellers) and not _ROLE_WORDS.isdisjoint(counts):
        sellers = _not_affiliations(tokens, sellers)
    return View(si, text, tokens, title_tokens, counts, words, sellers, customers, raw, names,
                kicker=kicker if kicker_tokens else "", kicker_tokens=len(kicker_tokens))


def _kicker(si: SlideInput) -> int:
    """A kicker: a short line in capitals among the slide's first four lines, other than the headline ("THE
    SOLUTION", "WHY NOW", "MARKET LANDSCAPE", "AIL / PROBLEM"): it names what the slide is, so it is read as
    part of the headline (headline topics, headline words). Its line number in ``si.text`` (0-based), -1 when
    there is none (at most 5 words, 40 characters)."""
    title = si.title.strip()
    for i, line in enumerate(si.text.split("\n", 4)[:4]):
        line = line.strip()
        if line and line != title and line.isupper() and len(line) <= 40 and len(line.split()) <= 5:
            return i
    return -1


def _not_affiliations(tokens: list[str], sellers: list[str]) -> list[str]:
    """The seller's names on the slide less those that only say where a person works ("Product Manager,
    MOSIP", "(CTO, Acme)"): a speaker's byline on a title card does not make the slide about the seller."""
    out, k, prev = [], 0, ""
    for tok in tokens:
        if tok == SELLER_TOKEN:
            if prev not in _ROLE_WORDS:
                out.append(sellers[k])
            k += 1
        prev = tok
    return out


def _replace_keep(text: str, names: Names) -> tuple[str, list[str], list[str]]:
    """replace_names, also keeping the names as written (for evidence)."""
    pat = names.pattern()
    if pat is None or not text:
        return text, [], []
    sellers: list[str] = []
    customers: list[str] = []

    def sub(m: re.Match) -> str:
        said = m.group(0)
        key = said.lower().replace("’", "'")
        if key.endswith("'s"):
            key, said = key[:-2], said[:-2]
        if key in names.customer:
            customers.append(said)
            return f" {CUSTOMER_TOKEN} "
        sellers.append(said)
        return f" {SELLER_TOKEN} "

    return pat.sub(sub, text), sellers, customers


# ---------------------------------------------------------------------------------------------- families


@dataclass(frozen=True)
class Family:
    """One kind of evidence: how to extract its features and how each reads to a seller.

    ``group`` is the Evidence group shown in reports; ``merge`` makes all of the family's features one
    evidence item (layout facts, position); ``context`` families see the neighbouring slides;
    ``examples`` are (title, text, a feature the family must find) checked by the tests.
    """

    name: str
    group: str
    label: str
    extract: Callable[..., Iterable[Feat]]
    describe: Callable[[str, tuple[str, ...]], str]
    merge: bool = False
    context: bool = False
    examples: tuple[tuple[str, str, str], ...] = ()
    label_of: Callable[[str], str] | None = None  # a label per feature, when the family's is too broad
    # the tag a feature's cue stands for ("pronouns.you" -> about-customer; None: no side); its evidence is
    # shown only when it pushes that way. Default: _side below.
    sides: Callable[[str], str | None] | None = None

    def label_for(self, feature: str) -> str:
        return self.label_of(feature) if self.label_of else self.label

    def side_of(self, feature: str) -> str | None:
        return (self.sides or _side)(feature)


def _counted(phrases: Iterable[str]) -> tuple[str, ...]:
    c = Counter(" ".join(p.split()) for p in phrases)
    return tuple(f"{w} ×{n}" if n > 1 else w for w, n in c.most_common())


# pronouns ---------------------------------------------------------------------------------------------
def _pronouns(v: View, lex: Lexicon) -> Iterable[Feat]:
    c = v.counts
    found = {}
    for side, words, shown in (("we", WE, "we/us/our"), ("you", YOU, "you/your"), ("they", THEY, "they/their"),
                               ("i", I_ME, "I/me/my")):
        n = sum(c[w] for w in words if w in c)
        if n:
            found[side] = n
            yield f"pronouns.{side}", _log(n), (f"{shown} ×{n}",)
    us, them = found.get("we", 0) + len(v.sellers), found.get("you", 0) + len(v.customers)
    if us or them:
        yield "pronouns.balance", (them - us) / (us + them + 1), (f"we/our or the seller ×{us}", f"you/your or the customer ×{them}")
    if v.title_tokens:
        # the headline's own words, then the kicker read with it: the cue is quoted from the line that has it
        split = len(v.title_tokens) - v.kicker_tokens
        lines = ((v.si.title.strip(), v.title_tokens[:split]), (v.kicker, v.title_tokens[split:]))
        for feature, side, placeholder, fallback in (("pronouns.headline_we", WE, SELLER_TOKEN, "we/our or the seller's name"),
                                                     ("pronouns.headline_you", YOU, CUSTOMER_TOKEN, "you/your or the customer's name")):
            for line, toks in lines:
                if any(t in side or t == placeholder for t in toks):
                    quote = line if content_phrase(line) or len(line.split()) >= 3 else ""  # never a lone 'your'
                    yield feature, 1.0, (quote or fallback,)
                    break


def _describe_pronouns(feature: str, phrases: tuple[str, ...]) -> str:
    kind = feature.split(".", 1)[1]
    if kind == "balance":
        return f"balance: {phrases[0]}, {phrases[1]}"
    if kind == "headline_we":
        return f"headline speaks of us: '{phrases[0][:60]}'" if "or the seller" not in phrases[0] else f"headline says {phrases[0]}"
    if kind == "headline_you":
        return f"headline speaks to them: '{phrases[0][:60]}'" if "or the customer" not in phrases[0] else f"headline says {phrases[0]}"
    return phrases[0]


_PRONOUN_LABELS = {"we": "pronouns", "you": "pronouns", "they": "pronouns", "i": "pronouns",
                   "headline_we": "the headline speaks of us", "headline_you": "the headline speaks to them"}


def _label_pronouns(feature: str) -> str:
    return _PRONOUN_LABELS.get(feature.partition(".")[2], "we/our against you/your")


# names ------------------------------------------------------------------------------------------------
def _names(v: View, lex: Lexicon) -> Iterable[Feat]:
    if v.sellers:
        yield "names.seller", _log(len(v.sellers)), _counted(v.sellers)
    if v.customers:
        yield "names.customer", _log(len(v.customers)), _counted(v.customers)


def _describe_names(feature: str, phrases: tuple[str, ...]) -> str:
    who = "the seller's name" if feature.endswith("seller") else "the customer's name"
    return f"{who}: {', '.join(phrases[:3])}"


def _label_names(feature: str) -> str:
    return "the seller's name" if feature.endswith("seller") else "the customer's name"


# topics (lexicon cue groups) ----------------------------------------------------------------------------
def _quotable(v: View, found: Iterable[str]) -> tuple[str, ...]:
    """What a feature matched, as the slide says it, leaving out matches made of function words alone
    ("cannot", "you can"): they still count, but are never quoted as evidence."""
    return tuple(dict.fromkeys(p for p in (v.show(f) for f in found) if content_phrase(p)))


def _topics(v: View, lex: Lexicon) -> Iterable[Feat]:
    for gname, phrases in lex.match(v.tokens).items():
        yield f"topic.{gname}", _log(len(phrases)), _quotable(v, phrases)


def _headline_topics(v: View, lex: Lexicon) -> Iterable[Feat]:
    for gname, phrases in lex.match(v.title_tokens).items():
        yield f"headline.{gname}", 1.0, _quotable(v, phrases)


def _describe_topic(feature: str, phrases: tuple[str, ...]) -> str:
    label = topic_label(feature)
    cues = ", ".join(f"'{p}'" for p in phrases[:4])
    return f"{'headline: ' if feature.startswith('headline.') else ''}{label}: {cues}"


def topic_label(feature: str) -> str:
    group = feature.split(".", 1)[1]
    return Lexicon.default().groups.get(group, {}).get("label", group)


# patterns (borderline cases of the labeling guide) -------------------------------------------------------
PATTERN_LABELS = {
    "their_world": "their world (“customers face…”)",
    "proof_list": "proof of us (“customers include…”)",
    "silent_add_on": "a customer question that ends on us (silent add-on)",
    "product_subject": "the product is the subject",
    "customer_subject": "the customer is the subject",
    "offer_to_reader": "our offer written to the reader (“X lets you…”, “add … to your …”)",
}
# "X lets you / helps you / you can deploy": the seller's offer, even when written to the reader.
_OFFER_YOU = re.compile(
    r"\b(?:lets|let|helps|help|allows|allow|enables|enable|empowers|gives|give)\s+you(?:r\s+\w+)?\b|"
    r"\byou(?:'ll)?\s+(?:can|will be able to|get|receive)\s+(?:easily\s+|now\s+|quickly\s+|also\s+)?"
    r"(?:use|deploy|configure|install|add|integrate|connect|access|build|create|manage|automate|run|try|choose|"
    r"customi[sz]e|set up|sign up|download|monitor|track|launch|scale|get|access)\b"
)
# ... and the imperative of using the product, at a sentence or bullet start ("Add our plugin to your repo").
_OFFER_DO = re.compile(
    r"(?:add|install|configure|deploy|download|sign up|get started|try|connect|integrate|set up|subscribe|book|"
    r"register|join|contact|fund|enable)\s+(?:our|the|it|__seller__|your|a|an|free|now|today|with)\b"
)


def _patterns(v: View, lex: Lexicon) -> Iterable[Feat]:
    text = v.text
    for pname, pat in PATTERNS.items():
        if pname == "their_world":
            found = world_matches(text)
        elif any(t in text for t in PATTERN_TRIGGERS[pname]):
            found = [m.group(0) for m in pat.finditer(text)]
        else:
            continue
        if found:
            yield f"pattern.{pname}", _log(len(found)), _quotable(v, _clauses(text, found))
    for pname, pat in SUBJECT_PATTERNS.items():
        found = matches_at_starts(pat, text)
        if found:
            yield f"pattern.{pname}", _log(len(found)), _quotable(v, _clauses(text, found))
    found = [m.group(0) for m in _OFFER_YOU.finditer(text)] if "you" in text else []
    found += matches_at_starts(_OFFER_DO, text)
    if found:
        yield "pattern.offer_to_reader", _log(len(found)), _quotable(v, _clauses(text, found))


_CLAUSE_END = re.compile(r"[.!?;:\n•]|\s[-–—]\s")


def _clauses(text: str, found: list[str], limit: int = 60) -> list[str]:
    """Each match quoted to the end of its clause ("set up a" -> "set up a free account in minutes"), at most
    ``limit`` characters and cut at a word: a pattern matches the opening words of a sentence, which alone
    read as a fragment. The count is the matches'; only what is quoted grows."""
    out, pos = [], 0
    for f in found:
        at = text.find(f, pos)
        if at < 0:
            out.append(f)
            continue
        end = _CLAUSE_END.search(text, at + len(f))
        stop = end.start() if end else len(text)
        if stop - at > limit:
            cut = text.rfind(" ", at + len(f), at + limit)
            stop = cut if cut > 0 else at + len(f)
        out.append(text[at:stop].strip())
        pos = at + 1
    return out


_PATTERN_SHORT = {
    "their_world": "their world", "proof_list": "proof of us", "silent_add_on": "a question that ends on us",
    "product_subject": "the product is the subject", "customer_subject": "the customer is the subject",
    "offer_to_reader": "our offer, written to the reader",
}
_STRUCTURE_SHORT = {
    "contact": "contact details", "urls": "web addresses", "questions": "questions", "figures": "figures",
    "roles": "people's roles", "speaker_card": "a speaker's title card", "about_title": "headline presents an organisation", "caps_headline": "headline in capitals",
}


def _describe_pattern(feature: str, phrases: tuple[str, ...]) -> str:
    label = PATTERN_LABELS.get(feature.split(".", 1)[1], feature)
    return f"{label}: " + ", ".join(f"'{p[:60]}'" for p in phrases[:2])


# structure -------------------------------------------------------------------------------------------
def _structure(v: View, lex: Lexicon) -> Iterable[Feat]:
    raw = v.raw
    if _may_have_contact(raw):
        found = _CONTACT.findall(raw)
        if found:
            yield "structure.contact", _log(len(found)), (f"{len(found)} contact detail{'s' if len(found) > 1 else ''}",)
    if _may_have_url(raw):
        found = _URL.findall(raw)
        if found:
            yield "structure.urls", _log(len(found)), (f"{len(found)} web address{'es' if len(found) > 1 else ''}",)
    q = v.counts["?"]
    if q:
        yield "structure.questions", _log(q), (f"{q} question mark{'s' if q > 1 else ''}",)
    nums = _count(v.counts, _NUMBER_TOKENS)
    if nums:
        yield "structure.figures", _log(nums), (f"{nums} figure{'s' if nums > 1 else ''}",)
    head = v.si.title.strip()
    if head and not head.isupper() and _ABOUT_TITLE.match(head[:1].lower() + head[1:]):
        yield "structure.about_title", 1.0, (head[:60],)


    roles = _roles(v.tokens)
    if roles:
        yield "structure.roles", _log(len(roles)), tuple(dict.fromkeys(roles))[:4]
        if len(roles) <= 3 and v.words <= 20:
            # A speaker's title card in a talk ("ID PROOF / Resham Chugani / Product Manager, MOSIP") or a
            # cover's byline: a role or two on a short slide. Labelled neutral (labeling.md: cover, divider),
            # where roles on a long slide (a team page) are about us.
            yield "structure.speaker_card", 1.0, tuple(dict.fromkeys(roles))[:2]
    if head and head.isupper() and len(v.title_tokens) <= 6:
        yield "structure.caps_headline", 1.0, (head[:60] if content_phrase(head) else "a headline in capitals",)


# People's roles: a team slide, or a speaker's name under a section title (looked up by token).
_ROLE_WORDS = frozenset(
    "ceo cto cfo coo cmo cpo ciso cio founder co-founder cofounder president chair chairman chairwoman chairperson "
    "director partner manager architect engineer vp officer advisor adviser lead principal professor prof phd dr".split()
)
_ROLE_PAIRS = {("head", "of"): 3, ("vice", "president"): 2, ("managing", "partner"): 2}


_ROLE_STARTS = _ROLE_WORDS | {pair[0] for pair in _ROLE_PAIRS}


def _roles(tokens: list[str]) -> list[str]:
    """Role titles in reading order ("ceo", "head of sales", "vice president"). Only the tokens a role can
    start at are visited (tests/test_features_fast.py holds this to a walk over every token)."""
    out, i, n = [], 0, len(tokens)
    for at in [k for k, tok in enumerate(tokens) if tok in _ROLE_STARTS]:
        if at < i:  # inside the pair matched last
            continue
        tok = tokens[at]
        if at + 1 < n:
            k = _ROLE_PAIRS.get((tok, tokens[at + 1]))
            if k and at + k <= n:
                out.append(" ".join(tokens[at:at + k]))
                i = at + k
                continue
        if tok in _ROLE_WORDS:
            out.append(tok)
        i = at + 1
    return out


def _describe_structure(feature: str, phrases: tuple[str, ...]) -> str:
    kind = feature.split(".", 1)[1]
    if kind == "about_title":
        return f"headline presents an organisation: '{phrases[0]}'"
    if kind == "roles":
        return "people's roles: " + ", ".join(f"'{p}'" for p in phrases)
    if kind == "speaker_card":
        return "a speaker's role on a short slide (title card): " + ", ".join(f"'{p}'" for p in phrases)
    if kind == "caps_headline":
        return f"a short headline in capitals: '{phrases[0]}'" if phrases[0] != "a headline in capitals" else phrases[0]
    return ", ".join(phrases)


# length ------------------------------------------------------------------------------------------------
def _length(v: View, lex: Lexicon) -> Iterable[Feat]:
    w = v.words
    fact = [f"{w} word{'s' if w != 1 else ''}"]
    headline_only = bool(v.title_tokens) and w <= len(v.title_tokens) + 1
    if headline_only:
        fact.append("headline only")
    fact_t = tuple(fact)
    bucket = "0" if w == 0 else "1_3" if w <= 3 else "4_10" if w <= 10 else "11_30" if w <= 30 else "31_80" if w <= 80 else "80p"
    yield f"length.words_{bucket}", 1.0, fact_t
    yield "length.log_words", _log(w), fact_t
    if headline_only:
        yield "length.headline_only", 1.0, fact_t


# position ----------------------------------------------------------------------------------------------
def _position(v: View, lex: Lexicon) -> Iterable[Feat]:
    i, of = v.si.index, max(v.si.of, 1)
    if of == 1:
        return  # a slide on its own (a paragraph, a labeled row): no deck around it, no cover or closing
    fact = ("first slide",) if i == 1 else ("last slide",) if i == of and of > 1 else (f"slide {i} of {of}",)
    # ("first slide with content" was tried for labeling.md's "a cover that carries content": real covers
    # with a tagline and presenter lines outnumber such slides, and deck-grouped CV fell 0.756 -> 0.751.)
    if i == 1:
        yield "position.first", 1.0, fact
    if i == of and of > 1:
        yield "position.last", 1.0, fact
    if i == 2 and of > 3:
        yield "position.second", 1.0, fact
    if of > 3 and i >= of - 1 and i != of:
        yield "position.second_last", 1.0, fact
    yield "position.relative", (i - 1) / (of - 1) if of > 1 else 0.0, fact


# layout ------------------------------------------------------------------------------------------------
def _layout(v: View, lex: Lexicon) -> Iterable[Feat]:
    si, w = v.si, v.words
    pics, area = si.pictures, max(0.0, min(1.0, si.picture_area))
    facts = []
    if pics:
        facts.append(f"{pics} picture{'s' if pics != 1 else ''}")
        facts.append(f"{w} word{'s' if w != 1 else ''}")
    if area >= 0.01:
        facts.append(f"pictures cover {area:.0%}")
    alts = lex.alt_groups(si.alt_texts)
    for a in list(dict.fromkeys(x for xs in alts.values() for x in xs))[:2]:
        facts.append(f"alt text “{' '.join(a.split())[:40]}”")
    fact = tuple(facts)
    if pics:
        yield "layout.pictures", _log(pics), fact
        yield "layout.picture_area", area, fact
    if pics and area >= 0.3 and w <= 12:
        yield "layout.picture_dominant", 1.0, fact
    if pics >= 6:
        yield "layout.many_pictures", 1.0, fact
    if pics >= 6 and w <= 15:
        yield "layout.logo_wall", 1.0, fact
    for gname in alts:
        yield f"layout.alt_{gname}", 1.0, fact


def _describe_facts(feature: str, phrases: tuple[str, ...]) -> str:
    return ", ".join(phrases)


# speaker notes -----------------------------------------------------------------------------------------
def _notes(v: View, lex: Lexicon) -> Iterable[Feat]:
    notes = v.si.notes
    if not notes:
        return
    toks = tokenize(normalise(replace_names(notes, v.names)[0] if v.names else notes))
    nwe = sum(1 for t in toks if t in WE or t == SELLER_TOKEN)
    nyou = sum(1 for t in toks if t in YOU or t == CUSTOMER_TOKEN)
    if nwe:
        yield "notes.we", _log(nwe), (f"we/our or the seller ×{nwe}",)
    if nyou:
        yield "notes.you", _log(nyou), (f"you/your or the customer ×{nyou}",)


def _describe_notes(feature: str, phrases: tuple[str, ...]) -> str:
    return f"speaker notes: {phrases[0]}"


# context: the neighbouring slides ----------------------------------------------------------------------
def side_totals(own: dict[str, float], seen: dict[str, tuple[str, ...]]) -> tuple[float, float, list[str], list[str]]:
    """How strongly a slide's own cues point at us and at the customer (for its neighbours' context)."""
    groups = Lexicon.default().groups
    us = cust = 0.0
    us_words: list[str] = []
    cust_words: list[str] = []
    for name, value in own.items():
        fam, _, rest = name.partition(".")
        if fam == "topic":
            side = groups.get(rest, {}).get("side")
            if side == "about-us":
                us += value
                us_words += seen.get(name, ())
            elif side == "about-customer":
                cust += value
                cust_words += seen.get(name, ())
        elif name in ("pronouns.we", "names.seller", "pattern.product_subject", "pattern.offer_to_reader"):
            us += value
        elif name in ("pronouns.you", "names.customer", "pattern.their_world", "pattern.customer_subject"):
            cust += value
    return us, cust, us_words, cust_words


def _context(v: View, lex: Lexicon, prev: View | None, nxt: View | None) -> Iterable[Feat]:
    for where, other in (("prev", prev), ("next", nxt)):
        if other is None:
            continue
        us, cust, us_w, cust_w = other.own["us"], other.own["cust"], other.own["us_words"], other.own["cust_words"]
        if us:
            yield f"context.{where}_us", min(us, 3.0), tuple(dict.fromkeys(us_w))[:3]
        if cust:
            yield f"context.{where}_customer", min(cust, 3.0), tuple(dict.fromkeys(cust_w))[:3]
    section = v.si.section.strip()
    if section:
        sec = lex.match(tokenize(normalise(section)))
        groups = lex.groups
        for gname in sec:
            side = groups[gname].get("side", "")
            if side in ("about-us", "about-customer", "neutral"):
                yield f"context.section_{side}", 1.0, (f"section '{section[:40]}'",)


def _label_context(feature: str) -> str:
    kind = feature.split(".", 1)[1]
    if kind.startswith("section_"):
        return "the section it is in"
    where = "the slide before" if kind.startswith("prev") else "the slide after"
    # what the neighbour's own cues say, not the neighbour's verdict (which can differ)
    return f"{where} speaks of {'us' if kind.endswith('_us') else 'the customer'}"


def _describe_context(feature: str, phrases: tuple[str, ...]) -> str:
    if feature.startswith("context.section_"):
        return f"in the {phrases[0]}"
    return f"{_label_context(feature)}: " + ", ".join(f"'{p}'" for p in phrases)


# words: the n-grams ----------------------------------------------------------------------------------
def ngrams(v: View) -> dict[str, float]:
    """Word unigrams and bigrams in reading order, then headline words ("t:word"); one value for all, so the
    n-grams weigh 1/sqrt(how many) together."""
    tokens = v.tokens
    bigrams = [a + " " + b for a, b in zip(tokens, tokens[1:])]
    grams = chain(tokens[:1], chain.from_iterable(zip(tokens[1:], bigrams)), ["t:" + t for t in v.title_tokens])
    keys = dict.fromkeys(grams)
    return dict.fromkeys(keys, 1.0 / math.sqrt(len(keys))) if keys else {}


_STOPWORDS: frozenset[str] | None = None


def stopwords() -> frozenset[str]:
    """Function words (English): never shown as evidence on their own."""
    global _STOPWORDS
    if _STOPWORDS is None:
        _STOPWORDS = frozenset(w for line in data_text("stopwords.txt").splitlines() for w in line.partition("#")[0].split())
    return _STOPWORDS


def content_phrase(phrase: str) -> bool:
    """Does the phrase hold a content word (3+ letters, not a function word)? Only such phrases are quoted."""
    stop = stopwords()
    return any(len(w) >= 3 and w not in stop and any(ch.isalpha() for ch in w) for w in phrase.lower().split())


@lru_cache(maxsize=65536)
def showable_gram(gram: str) -> str | None:
    """The n-gram as a quoted phrase when it says something on its own: no placeholder, no number
    token, at least one content word of 3+ letters; None otherwise ('the', 'to a', '<num> %')."""
    if gram.startswith("t:"):
        gram = gram[2:]
    words = gram.split()
    stop = stopwords()
    if any(w.startswith(("<", "__")) or w == "?" for w in words):
        return None
    if not any(len(w) >= 3 and w not in stop and any(ch.isalpha() for ch in w) for w in words):
        return None
    if len(words) > 1 and (words[-1] in stop or (words[0] in stop and words[0] not in _DETERMINERS)):
        return None  # "integration and", "designed to", "and task": a fragment; its content word shows alone
    if len(words) == 1 and gram in _VAGUE:
        return None
    return gram


# Words too vague to stand alone as a quoted reason ('new' of "New Delhi", 'number' of "Company Number"): they
# are shown inside a phrase ("new customers"), never alone.
_VAGUE = frozenset("new number using used based across well way".split())


# a function word that may open a quoted phrase ("our roadmap", "the platform"), unlike "and task" or "into data"
_DETERMINERS = frozenset("the a an our your their my its his her this these those".split())


# ---------------------------------------------------------------------------------------------- sides
_US, _CUST, _NEU = "about-us", "about-customer", "neutral"
_SIDES = {
    "pronouns.we": _US, "pronouns.you": _CUST, "pronouns.headline_we": _US, "pronouns.headline_you": _CUST,
    "names.seller": _US, "names.customer": _CUST, "notes.we": _US, "notes.you": _CUST,
    "pattern.their_world": _CUST, "pattern.proof_list": _US, "pattern.silent_add_on": _US,
    "pattern.product_subject": _US, "pattern.customer_subject": _CUST, "pattern.offer_to_reader": _US,
    "context.prev_us": _US, "context.next_us": _US, "context.prev_customer": _CUST, "context.next_customer": _CUST,
    "structure.about_title": _US, "structure.contact": _NEU, "structure.caps_headline": _NEU,
    "structure.speaker_card": _NEU, "pronouns.they": _CUST, "pronouns.balance": _CUST,
}
# Features whose side follows the sign of their value: the side above when positive, this one when negative
# (pronouns.balance is (you - we) / (you + we + 1)).
SIGNED = {"pronouns.balance": _US}


def _side(feature: str) -> str | None:
    """The tag a cue stands for: its lexicon group's side, the table above, logo walls and alt text for us."""
    fam, _, rest = feature.partition(".")
    if fam in ("topic", "headline"):
        return Lexicon.default().groups.get(rest, {}).get("side")
    if feature.startswith("layout.alt_") or feature == "layout.logo_wall":
        return _US
    return _SIDES.get(feature)


# ---------------------------------------------------------------------------------------------- registry

FAMILIES: dict[str, Family] = {f.name: f for f in (
    Family("pronouns", "pronoun", "we/our against you/your", _pronouns, _describe_pronouns, label_of=_label_pronouns,
           examples=(("Our history", "We were founded in 1999. Our team", "pronouns.we"),)),
    Family("names", "name", "names", _names, _describe_names, label_of=_label_names),
    Family("topic", "topic", "topics", _topics, _describe_topic, label_of=lambda f: topic_label(f),
           examples=(("", "Founded in 1999, headquartered in Oslo", "topic.us:company"),
                     ("", "Rising costs and staff shortages are the challenges", "topic.customer:pain"))),
    Family("headline", "topic", "headline topics", _headline_topics, _describe_topic, label_of=lambda f: topic_label(f),
           examples=(("Awards and recognition", "Best vendor 2023", "headline.us:proof"),)),
    Family("pattern", "pattern", "sentence patterns", _patterns, _describe_pattern,
           label_of=lambda f: _PATTERN_SHORT.get(f.partition(".")[2], "sentence patterns"),
           examples=(("", "Our customers face rising energy costs", "pattern.their_world"),
                     ("", "Acme lets you deploy in minutes", "pattern.offer_to_reader"),
                     ("", "Add our plugin to your repo", "pattern.offer_to_reader"),
                     ("", "Our platform delivers savings", "pattern.product_subject"))),
    Family("structure", "structure", "structure", _structure, _describe_structure,
           label_of=lambda f: _STRUCTURE_SHORT.get(f.partition(".")[2], "structure"),
           examples=(("Thank you", "Questions? sales@acme.com +44 20 7946 0958", "structure.contact"),
                     ("ID proof", "Resham Chugani\nProduct Manager, MOSIP", "structure.speaker_card"))),
    Family("length", "structure", "length", _length, _describe_facts, merge=True,
           examples=(("Agenda", "Agenda", "length.headline_only"),)),
    Family("position", "structure", "position in the deck", _position, _describe_facts, merge=True,
           examples=(("Welcome", "", "position.first"),)),
    Family("layout", "layout", "pictures and layout", _layout, _describe_facts, merge=True),
    Family("notes", "notes", "speaker notes", _notes, _describe_notes),
    Family("context", "context", "neighbouring slides", _context, _describe_context, context=True,
           label_of=_label_context),
)}


def family_of(feature: str) -> Family | None:
    return FAMILIES.get(feature.partition(".")[0])


@dataclass(slots=True)
class Featurized:
    dense: dict[str, float]
    sparse: dict[str, float]
    seen: dict[str, tuple[str, ...]] = field(default_factory=dict)  # feature -> what it saw, for evidence
    words: int = 0
    # at least as many as the slide's words that are another language's function words (the language pre-check
    # in classify/__init__.py; -1: not counted)
    foreign_words: int = -1


def _own(v: View, lex: Lexicon) -> tuple[dict, dict]:
    dense: dict[str, float] = {}
    seen: dict[str, tuple[str, ...]] = {}
    for fam in FAMILIES.values():
        if fam.context:
            continue
        for name, value, phrases in fam.extract(v, lex):
            if value:
                dense[name] = value
                seen[name] = phrases
    us, cust, us_w, cust_w = side_totals(dense, seen)
    v.own = {"us": us, "cust": cust, "us_words": us_w, "cust_words": cust_w}
    return dense, seen


def featurize_deck(inputs: list[SlideInput], names: Names, lexicon: Lexicon | None = None) -> list[Featurized]:
    """Every slide of one deck, in order: its own families, then the context families (neighbours).
    Boilerplate (footers, copyright lines, page numbers, a line on most slides) is taken out first: it is
    never one slide's evidence (boilerplate.py)."""
    lex = lexicon or Lexicon.default()
    inputs = without_boilerplate(inputs)
    views = [make_view(si, names) for si in inputs]
    owns = [_own(v, lex) for v in views]
    out = []
    context = [f for f in FAMILIES.values() if f.context]
    for i, (v, (dense, seen)) in enumerate(zip(views, owns)):
        prev = views[i - 1] if i > 0 else None
        nxt = views[i + 1] if i + 1 < len(views) else None
        for fam in context:
            for name, value, phrases in fam.extract(v, lex, prev, nxt):
                if value:
                    dense[name] = value
                    seen[name] = phrases
        out.append(Featurized(dense, ngrams(v), seen, v.words, _foreign_words(v)))
    return out


def _foreign_words(v: View) -> int:
    """An upper bound on how many of the slide's words (title and text as language.detect_language reads them:
    the title twice when the text repeats it, names as written, "de-facto" as two words) are function words of
    a language other than English. Counted on the tokens already made, so most slides cost one set
    intersection."""
    foreign = foreign_words_2()
    counts = v.counts
    n = sum(counts[t] for t in foreign.intersection(counts))
    for tok, c in counts.items():
        if not tok.isalpha() and not tok.startswith(("<", "__")):  # "de-facto", "r&d", "b2b": detect splits them
            n += c * sum(1 for w in WORD.findall(tok) if w in foreign)
    for name in chain(v.sellers, v.customers):  # names were replaced by placeholders in the tokens
        n += sum(1 for w in WORD.findall(name.lower()) if w in foreign)
    title = v.si.title
    if title and v.raw is v.si.text:  # detect_language reads the title and the text: the title twice
        n += sum(1 for w in WORD.findall(title.lower().replace("’", "'")) if w in foreign)
    return n


def without_boilerplate(inputs: list[SlideInput]) -> list[SlideInput]:
    """The deck's slides with their boilerplate lines removed (titles kept); unchanged slides are the same objects."""
    if len(inputs) < 2:
        return inputs
    stripped = strip_boilerplate([si.text for si in inputs], titles=[si.title for si in inputs])
    return [si if text is si.text else replace(si, text=text) for si, text in zip(inputs, stripped.texts)]


def featurize(si: SlideInput, names: Names, lexicon: Lexicon | None = None) -> Featurized:
    """One slide on its own (no neighbours): the context family stays silent."""
    return featurize_deck([si], names, lexicon)[0]
