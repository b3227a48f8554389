"""The building blocks the feature families (families.py) share: text normalisation, the Unicode-aware
tokenizer, the lexicon matcher, the borderline-case patterns of the labeling guide and the cheap hints that
let each scan run only where it can match. Each fast path is held to its plain version by
tests/test_features_fast.py.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from deckaudit.classify.resources import data_json

WE = frozenset({"we", "us", "our", "ours", "ourselves", "we're", "we've", "we'll", "we'd"})
YOU = frozenset({"you", "your", "yours", "yourself", "yourselves", "you're", "you've", "you'll", "you'd"})
THEY = frozenset({"they", "their", "them", "theirs", "they're", "they've"})
I_ME = frozenset({"i", "me", "my", "mine", "i'm", "i've"})

# Words are Unicode-aware ("lösungen" is one token, never "l" + "sungen"); numbers become placeholders.
# (Words first: the alternatives start with different characters, so their order changes no token, only how
# soon the regex engine finds the common case.)
_TOKEN = re.compile(r"[^\W\d_](?:[\w'&+-]*[^\W_+]|[\w'&+-]*\+)?|__seller__|__customer__|__link__|\d[\d.,]*\s?%|\d[\d.,]*[kmb]?\b|[$€£¥]|\?")
# Every run of spaces, tabs and no-break spaces becomes one space, without rewriting every single space: a run
# of two or more, or a lone tab or no-break space (tests/test_features_fast.py holds it to "[ \t\u00a0]+").
_SPACE_RUNS = re.compile(r"[ \t\u00a0]{2,}|[\t\u00a0]")

# Borderline cases from labeling.md, as patterns over the normalised, lower-cased text.
_CUSTOMERS = r"(?:(?:our|the|many|most|all|your|these)\s+)?(?:customers|clients|buyers|users|members|patients|shoppers|partners)"
# Plural groups of people or organisations: "gyms face", "hospitals lose", "planners spend".
_GROUPS = (
    r"(?:(?:many|most|all|these|small|large|local|independent)\s+)?(?:[a-z]{3,}(?:ers|ists|ians|ees|ants|ents)|"
    r"people|staff|everyone|families|companies|businesses|firms|teams|organi[sz]ations|enterprises|smes|startups|"
    r"hospitals|clinics|schools|universities|colleges|banks|insurers|brands|cities|councils|municipalities|"
    r"governments|agencies|farms|plants|factories|stores|shops|hotels|restaurants|gyms|utilities|carriers|"
    r"manufacturers|retailers|landlords|households|nurses|doctors|drivers|investors)"
)

_WORLD_VERBS = (
    r"(?:face|faces|struggle|struggles|need|needs|want|wants|lose|loses|spend|spends|tell us|told us|worry|worries|"
    r"expect|expects|fear|fears|battle|deal with|wrestle|juggle|suffer|are under|are struggling|are facing|can't|"
    r"cannot|don't|do not)\b"
)

PATTERNS = {
    # "Our customers face rising costs" -> their world.
    "their_world": re.compile(r"(?:" + _CUSTOMERS + "|" + _GROUPS + r")\s+(?:\w+\s+)?" + _WORLD_VERBS),
    # "Our customers include Contoso" -> proof of the seller.
    "proof_list": re.compile(
        r"(?:" + _CUSTOMERS + r"\s+(?:include|includes|including|such as|like)|trusted by|used by|chosen by|"
        r"relied on by|loved by|join(?:ed)?\s+(?:over\s+|more than\s+)?[\d,.]+\+?\s+\w+|\d[\d,.]*\+?\s+(?:happy|satisfied)\s+\w+)\b"
    ),
    # "How do customers experience us?" -> the silent add-on, about us.
    "silent_add_on": re.compile(
        r"(?:customers?|clients?|buyers?|users?|people|they)\b[^.?!\n]{0,60}?\b(?:experience|perceive|see|think of|feel about|"
        r"interact with|deal with|engage with|work with|buy from|in relation to|when dealing with|with regard to|"
        r"friction with|journey with|relationship with)\s+(?:us|our\b|__seller__)"
    ),
}
# Benefit subjects are matched at sentence starts only (see _sentence_starts).
SUBJECT_PATTERNS = {
    # "Our platform delivers ..." -> a benefit with the product as subject.
    "product_subject": re.compile(
        r"(?:our|the|__seller__(?:'s)?)\s+(?:platform|solution|product|software|system|tool|"
        r"technology|app|service|team|engine|suite|offering)s?\s+(?:\w+\s+)?(?:delivers|provides|offers|enables|"
        r"helps|gives|ensures|allows|lets|makes|reduces|cuts|increases|improves|automates|integrates|supports|is|has)\b"
    ),
    # "You close the books in 2 days" -> a benefit with the customer as subject.
    "customer_subject": re.compile(
        r"(?:you|your\s+\w+|__customer__(?:'s)?(?:\s+\w+)?)\s+(?:\w+\s+)?(?:can|will|close|cut|save|get|"
        r"spend|see|reduce|gain|avoid|reach|finish|know|keep|grow|win|ship|hire|decide|need|face|lose|have|are)\b"
    ),
}
# Most slides match no pattern, so each runs only behind a cheap necessary condition: its gate (a regex for a
# part every match contains) or else one of its key words (tests/test_features_fast.py holds both).
PATTERN_GATES = {"their_world": re.compile(r"\s" + _WORLD_VERBS)}
PATTERN_TRIGGERS = {
    "proof_list": ("include", "such as", "like", "trusted", "used by", "chosen", "relied", "loved", "join", "happy", "satisfied"),
    "silent_add_on": (" us", "our", "__seller__"),
}
# "About Northwind", "Introducing Acme", "Meet Kestrel": a headline that presents an organisation by name.
_ABOUT_TITLE = re.compile(r"^(?:about|introducing|meet|this is|welcome to|who is|why(?: choose| pick| partner with| work with)?)\s+"
                          r"(?!(?i:you|your|us|our|the|now|this|it|we|they|a|an|do|does|is|are|should|would|can)\b)"
                          r"[A-Z0-9][\w&.'’-]*")
_SENTENCE_START = re.compile(r"(?:^|\n|[.!•]\s+|\s-\s)\s*")
_RUN = re.compile(r"\S+")


def world_matches(text: str) -> list[str]:
    """What PATTERNS["their_world"] finds in the text (``finditer``, in order), scanning only around its verbs.

    Every match is a group of people, at most one word, whitespace, then one of the verbs; so it starts within
    the three runs of non-space characters before its verb and ends within the two runs from it. The gate finds
    each verb (with the whitespace before it); the pattern runs over those stretches, merged where they touch,
    and finds exactly what a scan of the whole text finds (tests/test_features_fast.py holds the two equal)."""
    pat = PATTERNS["their_world"]
    regions: list[list[int]] = []
    for g in PATTERN_GATES["their_world"].finditer(text):
        verb = g.start() + 1
        lo, hi = _runs_before(text, verb, 3), _runs_after(text, verb, 2)
        if regions and lo <= regions[-1][1]:
            regions[-1][1] = max(regions[-1][1], hi)
        else:
            regions.append([lo, hi])
    return [m.group(0) for lo, hi in regions for m in pat.finditer(text, lo, hi)]


def _runs_before(text: str, pos: int, k: int, window: int = 200) -> int:
    """Where the k-th run of non-space characters before pos starts (0 when it cannot be told in the window)."""
    lo = max(0, pos - window)
    starts = [m.start() for m in _RUN.finditer(text, lo, pos)]
    if len(starts) > k or (len(starts) == k and (lo == 0 or text[lo - 1].isspace())):
        return starts[-k]
    return 0


def _runs_after(text: str, pos: int, k: int, window: int = 120) -> int:
    """Where the k-th run of non-space characters from pos ends (the text's end when it cannot be told)."""
    hi = min(len(text), pos + window)
    ends = [m.end() for m in _RUN.finditer(text, pos, hi)]
    if len(ends) >= k and (ends[k - 1] < hi or hi == len(text)):
        return ends[k - 1]
    return len(text)


_CONTACT = re.compile(
    r"[\w.+-]+@[\w-]+\.[\w.]+|\+?\(?\d{2,4}\)?[ .-]\d{2,4}[ .-]\d{3,4}(?:[ .-]\d{2,4})?\b|"
    r"\b(?:tel|phone|fax|mobile|email|e-mail|t|e|m)\b\s*[:.]\s*[+\w]",
    re.I,
)
URL_TLDS = "com|org|net|io|co|ai|eu|uk|de|fr|au|in|us"  # the endings a bare domain ("acme.com") is known by
_URL = re.compile(rf"(?:https?://|www\.)\S+|\b[\w-]+\.(?:{URL_TLDS})\b", re.I)


# Cheap necessary conditions for the contact and web-address patterns, which cost a full regex scan of
# the slide each (most slides have neither): a pattern runs only when its hint is there.
_PHONE_HINT = re.compile(r"\d{2,4}\)?[ .-]\d{2,4}[ .-]\d{3,4}")
_LABEL_MARK = re.compile(r"[:.]")
_LABEL_TAIL = re.compile(r"\b(?:tel|phone|fax|mobile|email|e-mail|t|e|m)$")
_TLD_HINT = re.compile(rf"\.(?:{URL_TLDS})\b", re.I)


def _may_have_contact(raw: str) -> bool:
    if "@" in raw or _PHONE_HINT.search(raw):
        return True
    for m in _LABEL_MARK.finditer(raw):  # "Tel:", "e." — a label word right before the mark
        if _LABEL_TAIL.search(raw[: m.start()].rstrip()[-8:].lower()):
            return True
    return False


def _may_have_url(raw: str) -> bool:
    return "://" in raw or "www." in raw.lower() or _TLD_HINT.search(raw) is not None


def _sentence_start(text: str, pos: int) -> bool:
    """Does a sentence (or line, or bullet) start at pos? The same starts as _SENTENCE_START finds."""
    j = pos
    while j and text[j - 1].isspace():
        j -= 1
    if j == 0 or "\n" in text[j:pos]:
        return True
    c = text[j - 1]
    if c in ".!•":
        return j < pos
    return c == "-" and j >= 2 and text[j - 2].isspace() and j < pos


def matches_at_starts(pat: re.Pattern, text: str) -> list[str]:
    """What the pattern matches at sentence starts (``_sentence_start``), in order. Searching (the pattern
    opens with literal words, which the regex engine skips to) and checking the start costs less than
    trying every start (tests/test_features_fast.py holds the two equal)."""
    found, pos = [], 0
    while (m := pat.search(text, pos)) is not None:
        at = m.start()
        if _sentence_start(text, at):
            found.append(m.group(0))
        pos = at + 1
    return found


_NUMBER_TOKENS = frozenset({"<pct>", "<year>", "<num>", "<money>"})


def _count(counts: Counter, words: frozenset) -> int:
    return sum(counts[w] for w in words if w in counts)


_MARKS_RE = re.compile("[\u00ad\ufffe®™℠]")  # soft hyphen, noncharacter, trademark signs: marks, not words


def normalise(text: str) -> str:
    """Text as the features read it: NFKC, soft hyphens and trademark signs dropped, curly quotes straight,
    runs of spaces, tabs and no-break spaces one space, lower case (tests/test_features_fast.py holds
    this to the plain sequence of steps)."""
    if not text.isascii():  # NFKC, the marks and the curly quotes only touch non-ASCII text
        text = unicodedata.normalize("NFKC", _MARKS_RE.sub("", text))
        text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
        text = _SPACE_RUNS.sub(" ", text)
    elif "  " in text or "\t" in text:
        text = _SPACE_RUNS.sub(" ", text)
    return text.lower()


_NUMBER_START = frozenset("0123456789$€£¥")  # a token starting otherwise is a word, a name placeholder or "?"
_HAS_NUMERIC = re.compile(r"[\d$€£¥]")


def _number_token(tok: str) -> str:
    if tok[0].isdigit():
        return "<pct>" if tok.endswith("%") else ("<year>" if len(tok) == 4 and tok[:2] in ("19", "20") else "<num>")
    return "<money>"


def tokenize(text: str) -> list[str]:
    toks = _TOKEN.findall(text)
    if _HAS_NUMERIC.search(text) is None:
        return toks
    return [_number_token(t) if t[0] in _NUMBER_START or t[0].isdigit() else t for t in toks]


@dataclass(slots=True)
class SlideInput:
    """What the classifier needs of a slide, whether it came from a reader or a labels file."""

    title: str = ""
    text: str = ""
    notes: str = ""
    alt_texts: tuple[str, ...] = ()
    pictures: int = 0
    picture_area: float = 0.0
    index: int = 1
    of: int = 1
    section: str = ""  # the PowerPoint section the slide is in ("About us"), "" when none
    unreadable: str = ""  # why the slide cannot be read ("no-text-layer", "unreadable"), "" when it can

    @classmethod
    def from_slide(cls, slide, of: int, notes: bool = True) -> "SlideInput":
        status = getattr(slide.status, "value", "")
        return cls(slide.title, slide.text, slide.notes if notes else "", tuple(slide.alt_texts),
                   slide.pictures, slide.picture_area, slide.index, of, slide.section,
                   status if status in ("no-text-layer", "unreadable") else "")


class Lexicon:
    """Cue phrases by group, matched on tokens through an index of first words."""

    def __init__(self, data: dict):
        self.version = data.get("version", "")
        self.groups = data["groups"]
        self.alt = data.get("alt_text", {})
        # Cues indexed by their first word (one-word cues) and first two words (longer cues), so a common
        # first word such as "our" does not make every cue a candidate at every position.
        self._one: dict[str, list[tuple[tuple[str, ...], str, str]]] = {}
        self._two: dict[tuple[str, str], list[tuple[tuple[str, ...], str, str]]] = {}
        self._prefix: list[tuple[str, tuple[str, ...], str, str]] = []  # cues with a wildcard in the first two words
        for gname, group in self.groups.items():
            for phrase in group["cues"]:
                toks = tuple(normalise(phrase).split())
                if toks[0].endswith("*") or (len(toks) > 1 and toks[1].endswith("*")):
                    self._prefix.append((toks[0].rstrip("*"), toks, gname, phrase))
                elif len(toks) == 1:
                    self._one.setdefault(toks[0], []).append((toks, gname, phrase))
                else:
                    self._two.setdefault(toks[:2], []).append((toks, gname, phrase))
        self._prefix_cache: dict[str, list] = {}
        self._alt_patterns: dict[str, re.Pattern] | None = None
        self._firsts = frozenset(k[0] for k in self._two)
        self._starting: dict[str, tuple | None] = {}  # token -> its one-word and wildcard cues, longest first

    @classmethod
    def default(cls) -> "Lexicon":
        global _DEFAULT_LEXICON
        if _DEFAULT_LEXICON is None:
            _DEFAULT_LEXICON = cls(data_json("lexicon.json"))
        return _DEFAULT_LEXICON

    def _wild(self, tok: str):
        """Cues with a wildcard that can start at this token, cached per token."""
        cands = self._prefix_cache.get(tok)
        if cands is None:
            cands = [(t, g, p) for stem, t, g, p in self._prefix
                     if (tok.startswith(stem) if t[0].endswith("*") else tok == t[0])]
            if len(self._prefix_cache) < 100_000:
                self._prefix_cache[tok] = cands
        return cands

    def _starting_at(self, tok: str) -> tuple | None:
        """The wildcard and one-word cues that may start at this token, longest first (wildcard cues before
        one-word ones of the same length, each in lexicon order), or None if no cue at all can start here."""
        ranked = [(-len(t), 0, n, t, g, p) for n, (t, g, p) in enumerate(self._wild(tok))]
        ranked += [(-len(t), 1, n, t, g, p) for n, (t, g, p) in enumerate(self._one.get(tok, ()))]
        if not ranked and tok not in self._firsts:
            return None
        ranked.sort(key=lambda r: r[:3])
        return tuple((t, g, p) for _, _, _, t, g, p in ranked)

    def match(self, tokens: list[str]) -> dict[str, list[str]]:
        """Group name -> the words found for its cues (longest match at each position; of equally long
        ones, a cue keyed by its first two words wins, then a wildcard cue, then a one-word cue)."""
        found: dict[str, list[str]] = {}
        n = len(tokens)
        starting, two = self._starting, self._two
        new = set(tokens).difference(starting)
        if new:
            if len(starting) > 200_000:
                starting.clear()
                new = set(tokens)
            for t in new:
                starting[t] = self._starting_at(t)
        i = 0
        for at in [k for k, t in enumerate(tokens) if starting[t] is not None]:  # most tokens start no cue
            if at < i:  # inside the cue matched last
                continue
            best = None
            if at + 1 < n:
                for toks, gname, _ in two.get((tokens[at], tokens[at + 1]), ()):
                    k = len(toks)
                    if k <= n - at and (best is None or k > len(best[0])) and \
                            all(_tok_match(toks[j], tokens[at + j]) for j in range(2, k)):
                        best = (toks, gname)
            for toks, gname, _ in starting[tokens[at]]:
                k = len(toks)
                if best is not None and k <= len(best[0]):
                    break  # longest first: nothing further can beat the two-word cue
                if k <= n - at and (k == 1 or all(_tok_match(toks[j], tokens[at + j]) for j in range(1, k))):
                    best = (toks, gname)
                    break
            if best is not None:
                k = len(best[0])
                found.setdefault(best[1], []).append(" ".join(tokens[at : at + k]))
                i = at + k
        return found

    def alt_groups(self, alt_texts) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        if not alt_texts:
            return out
        if self._alt_patterns is None:
            self._alt_patterns = {g: re.compile(r"\b(?:" + "|".join(re.escape(w) for w in spec["words"]) + r")\b")
                                  for g, spec in self.alt.items()}
        for alt in alt_texts:
            low = normalise(alt)
            for gname, pat in self._alt_patterns.items():
                if pat.search(low):
                    out.setdefault(gname, []).append(alt.strip())
        return out


_DEFAULT_LEXICON: Lexicon | None = None


def _tok_match(pattern: str, tok: str) -> bool:
    return tok.startswith(pattern[:-1]) if pattern.endswith("*") else tok == pattern
