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
    """One reason behind a verdict, in words a seller understands.

    ``weight`` is signed on the score axis: below zero pushes toward about-us, above zero toward
    about-customer; for neutral cues it is the push toward neutral (always reported as positive).
    """

    text: str  # "our ×5", "Magic Quadrant", "12 pictures, 4 words, alt text 'logo'"
    weight: float
    kind: str  # "pronoun" | "name" | "topic" | "structure" | "layout" | "phrase" | "notes"
    toward: str = ""  # the tag this evidence pushes toward

    def to_dict(self) -> dict:
        return {"text": self.text, "weight": round(self.weight, 3), "kind": self.kind, "toward": self.toward}


@dataclass(slots=True)
class SlideVerdict:
    tag: Tag
    score: float  # -1 wholly about the seller .. +1 wholly about the customer
    confidence: float = 1.0  # probability of the chosen tag
    probabilities: dict[str, float] = field(default_factory=dict)
    evidence: list[Evidence] = field(default_factory=list)
    low_confidence: bool = False
