"""The classifier: slide -> about-us | about-customer | neutral, a score in [-1, 1] and the evidence.

It knows nothing of files: it takes a Deck (or SlideInputs from a labels file) and the Names of the
seller and the customer. The shipped model is deckaudit/classify/data/model.json (trained by
``deckaudit train``); rules.json is the hand-weighted first version, kept as a baseline.
"""

from __future__ import annotations

from functools import lru_cache

from deckaudit.classify.families import featurize, featurize_deck
from deckaudit.classify.features import Lexicon, SlideInput
from deckaudit.classify.model import LinearModel
from deckaudit.classify.names import Names
from deckaudit.classify.resources import data_json
from deckaudit.errors import SlideStatus
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
        """One verdict per slide of the deck, in order. Slides that cannot be read are not guessed."""
        n = len(deck.slides)
        inputs = [SlideInput.from_slide(s, n, notes) for s in deck.slides]
        feats = featurize_deck(inputs, names, self.lexicon)
        out = []
        for slide, f in zip(deck.slides, feats):
            fixed = _unreadable(slide)
            out.append(fixed if fixed is not None else self.model.verdict(f))
        return out

    def classify_input(self, si: SlideInput, names: Names) -> SlideVerdict:
        return self.model.verdict(featurize(si, names, self.lexicon))


def _unreadable(slide) -> SlideVerdict | None:
    """Slides with nothing to read are neutral by definition; say so instead of guessing."""
    if slide.status is SlideStatus.EMPTY:
        return SlideVerdict(Tag.NEUTRAL, 0.0, 1.0, {}, [Evidence("empty slide", 1.0, "structure", Tag.NEUTRAL.value)])
    if slide.status is SlideStatus.NO_TEXT_LAYER:
        why = f"no text layer ({slide.pictures} picture{'s' if slide.pictures != 1 else ''}, no characters): not read, not counted"
        return SlideVerdict(Tag.NEUTRAL, 0.0, 0.0, {}, [Evidence(why, 0.0, "layout", Tag.NEUTRAL.value, "no_text_layer")],
                            low_confidence=True, unclassified="no-text-layer")
    return None


@lru_cache(maxsize=8)
def load_classifier(model_path: str | None = None) -> Classifier:
    """The shipped model, the rule-based first version (``"rules"``), or a model.json from ``deckaudit train``."""
    if model_path is None:
        return Classifier(LinearModel.from_dict(data_json(SHIPPED), SHIPPED))
    if model_path == "rules":
        return Classifier(LinearModel.from_dict(data_json(RULES), RULES))
    return Classifier(LinearModel.load(str(model_path)))
