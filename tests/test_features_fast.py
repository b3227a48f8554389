"""The classifier's fast paths give exactly what the plain versions give.

featurize skips work most slides do not need (a non-ASCII pass on ASCII text, a contact or web-address
scan when no hint of one is there, lexicon lookups at tokens no cue starts with, trying every sentence
start). Each shortcut is checked here against the straightforward version, on random text built from
the words and marks the patterns care about.
"""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from deckaudit.classify import families as FAM
from deckaudit.classify import features as F
from deckaudit.classify.features import Lexicon, normalise, tokenize

PIECES = ["our", "your", "you", "we", "the", "platform", "delivers", "can", "cut", "customers", "face", "include",
          "tel", "e", "m", "phone", "email", "mobile", "fax", ":", ".", "!", "•", " - ", "-", "@", "acme.com", "www.",
          "https://x.io/a", "+44", "20", "7946", "0958", "(020)", "2024", "30%", "$5m", "٣٤", "\n", " ", "  ", "\t",
          "__seller__", "__customer__", "’s", "café", "™", "®", "\u00ad", "Ｆｕｌｌ", "\u00a0", "?", "growth", "challenges"]
TEXT = st.lists(st.sampled_from(PIECES), max_size=40).map(" ".join) | st.text(max_size=80)
RAW_TEXT = st.lists(st.sampled_from(PIECES), max_size=40).map("".join) | TEXT


_MARKS = str.maketrans({"\u00ad": None, "\ufffe": None, "®": None, "™": None, "℠": None})
_SPACES = re.compile(r"[ \t\u00a0]+")


def _normalise_plain(text: str) -> str:
    text = unicodedata.normalize("NFKC", text.translate(_MARKS))
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return _SPACES.sub(" ", text).lower()


# The tokenizer's regex as first written (the shipped one lists the same alternatives, words first).
_TOKEN_PLAIN = re.compile(r"__seller__|__customer__|[^\W\d_](?:[\w'&+-]*[^\W_+]|[\w'&+-]*\+)?|\d[\d.,]*\s?%|\d[\d.,]*[kmb]?\b|[$€£¥]|\?")


def _tokenize_plain(text: str) -> list[str]:
    out = []
    for tok in _TOKEN_PLAIN.findall(text):
        c = tok[0]
        if c.isdigit():
            tok = "<pct>" if tok.endswith("%") else ("<year>" if len(tok) == 4 and tok[:2] in ("19", "20") else "<num>")
        elif c in "$€£¥":
            tok = "<money>"
        out.append(tok)
    return out


@settings(max_examples=400, deadline=None)
@given(RAW_TEXT)
def test_normalise_and_tokenize_match_the_plain_versions(text):
    assert normalise(text) == _normalise_plain(text)
    assert tokenize(normalise(text)) == _tokenize_plain(_normalise_plain(text))


@settings(max_examples=400, deadline=None)
@given(RAW_TEXT)
def test_contact_and_url_hints_never_miss_a_match(text):
    if F._CONTACT.search(text):
        assert F._may_have_contact(text)
    if F._URL.search(text):
        assert F._may_have_url(text)


@settings(max_examples=400, deadline=None)
@given(RAW_TEXT)
def test_subject_patterns_count_the_same_sentence_starts(text):
    text = normalise(text)
    starts = [m.end() for m in F._SENTENCE_START.finditer(text)]
    for pat in F.SUBJECT_PATTERNS.values():
        assert len(F.matches_at_starts(pat, text)) == sum(1 for pos in starts if pat.match(text, pos))


def _match_plain(lex: Lexicon, tokens: list[str]) -> dict[str, list[str]]:
    """The lexicon matcher as first written: every position, every candidate, longest wins."""
    found: dict[str, list[str]] = {}
    i, n = 0, len(tokens)
    while i < n:
        tok = tokens[i]
        cands = lex._two.get((tok, tokens[i + 1]), ()) if i + 1 < n else ()
        best = None
        for group in (cands, lex._wild(tok), lex._one.get(tok, ())):
            for toks, gname, phrase in group:
                k = len(toks)
                if k > n - i or (best is not None and k <= len(best[0])):
                    continue
                if all(F._tok_match(toks[j], tokens[i + j]) for j in range(1, k)):
                    best = (toks, gname, phrase)
        if best:
            found.setdefault(best[1], []).append(" ".join(tokens[i : i + len(best[0])]))
            i += len(best[0])
        else:
            i += 1
    return found


_LEX = Lexicon.default()
_CUE_WORDS = sorted({w.rstrip("*") + ("ing" if w.endswith("*") else "") for g in _LEX.groups.values()
                     for cue in g["cues"] for w in normalise(cue).split()})


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_CUE_WORDS + ["the", "and", "x", "?"]), max_size=30))
def test_lexicon_match_equals_the_plain_matcher(tokens):
    assert _LEX.match(tokens) == _match_plain(_LEX, tokens)


def test_number_tokens_include_other_scripts_digits():
    assert tokenize("saved 30% in 2024, $5m and ٣٤ units?") == [
        "saved", "<pct>", "in", "<year>", "<money>", "<num>", "and", "<num>", "units", "?"]


