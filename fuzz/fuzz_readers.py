"""Coverage-guided fuzzing of the readers with atheris (run outside CI; atheris is not a dependency).

    pip install atheris
    python fuzz/fuzz_readers.py -max_total_time=300 fuzz/corpus   # seeds: the sample decks

Each input is written to a temp file and read as a deck; anything but a Deck or a DeckError is a crash.
The harness forks nothing and keeps memory bounded with -rss_limit_mb.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import atheris

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

with atheris.instrument_imports():
    # The readers are imported lazily by read_deck; import them here so they are instrumented.
    import deckaudit.readers.cfb  # noqa: F401
    import deckaudit.readers.mce  # noqa: F401
    import deckaudit.readers.odp  # noqa: F401
    import deckaudit.readers.ooxml_safety  # noqa: F401
    import deckaudit.readers.pdf  # noqa: F401
    import deckaudit.readers.pptx  # noqa: F401
    import deckaudit.textnorm  # noqa: F401
    from deckaudit.errors import DeckError
    from deckaudit.readers import ReadOptions, read_deck

TMP = tempfile.mkdtemp(prefix="deckaudit-fuzz-")
OPTIONS = ReadOptions(max_slides=500)


def one_input(data: bytes) -> None:
    for suffix in (".pptx", ".odp", ".pdf"):
        path = os.path.join(TMP, "input" + suffix)
        with open(path, "wb") as fh:
            fh.write(data)
        try:
            read_deck(path, OPTIONS)
        except DeckError:
            pass


def main() -> None:
    corpus = ROOT / "fuzz" / "corpus"
    if not corpus.exists():
        corpus.mkdir(parents=True)
        for deck in (ROOT / "sample_decks").iterdir():
            (corpus / deck.name).write_bytes(deck.read_bytes())
    has_corpus = any(not a.startswith("-") for a in sys.argv[1:])
    atheris.Setup(sys.argv + ([] if has_corpus else [str(corpus)]), one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
