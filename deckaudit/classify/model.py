"""A linear model stored as JSON: pure-Python inference, and an exact explanation of every verdict.

Format ``deckaudit.model/2``::

    {"format": "deckaudit.model/1", "name": ..., "version": ..., "kind": "rules" | "trained",
     "classes": ["about-us", "about-customer", "neutral"], "intercept": [3 floats],
     "dense":  {feature: {"w": [3 floats], "scale": s}},       # value / scale * w; feature = "family.name"
     "sparse": {ngram: [3 floats]},                             # value * w
     "temperature": T,                                          # probabilities = softmax(logits / T)
     "lexicon_version": ..., "training": {summary of the data and the cross-validated scores}}

Logits are sums of per-feature contributions, so each verdict breaks down exactly into the features
that drove it; those become the evidence, worded for a seller.
"""

from __future__ import annotations

import heapq
import json
import math
from dataclasses import dataclass

from deckaudit.classify.families import SIGNED, Featurized, family_of, showable_gram
from deckaudit.errors import DeckError, FileStatus
from deckaudit.verdict import Evidence, SlideVerdict, Tag

FORMAT = "deckaudit.model/2"  # /2: features named family.name (classify/families.py)
CLASSES = (Tag.US.value, Tag.CUSTOMER.value, Tag.NEUTRAL.value)


@dataclass
class LinearModel:
    meta: dict
    intercept: list[float]
    dense: dict[str, tuple[float, tuple[float, float, float]]]  # feature -> (1/scale, weights)
    sparse: dict[str, tuple[float, float, float]]
    temperature: float = 1.0  # calibration: probabilities = softmax(logits / temperature), fitted by CV

    @classmethod
    def from_dict(cls, data: dict, source: str = "model") -> "LinearModel":
        try:
            if data.get("format") != FORMAT:
                raise ValueError(f"format is {data.get('format')!r}, expected {FORMAT!r}")
            if list(data["classes"]) != list(CLASSES):
                raise ValueError(f"classes must be {list(CLASSES)}")
            intercept = [float(x) for x in data["intercept"]]
            dense = {}
            for name, spec in data.get("dense", {}).items():
                scale = float(spec.get("scale", 1.0)) or 1.0
                dense[name] = (1.0 / scale, tuple(float(x) for x in spec["w"]))
            sparse = {k: tuple(float(x) for x in v) for k, v in data.get("sparse", {}).items()}
            if len(intercept) != 3 or any(len(w) != 3 for _, w in dense.values()) or any(len(w) != 3 for w in sparse.values()):
                raise ValueError("every weight vector needs 3 values")
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise DeckError(FileStatus.CORRUPT, f"not a deckaudit model: {exc}", source) from None
        meta = {k: v for k, v in data.items() if k not in ("dense", "sparse", "intercept")}
        try:
            temperature = float(data.get("temperature", 1.0))
        except (TypeError, ValueError):
            temperature = 0.0
        if not temperature > 0:
            raise DeckError(FileStatus.CORRUPT, "not a deckaudit model: temperature must be a positive number", source)
        return cls(meta, intercept, dense, sparse, temperature)

    @classmethod
    def load(cls, path: str) -> "LinearModel":
        try:
            with open(path, encoding="utf-8") as fh:
                data = json.load(fh)
        except FileNotFoundError:
            raise DeckError(FileStatus.NOT_FOUND, "model file not found", path) from None
        except (OSError, ValueError) as exc:
            raise DeckError(FileStatus.CORRUPT, f"cannot read model: {exc}", path) from None
        if not isinstance(data, dict):
            raise DeckError(FileStatus.CORRUPT, "not a deckaudit model", path)
        return cls.from_dict(data, path)

    @property
    def info(self) -> dict:
        m = self.meta
        return {"name": m.get("name", ""), "version": m.get("version", ""), "kind": m.get("kind", ""),
                "lexicon_version": m.get("lexicon_version", ""), "trained_on": m.get("training", {}).get("summary", "")}

    def predict(self, f: Featurized) -> tuple[list[float], dict]:
        """Class probabilities and every feature's contribution to the three logits."""
        logits, dense, sparse = self._score(f)
        contrib = dict(dense)
        contrib.update(("~" + name, (v * w[0], v * w[1], v * w[2])) for name, v, w in sparse)
        return _softmax(logits, self.temperature), contrib

    def _score(self, f: Featurized):
        """The logits, the dense features' contributions and the known n-grams as (name, value, weights)
        (dense features first, each group in the featurizer's order). An n-gram's contribution is
        value * weights; it is worked out only for the few the evidence needs."""
        l0, l1, l2 = self.intercept
        dense: dict[str, tuple[float, float, float]] = {}
        specs = self.dense
        for name, value in f.dense.items():
            spec = specs.get(name)
            if spec is not None and value:
                k = value * spec[0]
                w = spec[1]
                c = (k * w[0], k * w[1], k * w[2])
                dense[name] = c
                l0 += c[0]
                l1 += c[1]
                l2 += c[2]
        get = self.sparse.get
        sparse = [(name, v, w) for name, v in f.sparse.items() if (w := get(name)) is not None]
        for _, v, w in sparse:
            l0 += v * w[0]
            l1 += v * w[1]
            l2 += v * w[2]
        return [l0, l1, l2], dense, sparse

    def verdict(self, f: Featurized, *, max_evidence: int = 5) -> SlideVerdict:
        logits, dense, sparse = self._score(f)
        probs = _softmax(logits, self.temperature)
        order = sorted(range(3), key=lambda i: -probs[i])
        win, runner = order[0], order[1]
        tag = Tag(CLASSES[win])
        score = probs[1] - probs[0]
        evidence = _explain(f, dense, sparse, win, runner, max_evidence)
        margin = probs[win] - probs[runner]
        return SlideVerdict(
            tag=tag,
            score=max(-1.0, min(1.0, score)),
            confidence=probs[win],
            probabilities={CLASSES[i]: round(probs[i], 4) for i in range(3)},
            evidence=evidence,
            low_confidence=margin < 0.2,
        )