def test_sentence_start_rules():
    text = "one. two - three\n  four!five •  six"
    starts = {m.end() for m in F._SENTENCE_START.finditer(text)}
    assert {i for i in range(len(text) + 1) if F._sentence_start(text, i)} >= starts
    assert all(F._sentence_start(text, i) for i in starts)
    assert not F._sentence_start(text, text.index("five"))  # "!" needs a space after it
    assert re.search("four", text) and F._sentence_start(text, text.index("four"))


# --- seller-name detection (classify/names.py) ------------------------------------------------------------

from deckaudit.classify import names as N  # noqa: E402


def _seller_evidence_plain(name: str, text: str) -> bool:
    low = name.lower()
    text = "\n".join(line for line in text.splitlines() if low in line.lower())
    n = re.escape(name)
    pattern = (
        rf"(?:©|\(c\)|copyright)\s*(?:\d{{4}}\s*)?{n}|{n}(?:[ \t]+[\w&.-]+){{0,3}},?[ \t]+(?:inc|ltd|llc|gmbh|ag|plc|corp|limited|pty|s\.a|b\.v|oy|ab)\b\.?|"
        rf"\b(?:about|why|welcome to)\s+{n}\b|{n}\s+(?:at a glance|in numbers|helps|offers|"
        rf"provides|delivers|team|solutions?|platform|advantage|difference|way|approach|services)\b|{n}['’]s\s+(?:team|mission|vision|history|offices)"
    )
    return re.search(pattern, text, re.I) is not None


NAME_PIECES = ["Acme", "ACME", "acme", "Acme Labs", "©", "(c)", "Copyright", "2024", "Inc.", "GmbH", "Ltd", "about",
               "About", "Why", "welcome to", "at a glance", "helps", "team", "’s", "'s", "mission", "Solutions", ",",
               " ", "\n", "\t", "the", "way", "www.acme.com", "sales@acme.io", "https://acme.ai"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(NAME_PIECES), max_size=25).map(lambda p: " ".join(p)),
       st.sampled_from(["Acme", "Acme Labs", "ACME"]))
def test_seller_evidence_matches_the_plain_version(text, name):
    assert N._seller_evidence(name, text, []) == _seller_evidence_plain(name, text)
    if N._DOMAIN.search(text):
        assert N._may_have_domain(text)


PATTERN_TEXT = st.lists(st.sampled_from(
    ["our", "the", "many", "customers", "clients", "gyms", "farmers", "megabanks", "people", "teams", "staff",
     "face", "faces", "need", "needed", "want", "tell", "us", "told", "deal", "with", "are", "under", "understand",
     "can't", "do", "not", "don't", "include", "such", "as", "like", "trusted", "by", "join", "12,000", "happy",
     "users", "experience", "our", "__seller__", "they", ".", "\n", "  ", "-", "'", "x"]), max_size=30)


@settings(max_examples=600, deadline=None)
@given(PATTERN_TEXT, st.sampled_from([" ", "", "\n", "  "]))
def test_pattern_triggers_and_gates_never_skip_a_match(words, sep):
    text = sep.join(words)
    for pname, pat in F.PATTERNS.items():
        assert (pname in F.PATTERN_GATES) != (pname in F.PATTERN_TRIGGERS), pname  # one condition each
        if pat.search(text):
            gate = F.PATTERN_GATES.get(pname)
            assert gate.search(text) if gate else any(t in text for t in F.PATTERN_TRIGGERS[pname]), (pname, text)


@settings(max_examples=1500, deadline=None)
@given(PATTERN_TEXT, st.lists(st.sampled_from([" ", "", "\n", "  ", " . ", "\t", "-"]), min_size=1, max_size=4))
def test_world_matches_equal_a_scan_of_the_whole_text(words, seps):
    text = "".join(w + seps[i % len(seps)] for i, w in enumerate(words))
    assert F.world_matches(text) == [m.group(0) for m in F.PATTERNS["their_world"].finditer(text)]


def test_world_matches_on_long_runs_and_far_verbs():
    pat = F.PATTERNS["their_world"]
    for text in ["x" * 300 + "customers face " * 3, "our customers" + " " * 250 + "face it", "managers " * 40 + "face",
                 "gyms face " + "y" * 500 + " hospitals need", "these " + "z" * 190 + "ers need more", "staff do not"]:
        assert F.world_matches(text) == [m.group(0) for m in pat.finditer(text)], text


def _unclassified_plain(si):
    from deckaudit.classify import _unclassified

    return _unclassified(si, precheck=False)  # the language is always looked up


LANG_TEXT = st.lists(st.sampled_from(
    ["the", "and", "our", "und", "der", "die", "och", "att", "för", "på", "für", "ist", "Lösungen", "é", "–", "•",
     "“quoted”", "’", "café", "de", "la", "los", "van", "het", "platform", "AI", "IT", "Ü", "½", "x²", "ñ", "año",
     "Москва", "東京", "de-facto", "co-op", "\n", ".", "2024", "De La Rue", "und Co", "Los Angeles", "r&d",
     "b2b", "l'homme", "l’équipe", "c'est", "des", "et"]), max_size=40).map(" ".join)


