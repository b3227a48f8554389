"""The library API: ``audit(path) -> DeckReport``. The CLI is a thin shell over this."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace

from deckaudit.deck import Deck
from deckaudit.readers import ReadOptions, read_deck
from deckaudit.report import DeckReport, build_report


@dataclass(frozen=True)
class AuditOptions:
    company: tuple[str, ...] = ()  # the seller's names (company, brands)
    product: tuple[str, ...] = ()  # the seller's product names
    customer: tuple[str, ...] = ()  # the customer's names
    include_hidden: bool = False  # count hidden slides in the ratio
    notes: bool = True  # read speaker notes (shown; used as evidence for near-empty slides)
    model: str | None = None  # path of a model.json from `deckaudit train`; None = the shipped model
    pdf_engine: str = "auto"
    ocr: str = "auto"  # "auto" | "always" | "never": OCR pages and pictures without text (readers/ocr.py)
    extra: dict = field(default_factory=dict)  # settings for later stages (coaching lexicons ...)

    def with_(self, **changes) -> "AuditOptions":
        return replace(self, **changes)

    def settings(self) -> dict:
        return {
            "company": list(self.company),
            "product": list(self.product),
            "customer": list(self.customer),
            "include_hidden": self.include_hidden,
            "notes": self.notes,
            "pdf_engine": self.pdf_engine,
            "ocr": self.ocr,
        }


def read_options(options: AuditOptions) -> ReadOptions:
    """How to read, from the audit options: notes, PDF engine, OCR mode and the safety limits from config."""
    if not options.extra.get("limits"):
        return ReadOptions(notes=options.notes, pdf_engine=options.pdf_engine, ocr=options.ocr)
    from deckaudit.readers.ooxml_safety import limits_from

    limits, max_slides = limits_from(options.extra["limits"])
    extra = {"max_slides": max_slides} if max_slides else {}
    return ReadOptions(notes=options.notes, pdf_engine=options.pdf_engine, ocr=options.ocr, limits=limits, **extra)


def read(path: str | os.PathLike, options: AuditOptions | None = None) -> Deck:
    return read_deck(path, read_options(options or AuditOptions()))


def audit_deck(deck: Deck, options: AuditOptions | None = None, classifier=None, *, coaching: bool = True) -> DeckReport:
    """Classify an already-read Deck (bulk workers reuse one classifier and skip coaching, whose findings
    a library audit does not store)."""
    from deckaudit.classify import Names, load_classifier
    from deckaudit.coaching import coach

    options = options or AuditOptions()
    classifier = classifier or load_classifier(options.model)
    names = Names.for_deck(deck, company=options.company, product=options.product, customer=options.customer)
    verdicts = classifier.classify(deck, names, notes=options.notes)
    report = build_report(
        deck,
        verdicts,
        include_hidden=options.include_hidden,
        settings=options.settings() | {"seller_names": names.seller_list(), "customer_names": names.customer_list()},
        model=classifier.info,
        seller=names.party("seller"),
        customer=names.party("customer"),
    )
    if coaching:
        coach(report, options.extra.get("coaching"))
    return report


def audit(path: str | os.PathLike, options: AuditOptions | None = None, **kwargs) -> DeckReport:
    """Read and audit one deck. Raises deckaudit.DeckError (with .status and .reason) on bad input.

    Keyword arguments are AuditOptions fields: ``audit("deck.pptx", company=("Acme",))``.
    """
    options = options or AuditOptions()
    if kwargs:
        kwargs = {k: tuple(v) if isinstance(v, list) else v for k, v in kwargs.items()}
        options = options.with_(**kwargs)
    return audit_deck(read(path, options), options)


def audit_text(source: str | os.PathLike, options: AuditOptions | None = None, *, data: bytes | None = None) -> DeckReport:
    """Audit plain text, Markdown or an email (.eml) paragraph by paragraph. ``data`` gives the bytes
    directly (stdin); otherwise ``source`` is read from disk."""
    from deckaudit.readers import _check_path
    from deckaudit.readers import text

    name = os.fspath(source)
    if data is None:
        _check_path(name)
        deck = text.read(name)  # reads at most the size limit, then refuses
    else:
        deck = text.read_text(data, name)
    return audit_deck(deck, options)
