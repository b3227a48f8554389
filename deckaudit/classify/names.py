"""Who is "us" and who is "the customer" in a deck.

The seller is what the deck says about its maker, scored by where each name is found:

=====================  ======  ===========================================================================
source                 weight  what counts
=====================  ======  ===========================================================================
``copyright line``     4       "© 2024 Acme Corp", "Copyright Acme", "Acme. All rights reserved"
``footer``             2       a line on most slides (see classify/boilerplate.py), the layout/master text of
                               a PPTX, a text box at the foot of several slides
``cover``              2       slide 1's name line (its title or first line, one to four words, no sentence);
                               1 for a name elsewhere on the cover (never the presenter, nor "prepared for X")
``web address``        2       the deck's own domain (www.acme.com, sales@acme.com, acme.ai) on the cover, a
                               footer or the last two slides, or on three slides or more; 1 elsewhere
``metadata``           2       docProps Company (not a generator such as PptxGenJS), the author when it is an
                               organisation; names in the document title count 1
``repeated on slides`` 1       a capitalised name on two or more content slides (boilerplate removed), +1 when
                               the deck says it is the seller's ("about X", "X at a glance", "X, Inc.")
=====================  ======  ===========================================================================

Names that are one organisation (Acme Widgets, acmewidgets.com, "Acme") are grouped; the best group is the
seller when its sources add up to 3 or more, others (a product beside its maker) at 4; when none reaches 3, the
best group scoring 2 from one strong place or two places that agree (see ``_choose``).

Never the seller: a cited source ("Source: Gartner 2023", "according to McKinsey", "(Forrester, 2022)"), a
well-known research or consulting firm unless the deck carries its copyright, footer, metadata or web address,
a link shortener (bit.ly, t.co, aka.ms ...) or social site, a person's handle (@jdoe, x.com/jdoe) and the
person next to it, a byline ("by Jane Doe"), a bio's former employers ("previously at Google, McKinsey",
"ex-Deloitte", "former VP at Oracle"), the presenter on the cover, and the customer.

``--company``/``--product`` replace the guess. The customer comes from ``--customer`` and from "prepared for X",
"proposal for X", "presented to X" on the first two slides. The classifier replaces both with placeholder
tokens so that it never depends on a particular name.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from deckaudit.classify.resources import common_words

SELLER_TOKEN = "__seller__"
CUSTOMER_TOKEN = "__customer__"

# Domains that the deck prints with a hint (www., http://, an e-mail address). Kept for the evidence check below.
_DOMAIN = re.compile(r"(?:\bwww\.|https?://(?:www\.)?|\b[\w.+-]+@)([a-z0-9][a-z0-9-]{1,40})\.(?:[a-z]{2,10}\b)", re.I)
_CAP_SEQ = re.compile(r"\b([A-Z][\w&'’.-]*[A-Za-z0-9](?:[ \t]+(?:[A-Z][\w&'’.-]*[A-Za-z0-9]|(?:&|of|de|and)(?![\w-]))){0,3})")
_FOR_CUSTOMER = re.compile(
    r"\b(?i:prepared|presented|proposal|made|built|tailored|designed)[ \t]+(?i:exclusively[ \t]+)?(?i:for|to)[ \t]*:?[ \t]*"
    r"(?:the[ \t]+)?([A-Z][\w&'’.-]+(?:[ \t]+[A-Z][\w&'’.-]+){0,3})"
)
_LEGAL_SUFFIX = re.compile(
    r"(?:[\s,]+(?:inc|ltd|llc|gmbh|ag|sa|s\.a|plc|corp|corporation|co|group|limited|pty|bv|b\.v|nv|srl|sas|ab|oy|"
    r"pvt|private|fzco|fze|fz-llc|llp|lp|sia|oü|as|aps|spa|s\.p\.a|kg|sarl|bhd|sdn)\.?)+$", re.I
)
_LEGAL_WORD = re.compile(r"\b(?:inc|ltd|llc|gmbh|plc|corp|corporation|limited|pty|pvt|fzco|fze|llp|sia|sarl|bhd)\b\.?", re.I)
_ORG_WORD = re.compile(
    r"\b(?:labs?|technolog(?:y|ies)|consulting|consultants|foundation|group|solutions|systems|studios?|media|"
    r"partners|holdings|ventures|capital|software|analytics|networks|industries|enterprises|associates|agency|"
    r"institute|university|college|project|community|council|society|association|services|international|"
    r"global|innovations?|robotics|ai|io)\b", re.I
)
_GENERIC_DOMAINS = {"gmail", "googlemail", "outlook", "hotmail", "live", "msn", "yahoo", "icloud", "me", "proton",
                    "protonmail", "aol", "zoho", "yandex", "linkedin", "lnkd", "twitter", "x", "facebook", "fb",
                    "youtube", "youtu", "instagram", "tiktok", "threads", "github", "gitlab", "bitbucket", "medium",
                    "substack", "wordpress", "blogspot", "google", "microsoft", "apple", "amazon", "example",
                    "wikipedia", "zoom", "slideshare", "dropbox", "notion", "typeform", "calendly", "eventbrite",
                    "meetup", "vimeo", "crunchbase", "w3", "schemas", "openxmlformats", "purl", "creativecommons",
                    "opensource", "readthedocs", "npmjs", "pypi", "docker", "forms", "docs", "sharepoint",
                    "office", "live", "whatsapp", "wa", "telegram", "discord", "slack", "reddit", "fosstodon",
                    "mastodon", "android", "gravatar", "unsplash", "pexels", "shutterstock", "freepik", "canva", "gamma"}
_SHORTENERS = {"bit.ly", "bitly.com", "t.co", "lnkd.in", "goo.gl", "tinyurl.com", "ow.ly", "buff.ly", "is.gd",
               "rb.gy", "cutt.ly", "shorturl.at", "tiny.cc", "rebrand.ly", "t.ly", "s.id", "youtu.be", "amzn.to",
               "aka.ms", "forms.gle", "g.co", "fb.me", "wp.me", "dlvr.it", "trib.al", "hubs.ly", "hubs.la",
               "linktr.ee", "bl.ink", "shor.by", "v.gd", "qr.net", "t.me", "wa.me", "apple.co", "spoti.fi",
               "msft.it", "sforce.co", "ibm.co", "cisco.com/go", "red.ht", "git.io", "db.tt", "po.st", "su.pr"}
_SOCIAL = re.compile(r"(?:twitter|x|instagram|facebook|linkedin|github|gitlab|medium|youtube|tiktok|threads|dev)"
                     r"\.(?:com|net|to)/(?:in/|company/|user/|c/|pub/|@)?([\w.-]{2,60})", re.I)
# A host: www.acme.com, acme.ai, sales@acme.co.uk, https://docs.acme.io/x. Bare hosts only with a known ending.
_TLDS = ("com|org|net|io|ai|co|in|de|uk|au|fr|es|nl|se|fi|eu|app|dev|tech|xyz|fit|us|ca|ch|at|be|it|jp|sg|ae|africa|"
         "ke|ng|pk|global|info|biz|so|gg|tv|cloud|studio|agency|digital|solutions|health|edu|gov|no|dk|pl|pt|ie|nz|za|"
         "br|mx|cz|hk|tw|kr|il|lv|lt|ee|ro|hu|gr|tr|ru|cn|id|my|ph|vn|th|lk|bd|np|qa|sa|eg|ma|gh|tz|ug|rw|ly|gl|to|me|"
         "network|systems|software|finance|money|energy|capital|ventures|partners|consulting|media|design|games|"
         "education|academy|school|foundation|community|social|world|life|live|work|works|team|one|site|online|store|"
         "example")  # RFC 2606: the documentation domain of sample and template decks
_HOST = re.compile(
    rf"(?<![\w.-])((?:[a-z0-9](?:[a-z0-9-]{{0,40}}[a-z0-9])?\.)+(?:{_TLDS}))(?![\w@-])(/[^\s)\]]*)?",
    re.I,
)
_INSTITUTION = re.compile(r"\.(?:edu|gov|mil|ac\.[a-z]{2}|gov\.[a-z]{2}|edu\.[a-z]{2}|int)$", re.I)
_DOT_ALPHA = re.compile(r"\.[A-Za-z]")
_SECOND_LEVEL = {"co", "com", "org", "net", "ac", "gov", "edu", "or", "ne", "go"}

# What is cited, not presented: analyst, research and consulting firms, media, statistics offices.
_CITED_FIRMS = frozenset(
    "gartner forrester idc mckinsey bcg bain deloitte pwc kpmg ey accenture statista nielsen pew "
    "worldbank imf oecd who unesco unicef eurostat harvardbusinessreview hbr mit crunchbase pitchbook cbinsights "
    "grandviewresearch marketsandmarkets mordorintelligence alliedmarketresearch fortunebusinessinsights "
    "frostsullivan frostandsullivan ibisworld emarketer insiderintelligence bloomberg reuters forbes techcrunch "
    "wikipedia economist financialtimes wallstreetjournal wsj nytimes thenewyorktimes cnbc businessinsider "
    "precedenceresearch researchandmarkets spglobal moodys fitch morningstar similarweb semrush hubspotresearch "
    "salesforceresearch ibmresearch capgemini kearney rolandberger oliverwyman lek arthurdlittle everestgroup "
    "isg hfsresearch omdia canalys counterpoint gfk kantar ipsos yougov euromonitor mintel worldeconomicforum wef "
    "unctad wto ilo fao nasscom".split()
)
_CITE_LINE = re.compile(
    r"^\W*(?:sources?|quelle|fonte|fuente|data(?:\s+source)?|refs?|references?|credits?|image(?:\s+credits?)?|"
    r"photo(?:\s+credits?)?|via|footnotes?|notes?|citations?|cited|adapted from|based on|survey)\s*[:：]", re.I
)
_NAME = r"[A-Z][\w&'’.-]*(?:[ \t]+(?:[A-Z][\w&'’.-]*|&|of|and|for))*"
_CITE_PHRASE = re.compile(
    r"\b(?i:according[ \t]+to|as[ \t]+(?:reported|cited|noted|found|estimated)[ \t]+by|cited[ \t]+by|courtesy[ \t]+of|"
    r"(?:source|study|survey|report|research|data|analysis|estimates?|forecasts?|figures?)[ \t]+(?:by|from)|per)"
    rf"[ \t]+(?:the[ \t]+)?({_NAME})"
)
_CITE_PAREN = re.compile(rf"\((?:source:?[ \t]*)?({_NAME}),?[ \t]*(?:\d{{4}}|n\.d\.)[^)]{{0,20}}\)", re.I)
_CITE_YEAR = re.compile(rf"(?:^|[;,|]\s*)({_NAME})[ \t]*,?[ \t]*\(?\d{{4}}\)?\s*$")
_HANDLE = re.compile(r"(?<![\w.@/])@([A-Za-z0-9_]{2,30})\b")
_NEXT_TO_HANDLE = re.compile(r"([A-Z][\w'’-]+(?:[ \t]+[A-Z][\w'’.-]*){1,3})[ \t]*[(\[,–—|-]?[ \t]*@[A-Za-z0-9_]{2,30}")
_BYLINE = re.compile(
    r"(?:^|\b(?i:written|posted|presented|hosted|moderated)[ \t]+)(?i:by)[ \t]*:?[ \t]+"
    r"([A-Z][a-z'’-]+(?:[ \t]+[A-Z]\.?)?(?:[ \t]+[A-Z][a-z'’-]+){1,2})\b"
    r"|\b(?i:author|speaker|presenter|host|moderator)s?[ \t]*:[ \t]*([A-Z][a-z'’-]+(?:[ \t]+[A-Z][a-z'’.-]+){1,2})",
    re.M,
)
_NAME_LIST = rf"({_NAME}(?:[ \t]*(?:,|/|&|\+|\band\b|·|;)[ \t]*{_NAME})*)"
_BIO = re.compile(
    r"(?:\b(?i:previously|formerly|prior(?:ly)?|before[ \t]+that|worked|spent[ \t]+\d+\+?[ \t]+years|alumn(?:us|a|i|ae))"
    r"(?![ \t]+(?i:known|called|named))(?:[ \t]+(?i:at|with|in|for|of|@))?"
    r"|\b(?i:ex)[-–]"
    r"|\b(?i:former)[ \t]+(?:[\w&/-]+[ \t]+){0,3}?(?i:at|of|with|@|in)"
    r"|\b(?i:former)(?=[ \t]+[A-Z][a-z]*[A-Z]))"  # "former McKinsey partner"
    rf"[ \t]*[:,]?[ \t]*{_NAME_LIST}"
)
_TITLE_WORDS = re.compile(
    r"\b(?:ceo|cto|coo|cfo|cmo|cio|ciso|vp|svp|evp|founder|co-founder|cofounder|director|manager|engineer|architect|"
    r"lead|head|president|partner|principal|consultant|specialist|analyst|evangelist|advocate|developer|chair|"
    r"chairman|officer|scientist|researcher|professor|student|intern|owner|strategist|designer|maintainer)\b",
    re.I,
)
_GENERATORS = re.compile(r"^(?:pptxgenjs|moonshot|kimi|python-pptx|aspose.*|gamma|canva|google|microsoft(?: corporation)?|"
                         r"microsoft office|libreoffice|openoffice|apache poi|beautiful\.ai|pitch|keynote|slidesgo|"
                         r"slidescarnival|envato|freepik|user|admin|administrator|owner|unknown|home|pc|dell|hp|lenovo)$",
                         re.I)
_DECK_WORDS = frozenset(
    "profile overview presentation deck pitch prospectus introduction intro proposal update webinar session agenda "
    "report plan strategy playbook brochure credentials capabilities capability company corporate sales investor "
    "investors seed pre-seed series round brief briefing showcase talk keynote workshop meeting summit conference "
    "template draft version confidential copy welcome thank thanks you".split()
)


def is_common(word: str) -> bool:
    common = common_words()
    return word in common or (word.endswith("s") and word[:-1] in common) or (word.endswith("es") and word[:-2] in common)


def _compact(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


_LEADING = {"the", "our", "your", "a", "an", "why", "about", "welcome", "meet", "at", "with", "by", "for", "to", "and",
            "of", "introducing", "intro", "hosting", "projects", "presented", "prepared", "proposal"}


def _strip_leading(name: str) -> str:
    words = name.split()
    while words and words[0].lower() in _LEADING:
        words.pop(0)
    while words and words[-1].lower() in ("and", "of", "&", "de", "for"):
        words.pop()
    return " ".join(words)


def _strip_trailing(name: str) -> str:
    """"LF Energy Overview" -> "LF Energy", "Acme Pitch Deck" -> "Acme": what the deck is, not who."""
    words = name.split()
    while len(words) > 1 and words[-1].lower() in _DECK_WORDS:
        words.pop()
    return " ".join(words)


def _clean(name: str) -> str:
    name = " ".join(name.replace("’", "'").replace("®", "").replace("™", "").split()).strip(" .,-:;'\"")
    return _LEGAL_SUFFIX.sub("", " " + name).strip(" .,-")


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
    """The seller's and the customer's names for one deck.

    ``seller``/``customer``: lower-case surface forms (every variant the text may use: "acme widgets", "acme",
    "acmewidgets"); ``sources``: lower-case form -> the first place it was found ("cover", "footer",
    "copyright line", "metadata", "web address", "repeated on slides", "prepared for", "--company", ...);
    ``surface``: lower-case form -> the name as written; ``found``: for the names detected or given, the name
    as shown to the user -> every place it was found, strongest first (what ``party`` reports).
    """

    seller: set[str] = field(default_factory=set)  # lower-case surface forms
    customer: set[str] = field(default_factory=set)
    sources: dict[str, str] = field(default_factory=dict)  # name -> where it came from
    surface: dict[str, str] = field(default_factory=dict)  # lower-case form -> the name as written
    found: dict[str, dict[str, list[str]]] = field(default_factory=dict)  # side -> shown name -> sources

    def party(self, side: str):
        """The report's view of one side: names as found, where each was found, and whether the user gave them."""
        from deckaudit.report import Party

        names = self.seller if side == "seller" else self.customer
        given = any(s.startswith("--") for n, s in self.sources.items() if n in names)
        shown = self.found.get(side)
        if shown:
            return Party(names=list(shown), sources={k: list(v) for k, v in shown.items()}, given=given)
        sources: dict[str, list[str]] = {}
        for v in sorted(names):
            sources.setdefault(self.surface.get(v, v), []).append(self.sources.get(v, ""))
        return Party(names=list(sources), sources={k: [x for x in dict.fromkeys(v) if x] for k, v in sources.items()},
                     given=given)

    def seller_list(self) -> list[str]:
        return sorted(self.seller)

    def customer_list(self) -> list[str]:
        return sorted(self.customer)

    def add(self, side: str, name: str, source: str, *, shown: str | None = None, where: list[str] | None = None,
            ordinary_ok: bool = False) -> None:
        """Add a name and its variants to one side ("seller" or "customer"), unless the other side has it or it
        is an ordinary word. ``shown``/``where``: how the report lists it (default: the cleaned name, ``[source]``)."""
        target = self.seller if side == "seller" else self.customer
        other = self.customer if side == "seller" else self.seller
        added = False
        for v in _variants(name):
            if v in other or (is_common(v) and not (ordinary_ok and v == _clean(name).lower())):
                continue
            target.add(v)
            added = True
            self.sources.setdefault(v, source)
            self.surface.setdefault(v, _clean(name) if v == _clean(name).lower() else v)
        if added:
            label = shown or _clean(name) or name.strip()
            places = self.found.setdefault(side, {}).setdefault(label, [])
            for s in where or [source]:
                if s not in places:
                    places.append(s)

    @classmethod
    def for_deck(cls, deck, *, company=(), product=(), customer=()) -> "Names":
        """The names for a Deck: ``--customer`` and ``--company``/``--product`` as given (the latter replace the
        seller guess), the rest detected from the deck's slides, footers, layout text, boxes and metadata."""
        names = cls()
        # The user's word stands even for a name that is also a word ("Kong", "Arm", "Signal").
        for n in customer:
            names.add("customer", n, "--customer", ordinary_ok=True)
        for n in company:
            names.add("seller", n, "--company", ordinary_ok=True)
        for n in product:
            names.add("seller", n, "--product", ordinary_ok=True)
        given = bool(company or product)
        slides = list(getattr(deck, "slides", []) or [])
        texts = [_slide_text(s) for s in slides]
        detect_into(
            names, texts, seller=not given, titles=[s.title for s in slides],
            footers=_footer_lines(slides), company=getattr(deck, "company", "") or "",
            author=getattr(deck, "author", "") or "", title=getattr(deck, "title", "") or "",
        )
        return names

    def pattern(self) -> re.Pattern | None:
        return _names_pattern(tuple(sorted(self.seller)), tuple(sorted(self.customer)))