@settings(max_examples=600, deadline=None)
@given(LANG_TEXT, LANG_TEXT)
def test_language_precheck_never_skips_a_flag(title, text):
    from deckaudit.classify import _unclassified
    from deckaudit.classify.features import SlideInput

    from deckaudit.classify.families import featurize
    from deckaudit.classify.names import Names

    for si in (SlideInput(title=title, text=text), SlideInput(title=title, text=f"{title}\n{text}")):
        plain = _unclassified_plain(si)
        for names in (Names(), Names(seller={"de la rue", "und co"}, customer={"los angeles"})):
            for fast in (_unclassified(si), _unclassified(si, featurize(si, names))):
                assert (fast and fast.unclassified) == (plain and plain.unclassified), (si, names)


def _roles_plain(tokens):
    out, i, n = [], 0, len(tokens)
    while i < n:
        if i + 1 < n:
            k = FAM._ROLE_PAIRS.get((tokens[i], tokens[i + 1]))
            if k and i + k <= n:
                out.append(" ".join(tokens[i:i + k]))
                i += k
                continue
        if tokens[i] in FAM._ROLE_WORDS:
            out.append(tokens[i])
        i += 1
    return out


ROLE_TOKENS = st.lists(st.sampled_from(["head", "of", "vice", "president", "managing", "partner", "ceo", "cto",
                                        "sales", "the", "director", "lead", "x"]), max_size=30)


@settings(max_examples=500, deadline=None)
@given(ROLE_TOKENS)
def test_roles_visit_only_role_starts_and_find_the_same(tokens):
    assert FAM._roles(tokens) == _roles_plain(tokens)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["we", "help", "you", "we", "?", "<num>", "grow"]), max_size=20),
       st.lists(st.sampled_from(["why", "we", "grow"]), max_size=4))
def test_ngrams_are_unigrams_bigrams_and_headline_words_in_order(tokens, title):
    from types import SimpleNamespace

    expected: list[str] = []
    for i, tok in enumerate(tokens):
        expected.append(tok)
        if i:
            expected.append(f"{tokens[i - 1]} {tok}")
    expected = list(dict.fromkeys(expected + ["t:" + t for t in title]))
    got = FAM.ngrams(SimpleNamespace(tokens=tokens, title_tokens=title))
    assert list(got) == expected
    assert all(abs(v - 1 / len(expected) ** 0.5) < 1e-12 for v in got.values())


def _repeated_plain(texts, limit=4):
    """repeated_proper_nouns as first written: every sequence worked out afresh, each name checked against
    every name kept."""
    from collections import Counter

    n = len(texts)
    need = 2 if n >= 3 else n + 1
    df, surface = Counter(), {}
    for text in texts:
        seen = set()
        for line in text.splitlines():
            for m in N._CAP_SEQ.finditer(line):
                cand = N._strip_leading(N._clean(m.group(1)))
                key = cand.lower()
                words = key.split()
                if not words or len(key) < 3 or not any(c.isalpha() for c in key):
                    continue
                ordinary = all(N.is_common(w) for w in words)
                if not (ordinary and (len(words) == 1 or cand.isupper())):
                    seen.add(key)
                    surface.setdefault(key, cand)
                stem = cand.split()[0]
                if len(words) > 1 and len(stem) >= 4 and not N.is_common(stem.lower()):
                    seen.add(stem.lower())
                    surface.setdefault(stem.lower(), stem)
        df.update(seen)
    ranked = sorted(((c, k) for k, c in df.items() if c >= need), key=lambda ck: (-ck[0], len(ck[1]), ck[1]))
    out = []
    for _, key in ranked:
        if any(f"{key} ".startswith(f"{o.lower()} ") or f"{o.lower()} ".startswith(f"{key} ") for o in out):
            continue
        out.append(surface[key])
        if len(out) >= limit:
            break
    return out


CAP_PIECES = ["Northwind", "Northwind Plan", "Northwind Schedule", "HD Pulse AI", "AI", "The Acme Group", "Acme",
              "Agenda", "COMPANY PROFILE", "Allied Services", "ALLIED", "Kestrel Labs", "Kestrel", "our", "team", "\n",
              "works with", "Globex", "Globex Foods Ltd", "Why Acme"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from(CAP_PIECES), max_size=10).map(" ".join), min_size=1, max_size=6),
       st.sampled_from([2, 4, 80]))
def test_repeated_proper_nouns_equal_the_plain_version(texts, limit):
    assert N.repeated_proper_nouns(texts, limit=limit) == _repeated_plain(texts, limit)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="abcdefghijklmnoprstuvwxyz -–", max_size=40))
def test_cite_and_bio_word_tests_equal_the_substring_tests(low):
    assert bool(N._CITE_WORDS_RE.search(low)) == any(w in low for w in N._CITE_WORDS)
    assert bool(N._BIO_WORDS_RE.search(low)) == any(w in low for w in N._BIO_WORDS)
