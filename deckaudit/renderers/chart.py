"""Per-slide chart: one bar per slide, coloured by tag, length by score, the ratio in the title.

matplotlib is imported inside the functions, and only its object API (Figure + the Agg canvas): no pyplot, so
no global backend switch and no figure registry in the caller's process, and `deckaudit review` without
--chart never pays for the import.
"""

from __future__ import annotations

import io
from pathlib import Path

# Okabe-Ito colours: distinguishable with the common colour-vision deficiencies; html_report uses the same.
COLORS = {"about-us": "#D55E00", "about-customer": "#009E73", "neutral": "#999999"}
LABELS = {"about-us": "about us", "about-customer": "about the customer", "neutral": "neutral"}
NEUTRAL_STUB = 0.06  # neutral slides score near 0: draw a short bar so they stay visible
MAX_TICKS = 40  # beyond this many slides, label every k-th slide only


def chart_title(report) -> str:
    """'vendor-pitch.pptx: 15 of 16 slides about us · us-share 100%'."""
    s = report.summary
    share = "" if s.us_share is None else f" · us-share {s.us_share:.0%}"
    return f"{report.name}: {s.about_us} of {s.counted} {s.unit}s about us{share}"


def _bar(sr) -> float:
    score = sr.verdict.score
    if sr.tag.value == "neutral":
        return NEUTRAL_STUB if score >= 0 else -NEUTRAL_STUB
    return score


def _figure(report):
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch

    slides = report.slides
    n = len(slides)
    fig = Figure(figsize=(max(6.0, min(16.0, 0.42 * n + 2.5)), 4.2), dpi=110)
    ax = fig.add_subplot()
    xs = [sr.index for sr in slides]
    bars = ax.bar(xs, [_bar(sr) for sr in slides], color=[COLORS[sr.tag.value] for sr in slides],
                  edgecolor="#333333", linewidth=0.4)
    for bar, sr in zip(bars, slides):
        if not sr.counted:  # hidden (or handout) slides: hatched and faded, listed but outside the ratio
            bar.set_hatch("//")
            bar.set_alpha(0.55)
    ax.axhline(0, color="#333333", linewidth=0.8)
    ax.set_ylim(-1.05, 1.05)
    ax.set_xlim(0.4, max(xs, default=0) + 0.6)
    step = max(1, -(-n // MAX_TICKS))
    ticks = xs[::step]
    ax.set_xticks(ticks)
    ax.set_xticklabels([str(x) for x in ticks], fontsize=8)
    ax.set_yticks([-1, 0, 1])
    ax.set_yticklabels(["about us", "0", "about the\ncustomer"], fontsize=8)
    ax.set_xlabel(report.summary.unit)
    ax.set_title(chart_title(report), fontsize=10, loc="left")
    handles = [Patch(facecolor=COLORS[k], edgecolor="#333333", label=LABELS[k]) for k in COLORS]
    if any(not sr.counted for sr in slides):
        handles.append(Patch(facecolor="white", edgecolor="#333333", hatch="//", label="hidden / not counted"))
    ax.legend(handles=handles, fontsize=8, loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    fig.tight_layout()
    return fig


def _save(fig, target, fmt: str) -> None:
    from matplotlib import rc_context
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(fig)  # attaches itself to the figure; SVG is written by its own backend through savefig
    # Fixed metadata and SVG ids, so the same report gives the same file (charts can be committed or diffed).
    metadata = {"Date": None} if fmt == "svg" else {"Software": "deckaudit"}
    with rc_context({"svg.hashsalt": "deckaudit"}):
        fig.savefig(target, format=fmt, metadata=metadata)


def save_chart(report, path) -> None:
    """Write the chart to `path`: PNG or SVG by its suffix."""
    path = Path(path)
    fmt = path.suffix.lower().lstrip(".")
    if fmt not in ("png", "svg"):
        raise ValueError(f"chart must be .png or .svg, not {path.suffix or 'no suffix'!r}")
    _save(_figure(report), path, fmt)


def chart_png_bytes(report) -> bytes:
    """The PNG chart in memory, for the HTML and PDF reports."""
    buf = io.BytesIO()
    _save(_figure(report), buf, "png")
    return buf.getvalue()
