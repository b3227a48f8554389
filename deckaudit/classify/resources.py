"""Data files shipped inside the package: lexicon, common words, the trained model."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

DATA = "deckaudit.classify.data"


def data_text(name: str) -> str:
    return resources.files(DATA).joinpath(name).read_text(encoding="utf-8")


@lru_cache(maxsize=None)
def data_json(name: str) -> dict:
    return json.loads(data_text(name))


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """Ordinary words that are never a company name, even when capitalised on every slide."""
    words = set()
    for line in data_text("common_words.txt").splitlines():
        line = line.strip().lower()
        if line and not line.startswith("#"):
            words.add(line)
    return frozenset(words)