def _slide_text(slide) -> str:
    title, text = slide.title or "", slide.text or ""
    if not title or text.startswith(title) or " ".join(title.split()) in " ".join(text.split()):
        return text  # the title is in the text already (a PDF's title joins its lines)
    return f"{title}\n{text}"


def _footer_lines(slides) -> list[str]:
    """Text a deck prints outside its slides' content: PPTX layout/master text, and text boxes at the foot (the
    lowest 12% of the slide) whose text, digits aside, comes back on two or more slides."""
    out: list[str] = []
    for s in slides:
        for line in (s.boilerplate or "").split("\n"):
            if line.strip():
                out.append(line.strip())
    foot: Counter[str] = Counter()
    first: dict[str, str] = {}
    for s in slides:
        seen = set()
        for b in s.boxes or ():
            if b.kind == "text" and b.text and b.y >= 0.88:
                k = re.sub(r"\d+", "", b.text.lower()).strip()
                if k and k not in seen:
                    seen.add(k)
                    first.setdefault(k, b.text.strip())
        foot.update(seen)
    out += [first[k] for k, c in foot.items() if c >= 2]
    return list(dict.fromkeys(out))


# --- where a name is not the seller's: citations, handles, bylines, bios ----------------------------------------

@dataclass
class _Excluded:
    cited: set[str] = field(default_factory=set)  # compact keys
    people: set[str] = field(default_factory=set)
    former: set[str] = field(default_factory=set)
    handles: set[str] = field(default_factory=set)  # a handle is no source (the person beside it is excluded)
    why: dict[str, str] = field(default_factory=dict)  # compact key -> why excluded (for tests and debugging)

    def add(self, kind: str, name: str) -> None:
        name = _strip_leading(_clean(name))
        key = _compact(name)
        if len(key) < 2:
            return
        getattr(self, kind).add(key)
        self.why.setdefault(key, kind)
        first = _compact(name.split()[0]) if name.split() else ""
        if kind not in ("people", "handles") and len(first) >= 4 and not is_common(first):
            getattr(self, kind).add(first)
            self.why.setdefault(first, kind)


