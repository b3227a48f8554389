"""A linear model stored as JSON: pure-Python inference, and an exact explanation of every verdict.

Format ``deckaudit.model/1``::

    {"format": "deckaudit.model/1", "name": ..., "version": ..., "kind": "rules" | "trained",
     "classes": ["about-us", "about-customer", "neutral"], "intercept": [3 floats],
     "dense":  {feature: {"w": [3 floats], "scale": s}},       # value / scale * w
     "sparse": {ngram: [3 floats]},                             # value * w
     "lexicon_version": ..., "training": {summary of the data and the cross-validated scores}}

Logits are sums of per-feature contributions, so each verdict breaks down exactly into the features
that drove it; those become the evidence, worded for a seller.
"""

from __future__ import annotations

import heapq
import json
import math
from dataclasses import dataclass

from deckaudit.classify.features import PATTERN_TEXT, Featurized
from deckaudit.classify.names import CUSTOMER_TOKEN, SELLER_TOKEN
from deckaudit.errors import DeckError, FileStatus
from deckaudit.verdict import Evidence, SlideVerdict, Tag

FORMAT = "deckaudit.model/1"
CLASSES = (Tag.US.value, Tag.CUSTOMER.value, Tag.NEUTRAL.value)
_LAYOUT = ("pics_log", "pic_area", "pic_dominant", "logo_wall", "many_pictures")
_LENGTH = ("log_words", "title_only")
_POSITION = ("pos_first", "pos_last", "pos_second", "pos_rel")


@dataclass
class LinearModel:
    meta: dict
    intercept: list[float]
    dense: dict[str, tuple[float, tuple[float, float, float]]]  # feature -> (1/scale, weights)
    sparse: dict[str, tuple[float, float, float]]

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
        return cls(meta, intercept, dense, sparse)

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
        contrib.update(("~" + name, c) for name, c in sparse)
        return _softmax(logits), contrib

    def _score(self, f: Featurized):
        """The logits, the dense features' contributions and the known n-grams' contributions (dense
        features first, each group in the featurizer's order)."""
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
        sparse = []
        weights = self.sparse
        for name, value in f.sparse.items():
            w = weights.get(name)
            if w is not None:
                c = (value * w[0], value * w[1], value * w[2])
                sparse.append((name, c))
                l0 += c[0]
                l1 += c[1]
                l2 += c[2]
        return [l0, l1, l2], dense, sparse

    def verdict(self, f: Featurized, *, max_evidence: int = 5) -> SlideVerdict:
        logits, dense, sparse = self._score(f)
        probs = _softmax(logits)
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


def _softmax(logits: list[float]) -> list[float]:
    top = max(logits)
    exps = [math.exp(x - top) for x in logits]
    total = sum(exps)
    return [e / total for e in exps]


def _evidence_key(name: str) -> str:
    if name in _LAYOUT or name.startswith("alt_"):
        return "layout"  # pictures, their area and alt text are one fact about the slide
    if name in _LENGTH or name.startswith("len_"):
        return "length"
    if name in _POSITION:
        return "position"
    return name


_KEYS: dict[str, str] = {}


def _explain(f: Featurized, dense: dict, sparse: list, win: int, runner: int, k: int) -> list[Evidence]:
    merged: dict[str, float] = {}
    for name, c in dense.items():
        key = _KEYS.get(name)
        if key is None:
            key = _KEYS[name] = _evidence_key(name)
        if key.startswith("tlex_"):  # a cue in the headline and the body is one reason, not two
            key = key[1:] if key[1:] in dense else key
        merged[key] = merged.get(key, 0.0) + (c[win] - c[runner])
    items = list(merged.items())
    items += [("~" + name, c[win] - c[runner]) for name, c in sparse if abs(c[win] - c[runner]) > 0.05]
    # ranked by strength, ties in order: the same as sorting everything by -|delta| and filtering
    pro = heapq.nlargest(k, [kv for kv in items if kv[1] > 0.05], key=_delta)
    against = [kv for kv in items if kv[1] < -0.25]
    con = [min(against, key=_delta)] if against else []
    out = []
    for name, delta in pro:
        text, kind = describe(name, f)
        if text:
            out.append(Evidence(text, round(delta, 3), kind, CLASSES[win]))
    for name, delta in con:
        text, kind = describe(name, f)
        if text:
            out.append(Evidence(text, round(-delta, 3), kind, CLASSES[runner]))
    return out


