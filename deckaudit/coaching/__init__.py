"""Coaching beyond the ratio: where the deck talks about the seller, and how to turn it toward the customer.

``coach(report, settings)`` analyses every slide's text once (context.build), adds per-slide figures to each
SlideReport's extras (we, you, self_praise, feature_statements, benefit_share) and deck figures to
report.metrics (we, you, we_you_ratio, benefit_share, self_praise), then runs every rule of the registry.

The registry, RULES: one module per rule, each with the same shape —

- ``KIND`` (the finding's kind) and ``RULE`` (its data file, data/<RULE>.json, with its source and the
  ``examples_fail`` / ``examples_pass`` that tests/test_coaching_rules.py runs);
- ``find(ctx: CoachContext) -> list[Finding]``, reading only the context (and evidence *fields*:
  feature, kind, toward, phrases, label — never the display text);
- ``check(example: str) -> list[str]``, the rule's verdict on one of its examples.

Adding a rule is adding a module, its data file and one line here. ``settings`` is the
``[tool.deckaudit.coaching]`` table (``self_praise = [...]`` extends the lexicon).
"""

from __future__ import annotations

from deckaudit.coaching import narrative, self_praise, silent_add_on, subjects, suggestions, we_you
from deckaudit.coaching.context import build, seller_label

__all__ = ["RULES", "coach", "seller_label"]

# The order findings are added in (renderers group them by kind in this order).
RULES = (silent_add_on, self_praise, subjects, suggestions, narrative, we_you)


def coach(report, settings: dict | None = None) -> None:
    """Add every rule's findings, the per-slide extras and the deck metrics to ``report`` (in place)."""
    ctx = build(report, settings)
    total_we = total_you = praise_total = n_seller = n_customer = 0
    for st in ctx.slides:
        st.sr.extras.update({"we": st.we, "you": st.you, "self_praise": len(st.praise),
                             "feature_statements": len(st.features),
                             "benefit_share": subjects.benefit_share(len(st.features), st.n_customer)})
        if st.sr.counted:
            total_we, total_you, praise_total = total_we + st.we, total_you + st.you, praise_total + len(st.praise)
            n_seller, n_customer = n_seller + len(st.features), n_customer + st.n_customer
    report.metrics.update({
        "we": total_we,
        "you": total_you,
        "we_you_ratio": we_you.ratio(total_we, total_you),
        "benefit_share": subjects.benefit_share(n_seller, n_customer),
        "self_praise": praise_total,
    })
    for rule in RULES:
        report.findings.extend(rule.find(ctx))