def _split_names(names: str) -> list[str]:
    return [p.strip() for p in re.split(r"[ \t]*(?:,|/|&|\+|\band\b|·|;)[ \t]*", names) if p.strip()]


def _scrub(line: str, ex: _Excluded) -> str:
    """The line with what is cited, handled or remembered from a bio blanked out; those names go to ``ex``.
    Each pattern runs only on lines holding its key word (a substring test), most lines pass untouched."""
    if ":" in line or "：" in line:
        if _CITE_LINE.match(line):
            for m in _CAP_SEQ.finditer(line.split(":", 1)[-1] if ":" in line else line):
                ex.add("cited", m.group(1))
            return ""  # a host cited here is simply not counted (the seller may cite its own site)
    if "@" in line:
        for m in _NEXT_TO_HANDLE.finditer(line):
            ex.add("people", m.group(1))
        for m in _HANDLE.finditer(line):
            ex.add("handles", m.group(1))
        line = _HANDLE.sub(" ", line)
    low = line.lower()
    if "/" in low and (".com/" in low or ".net/" in low or ".to/" in low):
        for m in _SOCIAL.finditer(line):
            ex.add("handles", m.group(1))
        line = _SOCIAL.sub(" ", line)
        low = line.lower()
    if _CITE_WORDS_RE.search(low):
        line = _blank(_CITE_PHRASE, line, ex, "cited")
    if "(" in line:
        line = _blank(_CITE_PAREN, line, ex, "cited")
    if _BIO_WORDS_RE.search(low):
        line = _blank(_BIO, line, ex, "former")
    if line.rstrip()[-1:] in _YEAR_END:
        m = _CITE_YEAR.search(line)
        if m and _compact(m.group(1).split()[0]) in _CITED_FIRMS:
            ex.add("cited", m.group(1))
            line = line[: m.start(1)]
    if "by" in low or (":" in line and any(w in low for w in _BYLINE_WORDS)):
        for m in _BYLINE.finditer(line):
            ex.add("people", m.group(1) or m.group(2))
    return line


