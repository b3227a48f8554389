"""Labeled slides for training and evaluation.

LABELS may be:
- a JSONL file, one slide per line: {"text", "label"} and optionally "title", "notes", "pictures",
  "picture_area", "alt_text", "deck", "n", "of" (see data/training/README.md);
- a CSV file with a header: text,label plus the same optional columns;
- a folder of decks with their labels beside them: either a labels.csv (deck,slide,label) in the folder,
  or, next to each deck X.pptx / X.pdf, a file X.labels.json or X.json ({"labels": [{"n", "label"}]})
  or X.labels.csv (slide,label). Decks are read with deckaudit's readers, exactly as `review` reads them.
"""

from __future__ import annotations

import csv
import json
import os
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from deckaudit.classify.features import SlideInput
from deckaudit.classify.names import Names, detect_into
from deckaudit.errors import DeckError, FileStatus
from deckaudit.verdict import TAGS

LABELS = {t.value for t in TAGS}
SKIPPED: list[str] = []  # labeled decks the readers could not read (image-only PDFs without OCR ...), with why
DECK_SUFFIXES = {".pptx", ".pptm", ".ppsx", ".potx", ".pdf"}


@dataclass
class LabeledDeck:
    name: str
    slides: list[SlideInput]
    labels: list[str]
    names: Names = field(default_factory=Names)
    meta: list[dict] = field(default_factory=list)  # per-slide extra fields (industry, case, ...)


def load_labels(source: str | os.PathLike) -> list[LabeledDeck]:
    path = Path(source)
    if not path.exists():
        raise DeckError(FileStatus.NOT_FOUND, "no such labels file or folder", str(path))
    if path.is_dir():
        return _from_folder(path)
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".ndjson", ".json"):
        return _group(_read_jsonl(path), str(path))
    if suffix == ".csv":
        return _group(_read_csv(path), str(path))
    raise DeckError(FileStatus.UNSUPPORTED, "labels must be .jsonl, .csv or a folder of decks", str(path))


def load_many(sources) -> list[LabeledDeck]:
    out: list[LabeledDeck] = []
    for s in sources:
        p = Path(s)
        if p.is_dir() and not _folder_has_decks(p):  # a folder of JSONL/CSV label files
            for f in sorted(p.glob("*.jsonl")) + sorted(p.glob("*.csv")):
                out.extend(load_labels(f))
        else:
            out.extend(load_labels(p))
    return out


def _folder_has_decks(p: Path) -> bool:
    return any(f.suffix.lower() in DECK_SUFFIXES for f in p.rglob("*") if f.is_file())


def _check_label(label: str, where: str) -> str:
    label = (label or "").strip().lower()
    if label not in LABELS:
        raise DeckError(FileStatus.CORRUPT, f"{where}: label {label!r} is not one of {sorted(LABELS)}")
    return label


def _read_jsonl(path: Path) -> list[dict]:
    rows = []
    try:
        with open(path, encoding="utf-8") as fh:
            for i, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    rows.append(json.loads(line))
                except ValueError as exc:
                    raise DeckError(FileStatus.CORRUPT, f"line {i}: not JSON ({exc})", str(path)) from None
    except OSError as exc:
        raise DeckError(FileStatus.UNREADABLE, exc.strerror or str(exc), str(path)) from None
    return rows


