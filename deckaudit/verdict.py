"""What the classifier says about one slide: a tag, a score in [-1, 1] and the evidence for it."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class Tag(str, Enum):
    US = "about-us"
    CUSTOMER = "about-customer"
    NEUTRAL = "neutral"

    def __str__(self) -> str:
        return self.value


TAGS = (Tag.US, Tag.CUSTOMER, Tag.NEUTRAL)


@dataclass(slots=True)
class Evidence:
    """One reason behind a verdict, as structured fields; ``text`` is only its display wording.

    Code that decides anything (coaching, renderers choosing what to show) reads the fields, never
    ``text``:

    - ``feature``: the declared feature it comes from ("lex_company_facts", "pron_we", "layout", ...);
    - ``group``: the feature family ("topic", "pronoun", "name", "pattern", "phrase", "layout",
      "structure", "notes");
    - ``phrases``: what it quoted from the slide (words and phrases as written, a name, or a layout fact
      such as "12 pictures"), never a model token;
    - ``weight``: the push (>= 0) toward ``toward``, in logit units of the model;
    - ``toward``: the tag it pushes toward ("about-us", "about-customer", "neutral");
    - ``label``: the seller-readable name of the cue family ("company facts", "their challenges").
    """

    text: str  # display wording: "company facts: 'founded', 'headquartered'"
    weight: float
    kind: str  # = group, kept for older readers of the JSON
    toward: str = ""
    feature: str = ""
    phrases: tuple[str, ...] = ()
    label: str = ""

    @property
    def group(self) -> str:
        return self.kind

    def to_dict(self) -> dict:
        return {"text": self.text, "weight": round(self.weight, 3), "kind": self.kind, "toward": self.toward,
                "feature": self.feature, "group": self.kind, "label": self.label, "phrases": list(self.phrases)}


# evidence families that describe a slide's form, not what it says (classify/families.py)
FORM_FAMILIES = frozenset({"length", "position", "layout"})


@dataclass(slots=True)
class SlideVerdict:
    tag: Tag
    score: float  # -1 wholly about the seller .. +1 wholly about the customer
    confidence: float = 1.0  # probability of the chosen tag
    probabilities: dict[str, float] = field(default_factory=dict)
    evidence: list[Evidence] = field(default_factory=list)
    low_confidence: bool = False
    # Set when the slide was not classified at all (no text layer, a language the rules do not read):
    # such a slide is listed but never counted. "no-text-layer", "language:de", "empty".
    unclassified: str = ""

    @property
    def form_only(self) -> bool:
        """Does the call rest on the slide's form alone — its length, its place in the deck, its pictures — with
        nothing it says (no word, name, pattern or alt text) among the evidence for the chosen tag? Reports flag
        such a slide: the tag is a guess from its shape."""
        if self.unclassified:
            return False
        toward = [e for e in self.evidence if e.toward == self.tag.value]
        return bool(toward) and all(
            (e.feature or "").partition(".")[0] in FORM_FAMILIES and not any(p.startswith("alt text") for p in e.phrases)
            for e in toward)