def _blank(rx: re.Pattern, line: str, ex: _Excluded, kind: str) -> str:
    hit = False
    for m in rx.finditer(line):
        for part in _split_names(m.group(1)):
            ex.add(kind, part)
        hit = True
    return rx.sub(" ", line) if hit else line


def _scrub_text(text: str, ex: _Excluded) -> str:
    """:func:`_scrub` on every line of a slide."""
    return "\n".join(_scrub(line, ex) for line in text.split("\n"))


_YEAR_END = frozenset("0123456789)")
_CITE_WORDS = ("according", "reported", "cited", "noted", "found", "estimated", "courtesy", "by", "from", "per ")
_BIO_WORDS = ("previous", "former", "prior", "before that", "worked", "spent", "alumn", "ex-", "ex–")
_BYLINE_WORDS = ("author", "speaker", "presenter", "host", "moderator")
# The same substring tests as any(w in low for w in ...), in one regex scan each.
_CITE_WORDS_RE = re.compile("|".join(map(re.escape, _CITE_WORDS)))
_BIO_WORDS_RE = re.compile("|".join(map(re.escape, _BIO_WORDS)))


# --- the candidates -------------------------------------------------------------------------------------------

_NUMBERING = re.compile(r"^\s*\d{1,3}\s*(?:/\s*\d{1,3})?\s+|\s+\d{1,3}\s*(?:/\s*\d{1,3})?\s*$")
_WEIGHT = {"copyright line": 4, "footer": 2, "cover": 2, "web address": 2, "metadata": 2, "repeated on slides": 1}
_ORDER = ["copyright line", "cover", "footer", "metadata", "web address", "repeated on slides"]
_COPY_NAME = re.compile(
    r"(?:©|\(c\)|(?i:copyright))[ \t]*(?:©|\(c\))?[ \t]*(?:\d{4}(?:[ \t]*[-–][ \t]*\d{2,4})?[ \t]*,?)?[ \t]*"
    r"(?!(?i:all[ \t]+rights))((?:[\w&'’.-]+[ \t]?){1,6}?)(?=[ \t]*(?:[.,|•·–—-][ \t]|\(|\d{4}|\d+[ \t]*$|(?i:all[ \t]+rights)|$|[ \t]{2}))"
)
_RIGHTS_NAME = re.compile(r"((?:[A-Z][\w&'’.-]*[ \t]?){1,5})[.,]?[ \t]*(?i:all[ \t]+rights[ \t]+reserved)")


def _host_label(host: str) -> str:
    """The registrable label of a host: "acme" for www.acme.com, docs.acme.io, acme.co.uk, sales@acme.com."""
    parts = host.lower().strip(".").split(".")
    if parts and parts[0] == "www":
        parts = parts[1:]
    if len(parts) >= 3 and parts[-2] in _SECOND_LEVEL and len(parts[-1]) == 2:
        return parts[-3]
    return parts[-2] if len(parts) >= 2 else parts[0]


def _is_shortener(host: str, path: str) -> bool:
    h = host.lower()
    h = h[4:] if h.startswith("www.") else h
    return h in _SHORTENERS or (h + (path or "")).startswith(tuple(s for s in _SHORTENERS if "/" in s))


@dataclass
class _Cand:
    surface: str
    key: str
    sources: dict[str, int] = field(default_factory=dict)  # source -> weight
    ordinary: bool = False  # made of ordinary words only: a name only when something else confirms it
    host: bool = False  # a web address's label
    legal: bool = False  # carries a legal form (Inc, Ltd, GmbH, ...)
    whole: bool = False  # a whole part of a footer or name line, not a name picked out of a sentence

    def give(self, source: str, weight: int) -> None:
        self.sources[source] = max(self.sources.get(source, 0), weight)


class _Pool:
    def __init__(self, ex: _Excluded):
        self.by_key: dict[str, _Cand] = {}
        self.ex = ex

    def add(self, name: str, source: str, weight: int, *, host: bool = False, allow_ordinary: bool = False) -> None:
        raw = name
        name = re.split(r"['’]s\b", name, maxsplit=1)[0]  # "Arm's Journey" -> "Arm"
        if not host and " " in name.strip():
            # "DevzStudio DEVZSTUDIO.COM": the web address beside a name is no part of it; "INBIO REGULATION D
            # 506(C)": nor is a code after it (a rule, a version, a docket number)
            words = [w for w in name.split() if not _HOST.fullmatch(w)]
            code = next((i for i, w in enumerate(words) if i and re.search(r"\d.*[()]|[()].*\d|^\d+$", w)), None)
            name = " ".join(words[:code])
        name = _strip_trailing(_strip_leading(_clean(name)))
        key = _compact(name)
        if len(key) < 2 or not any(c.isalpha() for c in key) or weight <= 0 or key in _PLACEHOLDERS:
            return
        words = [w.strip(".,:;!?'\"()") for w in name.lower().split()]
        words = [w for w in words if w]
        ordinary = all(is_common(w) or w in _DECK_WORDS for w in words) and not host
        if ordinary and not allow_ordinary and len(words) == 1:
            return  # "Agenda"; several ordinary words may still be a name ("Allied Services"): scored lower
        if all(w in _DECK_WORDS or w.isdigit() for w in words):
            return
        c = self.by_key.get(key)
        if c is None:
            c = self.by_key[key] = _Cand(name if not host else name.lower(), key, ordinary=ordinary, host=host)
        elif c.host and not host:  # the same letters written as a name read better than a domain label
            c.surface, c.host = name, False
        c.ordinary = c.ordinary and ordinary
        c.legal = c.legal or bool(_LEGAL_WORD.search(raw))
        c.whole = c.whole or allow_ordinary
        c.give(source, weight)


