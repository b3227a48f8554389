"""Who is "us" and who is "the customer" in a deck.

Seller names come from --company/--product, the deck's metadata (docProps Company), the web and mail
domains the deck prints (www.acme.com, sales@acme.com) and the proper nouns the deck repeats on its own
slides. Customer names come from --customer and from cover phrases such as "Prepared for Contoso".
The classifier replaces both with placeholder tokens so that it never depends on a particular name.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from deckaudit.classify.resources import common_words

SELLER_TOKEN = "__seller__"
CUSTOMER_TOKEN = "__customer__"

_DOMAIN = re.compile(r"(?:\bwww\.|https?://(?:www\.)?|\b[\w.+-]+@)([a-z0-9][a-z0-9-]{1,40})\.(?:[a-z]{2,10}\b)", re.I)
_CAP_SEQ = re.compile(r"\b([A-Z][\w&'’.-]*[A-Za-z0-9](?:[ \t]+(?:[A-Z][\w&'’.-]*[A-Za-z0-9]|&|of|de|and)){0,3})")
_FOR_CUSTOMER = re.compile(
    r"\b(?:prepared|presented|proposal|made|built|tailored|designed)[ \t]+(?:exclusively[ \t]+)?(?:for|to)[ \t]+"
    r"(?:the[ \t]+)?([A-Z][\w&'’.-]+(?:[ \t]+[A-Z][\w&'’.-]+){0,3})"
)
_LEGAL_SUFFIX = re.compile(
    r"\s+(?:inc|ltd|llc|gmbh|ag|sa|s\.a|plc|corp|corporation|co|group|limited|pty|bv|nv|srl|sas|ab|oy)\.?$", re.I
)
_GENERIC_DOMAINS = {"gmail", "outlook", "hotmail", "yahoo", "linkedin", "twitter", "facebook", "youtube",
                    "instagram", "github", "google", "microsoft", "apple", "example", "x"}


def is_common(word: str) -> bool:
    common = common_words()
    return word in common or (word.endswith("s") and word[:-1] in common) or (word.endswith("es") and word[:-2] in common)


def _compact(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


_LEADING = {"the", "our", "your", "a", "an", "why", "about", "welcome", "meet", "at", "with", "by", "for", "to", "and", "of"}


def _strip_leading(name: str) -> str:
    words = name.split()
    while words and words[0].lower() in _LEADING:
        words.pop(0)
    return " ".join(words)


def _clean(name: str) -> str:
    name = " ".join(name.replace("’", "'").split()).strip(" .,-:;'\"")
    return _LEGAL_SUFFIX.sub("", name).strip()


def _variants(name: str) -> set[str]:
    """A name as it may appear in text: full, without legal suffix, and a first word that is distinctive."""
    out = set()
    clean = _clean(name)
    for v in (name.strip(), clean):
        if len(v) >= 2:
            out.add(v.lower())
    words = clean.split()
    if len(words) > 1 and len(words[0]) >= 4 and not is_common(words[0].lower()):
        out.add(words[0].lower())
    return out


@dataclass
class Names:
    seller: set[str] = field(default_factory=set)  # lower-case surface forms
    customer: set[str] = field(default_factory=set)
    sources: dict[str, str] = field(default_factory=dict)  # name -> where it came from
    surface: dict[str, str] = field(default_factory=dict)  # lower-case form -> the name as written

    def party(self, side: str):
        """The report's view of one side: names as found, where each was found, and whether the user gave them."""
        from deckaudit.report import Party

        names = self.seller if side == "seller" else self.customer
        sources: dict[str, list[str]] = {}
        for v in sorted(names):
            sources.setdefault(self.surface.get(v, v), []).append(self.sources.get(v, ""))
        given = any(s.startswith("--") for n, s in self.sources.items() if n in names)
        return Party(names=list(sources), sources={k: [x for x in dict.fromkeys(v) if x] for k, v in sources.items()},
                     given=given)

    def seller_list(self) -> list[str]:
        return sorted(self.seller)

    def customer_list(self) -> list[str]:
        return sorted(self.customer)

    def add(self, side: str, name: str, source: str) -> None:
        target = self.seller if side == "seller" else self.customer
        other = self.customer if side == "seller" else self.seller
        for v in _variants(name):
            if v in other or is_common(v):
                continue
            target.add(v)
            self.sources.setdefault(v, source)
            self.surface.setdefault(v, _clean(name) if v == _clean(name).lower() else v)

    @classmethod
    def for_deck(cls, deck, *, company=(), product=(), customer=()) -> "Names":
        names = cls()
        for n in customer:
            names.add("customer", n, "--customer")
        for n in company:
            names.add("seller", n, "--company")
        for n in product:
            names.add("seller", n, "--product")
        given = bool(company or product)
        if getattr(deck, "company", "") and not given:
            names.add("seller", deck.company, "deck metadata")
        texts = [f"{s.title}\n{s.text}" for s in deck.slides]
        detect_into(names, texts, seller=not given)
        return names

    def pattern(self) -> re.Pattern | None:
        return _names_pattern(tuple(sorted(self.seller)), tuple(sorted(self.customer)))


