"""Coaching beyond the ratio: where the deck talks about the seller, and how to turn it toward the customer.

``coach(report, settings)`` adds findings (silent-add-on, self-praise, feature-statement, late-customer,
suggestion) to a DeckReport, per-slide figures (we/you counts, benefit share, self-praise count) to each
SlideReport's extras, and deck figures (we/you ratio, benefit share, self-praise total) to report.metrics.
"""

from __future__ import annotations

from deckaudit.classify.baseline import we_you
from deckaudit.coaching import self_praise, silent_add_on, subjects, suggestions
from deckaudit.coaching.rules import names_from
from deckaudit.report import Finding
from deckaudit.verdict import Tag


def coach(report, settings: dict | None = None) -> None:
    settings = settings or {}
    extra_praise = tuple(settings.get("self_praise", ()) or ())
    names = names_from(report.settings)
    findings: list[Finding] = []
    total_we = total_you = praise_total = n_seller = n_customer = 0
    for sr in report.slides:
        text = sr.slide.text
        we, you = we_you(text, names)
        praise = self_praise.find(text, extra_praise)
        feature, s_seller, s_customer = subjects.analyse(text, names)
        sr.extras.update({
            "we": we, "you": you, "self_praise": len(praise),
            "benefit_share": round(s_customer / (s_seller + s_customer), 3) if s_seller + s_customer else None,
        })
        if not sr.counted:
            continue
        total_we, total_you, praise_total = total_we + we, total_you + you, praise_total + len(praise)
        n_seller, n_customer = n_seller + s_seller, n_customer + s_customer
        for sentence in silent_add_on.find(text, names):
            findings.append(Finding(silent_add_on.KIND, sr.index, sentence, silent_add_on.message()))
        for term in dict.fromkeys(praise):
            findings.append(Finding(self_praise.KIND, sr.index, term, self_praise.message(term)))
        for sentence in feature:
            findings.append(Finding(subjects.KIND, sr.index, sentence, subjects.message()))
        if sr.tag is Tag.US:
            findings.append(Finding(suggestions.KIND, sr.index, sr.slide.title, suggestions.suggest(sr, we, you)))
    late = narrative(report)
    if late:
        findings.append(late)
    report.findings.extend(findings)
    report.metrics.update({
        "we": total_we,
        "you": total_you,
        "we_you_ratio": round(total_we / total_you, 2) if total_you else None,
        "benefit_share": round(n_customer / (n_seller + n_customer), 3) if n_seller + n_customer else None,
        "self_praise": praise_total,
    })


def narrative(report) -> Finding | None:
    """late-customer: the customer appears late or never, or the product comes before their problem."""
    counted = [sr for sr in report.slides if sr.counted]
    n = len(counted)
    if not n:
        return None
    first = report.summary.first_customer_slide
    position = {sr.index: i for i, sr in enumerate(counted, 1)}
    if first is None:
        return Finding("late-customer", None, "", f"the customer never appears in {n} slides: open with their world "
                       "(their goals, their problem in their numbers) before anything about us")
    offer = next((sr.index for sr in counted if sr.tag is Tag.US and any(
        "offer" in e.text or "product" in e.text for e in sr.verdict.evidence)), None)
    if position[first] > (2 * n) / 3:
        return Finding("late-customer", first, "", f"the customer first appears on slide {first} of {report.summary.slides}: "
                       "move their problem to the opening slides")
    if offer is not None and offer < first:
        return Finding("late-customer", first, "", f"the product (slide {offer}) comes before the customer's problem "
                       f"(slide {first}): put their problem first")
    return None