_DATE = re.compile(r"\b(?:19|20)\d\d\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d", re.I)
# Template text left in place ("© 2024 Company Name. All rights reserved"): no one's name.
_PLACEHOLDERS = frozenset("companyname yourcompany company yourname name organization organisation organizationname "
                          "brand yourbrand logo yourlogo companylogo clientname client customer presenter "
                          "presentername title subtitle".split())
_FUNCTION = frozenset("a an the and or to for with in on at your our you we us is are be it this that".split())


def _name_lines(line: str) -> list[str]:
    """The parts of a cover's name line that may be a name: "AIL / THESIS" -> ["AIL", "THESIS"]; a part of
    one to four words, no sentence ("One effective and easy-to-adopt instrument" is none)."""
    out: list[str] = []
    if _DATE.search(line):  # "March 13th 2023 | IIIT Bangalore": when and where, not who
        return out
    for part in re.split(r"\s+[/|•·–—×]\s+|\s+x\s+|\s{3,}", _NUMBERING.sub("", line)):
        part = _strip_trailing(_strip_leading(_clean(part.strip(" .,:;-|"))))
        words = part.lower().split()
        if (part and len(words) <= 4 and not _FUNCTION.intersection(words) and not _lower_tail(part)
                and not (len(words) > 1 and part.islower())):  # "leadingworkforcesolutions onepersonatatime"
            out.append(part)
    return out


def _lower_tail(name: str) -> bool:
    """"Remote attendee ticket": a phrase, not a name (names capitalise their words or none of them)."""
    words = name.split()
    return len(words) > 1 and words[0][:1].isupper() and any(
        w[:1].islower() for w in words[1:] if w not in ("of", "by", "de", "and", "&", "für", "for"))


def _cap_names(line: str) -> list[str]:
    return [m.group(1) for m in _CAP_SEQ.finditer(line)]


def _looks_person(name: str, rest: str) -> bool:
    """A presenter's name: two or three capitalised words followed (same line after a comma, or the next line)
    by a job title."""
    words = name.split()
    if not 2 <= len(words) <= 4 or _ORG_WORD.search(name) or _LEGAL_WORD.search(name):
        return False
    if not all(w[0].isupper() and (len(w) <= 2 or not w.isupper()) for w in words):
        return False
    return _TITLE_WORDS.search(rest) is not None


def detect_into(names: Names, texts: list[str], *, seller: bool = True, titles: list[str] | None = None,
                footers: list[str] | None = None, company: str = "", author: str = "", title: str = "") -> None:
    """Add the names a deck reveals about itself.

    ``texts``: one string per slide in deck order (title and text; "\\n" between lines). The other arguments
    are optional, for when a Deck is at hand (``Names.for_deck`` passes them): ``titles`` per slide,
    ``footers`` (layout/master text, footer boxes), the metadata ``company``, ``author`` and document
    ``title``. The customer is looked for on the first two slides ("prepared for X"); with ``seller=False``
    (the user named the seller) only the customer is looked for. Never raises on any list of strings.
    """
    if not texts:
        return
    head = "\n".join(texts[:2])
    if not names.customer:
        for m in _FOR_CUSTOMER.finditer(head):
            names.add("customer", m.group(1), "prepared for")
    subject = None if names.customer else _cover_subject(texts[0], (titles or [""])[0])
    if seller:
        found = find_seller(texts, titles=titles, footers=footers, company=company, author=author, title=title,
                            customer=names.customer)
        if subject and not _owns(subject, found):
            # The cover is about someone else's growth: that is the customer, never the seller.
            found = find_seller(texts, titles=titles, footers=footers, company=company, author=author,
                                title=title, customer=names.customer | _variants(subject) | {_compact(subject)})
        else:
            subject = None  # none, or the seller's own ("© Acme" and "Acme's Growth Strategy")
        for shown, where, variants in found:
            for v in variants:
                names.add("seller", v, where[0], shown=shown, where=where, ordinary_ok=True)
    if subject and not names.customer and _compact(subject) not in {_compact(v) for v in names.seller}:
        names.add("customer", subject, "cover's subject")
    if not names.customer and names.seller:
        other = _co_branded_partner(texts[0], (titles or [""])[0], names.seller)
        if other:
            names.add("customer", other, "co-branded cover")


# "Airbnb's Quest for High Growth in NYC", "Tesla's Market Entry Strategy": a cover whose name line opens with
# someone's quest, growth or strategy is about that organisation: a consultant's (or a student team's) pitch to
# it. Not "Arm's Journey to OpenChain" (a talk about the presenter's own way) nor "Australia's most ...".
_SUBJECT = re.compile(
    r"^\W*(?:(?i:the)[ \t]+)?([A-Z][\w&.-]*(?:[ \t]+[A-Z][\w&.-]*){0,2})['’]s[ \t]+(?:[\w&-]+[ \t]+){0,3}?"
    r"(?i:quest|growth|strategy|strategies|expansion|challenges?|problems?|opportunit(?:y|ies)|turnaround|"
    r"market[ \t]+entry|entry[ \t]+into|go-to-market|pricing[ \t]+strategy)\b"
)
_OWN_PLACES = {"copyright line", "footer", "web address"}


def _cover_subject(cover: str, cover_title: str) -> str | None:
    """The organisation a cover is about ("Airbnb's Quest for High Growth in NYC" -> "Airbnb"), from the
    cover's name line (its title or first line); None when there is none or it is an ordinary word."""
    first = next((ln for ln in (cover or "").split("\n") if ln.strip()), "")
    for line in (cover_title, first):
        m = _SUBJECT.match(line or "")
        if m:
            name = _clean(m.group(1))
            if name and not all(is_common(w.lower()) for w in name.split()):
                return name
    return None


def _owns(subject: str, found: list[tuple[str, list[str], list[str]]]) -> bool:
    """Whether the seller found carries the cover's subject as its own name in a place only a deck's maker
    prints (a copyright line, a footer, its web address): then "Acme's Growth Strategy" is Acme's own."""
    key = _compact(subject)
    for _shown, where, variants in found:
        if _OWN_PLACES & set(where) and any(_compact(v) == key or _compact(v).startswith(key) for v in variants):
            return True
    return False


# "Contoso Manufacturing × Northwind", "Acme x Globex": a cover naming two organisations side by side.
_CO_BRANDED = re.compile(r"^\s*([A-Z][\w&'’.-]*(?:[ \t]+[A-Z][\w&'’.-]*){0,3})[ \t]+(?:×|x|X)[ \t]+"
                         r"([A-Z][\w&'’.-]*(?:[ \t]+[A-Z][\w&'’.-]*){0,3})\s*$")


def _co_branded_partner(cover: str, cover_title: str, seller: set[str]) -> str | None:
    """The other organisation on a co-branded cover ("Contoso Manufacturing × Northwind"), when the seller is
    one of the two: a vendor's deck for a joint workshop names its customer beside itself."""
    lines = [cover_title] + [ln for ln in (cover or "").split("\n")[:3]]
    for line in lines:
        m = _CO_BRANDED.match(line or "")
        if not m:
            continue
        a, b = m.group(1).strip(), m.group(2).strip()
        ka, kb = _compact(a), _compact(b)
        sellers = {_compact(x) for x in seller}
        a_is = ka in sellers or any(k and (ka.startswith(k) or k.startswith(ka)) for k in sellers)
        b_is = kb in sellers or any(k and (kb.startswith(k) or k.startswith(kb)) for k in sellers)
        if a_is != b_is:
            return b if a_is else a
    return None


