"""A baseline for a slide library: each deck's us-share as accepted today, so a gate fails only the decks that got
worse (a ratchet), not the whole library at once.

The file is plain JSON meant to be committed and reviewed in a pull request::

    {
      "decks": [
        {"path": "sales/pitch.pptx", "sha256": "9f86d0…", "us_share": 0.8125}
      ],
      "schema": "deckaudit.baseline/1"
    }

- ``path``: the deck relative to the baseline file's folder, with "/" (the same file works on every checkout);
- ``sha256``: of the deck's bytes (``sha256sum deck.pptx`` shows the same), so a deck that was moved or renamed
  keeps its entry: decks are matched by content hash first, then by path;
- ``us_share``: rounded to 4 decimals; null when the deck had no about-us or about-customer slide (counts as 0).

Entries are sorted by path, keys sorted, two-space indent, one trailing newline: writing the same baseline twice
gives the same bytes, so a CI job that rewrites it shows no diff when nothing changed.

The gate (``check``): a deck fails when its us-share is above its entry's, or when it has no entry and is over
``fail_over``. Every other deck passes, however high its share: that is the point of a baseline.
``update`` (``--update-baseline``) lowers the entries of decks that improved, re-keys moved or edited decks, adds
new decks that passed, and never raises an entry nor drops one (a hook that sees only the staged decks must not
forget the others).
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from dataclasses import dataclass

from deckaudit.errors import DeckError, FileStatus

SCHEMA = "deckaudit.baseline/1"
PLACES = 4  # us-share is stored and compared at this many decimals


@dataclass(frozen=True, slots=True)
class Entry:
    path: str  # relative to the baseline file's folder, "/" separators
    sha256: str
    us_share: float | None

    def to_dict(self) -> dict:
        return {"path": self.path, "sha256": self.sha256, "us_share": self.us_share}


@dataclass(slots=True)
class Outcome:
    """What the baseline says about one deck audited now."""

    path: str  # as audited
    rel: str  # relative to the baseline's folder
    sha256: str
    us_share: float | None  # now, rounded
    status: str  # "unchanged" | "moved" | "kept" | "improved" | "worse" | "new" | "new-over"
    entry: Entry | None = None  # the baseline entry it was matched to
    threshold: float | None = None  # --fail-over, which new decks must not exceed

    @property
    def failed(self) -> bool:
        return self.status in ("worse", "new-over")

    @property
    def message(self) -> str:
        """The one line the gate prints for a failing deck."""
        if self.status == "worse":
            return f"{self.path}: us-share {_pct(self.us_share)} is worse than its baseline {_pct(self.entry.us_share)}"
        return f"{self.path}: new deck, us-share {_pct(self.us_share)} is over {_pct(self.threshold)}"


def _pct(x: float | None) -> str:
    return "n/a" if x is None else f"{x:.2f}"


def sha256_of(path: str | os.PathLike) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _share(x: float | None) -> float | None:
    return None if x is None else round(float(x), PLACES)


def relative(path: str | os.PathLike, baseline_file: str | os.PathLike) -> str:
    """``path`` relative to the baseline file's folder, with "/" separators."""
    folder = os.path.dirname(os.path.abspath(baseline_file))
    return os.path.relpath(os.path.abspath(path), folder).replace(os.sep, "/")


# --- the file -----------------------------------------------------------------------------------------------

