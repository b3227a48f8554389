"""The bulk store's schema version (PRAGMA user_version): a store made before versioning (version 0) is
upgraded in place and read as it was written; a store from a newer deckaudit, or an SQLite file that is not a
store, is refused with a one-line typed error; a failed upgrade leaves the store as it was."""

from __future__ import annotations

import sqlite3

import pytest

from deckaudit.errors import DeckError, FileStatus
from deckaudit.library import store as store_mod
from deckaudit.library.bulk import bulk, history
from deckaudit.library.store import SCHEMA_VERSION, Store
from tests.test_bulk_cli import run_cli
from tests.test_bulk_discover import library, library_template  # noqa: F401  (fixtures)

# The store's DDL as deckaudit wrote it before the schema had a version (copied here, not imported: the
# test must keep describing the stores users already have, whatever the code's own copy becomes).
V0_DDL = """
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
TABLES = ("runs", "decks", "slides", "history")


def version(db) -> int:
    with sqlite3.connect(db) as c:
        return c.execute("PRAGMA user_version").fetchone()[0]


def dump(db) -> dict:
    with sqlite3.connect(db) as c:
        return {t: sorted(c.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in TABLES}


def schema_objects(db) -> set:
    with sqlite3.connect(db) as c:
        return set(c.execute("SELECT type, name, tbl_name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"))


@pytest.fixture
def v0_store(library, tmp_path):
    """A version-0 store holding a real audit of ``library``: the old DDL, filled with the rows a bulk run
    wrote (the columns of version 0 and today's are the same, so the rows are what the old code stored)."""
    made = tmp_path / "made.db"
    bulk([library], db=made, jobs=1)
    old = tmp_path / "old.db"
    with sqlite3.connect(old) as c:
        c.executescript(V0_DDL)
        c.execute("ATTACH ? AS made", (str(made),))
        for t in TABLES:  # version 0's columns only (later versions added some)
            cols = ", ".join(r[1] for r in c.execute(f"PRAGMA main.table_info({t})"))
            c.execute(f"INSERT INTO {t} ({cols}) SELECT {cols} FROM made.{t}")
    c.close()
    assert version(old) == 0
    return old


@pytest.fixture
def v1_store(v0_store):
    """A version-1 store: version 0 plus its one step (the decks_key index), as deckaudit 1's stores are."""
    with sqlite3.connect(v0_store) as c:
        c.execute("CREATE INDEX decks_key ON decks(key, status)")
        c.execute("PRAGMA user_version = 1")
    c.close()
    return v0_store


def test_a_new_store_is_made_at_the_current_version(tmp_path):
    Store(tmp_path / "new.db").close()
    assert version(tmp_path / "new.db") == SCHEMA_VERSION


def test_a_version_0_store_is_upgraded_in_place_and_read_as_written(library, tmp_path, v0_store):
    before = dump(v0_store)
    store = Store(v0_store)
    assert store.version == SCHEMA_VERSION
    store.close()
    after = dump(v0_store)
    assert after["slides"] == [(*r, None) for r in before["slides"]]  # + text_source, not known for old rows
    assert {t: after[t] for t in TABLES if t != "slides"} == {t: before[t] for t in TABLES if t != "slides"}
    Store(tmp_path / "fresh.db").close()
    assert schema_objects(v0_store) == schema_objects(tmp_path / "fresh.db")  # upgraded == made new
    again = bulk([library], db=v0_store, jobs=1)  # the stored results are found and reused ...
    assert (again.run["audited"], again.run["skipped"]) == (0, 5)
    first = {(r["path"], r["status"], r["slides"], r["about_us"], r["about_customer"], r["us_share"])
             for r in _rows(before["decks"])}
    assert {(d.path, d.status, d.slides, d.about_us, d.about_customer, d.us_share) for d in again.decks} == first
    path = next(d.path for d in again.decks if d.status == "ok")
    assert len(history(v0_store, path)) == 2  # ... and the old history goes on
    assert {d.ocr_slides for d in again.decks if d.status == "ok"} == {None}  # OCR or not: not known, not "none"


def test_a_version_1_store_gains_the_text_source_of_each_slide(library, tmp_path, v1_store):
    """Step 1 -> 2 adds slides.text_source: old rows say "not known" (NULL), a re-audited deck says where its
    text came from, and a store upgraded from 1 is the same as one made new."""
    before = dump(v1_store)
    store = Store(v1_store)
    assert store.version == SCHEMA_VERSION == 2
    store.close()
    Store(tmp_path / "fresh.db").close()
    assert schema_objects(v1_store) == schema_objects(tmp_path / "fresh.db")
    assert dump(v1_store)["slides"] == [(*r, None) for r in before["slides"]]
    deck = str(library / "sales" / "vendor-pitch.pptx")
    with sqlite3.connect(v1_store) as c:  # as if its file changed: audited again, with today's fields
        c.execute("UPDATE decks SET mtime = 0, hash = 'older bytes' WHERE path=?", (deck,))
    c.close()
    lib = bulk([library], db=v1_store, jobs=1)
    assert lib.run["audited"] == 1
    rows = {d.path: d for d in lib.decks if d.status == "ok"}
    assert rows.pop(deck).ocr_slides == 0 and {d.ocr_slides for d in rows.values()} == {None}
    with sqlite3.connect(v1_store) as c:
        sources = {r[0] for r in c.execute("SELECT text_source FROM slides WHERE path=?", (deck,))}
    c.close()
    assert sources == {""}  # the file's own text


def _rows(decks):
    cols = ("path", "folder", "hash", "size", "mtime", "status", "reason", "slides", "about_us", "about_customer",
            "neutral", "us_share", "first_customer_slide", "key", "run_id", "audited_at")
    return [dict(zip(cols, r)) for r in decks]


def test_a_store_from_a_newer_deckaudit_is_refused_not_misread(tmp_path, v0_store):
    with sqlite3.connect(v0_store) as c:
        c.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    c.close()
    before = dump(v0_store)
    with pytest.raises(DeckError) as err:
        Store(v0_store)
    assert err.value.status is FileStatus.UNSUPPORTED and "newer deckaudit" in err.value.reason
    assert version(v0_store) == SCHEMA_VERSION + 1 and dump(v0_store) == before  # left alone


def test_the_cli_says_so_in_one_line(library, tmp_path):
    db = tmp_path / "newer.db"
    with sqlite3.connect(db) as c:
        c.execute("CREATE TABLE decks (path TEXT)")
        c.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    c.close()
    r = run_cli("bulk", library, "--db", db, "--jobs", "1", cwd=tmp_path)
    assert r.returncode != 0 and "Traceback" not in r.stderr
    (line,) = [ln for ln in r.stderr.splitlines() if ln.strip()]
    assert line == (f"deckaudit: {db}: unsupported: the store has schema version {SCHEMA_VERSION + 5}, made by a "
                    f"newer deckaudit (this one reads up to {SCHEMA_VERSION}): upgrade deckaudit or use another --db")


def test_an_sqlite_file_that_is_not_a_store_is_refused(tmp_path):
    db = tmp_path / "other.db"
    with sqlite3.connect(db) as c:
        c.execute("CREATE TABLE decks (path TEXT PRIMARY KEY, owner TEXT)")
    c.close()
    with pytest.raises(DeckError) as err:
        Store(db)
    assert err.value.status is FileStatus.UNSUPPORTED and err.value.reason == "not a deckaudit store (no table runs)"
    assert version(db) == 0 and schema_objects(db) == {("table", "decks", "decks")}  # nothing added to it


def test_a_failed_upgrade_leaves_the_store_as_it_was(tmp_path, v0_store, monkeypatch):
    def half_done(db):
        db.execute("CREATE INDEX decks_key ON decks(key, status)")
        raise sqlite3.OperationalError("disk I/O error")

    objects = schema_objects(v0_store)
    monkeypatch.setitem(store_mod.MIGRATIONS, 0, half_done)
    with pytest.raises(DeckError) as err:
        Store(v0_store)
    assert err.value.status is FileStatus.UNREADABLE
    assert version(v0_store) == 0 and schema_objects(v0_store) == objects


def test_a_failure_in_a_later_step_undoes_the_earlier_steps_too(tmp_path, v0_store, monkeypatch):
    def fails(db):
        raise sqlite3.OperationalError("disk I/O error")

    objects, rows = schema_objects(v0_store), dump(v0_store)
    monkeypatch.setitem(store_mod.MIGRATIONS, 1, fails)
    with pytest.raises(DeckError):
        Store(v0_store)
    assert version(v0_store) == 0 and schema_objects(v0_store) == objects and dump(v0_store) == rows  # no decks_key


def test_a_version_0_store_missing_a_column_is_refused(tmp_path):
    db = tmp_path / "partial.db"
    with sqlite3.connect(db) as c:
        c.executescript(V0_DDL.replace("digest TEXT, evidence TEXT, counted INTEGER DEFAULT 1,", "digest TEXT,"))
    c.close()
    with pytest.raises(DeckError) as err:
        Store(db)
    assert err.value.reason == "not a deckaudit store (table slides has no column counted, evidence)"
    assert version(db) == 0