def find_seller(texts: list[str], *, titles: list[str] | None = None, footers: list[str] | None = None,
                company: str = "", author: str = "", title: str = "", customer: set[str] | frozenset = frozenset(),
                explain: dict | None = None) -> list[tuple[str, list[str], list[str]]]:
    """The seller's names in a deck: a list of (name as shown, sources strongest first, every written form).

    Arguments as in :func:`detect_into`; ``customer``: lower-case customer names (never the seller).
    ``explain``, when a dict, receives every candidate group with its score and every excluded name with why
    (for tests and the corpus check).
    """
    from deckaudit.classify.boilerplate import is_confidential, is_copyright, is_page_number, strip_boilerplate

    n = len(texts)
    ex = _Excluded()
    stripped = strip_boilerplate(texts, titles=titles)
    content = [_scrub_text(t, ex) for t in stripped.texts]
    footer_lines = [_scrub(line, ex) for line in stripped.lines("repeated", "confidential") + list(footers or [])]
    copyright_lines = stripped.lines("copyright") + [f for f in footers or [] if "©" in f or "opyright" in f
                                                     or "(c)" in f.lower() or "rights reserved" in f.lower()]
    copyright_lines += [line for line in stripped.lines("repeated") if "©" in line or "opyright" in line]
    author_is_person = False
    if author and not _ORG_WORD.search(author) and not _LEGAL_WORD.search(author):
        words = author.replace(",", " ").split()
        if 2 <= len(words) <= 4 and all(re.fullmatch(r"[^\W\d_][\w.'’-]*", w) for w in words):
            ex.add("people", author)
            author_is_person = True

    pool = _Pool(ex)
    # copyright lines
    for line in copyright_lines:
        for m in _COPY_NAME.finditer(line):
            pool.add(m.group(1), "copyright line", _WEIGHT["copyright line"], allow_ordinary=True)
        if not _COPY_NAME.search(line):
            for m in _RIGHTS_NAME.finditer(line):
                pool.add(m.group(1), "copyright line", _WEIGHT["copyright line"], allow_ordinary=True)
    # footers
    for line in footer_lines:
        if not line or _CITE_LINE.match(line):
            continue
        for part in re.split(r"[|•·–—]| {2,}|\t", line):
            part = _NUMBERING.sub("", part).strip()
            if not part or _HOST.fullmatch(part) or is_copyright(part) or is_page_number(part):
                continue
            if is_confidential(part):
                part = re.sub(r"(?i)\b(?:strictly|private|and|&|confidential|proprietary|internal use only)\b", " ", part)
                part = " ".join(part.split())
                if not part:
                    continue
            for whole in _name_lines(part):
                if not whole[0].isdigit():
                    pool.add(whole, "footer", _WEIGHT["footer"], allow_ordinary=True)
            for name in _cap_names(part):
                pool.add(name, "footer", _WEIGHT["footer"])
    # the cover
    if n:
        cover = content[0]
        lines = [ln.strip() for ln in cover.split("\n") if ln.strip()]
        cover_title = (titles[0] if titles else "").strip()
        for i, line in enumerate(lines):
            nxt = lines[i + 1] if i + 1 < len(lines) else ""
            if _FOR_CUSTOMER.search(line):
                continue
            # The cover's name line (its title or first line, a few words) counts in full; a name mentioned
            # elsewhere on the cover ("Founder, Aipresso") counts 1.
            wholes = _name_lines(line) if (line == cover_title or i == 0) else []
            for name in _cap_names(line):
                rest = line[line.find(name) + len(name):] + " " + nxt
                if _looks_person(_clean(name), rest):
                    ex.add("people", name)
                    continue
                pool.add(name, "cover", _WEIGHT["cover"] if _clean(name) in wholes else 1)
            for short in wholes:
                if not _looks_person(short, nxt):
                    pool.add(short, "cover", _WEIGHT["cover"], allow_ordinary=True)
        for short in _name_lines(cover_title):
            pool.add(short, "cover", _WEIGHT["cover"], allow_ordinary=True)
    # metadata
    if company and not _GENERATORS.match(company.strip()):
        pool.add(company, "metadata", _WEIGHT["metadata"], allow_ordinary=True)
    if author and not author_is_person and not _GENERATORS.match(author.strip()):
        org = bool(_ORG_WORD.search(author) or _LEGAL_WORD.search(author))
        pool.add(author, "metadata", _WEIGHT["metadata"] if org else 1, allow_ordinary=org)
    if title and not _GENERATORS.match(title.strip()):
        t = re.sub(r"(?i)microsoft powerpoint\s*-\s*|\.(?:pptx?|key|pdf)$", "", title)
        if " " not in t.strip() and t.count("-") >= 2:  # a file's slug: "ChronoField-safe-investor-deck-current"
            t = t.replace("-", " ")
        for part in re.split(r"\s+[—–|:-]\s+|[_]", t):
            for name in _cap_names(part):
                pool.add(name, "metadata", 1)
    # web addresses
    places = [0, n - 1, n - 2]
    hosts: Counter[str] = Counter()
    strong: set[str] = set()
    host_of: dict[str, str] = {}
    for i, t in enumerate(content):
        if _DOT_ALPHA.search(t) is None:  # every host has a dot followed by a letter
            continue
        for m in _HOST.finditer(t):
            host, path = m.group(1), m.group(2) or ""
            if _is_shortener(host, path) or re.fullmatch(r"[\d.]+", host):
                continue
            label = _host_label(host)
            if label in _GENERIC_DOMAINS or len(label) < 2 or host.lower().startswith("schemas."):
                continue
            if _INSTITUTION.search(host):  # a university's or a government's site is cited, not the seller's
                continue
            if i in places:
                strong.add(label)
            if label not in hosts or i not in places:
                hosts[label] += 1
            host_of.setdefault(label, host.lower()[4:] if host.lower().startswith("www.") else host.lower())
    for line in footer_lines + copyright_lines:
        for m in _HOST.finditer(line or ""):
            label = _host_label(m.group(1))
            if label not in _GENERIC_DOMAINS and not _is_shortener(m.group(1), m.group(2) or ""):
                strong.add(label)
                host_of.setdefault(label, m.group(1).lower().removeprefix("www."))
    for label in sorted(set(hosts) | strong):
        w = 2 if label in strong or hosts[label] >= 3 else 1
        pool.add(label, "web address", w, host=True)
    # names repeated on content slides (not the cover, not boilerplate)
    body = content[1:] if n >= 4 else content
    low_lines = "\n".join(body).lower().splitlines()
    labels = [c.key for c in pool.by_key.values() if c.host]
    for rank, name in enumerate(repeated_proper_nouns(body, limit=80)):
        if rank < 20:
            pool.add(name, "repeated on slides", 2 if _evidence_in(name, low_lines, labels) else 1)
        elif any(_compact(name) == h or (len(_compact(name)) >= 4 and h.startswith(_compact(name))) for h in labels):
            pool.add(name, "repeated on slides", 1)  # further down, but it spells the deck's web address

    groups = _group(pool, customer)
    chosen = _choose(groups)
    if explain is not None:
        explain["groups"] = [(g[0].surface, _score(g), sorted({s for c in g for s in c.sources})) for g in groups]
        explain["excluded"] = dict(ex.why)
    out = []
    for g in chosen:
        rep = _representative(g)
        where = sorted({s for c in g for s in c.sources}, key=lambda s: (-max(c.sources.get(s, 0) for c in g), _ORDER.index(s)))
        variants = [c.surface for c in g]
        variants += [f for v in variants if " " not in v for f in _spaced_forms(_compact(v), content)
                     if f.lower() not in {x.lower() for x in variants}]
        if rep.host:
            shown = _written_form(rep.surface, content) or host_of.get(rep.surface, rep.surface)
        else:
            shown = _fullest(rep, g)
            shown = _written_form(_compact(shown), content, spaced=True) or shown
        shown = _with_article(shown, content)
        out.append((shown, where, variants))
    return out


