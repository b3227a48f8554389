"""The bulk store: round trip, re-runs that skip unchanged decks, changed and moved decks, settings that
force a re-audit, retried timeouts, history and reused slides. All in-process (--jobs 1)."""

from __future__ import annotations

import os
import shutil
import sqlite3
import time
from pathlib import Path

import pytest

from deckaudit.api import AuditOptions, audit
from deckaudit.errors import DeckError, FileStatus
from deckaudit.library.bulk import bulk, history
from deckaudit.library.result import DeckResult, SlideRow
from deckaudit.library.store import Store
from deckaudit.library.summary import DeckRow, summarise
from tests import deckfactory as df
from tests.test_bulk_discover import CUSTOMER_SLIDES, library, library_template  # noqa: F401  (fixtures)


@pytest.fixture(scope="session")
def fresh_deck(tmp_path_factory):
    """A deck whose bytes are in no library: customer slides and one about us."""
    return df.basic_pptx(tmp_path_factory.mktemp("fresh") / "fresh.pptx", slides=CUSTOMER_SLIDES[:2] + (
        ("Our awards", ["We are the market leader", "Our platform won three awards"]),))


def counts(report) -> tuple:
    s = report.summary
    return s.slides, s.about_us, s.about_customer, s.us_share


def test_store_round_trip(tmp_path):
    store = Store(tmp_path / "s.db")
    run = store.start_run({"notes": True}, {"name": "m"})
    slide = SlideRow(index=1, tag="about-us", score=-0.9, title="Awards", excerpt="Awards ...", digest="d1",
                     evidence=["our platform"], counted=True)
    store.save(DeckResult("/x/a.pptx", hash="h", size=10, mtime=1.5, slides=1, about_us=1, us_share=1.0,
                          slide_rows=[slide]), folder="x", key="k", run_id=run)
    store.save(DeckResult.failed("/x/b.pptx", FileStatus.CORRUPT, "truncated zip"), folder="x", key="k", run_id=run)
    store.finish_run(run, decks=2, audited=1, failed=1)
    store.close()
    store = Store(tmp_path / "s.db")  # reopened: everything committed
    rows = {r.path: r for r in store.decks(["/x/a.pptx", "/x/b.pptx"])}
    assert rows["/x/a.pptx"].us_share == 1.0 and rows["/x/b.pptx"].reason == "truncated zip"
    assert (rows["/x/b.pptx"].status, rows["/x/b.pptx"].folder) == ("corrupt", "x")
    assert store.known("/x/a.pptx").hash == "h" and store.known("/x/a.pptx").mtime == 1.5
    assert [h["us_share"] for h in store.history("/x/a.pptx")] == [1.0]
    evidence = store.db.execute("SELECT evidence FROM slides WHERE path='/x/a.pptx'").fetchone()[0]
    assert evidence == '["our platform"]'
    assert store.db.execute("SELECT audited, failed FROM runs").fetchone() == (1, 1)
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    store.close()


def test_a_file_that_is_not_a_store_is_a_typed_error(tmp_path):
    (tmp_path / "x.db").write_text("not sqlite " * 100)
    with pytest.raises(DeckError) as err:
        Store(tmp_path / "x.db")
    assert err.value.status.value == "unreadable"


def test_rerun_skips_unchanged_and_reaudits_changed(library, tmp_path, fresh_deck):
    db = tmp_path / "a.db"
    first = bulk([library], db=db, jobs=1)
    assert (first.run["audited"], first.run["failed"], first.run["skipped"]) == (4, 1, 0)
    assert [os.path.basename(f.path) for f in first.failures] == ["broken.pptx"]
    target = library / "sales" / "vendor-pitch.pptx"
    stored = next(d for d in first.decks if d.path == str(target))
    assert (stored.slides, stored.about_us, stored.about_customer, stored.us_share) == counts(audit(target))
    again = bulk([library], db=db, jobs=1)
    assert again.run["audited"] == 0 and again.run["skipped"] == 5  # the unchanged broken file too ...
    assert len(again.failures) == 1  # ... which is still reported
    assert again.us_share == first.us_share
    later = time.time() + 5
    os.utime(target, (later, later))  # touched, same bytes: the hash confirms, still skipped
    assert bulk([library], db=db, jobs=1).run["skipped"] == 5
    shutil.copy(fresh_deck, target)  # new bytes: audited again, the new figures stored
    third = bulk([library], db=db, jobs=1)
    assert third.run["audited"] == 1 and third.run["skipped"] == 4
    row = next(d for d in third.decks if d.path == str(target))
    assert (row.slides, row.about_us, row.about_customer, row.us_share) == counts(audit(fresh_deck))
    assert row.us_share != stored.us_share  # else the history below proves nothing
    assert [h["us_share"] for h in history(db, str(target))] == [stored.us_share] * 3 + [row.us_share]


def test_a_moved_deck_reuses_its_result(library, tmp_path):
    db = tmp_path / "m.db"
    bulk([library], db=db, jobs=1)
    os.rename(library / "sales" / "customer-first.pptx", library / "sales" / "emea" / "renamed.pptx")
    lib = bulk([library], db=db, jobs=1)
    assert lib.run["audited"] == 0 and lib.run["skipped"] == 5
    moved = next(d for d in lib.decks if d.path.endswith("renamed.pptx"))
    assert moved.folder == "sales/emea" and moved.status == "ok" and moved.about_customer > 0
    with sqlite3.connect(db) as c:
        assert c.execute("SELECT COUNT(*) FROM slides WHERE path=?", (moved.path,)).fetchone()[0] == moved.slides


