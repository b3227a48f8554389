"""`deckaudit train` and `deckaudit eval`: retrain the classifier on a team's own labels and measure it."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import List, Optional

import typer

from deckaudit.cli import app
from deckaudit.cli.common import fail
from deckaudit.errors import DeckError

TRAIN_HELP = """Train a classifier on labeled slides and save it as a model file.

Examples:

  deckaudit train data/training -o model.json

  deckaudit train my-slides.csv --with-shipped -o model.json

  deckaudit review deck.pptx --model model.json

LABELS: JSONL or CSV files of slides (text,label[,title,notes,pictures,picture_area,alt_text,deck,n,of]),
or a folder of decks with a labels file beside each (labels.csv with deck,slide,label, or X.labels.json).
"""

EVAL_HELP = """Score a classifier on labeled slides: accuracy, macro-F1, per-class precision and recall,
the confusion matrix and the mean absolute error of each deck's us-share.

Examples:

  deckaudit eval path/to/labeled-decks/

  deckaudit eval my-slides.csv --model model.json --format json

  deckaudit eval path/to/labeled-decks/ --compare
"""


@app.command(help=TRAIN_HELP)
def train(
    labels: List[Path] = typer.Argument(..., help="Labeled slides: JSONL, CSV or folders.", show_default=False),
    output: Path = typer.Option(..., "--output", "-o", help="Where to write the model JSON."),
    with_shipped: bool = typer.Option(False, "--with-shipped", help="Add the corpus the shipped model was trained on."),
    folds: int = typer.Option(5, "--folds", min=2, help="Cross-validation folds (grouped by deck)."),
    name: str = typer.Option("custom", "--name", help="A name stored in the model file."),
    c: Optional[float] = typer.Option(None, "--c", min=0.001, help="Fix the regularisation C instead of choosing it by cross-validation."),
    prior: float = typer.Option(0.0, "--prior", min=0.0, help="Pull of the interpretable weights toward the hand-written rules (0: none)."),
    written_weight: float = typer.Option(1.0, "--written-weight", min=0.0, max=1.0, help="Sample weight of slides from JSONL/CSV files (written slides) beside real decks read from folders; below 1 they only ever train, and cross-validation scores the real decks alone."),
    without_layout: bool = typer.Option(False, "--without-layout", help="Leave out picture count and area, slide length and relative position: written training slides get them wrong (use when training on written slides alone)."),
    version: Optional[str] = typer.Option(None, "--version", help="A version stored in the model file (default: the training data's hash)."),
    debug: bool = typer.Option(False, "--debug", help="Show tracebacks for failures."),
) -> None:
    from deckaudit.classify.labels import SKIPPED, load_many
    from deckaudit.classify.train import DENSE_BOOST, GRID, WRITTEN_ARTIFACTS
    from deckaudit.classify.train import train as fit

    try:
        sources = list(labels)
        if with_shipped:
            sources.append(_shipped_corpus())
        decks, weights, scored = [], [], []
        for src in sources:
            part = load_many([src])
            written = not src.is_dir() or not _has_decks(src)
            decks += part
            weights += [written_weight if written else 1.0] * len(part)
            scored += [not (written and written_weight < 1.0)] * len(part)
        for why in dict.fromkeys(SKIPPED):
            print(f"deckaudit: skipped (not read, not trained on): {why}", file=sys.stderr)
        n = sum(len(d.labels) for d in decks)
        print(f"training on {n} slides in {len(decks)} decks", file=sys.stderr)
        grid = [(c, DENSE_BOOST)] if c else GRID
        model = fit(decks, name=name, version=version, folds=folds, grid=grid, prior=prior or None,
                    exclude=WRITTEN_ARTIFACTS if without_layout else (), weights=weights, scored=scored,
                    log=lambda s: print(s, file=sys.stderr))
    except DeckError as exc:
        if debug:
            raise
        raise fail(str(exc))
    try:
        output.write_text(json.dumps(model, separators=(",", ":"), sort_keys=False), encoding="utf-8")
    except OSError as exc:
        raise fail(f"{output}: cannot write: {exc.strerror or exc}")
    cv = model["training"]["cross_validation"]
    tail = f" · CV macro-F1 {cv['macro_f1']:.3f}, accuracy {cv['accuracy']:.3f}" if cv else ""
    print(f"wrote {output}: {model['training']['summary']}{tail}")


@app.command("eval", help=EVAL_HELP)
def evaluate(
    labels: List[Path] = typer.Argument(..., help="Labeled slides: JSONL, CSV or folders.", show_default=False),
    model: Optional[str] = typer.Option(None, "--model", help="A model.json, or 'rules' for the first version."),
    compare: bool = typer.Option(False, "--compare", help="Also score the pronoun baseline and the rules."),
    fmt: str = typer.Option("table", "--format", "-f", help="table | json"),
    debug: bool = typer.Option(False, "--debug", help="Show tracebacks for failures."),
) -> None:
    from deckaudit.classify import load_classifier
    from deckaudit.classify.baseline import pronoun_tag
    from deckaudit.classify.evaluate import format_scores, score
    from deckaudit.classify.labels import load_many

    if fmt not in ("table", "json"):
        raise fail(f"unknown --format {fmt!r}; choose table or json")
    try:
        decks = load_many(labels)
        systems = {}
        if compare:
            systems["pronoun baseline (We-We calculator)"] = lambda d: [pronoun_tag(si, d.names) for si in d.slides]
            rules = load_classifier("rules")
            systems["rules (first version)"] = lambda d: [v.tag.value for v in rules.classify_inputs(d.slides, d.names)]
        clf = load_classifier(model)
        systems[f"model {clf.info.get('name', '')} {clf.info.get('version', '')}".strip()] = (
            lambda d: [v.tag.value for v in clf.classify_inputs(d.slides, d.names)]
        )
        gold = [d.labels for d in decks]
        results = {name: score(gold, [fn(d) for d in decks], [d.name for d in decks]) for name, fn in systems.items()}
        from deckaudit.classify.labels import SKIPPED

        for why in dict.fromkeys(SKIPPED):
            print(f"deckaudit: skipped (not read, not scored): {why}", file=sys.stderr)
    except DeckError as exc:
        if debug:
            raise
        raise fail(str(exc))
    if fmt == "json":
        print(json.dumps({name: s.to_dict() for name, s in results.items()}, indent=2))
        return
    for name, s in results.items():
        print(format_scores(s, f"== {name}"))
        print()


def _has_decks(folder: Path) -> bool:
    from deckaudit.classify.labels import _folder_has_decks

    return _folder_has_decks(folder)


def _shipped_corpus() -> Path:
    here = Path(__file__).resolve().parents[2] / "data" / "training"
    if not here.is_dir():
        raise DeckError("not-found", "the shipped training corpus is only in a source checkout (data/training)")
    return here
