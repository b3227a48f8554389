"""What every coaching rule reads, computed once per deck: each slide's sentences, we/you counts,
self-praise terms and subject analysis, the seller's names and the medium (slides or paragraphs)."""

from __future__ import annotations

from dataclasses import dataclass, field

from deckaudit.coaching import self_praise, subjects, we_you
from deckaudit.coaching.rules import Sentence, names_from, normalised_lines, sentences


@dataclass(slots=True)
class SlideText:
    """One slide (or paragraph) as the rules see it."""

    sr: object  # the SlideReport
    sentences: list[Sentence]
    we: int
    you: int
    praise: list[str]  # self-praising terms, lower-case, in order (repeats counted)
    features: list[str]  # sentences (as written) whose subject is the seller or the product
    n_customer: int  # sentences whose subject is the customer

    @property
    def index(self) -> int:
        return self.sr.index


@dataclass(slots=True)
class CoachContext:
    """The deck for the rules: ``slides`` (every one, with its text analysed), ``counted`` (those in the
    ratio: rules report on these only), ``seller`` (the name as a reader writes it, for messages),
    ``seller_names`` (every seller name and product name, for matching), ``unit`` ("slide" or "paragraph")
    and ``settings`` (the [tool.deckaudit.coaching] table)."""

    report: object
    slides: list[SlideText]
    seller: str
    seller_names: tuple[str, ...]
    settings: dict = field(default_factory=dict)

    @property
    def counted(self) -> list[SlideText]:
        return [st for st in self.slides if st.sr.counted]

    @property
    def unit(self) -> str:
        return self.report.summary.unit

    @property
    def medium(self) -> str:
        """"slides" for decks, "text" for emails, web copy and Markdown (no logo walls, no screens)."""
        return "text" if self.unit == "paragraph" else "slides"


def seller_label(settings: dict, seller=None) -> str:
    """The seller's name as a reader would write it, for messages ("5× we/our/Northwind"): the name given
    with --company, else the name the report shows as the seller (``seller``: a report.Party, its first
    name as written on the deck: "CNCF", "Allied Services"), else the shortest matching name title-cased."""
    written = [n for n in (settings.get("company") or []) if n]
    if written:
        return written[0]
    shown = [n for n in (getattr(seller, "names", None) or []) if n]
    if shown:
        return shown[0]
    names = sorted(settings.get("seller_names") or [], key=len)
    return names[0].title() if names else ""


def build(report, settings: dict | None = None) -> CoachContext:
    """Analyse every slide's text once for all rules."""
    settings = settings or {}
    extra_praise = tuple(settings.get("self_praise", ()) or ())
    names = names_from(report.settings)
    seller_names = tuple(dict.fromkeys(
        [*(report.settings.get("seller_names") or ()), *(report.settings.get("company") or ()),
         *(report.settings.get("product") or ())]))
    slides = []
    for sr in report.slides:
        text = sr.slide.text
        norm = normalised_lines(text, names)
        sents = sentences(text, names, norm)
        we, you = we_you.count_normalised(norm)
        features, _, n_customer = subjects.analyse(sents)
        slides.append(SlideText(sr, sents, we, you, self_praise.terms(text, extra_praise), features, n_customer))
    return CoachContext(report, slides, seller_label(report.settings, getattr(report, "seller", None)), seller_names,
                        settings)
