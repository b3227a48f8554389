"""How figures print, the same in every output: shares as whole percents ("95%"), a dash for "none"."""

from __future__ import annotations

NONE = "—"


def pct(x: float | None) -> str:
    """0.95 -> '95%'; None -> '—' (never 'None')."""
    return NONE if x is None else f"{x:.0%}"


def figure(v) -> str:
    """A metric value for people: floats with two decimals, None as '—'."""
    if v is None:
        return NONE
    return f"{v:.2f}" if isinstance(v, float) else str(v)


def gate(report) -> str:
    """'gate: pass (≤ 70%)' / 'gate: FAIL (over 70%)' when the review had --fail-over, else ''."""
    limit = report.settings.get("fail_over")
    share = report.summary.us_share
    if limit is None:
        return ""
    if share is None:
        return f"gate: pass (no about-us or about-customer {report.summary.unit}s; limit {pct(limit)})"
    return f"gate: FAIL (over {pct(limit)})" if share > limit else f"gate: pass (≤ {pct(limit)})"