def load(path: str | os.PathLike) -> list[Entry]:
    """Read a baseline file. Raises DeckError (not-found, corrupt) with a one-line reason."""
    try:
        with open(path, encoding="utf-8") as fh:
            doc = json.load(fh)
    except FileNotFoundError:
        raise DeckError(FileStatus.NOT_FOUND, "no baseline file here; write one with 'deckaudit bulk PATH "
                        "--write-baseline FILE'", os.fspath(path)) from None
    except OSError as exc:
        raise DeckError(FileStatus.UNREADABLE, f"cannot read the baseline: {exc.strerror or exc}", os.fspath(path)) from None
    except ValueError as exc:
        where = f" at line {exc.lineno}, column {exc.colno}" if isinstance(exc, json.JSONDecodeError) else ""
        said = f"invalid JSON{where}" if where or not isinstance(exc, UnicodeDecodeError) else "not UTF-8 text"
        raise DeckError(FileStatus.CORRUPT, f"not a baseline: {said}", os.fspath(path), detail=str(exc)) from None
    if not isinstance(doc, dict) or doc.get("schema") != SCHEMA or not isinstance(doc.get("decks"), list):
        raise DeckError(FileStatus.CORRUPT, f"not a baseline: expected {{\"schema\": \"{SCHEMA}\", \"decks\": [...]}}",
                        os.fspath(path))
    entries = []
    for n, d in enumerate(doc["decks"], 1):
        try:
            share = d["us_share"]
            if share is not None and not (isinstance(share, (int, float)) and 0 <= share <= 1):
                raise ValueError
            entries.append(Entry(str(d["path"]), str(d["sha256"]), _share(share)))
        except (KeyError, TypeError, ValueError):
            raise DeckError(FileStatus.CORRUPT, f"not a baseline: entry {n} needs path, sha256 and us_share (0..1 or "
                            "null)", os.fspath(path)) from None
    return entries


