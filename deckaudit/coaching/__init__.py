"""Coaching beyond the ratio: where the deck talks about the seller, and how to turn it toward the customer.

``coach(report, settings)`` adds findings to a DeckReport (silent-add-on, self-praise, feature-statement,
late-customer, suggestion), per-slide figures to each SlideReport's extras (we, you, self_praise,
feature_statements, benefit_share) and deck figures to report.metrics (we, you, we_you_ratio, benefit_share,
self_praise). ``settings`` is the ``[tool.deckaudit.coaching]`` table (``self_praise = [...]`` extends the
lexicon). One module per detector, each with its rule in data/<rule>.json; see rules.py.
"""

from __future__ import annotations

from deckaudit.coaching import narrative, self_praise, silent_add_on, subjects, suggestions, we_you
from deckaudit.coaching.rules import names_from, normalised_lines, sentences
from deckaudit.report import Finding
from deckaudit.verdict import Tag


def seller_label(settings: dict) -> str:
    """The seller's name as a reader would write it, for messages ("5× we/our/Northwind")."""
    written = [n for n in (settings.get("company") or []) if n]
    if written:
        return written[0]
    names = sorted(settings.get("seller_names") or [], key=len)
    return names[0].title() if names else ""


def coach(report, settings: dict | None = None) -> None:
    settings = settings or {}
    extra_praise = tuple(settings.get("self_praise", ()) or ())
    names = names_from(report.settings)
    seller = seller_label(report.settings)
    findings: list[Finding] = []
    total_we = total_you = praise_total = n_seller = n_customer = 0
    for sr in report.slides:
        text = sr.slide.text
        norm = normalised_lines(text, names)
        sents = sentences(text, names, norm)
        we, you = we_you.count_normalised(norm)
        praise = self_praise.find(text, extra_praise)
        features, s_seller, s_customer = subjects.analyse(sents)
        sr.extras.update({"we": we, "you": you, "self_praise": len(praise), "feature_statements": s_seller,
                          "benefit_share": subjects.benefit_share(s_seller, s_customer)})
        if not sr.counted:
            continue
        total_we, total_you, praise_total = total_we + we, total_you + you, praise_total + len(praise)
        n_seller, n_customer = n_seller + s_seller, n_customer + s_customer
        for sentence in silent_add_on.find(sents):
            findings.append(Finding(silent_add_on.KIND, sr.index, sentence, silent_add_on.message()))
        for term in dict.fromkeys(praise):
            findings.append(Finding(self_praise.KIND, sr.index, term, self_praise.message(term)))
        for sentence in features:
            findings.append(Finding(subjects.KIND, sr.index, sentence, subjects.message()))
        if sr.tag is Tag.US:
            hint = suggestions.suggest(sr, we, you, seller=seller, feature_statements=s_seller)
            findings.append(Finding(suggestions.KIND, sr.index, sr.slide.title, hint))
    late = narrative.find(report)
    if late:
        findings.append(late)
    report.findings.extend(findings)
    report.metrics.update({
        "we": total_we,
        "you": total_you,
        "we_you_ratio": we_you.ratio(total_we, total_you),
        "benefit_share": subjects.benefit_share(n_seller, n_customer),
        "self_praise": praise_total,
    })