def _fullest(rep: _Cand, group: list[_Cand]) -> str:
    """The group's fuller form of the representative's name when it has one ("FALCO" -> "FALCO ROBOTICS"):
    a non-host name of at most four words that opens with the representative's words and adds only
    organisation words or legal forms ("Robotics", "Systems", "Ltd")."""
    words = rep.surface.lower().split()
    longer = [c.surface for c in group if not c.host and len(words) < len(c.surface.split()) <= 4
              and c.surface.lower().split()[:len(words)] == words
              and all(_ORG_WORD.fullmatch(w) or _LEGAL_WORD.fullmatch(w) for w in c.surface.split()[len(words):])]
    return max(longer, key=lambda x: (len(x.split()), x)) if longer else rep.surface


def _with_article(name: str, content: list[str]) -> str:
    """"Seam" -> "The Seam" when the slides write the name with a capital "The" inside sentences ("founded
    The Seam in 2020", "with The Seam"), twice or more and more often than with a lower-case "the"."""
    if not name or name.lower().startswith("the "):
        return name
    n = re.escape(name)
    inside = re.compile(rf"(?<=[a-z,;:(][ \t])The[ \t]+{n}\b")
    lower = re.compile(rf"\bthe[ \t]+{n}\b")
    caps = sum(len(inside.findall(t)) for t in content if name in t)
    low = sum(len(lower.findall(t)) for t in content if name in t)
    return f"The {name}" if caps >= 2 and caps > low else name


def _written_form(label: str, content: list[str], spaced: bool = False) -> str | None:
    """How the slides write a name ("zerocracy" -> "Zerocracy"): the most common capitalised spelling of the
    letters ``label`` (lower case, no spaces) as whole words; with ``spaced``, spaces may fall between its
    letters, and a spelling in mixed case with its spaces wins over capitals run together ("ALLIEDSERVICES",
    as a PDF's text may run a logo's words together, -> "Allied Services"). None when the slides never write
    it with a capital."""
    if len(label) < 3 or not label.isalnum():
        return None
    pattern = _letters_pattern(label, spaced)
    first = label[0]
    forms = Counter(m.group(0) for t in content if first in t.lower() for m in pattern.finditer(t))
    forms = Counter({f: n for f, n in forms.items() if not f.islower()})
    if not forms:
        return None
    def rank(f: str):
        titled = all(w[0].isupper() for w in f.split() if len(w) > 3)  # "Rights by Design", not "Resonance racing"
        return (titled and not f.isupper(), titled, not f.isupper() and " " in f, forms[f], " " in f)

    return max(forms, key=rank)


def _letters_pattern(letters: str, spaced: bool) -> re.Pattern:
    """A name's letters as a whole word in any case, with ``spaced`` a space or tab allowed between any two of
    them ("alliedservices" finds "Allied Services"); never inside an address, path or handle."""
    body = r"[ \t]?".join(map(re.escape, letters)) if spaced else re.escape(letters)
    return re.compile(rf"(?<![\w.@/-]){body}(?![\w-]|\.\w)", re.I)


def _spaced_forms(key: str, content: list[str]) -> list[str]:
    """The spellings with spaces that the slides give a name found run together ("alliedservices", from
    "©ALLIEDSERVICES" or alliedservices.com -> "Allied Services", "ALLIED SERVICES"), so that the text's own
    spelling matches too; first seen first, one per spelling whatever its case. Names of six letters or more,
    words of two letters or more."""
    if len(key) < 6 or not key.isalnum():
        return []
    pattern = _letters_pattern(key, spaced=True)
    out: dict[str, str] = {}
    for t in content:
        if key[:3] not in re.sub(r"[ \t]", "", t.lower()):
            continue
        for m in pattern.finditer(t):
            form = " ".join(m.group(0).split())
            if " " in form and all(len(w) >= 2 for w in form.split()):
                out.setdefault(form.lower(), form)
    return list(out.values())


def _group(pool: _Pool, customer) -> list[list[_Cand]]:
    """Candidates that are one organisation: same letters, one a word-prefix of the other ("Lenaion" and
    "Lenaion Labs"), or a web address holding the name ("getbrainstorm" and "Brainstorm")."""
    ex = pool.ex
    cust = {_compact(c) for c in customer}
    cands = []
    for c in pool.by_key.values():
        first = _compact(c.surface.split()[0]) if c.surface.split() else ""
        if c.key in cust or (first in cust and len(first) >= 4):
            continue
        # "by Northwind Systems" reads like a presenter's byline, but a copyright line or a footer makes it
        # an organisation ("© 2024 Northwind Systems"): people do not hold a deck's copyright.
        if c.key in ex.people and not {"copyright line", "footer"} & set(c.sources):
            continue
        if (c.key in ex.cited or c.key in ex.former or c.key in _CITED_FIRMS) and not (
                {"copyright line", "footer"} & set(c.sources) or c.sources.get("metadata", 0) >= 2
                or c.sources.get("cover", 0) >= 2 or c.sources.get("web address", 0) >= 2):
            continue
        cands.append(c)
    parent = list(range(len(cands)))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, a in enumerate(cands):
        for j in range(i):
            b = cands[j]
            if _same_org(a, b):
                parent[find(i)] = find(j)
    groups: dict[int, list[_Cand]] = {}
    for i, c in enumerate(cands):
        groups.setdefault(find(i), []).append(c)
    out = list(groups.values())
    # Ties: the group with the strongest single place first (a copyright line over cover + footer), then a
    # fixed order, whatever the hash seed.
    out.sort(key=lambda g: (-_score(g), -max(w for c in g for w in c.sources.values()), min(c.key for c in g)))
    return out


def _same_org(a: _Cand, b: _Cand) -> bool:
    ka, kb = a.key, b.key
    if ka == kb:
        return True
    short, long_ = (a, b) if len(ka) <= len(kb) else (b, a)
    if len(short.key) < 3:
        return False
    if long_.host or short.host:
        host, other = (long_, short) if long_.host else (short, long_)
        hk, ok = host.key, other.key
        bare = re.sub(r"^(?:get|try|use|go|join|hello|my|the|meet|with|hey)(?=.{4})", "", hk)
        if len(ok) >= 3 and (hk.startswith(ok) or bare.startswith(ok) or (len(hk) >= 4 and ok.startswith(hk))):
            return True
        initials = "".join(w[0] for w in other.surface.lower().split() if w[:1].isalnum())
        return len(initials) >= 3 and hk.startswith(initials)
    sw, lw = short.surface.lower().split(), long_.surface.lower().split()
    if len(short.key) >= 3 and lw[: len(sw)] == sw and not all(is_common(w) for w in sw):
        return True
    return len(short.key) >= 4 and long_.key.startswith(short.key) and not is_common(short.surface.lower())


