"""The bulk store: SQLite in WAL mode, one commit per deck, so a crash, kill or Ctrl-C loses no finished deck.

Tables: runs (when, settings, model), decks (the latest result per path, with content hash, size, mtime),
slides (per-slide tag, score, evidence, text digest, text source: read by OCR or not), history (every run's
us-share per deck).

The schema is versioned with SQLite's ``PRAGMA user_version``: a new store is made at SCHEMA_VERSION; an
older one is upgraded in place by MIGRATIONS, one step at a time, all in one transaction (a failed upgrade
leaves the store as it was); a store made by a newer deckaudit is refused, never misread. Version 0 is the
schema before versioning (user_version never set).
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from dataclasses import dataclass

from deckaudit.errors import DeckError, FileStatus
from deckaudit.library.result import DeckResult
from deckaudit.library.summary import DeckRow

SCHEMA_VERSION = 2

# Version 0, as stores made before the schema was versioned have it. Kept verbatim: a fresh store is made
# with it and then taken through MIGRATIONS, so a new store and an upgraded one are the same by construction.
SCHEMA_V0 = """
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    started REAL NOT NULL, finished REAL,
    settings TEXT NOT NULL, model TEXT NOT NULL,
    decks INTEGER DEFAULT 0, audited INTEGER DEFAULT 0, skipped INTEGER DEFAULT 0, failed INTEGER DEFAULT 0
);
CREATE TABLE IF NOT EXISTS decks (
    path TEXT PRIMARY KEY, folder TEXT NOT NULL, hash TEXT, size INTEGER, mtime REAL,
    status TEXT NOT NULL, reason TEXT DEFAULT '',
    slides INTEGER DEFAULT 0, about_us INTEGER DEFAULT 0, about_customer INTEGER DEFAULT 0, neutral INTEGER DEFAULT 0,
    us_share REAL, first_customer_slide INTEGER,
    key TEXT NOT NULL, run_id INTEGER, audited_at REAL
);
CREATE TABLE IF NOT EXISTS slides (
    path TEXT NOT NULL, idx INTEGER NOT NULL, tag TEXT NOT NULL, score REAL, title TEXT, excerpt TEXT,
    digest TEXT, evidence TEXT, counted INTEGER DEFAULT 1,
    PRIMARY KEY (path, idx)
);
CREATE INDEX IF NOT EXISTS slides_digest ON slides(digest, tag);
CREATE INDEX IF NOT EXISTS decks_hash ON decks(hash, key);
CREATE TABLE IF NOT EXISTS history (
    path TEXT NOT NULL, run_id INTEGER NOT NULL, at REAL NOT NULL, hash TEXT, status TEXT, us_share REAL,
    about_us INTEGER, about_customer INTEGER, slides INTEGER
);
CREATE INDEX IF NOT EXISTS history_path ON history(path, at);
"""

# The columns version 0 must have for this code to read it: anything else with user_version 0 is not a
# deckaudit store (or a damaged one) and is refused rather than misread.
V0_COLUMNS = {
    "runs": {"id", "started", "finished", "settings", "model", "decks", "audited", "skipped", "failed"},
    "decks": {"path", "folder", "hash", "size", "mtime", "status", "reason", "slides", "about_us", "about_customer",
              "neutral", "us_share", "first_customer_slide", "key", "run_id", "audited_at"},
    "slides": {"path", "idx", "tag", "score", "title", "excerpt", "digest", "evidence", "counted"},
    "history": {"path", "run_id", "at", "hash", "status", "us_share", "about_us", "about_customer", "slides"},
}


def _v0_to_v1(db: sqlite3.Connection) -> None:
    """1: an index for "has this store any result under these settings?", asked at the start of every run,
    which otherwise scans the decks table (10,000 rows for a 10,000-deck library)."""
    db.execute("CREATE INDEX IF NOT EXISTS decks_key ON decks(key, status)")


def _v1_to_v2(db: sqlite3.Connection) -> None:
    """2: slides.text_source, where a slide's text came from ("" the file's own text, "ocr", "text+ocr"), so
    library reports can say which decks were read by OCR. Rows stored before stay NULL: not known (the deck
    is re-read when its file changes or the settings do)."""
    db.execute("ALTER TABLE slides ADD COLUMN text_source TEXT")


MIGRATIONS = {0: _v0_to_v1, 1: _v1_to_v2}  # from version N to N+1


# Per deck, from its slides (found by the slides primary key): NULL if any slide's source is not known.
_OCR_SLIDES = ("(SELECT CASE WHEN COUNT(*) = COUNT(s.text_source) THEN CAST(TOTAL(s.text_source != '') AS INTEGER) END "
               "FROM slides s WHERE s.path = decks.path)")


@dataclass
class Known:
    hash: str | None
    size: int
    mtime: float
    key: str
    status: str


class Store:
    """The bulk store at ``path`` (made if absent, upgraded if older). Raises DeckError: ``unreadable`` when
    the file is not SQLite or cannot be written, ``unsupported`` for a newer schema or a foreign database."""

    def __init__(self, path: str | os.PathLike):
        self.path = os.fspath(path)
        try:
            self.db = sqlite3.connect(self.path, timeout=30)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")  # WAL + NORMAL: a commit survives a killed process
            self._open_schema()
        except (sqlite3.Error, DeckError) as exc:
            if getattr(self, "db", None) is not None:
                self.db.close()
            if isinstance(exc, DeckError):
                raise
            raise DeckError(FileStatus.UNREADABLE, f"cannot use as a bulk store: {_sqlite_said(exc)}", self.path,
                            detail=f"sqlite3: {exc}") from None

    def _open_schema(self) -> None:
        """Make a new store, upgrade an older one, refuse a newer or a foreign one (DeckError UNSUPPORTED)."""
        db = self.db
        if db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION:
            return  # the usual case: nothing to make or upgrade, no write lock taken
        db.isolation_level = None  # explicit transactions: the schema change and the version stamp commit together
        try:
            db.execute("BEGIN IMMEDIATE")  # one process upgrades; another waits, then sees the new version
            version = db.execute("PRAGMA user_version").fetchone()[0]
            tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            if version > SCHEMA_VERSION:
                raise DeckError(FileStatus.UNSUPPORTED, f"the store has schema version {version}, made by a newer "
                                f"deckaudit (this one reads up to {SCHEMA_VERSION}): upgrade deckaudit or use another "
                                "--db", self.path)
            if version == 0 and not tables - {"sqlite_sequence"}:
                for statement in SCHEMA_V0.split(";"):  # not executescript: it would commit half-way
                    if statement.strip():
                        db.execute(statement)
            elif version == 0:
                self._check_v0(tables)
            for step in range(version, SCHEMA_VERSION):
                MIGRATIONS[step](db)
            if version != SCHEMA_VERSION:
                db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            db.execute("COMMIT")
        except BaseException:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise
        finally:
            db.isolation_level = ""  # back to sqlite3's implicit transactions, which `with self.db:` relies on

    def _check_v0(self, tables: set[str]) -> None:
        for table, wanted in V0_COLUMNS.items():
            if table not in tables:
                raise DeckError(FileStatus.UNSUPPORTED, f"not a deckaudit store (no table {table})", self.path)
            missing = wanted - {r[1] for r in self.db.execute(f"PRAGMA table_info({table})")}
            if missing:
                raise DeckError(FileStatus.UNSUPPORTED, f"not a deckaudit store (table {table} has no column "
                                f"{', '.join(sorted(missing))})", self.path)

    @property
    def version(self) -> int:
        """The schema version of the open store (SCHEMA_VERSION once opened)."""
        return self.db.execute("PRAGMA user_version").fetchone()[0]

    def close(self) -> None:
        self.db.close()

    # --- runs -------------------------------------------------------------------------------------------
    def start_run(self, settings: dict, model: dict) -> int:
        cur = self.db.execute("INSERT INTO runs(started, settings, model) VALUES (?, ?, ?)",
                              (time.time(), json.dumps(settings, sort_keys=True), json.dumps(model, sort_keys=True)))
        self.db.commit()
        return cur.lastrowid

    def finish_run(self, run_id: int, **counts) -> None:
        self.db.execute("UPDATE runs SET finished=?, decks=?, audited=?, skipped=?, failed=? WHERE id=?",
                        (time.time(), counts.get("decks", 0), counts.get("audited", 0), counts.get("skipped", 0),
                         counts.get("failed", 0), run_id))
        self.db.commit()

    # --- decks ------------------------------------------------------------------------------------------
    def known(self, path: str) -> Known | None:
        row = self.db.execute("SELECT hash, size, mtime, key, status FROM decks WHERE path=?", (path,)).fetchone()
        return Known(*row) if row else None

    def has_results(self, key: str) -> bool:
        return self.db.execute("SELECT 1 FROM decks WHERE key=? AND status='ok' LIMIT 1", (key,)).fetchone() is not None

    def by_hash(self, digest: str, key: str) -> str | None:
        row = self.db.execute("SELECT path FROM decks WHERE hash=? AND key=? AND status='ok' LIMIT 1", (digest, key)).fetchone()
        return row[0] if row else None

    def save(self, result: DeckResult, *, folder: str, key: str, run_id: int) -> None:
        """Store one deck's result and its history row, in one transaction."""
        now = time.time()
        r = result
        with self.db:
            self.db.execute(
                "INSERT OR REPLACE INTO decks(path, folder, hash, size, mtime, status, reason, slides, about_us, "
                "about_customer, neutral, us_share, first_customer_slide, key, run_id, audited_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (r.path, folder, r.hash, r.size, r.mtime, r.status, r.reason, r.slides, r.about_us, r.about_customer,
                 r.neutral, r.us_share, r.first_customer_slide, key, run_id, now),
            )
            self.db.execute("DELETE FROM slides WHERE path=?", (r.path,))
            self.db.executemany(
                "INSERT INTO slides(path, idx, tag, score, title, excerpt, digest, evidence, counted, text_source) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(r.path, s.index, s.tag, s.score, s.title, s.excerpt, s.digest, json.dumps(s.evidence), int(s.counted),
                  s.text_source) for s in r.slide_rows],
            )
            self._history(r.path, run_id, now, r.hash, r.status, r.us_share, r.about_us, r.about_customer, r.slides)

    def _history(self, path: str, run_id: int, at: float, *figures) -> None:
        """``figures``: hash, status, us_share, about_us, about_customer, slides."""
        self.db.execute(
            "INSERT INTO history(path, run_id, at, hash, status, us_share, about_us, about_customer, slides) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", (path, run_id, at, *figures))

    def touch(self, path: str, mtime: float, run_id: int) -> None:
        """An unchanged deck: keep its result, note this run in its history."""
        with self.db:
            self.db.execute("UPDATE decks SET mtime=?, run_id=? WHERE path=?", (mtime, run_id, path))
            row = self.db.execute("SELECT hash, status, us_share, about_us, about_customer, slides FROM decks WHERE path=?",
                                  (path,)).fetchone()
            if row:
                self._history(path, run_id, time.time(), *row)

    def copy_from(self, src: str, dst: str, *, folder: str, size: int, mtime: float, run_id: int) -> None:
        """A deck whose bytes are already known under another path (moved or copied): reuse the result."""
        with self.db:
            self.db.execute("DELETE FROM decks WHERE path=?", (dst,))
            self.db.execute(  # columns named: a migration that adds one must not shift the others
                "INSERT INTO decks(path, folder, hash, size, mtime, status, reason, slides, about_us, about_customer, "
                "neutral, us_share, first_customer_slide, key, run_id, audited_at) "
                "SELECT ?, ?, hash, ?, ?, status, reason, slides, about_us, about_customer, neutral, "
                "us_share, first_customer_slide, key, ?, audited_at FROM decks WHERE path=?",
                (dst, folder, size, mtime, run_id, src))
            self.db.execute("DELETE FROM slides WHERE path=?", (dst,))
            self.db.execute("INSERT INTO slides(path, idx, tag, score, title, excerpt, digest, evidence, counted, "
                            "text_source) SELECT ?, idx, tag, score, title, excerpt, digest, evidence, counted, text_source "
                            "FROM slides WHERE path=?", (dst, src))
        self.touch(dst, mtime, run_id)

    # --- reading ----------------------------------------------------------------------------------------
    def decks(self, paths: list[str]) -> list[DeckRow]:
        """The stored rows of ``paths`` (those that have one), in no particular order. ``ocr_slides`` counts the
        deck's slides whose text OCR read; None when a slide's source is not known (stored before version 2)."""
        cols = ("path", "folder", "status", "reason", "slides", "about_us", "about_customer", "neutral", "us_share",
                "first_customer_slide", _OCR_SLIDES)
        out = []
        for i in range(0, len(paths), 500):
            chunk = paths[i : i + 500]
            q = f"SELECT {', '.join(cols)} FROM decks WHERE path IN ({','.join('?' * len(chunk))})"
            out.extend(DeckRow(*row) for row in self.db.execute(q, chunk))
        return out

    def reused_us_slides(self, paths: list[str], limit: int = 10) -> list[tuple[str, str, str, int, list[str]]]:
        """(digest, title, excerpt, decks, example paths) for about-us slides found in 2+ decks."""
        self.db.execute("CREATE TEMP TABLE IF NOT EXISTS scope(path TEXT PRIMARY KEY)")
        self.db.execute("DELETE FROM scope")
        self.db.executemany("INSERT OR IGNORE INTO scope VALUES (?)", [(p,) for p in paths])
        rows = self.db.execute(
            "SELECT s.digest, MIN(s.title), MIN(s.excerpt), COUNT(DISTINCT s.path) AS n, GROUP_CONCAT(DISTINCT s.path) "
            "FROM slides s JOIN scope USING(path) WHERE s.tag='about-us' AND s.digest != '' "
            "GROUP BY s.digest HAVING n >= 2 ORDER BY n DESC, MIN(s.title) LIMIT ?", (limit,)).fetchall()
        return [(d, t or "", e or "", n, (ps or "").split(",")[:5]) for d, t, e, n, ps in rows]

    def history(self, path: str) -> list[dict]:
        cols = ("run_id", "at", "hash", "status", "us_share", "about_us", "about_customer", "slides")
        q = f"SELECT {', '.join(cols)} FROM history WHERE path=? ORDER BY at, run_id"
        return [dict(zip(cols, row)) for row in self.db.execute(q, (path,))]


def _sqlite_said(exc: Exception) -> str:
    """An SQLite error in a user's words (the library's text goes to DeckError.detail)."""
    text = str(exc).lower()
    if "not a database" in text or "malformed" in text:
        return "not an SQLite database, or a damaged one"
    if "unable to open" in text:
        return "cannot open or create the file (does its folder exist?)"
    if "readonly" in text or "read-only" in text:
        return "the file is read-only"
    if "locked" in text or "busy" in text:
        return "another process holds it locked"
    return "SQLite cannot use the file"
