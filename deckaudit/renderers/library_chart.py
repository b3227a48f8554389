"""The distribution of deck us-shares in a library (matplotlib, imported only here)."""

from __future__ import annotations

import io


def distribution_png(lib) -> bytes:
    import matplotlib

    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt

    shares = [d.us_share for d in lib.audited if d.us_share is not None]
    fig, ax = plt.subplots(figsize=(7, 3.2), dpi=110)
    try:
        ax.hist(shares, bins=[i / 10 for i in range(11)], color="#D55E00", edgecolor="white")
        if lib.threshold is not None:
            ax.axvline(lib.threshold, color="#333333", linestyle="--", linewidth=1)
            ax.text(lib.threshold, ax.get_ylim()[1] * 0.92, f" threshold {lib.threshold:.0%}", fontsize=8)
        ax.set_xlim(0, 1)
        ax.set_xlabel("deck us-share (about-us / (about-us + about-customer))")
        ax.set_ylabel("decks")
        share = "—" if lib.us_share is None else f"{lib.us_share:.0%}"
        ax.set_title(f"{len(shares)} decks · library us-share {share}", fontsize=10, loc="left")
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        fig.tight_layout()
        buf = io.BytesIO()
        fig.savefig(buf, format="png")
        return buf.getvalue()
    finally:
        plt.close(fig)