def _read_csv(path: Path) -> list[dict]:
    try:
        with open(path, encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
    except (OSError, csv.Error, UnicodeDecodeError) as exc:
        raise DeckError(FileStatus.CORRUPT, f"cannot read CSV: {exc}", str(path)) from None
    if rows and ("text" not in rows[0] or "label" not in rows[0]):
        raise DeckError(FileStatus.CORRUPT, "CSV needs 'text' and 'label' columns", str(path))
    return rows


def _record_input(rec: dict) -> SlideInput:
    alt = rec.get("alt_text") or []
    if isinstance(alt, str):
        alt = [a for a in alt.split("|") if a.strip()]
    return SlideInput(
        title=str(rec.get("title") or ""),
        text=str(rec.get("text") or ""),
        notes=str(rec.get("notes") or ""),
        alt_texts=tuple(str(a) for a in alt),
        pictures=int(float(rec.get("pictures") or 0)),
        picture_area=float(rec.get("picture_area") or 0.0),
        index=int(float(rec.get("n") or 1)),
        of=int(float(rec.get("of") or 1)),
    )


def _group(rows: list[dict], source: str) -> list[LabeledDeck]:
    """Records with a "deck" field form decks (names detected per deck); the rest are one-slide decks."""
    decks: dict[str, list[dict]] = defaultdict(list)
    for i, rec in enumerate(rows, 1):
        if not isinstance(rec, dict) or "text" not in rec:
            raise DeckError(FileStatus.CORRUPT, f"record {i} has no 'text'", source)
        rec["label"] = _check_label(rec.get("label"), f"{source}: record {i}")
        decks[str(rec.get("deck") or f"{source}#{i}")].append(rec)
    out = []
    for name, recs in decks.items():
        recs.sort(key=lambda r: int(float(r.get("n") or 0)))
        slides = [_record_input(r) for r in recs]
        names = Names()
        detect_into(names, [f"{s.title}\n{s.text}" for s in slides])
        meta = [{k: v for k, v in r.items() if k not in ("text", "notes", "title")} for r in recs]
        out.append(LabeledDeck(name, slides, [r["label"] for r in recs], names, meta))
    return out


def _from_folder(folder: Path) -> list[LabeledDeck]:
    from deckaudit.readers import ReadOptions, read_deck

    decks = sorted(f for f in folder.rglob("*") if f.is_file() and f.suffix.lower() in DECK_SUFFIXES)
    if not decks:
        raise DeckError(FileStatus.EMPTY, "no decks (.pptx, .pdf ...) in the folder", str(folder))
    table = _labels_csv(folder / "labels.csv") if (folder / "labels.csv").is_file() else {}
    out = []
    for deck_path in decks:
        labels = table.get(deck_path.name) or _labels_beside(deck_path)
        if not labels:
            continue
        try:
            deck = read_deck(deck_path, ReadOptions())
        except DeckError as exc:  # named, never silently dropped: the caller sees it in .skipped
            SKIPPED.append(str(exc.with_path(str(deck_path))))
            continue
        n = len(deck.slides)
        names = Names.for_deck(deck)
        slides, tags = [], []
        for s in deck.slides:
            if s.index in labels:
                slides.append(SlideInput.from_slide(s, n))
                tags.append(labels[s.index])
        out.append(LabeledDeck(deck_path.name, slides, tags, names, [{"n": s.index} for s in slides]))
    if not out:
        raise DeckError(FileStatus.EMPTY, "no deck in the folder has labels beside it", str(folder))
    return out


def _labels_csv(path: Path) -> dict[str, dict[int, str]]:
    table: dict[str, dict[int, str]] = defaultdict(dict)
    with open(path, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            table[row["deck"]][int(row["slide"])] = _check_label(row["label"], str(path))
    return table


def _labels_beside(deck_path: Path) -> dict[int, str]:
    stem = deck_path.with_suffix("")
    for cand in (Path(f"{stem}.labels.json"), Path(f"{stem}.json"), deck_path.parent.parent / "labels" / f"{stem.name}.json"):
        if cand.is_file():
            data = json.loads(cand.read_text(encoding="utf-8"))
            return {int(x["n"]): _check_label(x["label"], str(cand)) for x in data.get("labels", [])}
    cand = Path(f"{stem}.labels.csv")
    if cand.is_file():
        with open(cand, encoding="utf-8", newline="") as fh:
            return {int(r["slide"]): _check_label(r["label"], str(cand)) for r in csv.DictReader(fh)}
    return {}