def detect_into(names: Names, texts: list[str], *, seller: bool = True) -> None:
    """Add the names a deck reveals about itself (domains, cover phrases, repeated proper nouns); with
    ``seller=False`` (the user named the seller) only the customer is looked for."""
    if not texts:
        return
    head = "\n".join(texts[:2])
    if not names.customer:
        for m in _FOR_CUSTOMER.finditer(head):
            names.add("customer", m.group(1), "prepared for")
    if not seller:
        return
    domains = [d for d, _ in Counter(m.group(1).lower() for t in texts if _may_have_domain(t)
                                     for m in _DOMAIN.finditer(t)).most_common(3)
               if d not in _GENERIC_DOMAINS and len(d) >= 3]
    for dom in domains[:2]:
        names.add("seller", dom, "web domain")
    joined = "\n".join(texts)
    accepted = 0
    for name in repeated_proper_nouns(texts, limit=12):
        if accepted < 4 and _seller_evidence(name, joined, domains):
            names.add("seller", name, "repeated on slides")
            accepted += 1


def _may_have_domain(text: str) -> bool:
    """Every _DOMAIN match holds one of these; the scan itself is slow on long text (most has none)."""
    return "@" in text or "://" in text or "www." in text.lower()


def _seller_evidence(name: str, text: str, domains: list[str]) -> bool:
    """A repeated name is the seller's only when the deck says so: its web domain, a legal form or a
    copyright line, or a phrase only a seller uses of itself ("about X", "why X", "X at a glance")."""
    compact = _compact(name)
    if len(compact) >= 4 and any(compact in d or (len(d) >= 4 and d in compact) for d in domains):
        return True
    low = name.lower()
    text = "\n".join(line for line in text.lower().splitlines() if low in line)  # only lines that name it
    after, before = _evidence_patterns(low)
    if after.search(text):
        return True
    return any(k in text for k in _BEFORE_WORDS) and before.search(text) is not None


# What may come before the name ("© 2024 X", "about X") and after it ("X, Inc.", "X at a glance"). The
# patterns run on lower-cased text: the one that opens with the name is a plain substring search.
_BEFORE_WORDS = ("©", "(c)", "copyright", "about", "why", "welcome to")


@lru_cache(maxsize=1024)
def _evidence_patterns(low: str) -> tuple[re.Pattern, re.Pattern]:
    n = re.escape(low)
    after = re.compile(
        rf"{n}(?:(?:[ \t]+[\w&.-]+){{0,3}},?[ \t]+(?:inc|ltd|llc|gmbh|ag|plc|corp|limited|pty|s\.a|b\.v|oy|ab)\b\.?|"
        rf"\s+(?:at a glance|in numbers|helps|offers|provides|delivers|team|solutions?|platform|advantage|difference|"
        rf"way|approach|services)\b|['’]s\s+(?:team|mission|vision|history|offices))"
    )
    before = re.compile(rf"(?:©|\(c\)|copyright)\s*(?:\d{{4}}\s*)?{n}|\b(?:about|why|welcome to)\s+{n}\b")
    return after, before


def repeated_proper_nouns(texts: list[str], limit: int = 4) -> list[str]:
    """Capitalised names that the deck repeats on several slides and that are not ordinary words."""
    n = len(texts)
    need = 2 if n >= 3 else n + 1  # too few slides to tell
    df: Counter[str] = Counter()
    surface: dict[str, str] = {}
    for text in texts:
        seen = set()
        for line in text.splitlines():
            for m in _CAP_SEQ.finditer(line):
                cand = _strip_leading(_clean(m.group(1)))
                key = cand.lower()
                words = key.split()
                if not words or len(key) < 3 or not any(c.isalpha() for c in key):
                    continue
                # One ordinary word is never a name; several capitalised ones may be ("Allied Services"):
                # _seller_evidence decides for those.
                ordinary = all(is_common(w) for w in words)
                if not (ordinary and (len(words) == 1 or cand.isupper())):  # not "Agenda", not "COMPANY PROFILE"
                    seen.add(key)
                    surface.setdefault(key, cand)
                # The brand stem of product names ("Northwind" in "Northwind Plan", "Northwind Schedule").
                stem = cand.split()[0]
                if len(words) > 1 and len(stem) >= 4 and not is_common(stem.lower()):
                    seen.add(stem.lower())
                    surface.setdefault(stem.lower(), stem)
        df.update(seen)
    ranked = [(c, k) for k, c in df.items() if c >= need]
    ranked.sort(key=lambda ck: (-ck[0], len(ck[1])))  # most slides first; the shorter (the stem) on ties
    out: list[str] = []
    for _, key in ranked:
        if any(key in o.lower() or o.lower() in key for o in out):
            continue
        out.append(surface[key])
        if len(out) >= limit:
            break
    return out


@lru_cache(maxsize=256)
def _names_pattern(seller: tuple[str, ...], customer: tuple[str, ...]) -> re.Pattern | None:
    alts = sorted(set(seller) | set(customer), key=len, reverse=True)
    if not alts:
        return None
    body = "|".join(re.escape(a) for a in alts)
    return re.compile(rf"(?<![\w])(?:{body})(?:['’]s)?(?![\w])", re.I)


def replace_names(text: str, names: Names) -> tuple[str, int, int]:
    """Replace seller and customer names by placeholder tokens; return (text, sellers, customers)."""
    pat = names.pattern()
    if pat is None or not text:
        return text, 0, 0
    counts = [0, 0]

    def sub(m: re.Match) -> str:
        key = m.group(0).lower().replace("’", "'")
        if key.endswith("'s"):
            key = key[:-2]
        if key in names.customer:
            counts[1] += 1
            return f" {CUSTOMER_TOKEN} "
        counts[0] += 1
        return f" {SELLER_TOKEN} "

    return pat.sub(sub, text), counts[0], counts[1]