def dumps(entries: list[Entry]) -> str:
    """The file's text: sorted, stable, one entry per path."""
    by_path = {e.path: e for e in entries}
    decks = [by_path[p].to_dict() for p in sorted(by_path)]
    return json.dumps({"schema": SCHEMA, "decks": decks}, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def save(path: str | os.PathLike, entries: list[Entry]) -> bool:
    """Write the baseline (atomically), only when its text changed. Returns whether the file changed."""
    text = dumps(entries)
    try:
        with open(path, encoding="utf-8") as fh:
            if fh.read() == text:
                return False
    except (OSError, ValueError):
        pass
    tmp = f"{os.fspath(path)}.tmp"
    try:
        with open(tmp, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except OSError as exc:
        raise DeckError(FileStatus.UNREADABLE, f"cannot write the baseline: {exc.strerror or exc}", os.fspath(path)) from None
    return True


# --- comparing ----------------------------------------------------------------------------------------------

def record(decks: list[tuple[str, float | None]], baseline_file: str | os.PathLike) -> list[Entry]:
    """Fresh entries for ``decks`` ((path, us_share) of every deck audited fine)."""
    return [Entry(relative(p, baseline_file), sha256_of(p), _share(s)) for p, s in decks]


def check(decks: list[tuple[str, float | None]], entries: list[Entry], baseline_file: str | os.PathLike,
          fail_over: float | None = None) -> list[Outcome]:
    """Compare decks audited now ((path, us_share)) with the baseline's entries.

    Matching: by sha256 first (same bytes: ``unchanged`` at the same path, ``moved`` elsewhere), then by path
    among the entries no deck claimed by content (``kept`` / ``improved`` / ``worse``); the rest are ``new``,
    or ``new-over`` when their share is above ``fail_over``. A share of None counts as 0.
    """
    by_hash: dict[str, list[Entry]] = {}
    for e in entries:
        by_hash.setdefault(e.sha256, []).append(e)
    by_path = {e.path: e for e in entries}
    out: list[Outcome] = []
    claimed: set[str] = set()
    pending = []
    for path, share in decks:
        rel, digest = relative(path, baseline_file), sha256_of(path)
        o = Outcome(path, rel, digest, _share(share), "new", threshold=fail_over)
        same = by_hash.get(digest)
        if same:
            o.entry = next((e for e in same if e.path == rel), same[0])
            claimed.add(o.entry.path)
            o.status = "unchanged" if o.entry.path == rel else "moved"
        else:
            pending.append(o)
        out.append(o)
    for o in pending:
        e = by_path.get(o.rel)
        if e is not None and e.path not in claimed:
            o.entry = e
    for o in out:
        now = o.us_share or 0.0
        if o.entry is None:
            o.status = "new-over" if fail_over is not None and now > fail_over else "new"
        elif o.status not in ("unchanged", "moved") or now != (o.entry.us_share or 0.0):
            # same bytes normally give the same share; a new model or settings may not
            was = o.entry.us_share or 0.0
            o.status = "worse" if now > was else ("improved" if now < was else "kept")
    return out


def updated(entries: list[Entry], outcomes: list[Outcome], baseline_file: str | os.PathLike) -> list[Entry]:
    """The baseline after ``--update-baseline``: improved decks lowered, moved or edited decks re-keyed to their
    path and bytes now, new decks that passed added. A worse deck keeps its entry; no entry is raised, and none
    is dropped but the old path of a deck that moved (when no file is left there)."""
    keep = {e.path: e for e in entries}
    folder = os.path.dirname(os.path.abspath(baseline_file))
    current = {o.rel for o in outcomes}
    for o in outcomes:
        if o.failed:
            continue
        if o.entry is not None:
            old = o.entry.path
            if old != o.rel and old not in current and not os.path.exists(os.path.join(folder, old)):
                keep.pop(old, None)  # the entry follows the deck it was matched to by content
            share = o.us_share if o.status == "improved" else o.entry.us_share
        else:
            share = o.us_share
        keep[o.rel] = Entry(o.rel, o.sha256, share)
    return list(keep.values())


def gate(decks: list[tuple[str, float | None]], *, baseline: str | os.PathLike | None = None,
         write: str | os.PathLike | None = None, update: bool = False, fail_over: float | None = None,
         stream=None) -> int:
    """What `bulk`/`review` do with --baseline / --write-baseline / --update-baseline: print one line per failing
    deck (and one per baseline file changed) to ``stream`` (stderr), return the exit code: 0 pass, 1 a deck got
    worse or is new and over ``fail_over``, 2 the baseline cannot be read or written."""
    stream = stream or sys.stderr
    try:
        code = 0
        if baseline is not None:
            entries = load(baseline)
            outcomes = check(decks, entries, baseline, fail_over)
            for o in outcomes:
                if o.failed:
                    print(f"deckaudit: {o.message}", file=stream)
            code = 1 if any(o.failed for o in outcomes) else 0
            if update and save(baseline, updated(entries, outcomes, baseline)):
                print(f"deckaudit: {baseline}: baseline updated (improved decks lowered, none loosened)", file=stream)
        if write is not None:
            save(write, record(decks, write))
            print(f"deckaudit: {write}: baseline written for {len(decks)} deck{'s' if len(decks) != 1 else ''}",
                  file=stream)
        return code
    except DeckError as exc:
        print(f"deckaudit: {exc}", file=stream)
        return 2
    except OSError as exc:  # a deck vanished between the audit and hashing it
        print(f"deckaudit: {getattr(exc, 'filename', '') or 'baseline'}: unreadable: {exc.strerror or exc}", file=stream)
        return 2


def configured(flag: str | os.PathLike | None) -> str | None:
    """The baseline file to use: the flag, else ``baseline`` from [tool.deckaudit] / deckaudit.toml, relative
    to the folder of that config file."""
    if flag is not None:
        return os.fspath(flag)
    from deckaudit.config import find_config

    where, settings = find_config()
    value = settings.get("baseline")
    if not value:
        return None
    return os.path.join(os.path.dirname(where), str(value)) if where else str(value)


def cli_gate(decks: list[tuple[str, float | None]], *, baseline=None, write=None, update: bool = False,
             fail_over: float | None = None, stream=None) -> int | None:
    """The one call `bulk` and `review` make: None when no baseline is in play (no flag, none in the config), so
    their own --fail-over gate applies; otherwise ``gate``'s exit code (2 for --update-baseline without a
    baseline)."""
    stream = stream or sys.stderr
    try:  # writing a fresh baseline checks against none but an explicit --baseline (the configured one may not exist yet)
        baseline = configured(baseline) if write is None else baseline
    except DeckError as exc:
        print(f"deckaudit: {exc}", file=stream)
        return 2
    if update and baseline is None:
        print("deckaudit: --update-baseline needs --baseline FILE (or baseline = \"FILE\" in [tool.deckaudit])",
              file=stream)
        return 2
    if baseline is None and write is None:
        return None
    return gate(decks, baseline=baseline, write=write, update=update, fail_over=fail_over, stream=stream)