def _delta(kv: tuple[str, float]) -> float:
    return kv[1]


_PLAIN = {
    "pos_first": ("first slide", "structure"),
    "pos_last": ("last slide", "structure"),
    "pos_second": ("second slide", "structure"),
    "pos_rel": ("position in the deck", "structure"),
    "title_only": ("headline only", "structure"),
    "about_title": ("headline presents an organisation ('About …')", "topic"),
    "pron_balance": ("balance of we/our against you/your", "pronoun"),
    "log_words": ("length of the slide", "structure"),
    "title_we": ("headline says we/our or the seller's name", "pronoun"),
    "title_you": ("headline says you/your or the customer's name", "pronoun"),
}


def describe(name: str, f: Featurized) -> tuple[str, str]:
    seen = f.seen.get(name, [])
    if name in _PLAIN:
        return _PLAIN[name]
    if name.startswith("~"):
        if name[1:] in (SELLER_TOKEN, f"t:{SELLER_TOKEN}"):
            return "the seller's name", "name"
        if name[1:] in (CUSTOMER_TOKEN, f"t:{CUSTOMER_TOKEN}"):
            return "the customer's name", "name"
        gram = name[1:].replace(SELLER_TOKEN, "<seller>").replace(CUSTOMER_TOKEN, "<customer>")
        if gram.startswith("t:"):
            return f"headline word '{gram[2:]}'", "phrase"
        return f"'{gram}'", "phrase"
    if name == "pron_we":
        return f"we/us/our ×{seen[0]}", "pronoun"
    if name == "pron_you":
        return f"you/your ×{seen[0]}", "pronoun"
    if name == "pron_they":
        return f"they/their ×{seen[0]}", "pronoun"
    if name == "pron_i":
        return "I/my", "pronoun"
    if name == "name_seller":
        return f"seller's name ×{seen[0]}", "name"
    if name == "name_customer":
        return f"customer's name ×{seen[0]}", "name"
    if name.startswith(("lex_", "tlex_")):
        from deckaudit.classify.features import Lexicon

        group = name.split("_", 1)[1]
        label = Lexicon.default().groups.get(group, {}).get("label", group)
        if name.startswith("lex_") and f"t{name}" in f.seen:
            seen = seen + f.seen[f"t{name}"]
        cues = ", ".join(f"'{p}'" for p in list(dict.fromkeys(seen))[:4])
        where = "headline: " if name.startswith("tlex_") else ""
        return f"{where}{label}: {cues}", "topic"
    if name.startswith("pat_"):
        return PATTERN_TEXT.get(name[4:], name[4:]), "phrase"
    if name.startswith("len_"):
        n = seen[0] if seen else "?"
        return (f"{n} word" if n == "1" else f"{n} words"), "structure"
    if name == "layout":
        return _layout_text(f), "layout"
    if name == "length":
        text = f"{f.words} word{'s' if f.words != 1 else ''}"
        return (text + ", headline only" if "title_only" in f.dense else text), "structure"
    if name == "position":
        index, of = (f.seen.get("position") or ["?", "?"])[:2]
        if index == "1":
            return "first slide", "structure"
        if index == of:
            return "last slide", "structure"
        return f"slide {index} of {of}", "structure"
    if name == "contact":
        return f"contact details ×{seen[0]}", "structure"
    if name == "urls":
        return f"web addresses ×{seen[0]}", "structure"
    if name == "questions":
        return "questions to the audience", "structure"
    if name == "numbers":
        return "figures and percentages", "topic"
    if name.startswith("notes_"):
        who = "we/our" if name == "notes_we" else "you/your"
        return f"speaker notes: {who} ×{seen[0]}", "notes"
    return name, "other"


def _layout_text(f: Featurized) -> str:
    pics = f.seen.get("pics_log", ["0", "0%", str(f.words)])
    parts = [f"{pics[0]} picture{'s' if pics[0] != '1' else ''}", f"{f.words} word{'s' if f.words != 1 else ''}"]
    if pics[1] not in ("0%",):
        parts.append(f"pictures cover {pics[1]}")
    alts = [a for k, v in f.seen.items() if k.startswith("alt_") for a in v]
    if alts:
        parts.append("alt text " + ", ".join(f"'{a[:40]}'" for a in list(dict.fromkeys(alts))[:2]))
    return ", ".join(parts)
