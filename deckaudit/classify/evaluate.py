"""Scores for a classifier on labeled decks: accuracy, macro-F1, per-class precision and recall, the
confusion matrix and the mean absolute error of each deck's us-share."""

from __future__ import annotations

from dataclasses import dataclass, field

from deckaudit.verdict import TAGS

CLASSES = [t.value for t in TAGS]


def us_share(tags: list[str]) -> float | None:
    us = tags.count("about-us")
    cust = tags.count("about-customer")
    return us / (us + cust) if us + cust else None


@dataclass
class Scores:
    n: int
    accuracy: float
    macro_f1: float
    per_class: dict[str, dict[str, float]]
    confusion: dict[str, dict[str, int]]  # gold -> predicted -> count
    us_share_mae: float
    decks: int
    per_deck: list[dict] = field(default_factory=list)  # deck, slides, gold and predicted us_share, error
    oof: list = field(default_factory=list, repr=False)  # (gold, logits) per held-out slide, from cross-validation

    def worst_decks(self, n: int = 5) -> list[dict]:
        return sorted(self.per_deck, key=lambda d: -d["error"])[:n]

    def to_dict(self) -> dict:
        return {
            "slides": self.n,
            "decks": self.decks,
            "accuracy": round(self.accuracy, 4),
            "macro_f1": round(self.macro_f1, 4),
            "per_class": {k: {m: round(v, 4) for m, v in d.items()} for k, d in self.per_class.items()},
            "confusion": self.confusion,
            "us_share_mae": round(self.us_share_mae, 4),
            "per_deck": [{k: round(v, 4) if isinstance(v, float) else v for k, v in d.items()} for d in self.per_deck],
        }


def score(gold_decks: list[list[str]], pred_decks: list[list[str]], deck_names: list[str] | None = None) -> Scores:
    gold = [g for d in gold_decks for g in d]
    pred = [p for d in pred_decks for p in d]
    n = len(gold)
    conf = {g: {p: 0 for p in CLASSES} for g in CLASSES}
    for g, p in zip(gold, pred):
        conf[g][p] += 1
    per = {}
    for c in CLASSES:
        tp = conf[c][c]
        fp = sum(conf[g][c] for g in CLASSES if g != c)
        fn = sum(conf[c][p] for p in CLASSES if p != c)
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        per[c] = {"precision": prec, "recall": rec, "f1": f1, "support": tp + fn}
    present = [c for c in CLASSES if per[c]["support"]]
    errors, per_deck = [], []
    for i, (g, p) in enumerate(zip(gold_decks, pred_decks)):
        gs, ps = us_share(g), us_share(p)
        if gs is None and ps is None:
            continue
        # A deck with no about-us or about-customer slide at all has no ratio; count it as an even split.
        error = abs((0.5 if gs is None else gs) - (0.5 if ps is None else ps))
        errors.append(error)
        per_deck.append({"deck": deck_names[i] if deck_names else f"deck {i + 1}", "slides": len(g),
                         "us_share": gs, "predicted_us_share": ps, "error": error,
                         "slides_wrong": sum(1 for a, b in zip(g, p) if a != b)})
    return Scores(
        n=n,
        accuracy=sum(1 for g, p in zip(gold, pred) if g == p) / n if n else 0.0,
        macro_f1=sum(per[c]["f1"] for c in present) / len(present) if present else 0.0,
        per_class=per,
        confusion=conf,
        us_share_mae=sum(errors) / len(errors) if errors else 0.0,
        decks=len(gold_decks),
        per_deck=per_deck,
    )


def format_scores(s: Scores, title: str = "") -> str:
    lines = [title] if title else []
    lines.append(f"slides {s.n} in {s.decks} decks · accuracy {s.accuracy:.3f} · macro-F1 {s.macro_f1:.3f} · "
                 f"deck us-share MAE {s.us_share_mae:.3f}")
    lines.append(f"{'class':16} {'precision':>9} {'recall':>7} {'f1':>6} {'n':>5}")
    for c in CLASSES:
        d = s.per_class[c]
        lines.append(f"{c:16} {d['precision']:9.3f} {d['recall']:7.3f} {d['f1']:6.3f} {int(d['support']):5d}")
    lines.append("confusion (rows gold, columns predicted): " + " / ".join(CLASSES))
    for g in CLASSES:
        lines.append(f"{g:16} " + " ".join(f"{s.confusion[g][p]:5d}" for p in CLASSES))
    worst = [d for d in s.worst_decks() if d["error"] > 0]
    if worst:
        lines.append("decks whose us-share is furthest off (gold -> predicted, slides wrong):")
        for d in worst:
            lines.append(f"  {_share(d['us_share']):>5} -> {_share(d['predicted_us_share']):>5}  "
                         f"off {d['error']:.2f}  {d['slides_wrong']}/{d['slides']}  {d['deck']}")
    return "\n".join(lines)


def _share(v: float | None) -> str:
    return "-" if v is None else f"{v:.0%}"