def test_new_settings_audit_again(library, tmp_path):
    db = tmp_path / "s.db"
    bulk([library], db=db, jobs=1)
    lib = bulk([library], db=db, jobs=1, options=AuditOptions(include_hidden=True))
    assert lib.run["audited"] == 4 and lib.run["skipped"] == 0


def test_a_new_model_audits_again(library, tmp_path):
    import json

    from deckaudit.classify import data

    db = tmp_path / "n.db"
    bulk([library], db=db, jobs=1)
    model = json.loads((Path(data.__file__).parent / "model.json").read_text())
    model["version"] += "-retrained"
    (tmp_path / "model.json").write_text(json.dumps(model))
    lib = bulk([library], db=db, jobs=1, options=AuditOptions(model=str(tmp_path / "model.json")))
    assert lib.run["audited"] == 4 and lib.run["model"]["version"].endswith("-retrained")
    with sqlite3.connect(db) as c:
        versions = [json.loads(m)["version"] for (m,) in c.execute("SELECT model FROM runs ORDER BY id")]
    assert versions == [model["version"].removesuffix("-retrained"), model["version"]]


def test_a_new_deckaudit_version_audits_again(library, tmp_path, monkeypatch):
    import deckaudit

    db = tmp_path / "v.db"
    bulk([library], db=db, jobs=1)
    monkeypatch.setattr(deckaudit, "__version__", deckaudit.__version__ + ".post1")
    assert bulk([library], db=db, jobs=1).run["audited"] == 4


def test_timeouts_and_errors_are_retried_on_the_next_run(library, tmp_path):
    db = tmp_path / "r.db"
    bulk([library], db=db, jobs=1)
    path = str(library / "sales" / "vendor-pitch.pptx")
    with sqlite3.connect(db) as c:
        c.execute("UPDATE decks SET status='timeout', reason='took longer than 60 s' WHERE path=?", (path,))
    lib = bulk([library], db=db, jobs=1)
    assert lib.run["audited"] == 1 and next(d for d in lib.decks if d.path == path).status == "ok"


def test_reused_about_us_slides(library, tmp_path):
    lib_dir = tmp_path / "reuse"
    lib_dir.mkdir()
    for i in range(3):
        shutil.copy(library / "sales" / "vendor-pitch.pptx", lib_dir / f"copy{i}.pptx")
    shutil.copy(library / "sales" / "customer-first.pptx", lib_dir / "other.pptx")
    us_slides = [s for s in audit(lib_dir / "copy0.pptx").slides if s.tag.value == "about-us"]
    assert us_slides  # the library's about-us deck has about-us slides
    lib = bulk([lib_dir], db=tmp_path / "r.db", jobs=1)
    assert len(lib.reused) == len(us_slides) and all(r.decks == 3 for r in lib.reused)
    assert {r.title for r in lib.reused} == {s.slide.title for s in us_slides}
    assert all(not p.endswith("other.pptx") for r in lib.reused for p in r.paths)


def row(path, folder, us, cust, status="ok"):
    share = us / (us + cust) if us + cust else None
    return DeckRow(path, folder, status, "" if status == "ok" else "why", us + cust, us, cust, 0, share)


def test_summarise_figures():
    rows = [row("/l/a/1.pptx", "a", 9, 1), row("/l/a/2.pptx", "a", 1, 3), row("/l/b/3.pdf", "b", 5, 5),
            row("/l/b/4.pptx", "b", 0, 0, status="corrupt")]
    lib = summarise(rows, [], fail_over=0.5)
    assert lib.us_share == pytest.approx(15 / 24)
    assert [d.path for d in lib.over_threshold] == ["/l/a/1.pptx"]  # 0.5 is not over 0.5
    assert [d.path for d in lib.worst] == ["/l/a/1.pptx", "/l/b/3.pdf", "/l/a/2.pptx"]
    assert [(f.folder, f.decks, f.us_share) for f in lib.folders] == [("a", 2, pytest.approx(10 / 14)), ("b", 1, 0.5)]
    assert [d.path for d in lib.failures] == ["/l/b/4.pptx"]


def test_a_deck_result_crosses_a_process_boundary_field_for_field():
    """DeckResult and SlideRow pickle as plain tuples (fast): a field added to the class but not to that tuple
    would be lost between a worker and the store."""
    import dataclasses
    import pickle

    def distinct(cls, **given):
        values = {f.name: given.get(f.name, f"{f.name}-value") for f in dataclasses.fields(cls)}
        return cls(**values)

    slide = distinct(SlideRow)
    result = distinct(DeckResult, slide_rows=[slide, distinct(SlideRow, index=2)])
    back = pickle.loads(pickle.dumps(result))
    assert back == result and back.slide_rows[0] == slide and type(back.slide_rows[0]) is SlideRow
    for f in dataclasses.fields(DeckResult):
        assert getattr(back, f.name) == getattr(result, f.name), f.name
