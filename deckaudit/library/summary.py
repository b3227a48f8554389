"""LibraryReport: what a bulk audit of many decks says. Bulk fills it; renderers only read it."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass, field


@dataclass(slots=True)
class DeckRow:
    path: str
    folder: str  # the deck's folder relative to the audited root ("." for the root)
    status: str  # FileStatus value: "ok", "encrypted", "corrupt", ...
    reason: str = ""  # one line, for failures
    slides: int = 0
    about_us: int = 0
    about_customer: int = 0
    neutral: int = 0
    us_share: float | None = None
    first_customer_slide: int | None = None
    # slides whose text was read (wholly or partly) by OCR; None: not known (stored before schema version 2)
    ocr_slides: int | None = 0


@dataclass(slots=True)
class FolderRow:
    folder: str
    decks: int
    slides: int
    about_us: int
    about_customer: int
    us_share: float | None


@dataclass(slots=True)
class ReusedSlide:
    digest: str  # digest of the normalised slide text
    title: str
    excerpt: str  # the first ~160 characters of the text
    decks: int  # in how many decks it appears
    paths: list[str] = field(default_factory=list)  # a few of those decks


@dataclass(slots=True)
class LibraryReport:
    decks: list[DeckRow]  # every deck seen, failures included
    us_share: float | None  # all about-us slides / (about-us + about-customer) over the library
    threshold: float | None = None  # --fail-over
    over_threshold: list[DeckRow] = field(default_factory=list)
    worst: list[DeckRow] = field(default_factory=list)  # the 20 decks with the highest us_share
    folders: list[FolderRow] = field(default_factory=list)
    reused: list[ReusedSlide] = field(default_factory=list)  # about-us slides reused most across decks
    failures: list[DeckRow] = field(default_factory=list)
    run: dict = field(default_factory=dict)  # started, finished, seconds, jobs, model, settings, skipped ...
    root: str = ""  # the audited folder as the user named it, shown for the folder "." (presentation only)

    @property
    def audited(self) -> list[DeckRow]:
        return [d for d in self.decks if d.status == "ok"]

    @property
    def ranked(self) -> list[DeckRow]:
        """Every readable deck with a us-share, most about us first."""
        return sorted((r for r in self.audited if r.us_share is not None), key=lambda r: (-r.us_share, -r.about_us, r.path))

    def top(self, n: int) -> list[DeckRow]:
        """The ``n`` decks most about us (``worst`` holds the top 20)."""
        return self.ranked[:n]

    def folder_name(self, folder: str) -> str:
        """The folder as a reader names it: the root folder "." by its own name."""
        if folder not in (".", ""):
            return folder
        import os

        name = os.path.basename(os.path.normpath(self.root)) if self.root else ""
        return f"{name}/ (top folder)" if name and name != "." else "(top folder)"

    def to_dict(self) -> dict:
        return {
            "schema": "deckaudit.library/1",
            "us_share": None if self.us_share is None else round(self.us_share, 4),
            "threshold": self.threshold,
            "decks": [asdict(d) for d in self.decks],
            "over_threshold": [d.path for d in self.over_threshold],
            "worst": [asdict(d) for d in self.worst],
            "folders": [asdict(f) for f in self.folders],
            "reused": [asdict(r) for r in self.reused],
            "failures": [asdict(d) for d in self.failures],
            "run": _iso_times(self.run),
            "root": self.root,
        }


def iso(t: float | None) -> str | None:
    """Seconds since the epoch as ISO 8601 in UTC ("2026-11-30T10:00:00+00:00"); None stays None."""
    import datetime as dt

    if t is None:
        return None
    return dt.datetime.fromtimestamp(t, dt.timezone.utc).isoformat(timespec="seconds")


def _iso_times(run: dict) -> dict:
    out = dict(run)
    for key in ("started", "finished"):
        if isinstance(out.get(key), (int, float)):
            out[key] = iso(out[key])
    return out


def summarise(decks: list[DeckRow], reused: list[ReusedSlide], fail_over: float | None) -> LibraryReport:
    """The library figures from the stored rows of the decks seen in this run (failures included)."""
    rows = sorted(decks, key=lambda r: r.path)
    ok = [r for r in rows if r.status == "ok"]
    us, cust = sum(r.about_us for r in ok), sum(r.about_customer for r in ok)
    by_folder: dict[str, list[DeckRow]] = defaultdict(list)
    for r in ok:
        by_folder[r.folder].append(r)
    folders = []
    for name, group in sorted(by_folder.items()):
        fu, fc = sum(d.about_us for d in group), sum(d.about_customer for d in group)
        folders.append(FolderRow(name, len(group), sum(d.slides for d in group), fu, fc, fu / (fu + fc) if fu + fc else None))
    ranked = sorted((r for r in ok if r.us_share is not None), key=lambda r: (-r.us_share, -r.about_us, r.path))
    return LibraryReport(
        decks=rows,
        us_share=us / (us + cust) if us + cust else None,
        threshold=fail_over,
        over_threshold=[r for r in ranked if fail_over is not None and r.us_share > fail_over],
        worst=ranked[:20],
        folders=folders,
        reused=reused,
        failures=[r for r in rows if r.status != "ok"],
    )