def _softmax(logits: list[float], temperature: float = 1.0) -> list[float]:
    top = max(logits)
    exps = [math.exp((x - top) / temperature) for x in logits]
    total = sum(exps)
    return [e / total for e in exps]


def _evidence_key(name: str) -> str:
    """Which evidence item a feature joins: a merged family is one item; a headline topic joins the
    same topic in the body ("company facts" once, not twice)."""
    fam = family_of(name)
    if fam is None:
        return name
    if fam.merge:
        return fam.name
    if fam.name == "headline":
        return "topic." + name.partition(".")[2]
    return name


_KEYS: dict[str, str] = {}
WORDS = "words"  # the evidence item made of the n-grams


def _explain(f: Featurized, dense: dict, sparse: list, win: int, runner: int, k: int) -> list[Evidence]:
    """The features that pushed the winner over the runner-up (at most k, strongest first) and the
    strongest one against, each as structured Evidence quoting what the slide says."""
    merged: dict[str, float] = {}
    members: dict[str, list[str]] = {}
    for name, c in dense.items():
        key = _KEYS.get(name)
        if key is None:
            key = _KEYS[name] = _evidence_key(name)
        merged[key] = merged.get(key, 0.0) + (c[win] - c[runner])
        members.setdefault(key, []).append(name)
    deltas = [(v * w[win] - v * w[runner], name) for name, v, w in sparse]
    words_total = 0.0
    for d, _ in deltas:
        words_total += d
    pro_words = [(d, shown) for d, name in deltas if d > 0.05 and (shown := showable_gram(name)) is not None]
    con_words = [(d, shown) for d, name in deltas if d < -0.05 and (shown := showable_gram(name)) is not None]
    items = [kv for kv in merged.items() if members.get(kv[0])]
    if pro_words and words_total > 0.05:
        items.append((WORDS, words_total))
    elif con_words and words_total < -0.25:
        items.append((WORDS, words_total))
    # A cue is shown only for the side it stands for ("you/your" never as a reason for about-us), and facts
    # about the slide's form (its length, its place in the deck) only after what the slide says.
    items = [kv for kv in items if _agrees(kv, win if kv[1] > 0 else runner, members, f.dense)]
    pro = heapq.nlargest(k, [kv for kv in items if kv[1] > 0.05], key=_content_first)
    against = [kv for kv in items if kv[1] < -0.25]
    con = [min(against, key=_delta)] if against else []
    out = []
    for (key, delta), toward in [(kv, win) for kv in pro] + [(kv, runner) for kv in con]:
        if key == WORDS:
            grams = pro_words if toward == win else con_words
            grams = sorted(grams, key=lambda x: -abs(x[0]))
            phrases = tuple(dict.fromkeys(g for _, g in grams))[:4]
            if not phrases:
                continue
            ev = Evidence("words: " + ", ".join(f"'{p}'" for p in phrases), abs(round(delta, 3)), "phrase",
                          CLASSES[toward], WORDS, phrases, "words on the slide")
        else:
            ev = evidence_for(key, members[key], f, abs(round(delta, 3)), CLASSES[toward])
            if ev is None:
                continue
        out.append(ev)
    return out


_FORM = ("length", "position")  # families that describe the slide's form, not what it says


def _content_first(kv: tuple[str, float]) -> tuple[bool, float]:
    return (kv[0].partition(".")[0] not in _FORM, kv[1])


def _agrees(kv: tuple[str, float], toward: int, members: dict, values: dict) -> bool:
    """Does the evidence item push toward the side its cue stands for (or has the cue no side)?"""
    key = kv[0]
    if key == WORDS:
        return True
    feature = members[key][0]
    side = _side_of(feature)
    if feature in SIGNED and values.get(feature, 0.0) < 0:
        side = SIGNED[feature]  # "more we/our than you/your" stands for us; more you/your for the customer
    return side is None or side == CLASSES[toward]


_SIDE_CACHE: dict[str, str | None] = {}


def _side_of(feature: str) -> str | None:
    """The side a feature's cue stands for (its family's ``side_of``), looked up once per feature name."""
    try:
        return _SIDE_CACHE[feature]
    except KeyError:
        fam = family_of(feature)
        side = _SIDE_CACHE[feature] = fam.side_of(feature) if fam is not None else None
        return side


def evidence_for(key: str, names: list[str], f: Featurized, weight: float, toward: str) -> Evidence | None:
    """One Evidence item from a feature (or a merged family's features): its family says how it reads."""
    fam = family_of(names[0])
    if fam is None:
        return None
    phrases: list[str] = []
    for n in names:
        phrases += f.seen.get(n, ())
    phrases = list(dict.fromkeys(phrases))
    if not phrases:
        return None
    if fam.merge:  # one item for the family, named by its one feature or else by the family
        feature = names[0] if len(names) == 1 else key
        text, label = fam.describe(key, tuple(phrases)), fam.label
    else:  # a cue in the headline and the body: worded from the body's feature
        first = _body_first(names)
        feature, text, label = names[0], fam.describe(first, tuple(phrases)), fam.label_for(first)
    return Evidence(text, weight, fam.group, toward, feature, tuple(phrases), label)


def _body_first(names: list[str]) -> str:
    return next((n for n in names if not n.startswith("headline.")), names[0])


def _delta(kv: tuple[str, float]) -> float:
    return kv[1]