def _score(group: list[_Cand]) -> int:
    best: dict[str, int] = {}
    for c in group:
        for s, w in c.sources.items():
            best[s] = max(best.get(s, 0), w)
    score = sum(best.values())
    if any(c.legal for c in group):
        score += 1
    if all(c.ordinary and not c.legal for c in group) and not any(c.host for c in group) and "copyright line" not in best:
        score -= 1 + max(0, best.get("repeated on slides", 0) - 1)  # ordinary words need one more place to be a name  # ordinary words ("Rights by Design") need one more place to be a name
    return score


def _choose(groups: list[list[_Cand]]) -> list[list[_Cand]]:
    """The best group when it scores 3 or more, and the others that score 4 or more (a product beside its
    maker). When none reaches 3, the best group that scores 2 from one place that counts 2 (the cover's name
    line, a web address on the cover or the closing slides, the metadata), or from a web address and a written
    name that agree; never ordinary words alone."""
    chosen = [g for i, g in enumerate(groups) if _score(g) >= (3 if i == 0 else 4)][:4]
    if chosen or not groups:
        return chosen
    for g in groups:
        if _score(g) < 2:
            break
        best = {s: max(c.sources.get(s, 0) for c in g) for c in g for s in c.sources}
        places = {s for s, w in best.items() if w >= 2 or s != "cover"}  # a mere mention on the cover is no place
        agree = len(places) >= 2  # two places: a web address and a written name, the title and the slides
        one = any(best.get(s, 0) >= 2 for s in ("web address", "metadata"))
        # the cover's name line alone: only when it reads as a name (one word, a legal form, "Labs", "Council"),
        # not a topic ("CLINICAL ALARM FATIGUE")
        one = one or any(c.sources.get("cover", 0) >= 2 and _name_like(c) for c in g)
        # a footer that is a name as written ("Pellucid Labs", not a shouted "TOKEN" or part of a tagline)
        one = one or any(c.whole and c.sources.get("footer", 0) >= 2 and not c.surface.isupper() for c in g)
        if (agree or one) and not all(c.ordinary and not c.legal for c in g):
            return [g]
    return []


def _name_like(c: _Cand) -> bool:
    """A cover's name line that reads as a name: a legal form or an organisation word ("Labs", "Council"), a
    word or two written as a name ("Kestrel", "Baltic Ferries"); not a shouted topic ("CLINICAL ALARM
    FATIGUE") nor a code ("Q2")."""
    if c.legal or _ORG_WORD.search(c.surface):
        return True
    words = c.surface.split()
    if any(ch.isdigit() for ch in c.surface) or c.ordinary:
        return False
    return len(words) == 1 or (len(words) <= 3 and not c.surface.isupper())


def _representative(group: list[_Cand]) -> _Cand:
    def rank(c: _Cand):
        return (not c.host, max(c.sources.values()), sum(c.sources.values()), not c.ordinary,
                not c.surface.isupper(), -abs(len(c.surface) - 12))

    return max(group, key=rank)


def _may_have_domain(text: str) -> bool:
    """Every _DOMAIN match holds one of these; the scan itself is slow on long text (most has none)."""
    return "@" in text or "://" in text or "www." in text.lower()


def _seller_evidence(name: str, text: str, domains: list[str]) -> bool:
    """A repeated name is the seller's only when the deck says so: its web domain, a legal form or a
    copyright line, or a phrase only a seller uses of itself ("about X", "why X", "X at a glance")."""
    return _evidence_in(name, text.lower().splitlines(), domains)


def _evidence_in(name: str, low_lines: list[str], domains: list[str]) -> bool:
    """:func:`_seller_evidence` on the deck's lines already lower-cased (done once per deck, not per name)."""
    compact = _compact(name)
    if len(compact) >= 4 and any(compact in d or (len(d) >= 4 and d in compact) for d in domains):
        return True
    low = name.lower()
    text = "\n".join(line for line in low_lines if low in line)  # only lines that name it
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
                for key, cand in _proper_keys(m.group(1)):
                    seen.add(key)
                    surface.setdefault(key, cand)
        df.update(seen)
    ranked = [(c, k) for k, c in df.items() if c >= need]
    ranked.sort(key=lambda ck: (-ck[0], len(ck[1]), ck[1]))  # most slides first; the shorter (the stem) on ties
    out: list[str] = []
    taken: set[str] = set()  # the names kept, lower case
    prefixes: set[str] = set()  # every word-prefix of a name kept ("northwind" of "northwind plan")
    for _, key in ranked:
        words = key.split(" ")
        heads = [" ".join(words[:i]) for i in range(1, len(words) + 1)]
        if key in prefixes or any(h in taken for h in heads):
            continue  # "Northwind" and "Northwind Plan" are one name; "AI" and "HD Pulse AI" are not
        out.append(surface[key])
        taken.add(key)
        prefixes.update(heads)
        if len(out) >= limit:
            break
    return out


@lru_cache(maxsize=8192)
def _proper_keys(seq: str) -> tuple[tuple[str, str], ...]:
    """What one capitalised sequence counts as in repeated_proper_nouns: (key, name as written) for the name
    and for its brand stem; worked out once per distinct sequence (names come back on every slide)."""
    cand = _strip_leading(_clean(seq))
    key = cand.lower()
    words = key.split()
    if not words or len(key) < 3 or not any(c.isalpha() for c in key):
        return ()
    out = []
    # One ordinary word is never a name; several capitalised ones may be ("Allied Services"):
    # _seller_evidence decides for those.
    ordinary = all(is_common(w) for w in words)
    if not (ordinary and (len(words) == 1 or cand.isupper())):  # not "Agenda", not "COMPANY PROFILE"
        out.append((key, cand))
    # The brand stem of product names ("Northwind" in "Northwind Plan", "Northwind Schedule").
    stem = cand.split()[0]
    if len(words) > 1 and len(stem) >= 4 and not is_common(stem.lower()):
        out.append((stem.lower(), stem))
    return tuple(out)


@lru_cache(maxsize=256)
def _names_pattern(seller: tuple[str, ...], customer: tuple[str, ...]) -> re.Pattern | None:
    alts = sorted(set(seller) | set(customer), key=len, reverse=True)
    if not alts:
        return None
    body = "|".join(re.escape(a) for a in alts)
    # Not a piece of a web address or a handle (docs.konghq.com, sales@acme.com, x.com/acme, @acme): a link
    # is not the slide naming anyone. A name written as one is ("Childprotect.com participants"), and so is a
    # full stop run into the next sentence ("freight.Allied Services").
    lower = rf"(?=(?-i:[a-z0-9]))(?:{body})(?:['’]s)?(?![\w@/]|(?-i:\.[a-z]{{2}}))"
    upper = rf"(?=(?-i:[^a-z0-9]))(?:{body})(?:['’]s)?(?![\w@/])"
    return re.compile(rf"(?<![\w@/])(?<!www\.)(?:{lower}|{upper})", re.I)


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
