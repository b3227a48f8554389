"""Turn one slide into features a linear model can weigh and a seller can read.

Dense features are interpretable facts (pronoun counts, seller-name mentions, lexicon cue groups,
borderline patterns, position in the deck, length, pictures and alt text). Sparse features are word
unigrams and bigrams of the slide text plus title words, after names are replaced by placeholders.
Every feature keeps what it saw, so a verdict can say why.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from itertools import chain
from dataclasses import dataclass, field

from deckaudit.classify.names import CUSTOMER_TOKEN, SELLER_TOKEN, Names, replace_names
from deckaudit.classify.resources import data_json

WE = frozenset({"we", "us", "our", "ours", "ourselves", "we're", "we've", "we'll", "we'd"})
YOU = frozenset({"you", "your", "yours", "yourself", "yourselves", "you're", "you've", "you'll", "you'd"})
THEY = frozenset({"they", "their", "them", "theirs", "they're", "they've"})
I_ME = frozenset({"i", "me", "my", "mine", "i'm", "i've"})

# Words are Unicode-aware ("lösungen" is one token, never "l" + "sungen"); numbers become placeholders.
_TOKEN = re.compile(r"__seller__|__customer__|[^\W\d_](?:[\w'&+-]*[^\W_+]|[\w'&+-]*\+)?|\d[\d.,]*\s?%|\d[\d.,]*[kmb]?\b|[$€£¥]|\?")
_SPACES = re.compile(r"[ \t\u00a0]+")

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
PATTERN_TEXT = {
    "their_world": "“customers face…” (their world)",
    "proof_list": "“customers include…” (proof of us)",
    "silent_add_on": "a customer question that ends on us (silent add-on)",
    "product_subject": "the product is the subject of the benefit",
    "customer_subject": "the customer is the subject of the benefit",
}


_CONTACT = re.compile(
    r"[\w.+-]+@[\w-]+\.[\w.]+|\+?\(?\d{2,4}\)?[ .-]\d{2,4}[ .-]\d{3,4}(?:[ .-]\d{2,4})?\b|"
    r"\b(?:tel|phone|fax|mobile|email|e-mail|t|e|m)\b\s*[:.]\s*[+\w]",
    re.I,
)
_URL = re.compile(r"(?:https?://|www\.)\S+|\b[\w-]+\.(?:com|org|net|io|co|ai|eu|uk|de|fr|au|in|us)\b", re.I)


# Cheap necessary conditions for the contact and web-address patterns, which cost a full regex scan of
# the slide each (most slides have neither): a pattern runs only when its hint is there.
_PHONE_HINT = re.compile(r"\d{2,4}\)?[ .-]\d{2,4}[ .-]\d{3,4}")
_LABEL_MARK = re.compile(r"[:.]")
_LABEL_TAIL = re.compile(r"\b(?:tel|phone|fax|mobile|email|e-mail|t|e|m)$")
_TLD_HINT = re.compile(r"\.(?:com|org|net|io|co|ai|eu|uk|de|fr|au|in|us)\b", re.I)


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


def _count_at_starts(pat: re.Pattern, text: str) -> int:
    """How many sentence starts the pattern matches at. Searching (the pattern opens with literal words,
    which the regex engine skips to) and checking the start costs less than trying every start."""
    hits, pos = 0, 0
    while (m := pat.search(text, pos)) is not None:
        at = m.start()
        hits += _sentence_start(text, at)
        pos = at + 1
    return hits


_NUMBER_TOKENS = frozenset({"<pct>", "<year>", "<num>", "<money>"})


def _count(counts: Counter, words: frozenset) -> int:
    return sum(counts[w] for w in words if w in counts)


_MARKS = str.maketrans({"\u00ad": None, "\ufffe": None, "®": None, "™": None, "℠": None})  # marks, not words


def normalise(text: str) -> str:
    if not text.isascii():  # NFKC, the marks and the curly quotes only touch non-ASCII text
        text = unicodedata.normalize("NFKC", text.translate(_MARKS))
        text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
        text = _SPACES.sub(" ", text)
    elif "  " in text or "\t" in text:
        text = _SPACES.sub(" ", text)
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
    unreadable: str = ""  # why the slide cannot be read ("no-text-layer"), "" when it can

    @classmethod
    def from_slide(cls, slide, of: int, notes: bool = True) -> "SlideInput":
        status = getattr(slide.status, "value", "")
        return cls(slide.title, slide.text, slide.notes if notes else "", tuple(slide.alt_texts),
                   slide.pictures, slide.picture_area, slide.index, of, slide.section,
                   status if status == "no-text-layer" else "")


@dataclass(slots=True)
class Featurized:
    dense: dict[str, float]
    sparse: dict[str, float]
    seen: dict[str, list[str]] = field(default_factory=dict)  # feature -> what it matched, for evidence
    words: int = 0


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


def _log(n: float) -> float:
    return math.log1p(n)


def featurize(si: SlideInput, names: Names, lexicon: Lexicon | None = None) -> Featurized:
    lexicon = lexicon or Lexicon.default()
    raw = si.text if si.title and si.title in si.text else f"{si.title}\n{si.text}"
    replaced, n_seller, n_customer = replace_names(raw, names)
    text = normalise(replaced)
    tokens = tokenize(text)
    title_tokens = tokenize(normalise(replace_names(si.title, names)[0])) if si.title else []
    d: dict[str, float] = {}
    seen: dict[str, list[str]] = {}

    counts = Counter(tokens)
    n_we = _count(counts, WE)
    n_you = _count(counts, YOU)
    n_they = _count(counts, THEY)
    n_i = _count(counts, I_ME)
    n_q = counts["?"]
    n_num = _count(counts, _NUMBER_TOKENS)
    words = len(tokens) - n_q - n_num  # every other token is a word or a name placeholder
    d["pron_we"] = _log(n_we)
    d["pron_you"] = _log(n_you)
    d["pron_they"] = _log(n_they)
    d["pron_i"] = _log(n_i)
    d["name_seller"] = _log(n_seller)
    d["name_customer"] = _log(n_customer)
    us_side, them_side = n_we + n_seller, n_you + n_customer
    d["pron_balance"] = (them_side - us_side) / (us_side + them_side + 1)
    seen["pron_we"] = [str(n_we)]
    seen["pron_you"] = [str(n_you)]
    seen["pron_they"] = [str(n_they)]
    seen["name_seller"] = [str(n_seller)]
    seen["name_customer"] = [str(n_customer)]
    if title_tokens:
        d["title_we"] = 1.0 if any(t in WE or t == SELLER_TOKEN for t in title_tokens) else 0.0
        d["title_you"] = 1.0 if any(t in YOU or t == CUSTOMER_TOKEN for t in title_tokens) else 0.0

    for gname, phrases in lexicon.match(tokens).items():
        d[f"lex_{gname}"] = _log(len(phrases))
        seen[f"lex_{gname}"] = phrases
    for gname, phrases in lexicon.match(title_tokens).items():
        d[f"tlex_{gname}"] = 1.0
        seen[f"tlex_{gname}"] = phrases

    for pname, pat in PATTERNS.items():
        gate = PATTERN_GATES.get(pname)
        if gate.search(text) is None if gate else not any(t in text for t in PATTERN_TRIGGERS[pname]):
            continue
        m = pat.findall(text)
        if m:
            d[f"pat_{pname}"] = _log(len(m))
            seen[f"pat_{pname}"] = [PATTERN_TEXT[pname]]
    for pname, pat in SUBJECT_PATTERNS.items():
        hits = _count_at_starts(pat, text)
        if hits:
            d[f"pat_{pname}"] = _log(hits)
            seen[f"pat_{pname}"] = [PATTERN_TEXT[pname]]

    n_contact = len(_CONTACT.findall(raw)) if _may_have_contact(raw) else 0
    if n_contact:
        d["contact"] = _log(n_contact)
        seen["contact"] = [str(n_contact)]
    n_url = len(_URL.findall(raw)) if _may_have_url(raw) else 0
    if n_url:
        d["urls"] = _log(n_url)
        seen["urls"] = [str(n_url)]
    d["questions"] = _log(n_q)
    d["numbers"] = _log(n_num)
    d["log_words"] = _log(words)
    bucket = "0" if words == 0 else "1_3" if words <= 3 else "4_10" if words <= 10 else "11_30" if words <= 30 else "31_80" if words <= 80 else "80p"
    d[f"len_{bucket}"] = 1.0
    seen[f"len_{bucket}"] = [str(words)]
    if title_tokens and words <= len(title_tokens) + 1:
        d["title_only"] = 1.0
    head = si.title.strip()
    if head and not head.isupper() and _ABOUT_TITLE.match(head[:1].lower() + head[1:]):  # all caps: no way to tell a name
        d["about_title"] = 1.0

    of = max(si.of, 1)
    seen["position"] = [str(si.index), str(of)]
    if si.index == 1:
        d["pos_first"] = 1.0
    if si.index == of and of > 1:
        d["pos_last"] = 1.0
    if si.index == 2 and of > 3:
        d["pos_second"] = 1.0
    d["pos_rel"] = (si.index - 1) / (of - 1) if of > 1 else 0.0

    pics, area = si.pictures, max(0.0, min(1.0, si.picture_area))
    d["pics_log"] = _log(pics)
    d["pic_area"] = area
    if pics and area >= 0.3 and words <= 12:
        d["pic_dominant"] = 1.0
    if pics >= 6:
        d["many_pictures"] = 1.0
    if pics >= 6 and words <= 15:
        d["logo_wall"] = 1.0
        seen["logo_wall"] = [str(pics), str(words)]
    for gname, alts in lexicon.alt_groups(si.alt_texts).items():
        d[f"alt_{gname}"] = 1.0
        seen[f"alt_{gname}"] = alts
    if pics or area:
        seen["pics_log"] = [str(pics), f"{area:.0%}", str(words)]

    if si.notes:
        ntoks = tokenize(normalise(replace_names(si.notes, names)[0]))
        nwe = sum(1 for t in ntoks if t in WE or t == SELLER_TOKEN)
        nyou = sum(1 for t in ntoks if t in YOU or t == CUSTOMER_TOKEN)
        if nwe:
            d["notes_we"] = _log(nwe)
            seen["notes_we"] = [str(nwe)]
        if nyou:
            d["notes_you"] = _log(nyou)
            seen["notes_you"] = [str(nyou)]

    # word unigrams and bigrams in reading order (t0, t1, "t0 t1", t2, "t1 t2", ...), then headline words;
    # one value for all, so the n-grams weigh 1/sqrt(how many) together
    grams = chain(tokens[:1], chain.from_iterable(zip(tokens[1:], map(_BIGRAM, tokens, tokens[1:]))),
                  map(_TITLE_WORD, title_tokens))
    keys = dict.fromkeys(grams)
    sparse = dict.fromkeys(keys, 1.0 / math.sqrt(len(keys))) if keys else {}
    return Featurized(d, sparse, seen, words)


_BIGRAM = "{} {}".format
_TITLE_WORD = "t:".__add__
