"""deckaudit: how much of a slide deck is about *us* and how much about *the customer*.

    >>> import deckaudit
    >>> report = deckaudit.audit("sample_decks/vendor-pitch.pptx")
    >>> report.summary.verdict
    '15 of 16 slides are about us · 0 about the customer · 1 neutral · the customer never appears'

``deckaudit.diff(old_path, new_path)`` compares two versions of a deck (a DeckDiff); ``deckaudit.diff`` is also
the module (``deckaudit.diff.diff_reports`` compares two DeckReports).
"""

__version__ = "0.1.0"

__all__ = ["__version__", "audit", "AuditOptions", "DeckError", "DeckReport", "diff"]


def __getattr__(name):  # keep `import deckaudit` cheap: load the pipeline on first use
    if name in ("audit", "AuditOptions"):
        from deckaudit import api

        return getattr(api, name)
    if name == "DeckError":
        from deckaudit.errors import DeckError

        return DeckError
    if name == "DeckReport":
        from deckaudit.report import DeckReport

        return DeckReport
    if name == "diff":  # the submodule, callable as its function diff(old_path, new_path, options=None)
        import importlib

        return importlib.import_module("deckaudit.diff")
    raise AttributeError(name)
