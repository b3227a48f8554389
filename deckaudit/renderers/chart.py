"""Per-slide chart: one bar per slide, coloured by tag, length by score, the ratio in the title.

matplotlib is imported inside the functions (Agg backend), so `deckaudit review` without --chart never
pays for it.
"""

from __future__ import annotations

import io
from pathlib import Path

# Okabe-Ito colours: distinguishable with the common colour-vision deficiencies.
COLORS = {"about-us": "#D55E00", "about-customer": "#009E73", "neutral": "#999999"}
LABELS = {"about-us": "about us", "about-customer": "about the customer", "neutral": "neutral"}


def _figure(report):
    import matplotlib

    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch

    slides = report.slides
    n = len(slides)
    fig, ax = plt.subplots(figsize=(max(6.0, min(16.0, 0.42 * n + 2.5)), 4.2), dpi=110)
    xs = [sr.index for sr in slides]
    heights, colors, hatches = [], [], []
    for sr in slides:
        tag = sr.tag.value
        score = sr.verdict.score
        if tag == "neutral":
            score = 0.06 if score >= 0 else -0.06  # a visible stub
        heights.append(score)
        colors.append(COLORS[tag])
        hatches.append("//" if sr.slide.hidden else "")
    bars = ax.bar(xs, heights, color=colors, edgecolor="#333333", linewidth=0.4)
    for bar, hatch, sr in zip(bars, hatches, slides):
        if hatch:
            bar.set_hatch(hatch)
            bar.set_alpha(0.55)
    ax.axhline(0, color="#333333", linewidth=0.8)
    ax.set_ylim(-1.05, 1.05)
    ax.set_xlim(0.4, n + 0.6)
    ax.set_xticks(xs)
    ax.set_xticklabels([str(x) for x in xs], fontsize=8)
    ax.set_yticks([-1, 0, 1])
    ax.set_yticklabels(["about us", "0", "about the\ncustomer"], fontsize=8)
    ax.set_xlabel("slide")
    s = report.summary
    share = "" if s.us_share is None else f" · us-share {s.us_share:.0%}"
    ax.set_title(f"{report.name}: {s.about_us} of {s.counted} slides about us{share}", fontsize=10, loc="left")
    handles = [Patch(facecolor=COLORS[k], label=LABELS[k]) for k in COLORS]
    if any(sr.slide.hidden for sr in slides):
        handles.append(Patch(facecolor="white", edgecolor="#333333", hatch="//", label="hidden"))
    ax.legend(handles=handles, fontsize=8, loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    fig.tight_layout()
    return fig, plt


def save_chart(report, path) -> None:
    path = Path(path)
    fmt = path.suffix.lower().lstrip(".")
    if fmt not in ("png", "svg"):
        raise ValueError(f"chart must be .png or .svg, not {path.suffix!r}")
    fig, plt = _figure(report)
    try:
        fig.savefig(path, format=fmt, metadata={"Date": None} if fmt == "svg" else None)
    finally:
        plt.close(fig)


def chart_png_bytes(report) -> bytes:
    fig, plt = _figure(report)
    buf = io.BytesIO()
    try:
        fig.savefig(buf, format="png")
    finally:
        plt.close(fig)
    return buf.getvalue()
