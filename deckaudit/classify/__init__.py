"""The classifier: slide -> about-us | about-customer | neutral, a score in [-1, 1] and the evidence.

It knows nothing of files: it takes a Deck (or SlideInputs from a labels file) and the Names of the
seller and the customer. The shipped model is deckaudit/classify/data/model.json (trained by
``deckaudit train``); rules.json is the hand-weighted first version, kept as a baseline.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from deckaudit.classify.families import featurize, featurize_deck
from deckaudit.classify.features import Lexicon, SlideInput
from deckaudit.classify.language import SUPPORTED, detect_language, may_be_foreign
from deckaudit.classify.model import LinearModel
from deckaudit.classify.names import Names
from deckaudit.classify.resources import data_json
from deckaudit.verdict import Evidence, SlideVerdict, Tag

__all__ = ["Classifier", "Names", "SlideInput", "load_classifier"]

SHIPPED = "model.json"
RULES = "rules.json"


class Classifier:
    def __init__(self, model: LinearModel, lexicon: Lexicon | None = None):
        self.model = model
        self.lexicon = lexicon or Lexicon.default()

    @property
    def info(self) -> dict:
        return self.model.info

    def classify(self, deck, names: Names, *, notes: bool = True) -> list[SlideVerdict]:
        """One verdict per slide of the deck, in order. Slides that cannot be read are not guessed.

        The paragraphs of a text, Markdown or email ``Deck`` (format "text") are not slides: the first is no
        cover and the last no closing slide, so each is placed on its own (no position in a deck); the
        paragraphs around it still count as its neighbours."""
        n = len(deck.slides)
        inputs = [SlideInput.from_slide(s, n, notes) for s in deck.slides]
        if getattr(deck, "format", "") == "text":
            inputs = [replace(si, of=1, index=1) for si in inputs]
        return self.classify_inputs(inputs, names)

    def classify_inputs(self, inputs: list[SlideInput], names: Names) -> list[SlideVerdict]:
        """Verdicts for the slides of one deck in presentation order (neighbours matter). A slide with no
        text layer, or in a language the rules do not read, is listed as not classified, never guessed."""
        feats = featurize_deck(inputs, names, self.lexicon)
        return [_unclassified(si, f) or _empty(si) or self.model.verdict(f) for si, f in zip(inputs, feats)]

    def classify_input(self, si: SlideInput, names: Names) -> SlideVerdict:
        """One slide on its own, without its neighbours (prefer classify_inputs for whole decks)."""
        f = featurize(si, names, self.lexicon)
        return _unclassified(si, f) or self.model.verdict(f)


def _empty(si: SlideInput) -> SlideVerdict | None:
    """An empty slide (no words, no picture) is neutral by the labeling guide: said, not guessed."""
    if si.title.strip() or si.text.strip() or si.pictures or si.alt_texts:
        return None
    return SlideVerdict(Tag.NEUTRAL, 0.0, 1.0, {Tag.US.value: 0.0, Tag.CUSTOMER.value: 0.0, Tag.NEUTRAL.value: 1.0},
                        [Evidence("empty slide", 1.0, "structure", Tag.NEUTRAL.value, "empty", ("empty slide",), "structure")])


def _unclassified(si: SlideInput, f=None, precheck: bool = True) -> SlideVerdict | None:
    """A verdict for a slide the classifier must not guess: no text layer, or not in English. With its
    ``precheck`` (the default), the language is looked up only where it can be other than English: text whose
    letters are all ASCII letters (curly quotes, bullets and dashes are not letters) has no other script and
    no letter of another alphabet, so detect_language weighs only function words there, and gives another
    language only to text holding two or more of its function words — counted from the slide's features
    ``f`` when given (``Featurized.foreign_words``, an upper bound), else by ``language.may_be_foreign``
    (tests/test_features_fast.py holds both to detect_language itself)."""
    if si.unreadable == "no-text-layer":
        why = f"no text layer ({si.pictures} picture{'s' if si.pictures != 1 else ''}, no characters): not read, not counted"
        return _not_read("no-text-layer", why, "layout", "no_text_layer", "no text layer", "unreadable page")
    if si.unreadable == "unreadable":
        return _not_read("unreadable", "the slide's part of the file is broken: not read, not counted", "structure",
                         "unreadable", "broken slide", "unreadable slide")
    text = f"{si.title}\n{si.text}"
    if precheck and _latin_ascii(text) and ((f is not None and 0 <= f.foreign_words < 2) or not may_be_foreign(text)):
        return None
    lang, _ = detect_language(text)
    if lang and lang not in SUPPORTED:
        return _not_read(f"language:{lang}", f"language not supported yet: {lang}", "structure", "language", lang,
                         "language")
    return None


def _not_read(unclassified: str, why: str, group: str, feature: str, phrase: str, label: str) -> SlideVerdict:
    """The verdict of a slide that was not classified: neutral as a placeholder, no probabilities, never counted;
    ``why`` and its one piece of evidence say what kept it from being read."""
    return SlideVerdict(Tag.NEUTRAL, 0.0, 0.0, {}, [Evidence(why, 0.0, group, Tag.NEUTRAL.value, feature, (phrase,), label)],
                        low_confidence=True, unclassified=unclassified)


# A letter outside ASCII: a word character that is not an ASCII letter, a digit or "_" ("²" and "½" match too,
# which only costs a language check).
_NON_ASCII_LETTER = re.compile(r"[^\W\d_a-zA-Z]")


def _latin_ascii(text: str) -> bool:
    """Are all the letters of the text ASCII letters?"""
    return text.isascii() or _NON_ASCII_LETTER.search(text) is None


@lru_cache(maxsize=8)
def load_classifier(model_path: str | None = None) -> Classifier:
    """The shipped model, the rule-based first version (``"rules"``), or a model.json from ``deckaudit train``."""
    if model_path is None:
        return Classifier(LinearModel.from_dict(data_json(SHIPPED), SHIPPED))
    if model_path == "rules":
        return Classifier(LinearModel.from_dict(data_json(RULES), RULES))
    return Classifier(LinearModel.load(str(model_path)))
