"""Bulk audits: discovery, the store, skipping unchanged decks, failures, kills, timeouts, pool and Dask."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from deckaudit.api import AuditOptions
from deckaudit.library import discover as discover_mod
from deckaudit.library.bulk import bulk, history
from deckaudit.library.discover import discover
from tests import deckfactory as df
from tests.conftest import ROOT

SAMPLES = ROOT / "sample_decks"


@pytest.fixture
def library(tmp_path) -> Path:
    lib = tmp_path / "lib"
    (lib / "sales" / "emea").mkdir(parents=True)
    (lib / "archive").mkdir()
    for name in ("vendor-pitch.pptx", "customer-first.pptx"):
        (lib / "sales" / name).write_bytes((SAMPLES / name).read_bytes())
    (lib / "sales" / "emea" / "vendor-pitch.pdf").write_bytes((SAMPLES / "vendor-pitch.pdf").read_bytes())
    (lib / "archive" / "old.pptx").write_bytes((SAMPLES / "vendor-pitch.pptx").read_bytes())
    (lib / ".deckauditignore").write_text("archive/\n*.tmp.pptx\n")
    (lib / "sales" / "draft.tmp.pptx").write_bytes((SAMPLES / "vendor-pitch.pptx").read_bytes())
    (lib / "sales" / "broken.pptx").write_text("not a deck")
    (lib / "sales" / "deck-without-extension").write_bytes((SAMPLES / "customer-first.pdf").read_bytes())
    (lib / "sales" / "notes.txt").write_text("hello")
    return lib


def names(found) -> list[str]:
    return sorted(Path(f.path).name for f in found)


def test_discovery_by_content_with_ignores(library):
    assert names(discover([library])) == ["broken.pptx", "customer-first.pptx", "deck-without-extension",
                                          "vendor-pitch.pdf", "vendor-pitch.pptx"]


def test_discovery_skips_office_files_that_are_not_decks(library):
    import zipfile

    with zipfile.ZipFile(library / "sales" / "report.docx", "w") as z:
        z.writestr("[Content_Types].xml", '<Types><Override PartName="/word/document.xml" ContentType="application/'
                   'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
        z.writestr("word/document.xml", "<w:document/>")
    assert "report.docx" not in names(discover([library]))


def test_symlink_loop_is_walked_once(library):
    os.symlink(library, library / "sales" / "loop")
    assert len(discover([library])) == 5


def test_unreadable_folder_is_reported_and_the_walk_goes_on(library, monkeypatch):
    real = os.scandir

    def scandir(path):
        if str(path).endswith("emea"):
            raise PermissionError(13, "Permission denied")
        return real(path)

    monkeypatch.setattr(discover_mod.os, "scandir", scandir)
    found = discover([library])
    problems = [f for f in found if f.problem]
    assert len(problems) == 1 and problems[0].problem.startswith("unreadable")
    assert len(found) == 5  # 4 decks + the unreadable folder


def test_bulk_store_and_skip_unchanged(library, tmp_path):
    db = tmp_path / "a.db"
    lib = bulk([library], db=db, jobs=1)
    assert lib.run["audited"] == 4 and lib.run["failed"] == 1 and lib.run["skipped"] == 0
    assert [f.path.endswith("broken.pptx") for f in lib.failures] == [True]
    assert lib.worst[0].us_share == 1.0
    assert {f.folder for f in lib.folders} == {"sales", "sales/emea"}
    again = bulk([library], db=db, jobs=1)
    assert again.run["audited"] == 0 and again.run["skipped"] == 5  # the unchanged broken file too ...
    assert len(again.failures) == 1  # ... which is still reported
    assert again.us_share == lib.us_share
    # touched but identical bytes: the hash confirms, still skipped
    target = library / "sales" / "vendor-pitch.pptx"
    os.utime(target, (time.time() + 5, time.time() + 5))
    assert bulk([library], db=db, jobs=1).run["skipped"] == 5
    # changed content: audited again
    target.write_bytes((SAMPLES / "customer-first.pptx").read_bytes())
    third = bulk([library], db=db, jobs=1)
    assert third.run["audited"] == 1
    hist = history(db, str(target))
    assert [h["us_share"] for h in hist] == [1.0, 1.0, 1.0, 0.0]


def test_new_settings_audit_again(library, tmp_path):
    db = tmp_path / "s.db"
    bulk([library], db=db, jobs=1)
    lib = bulk([library], db=db, jobs=1, options=AuditOptions(include_hidden=True))
    assert lib.run["audited"] == 4


def test_reused_about_us_slides(tmp_path):
    lib_dir = tmp_path / "reuse"
    lib_dir.mkdir()
    for i in range(3):
        (lib_dir / f"copy{i}.pptx").write_bytes((SAMPLES / "vendor-pitch.pptx").read_bytes())
    lib = bulk([lib_dir], db=tmp_path / "r.db", jobs=1)
    assert lib.reused and lib.reused[0].decks == 3


def test_timeout_is_a_status_not_a_crash(library, tmp_path, monkeypatch):
    import deckaudit.api

    real = deckaudit.api.read

    def slow(path, options=None):
        if str(path).endswith("customer-first.pptx"):
            time.sleep(5)
        return real(path, options)

    monkeypatch.setattr(deckaudit.api, "read", slow)
    lib = bulk([library], db=tmp_path / "t.db", jobs=1, timeout=1)
    statuses = {Path(d.path).name: d.status for d in lib.decks}
    assert statuses["customer-first.pptx"] == "timeout"
    assert statuses["vendor-pitch.pptx"] == "ok"


@pytest.mark.slow
def test_watchdog_kills_a_worker_stuck_where_the_alarm_cannot_reach(library, tmp_path, monkeypatch):
    from deckaudit.library.worker import HANG_FOR_TESTS

    monkeypatch.setenv(HANG_FOR_TESTS, "customer-first.pptx")  # inherited by the spawned workers
    t = time.perf_counter()
    lib = bulk([library], db=tmp_path / "w.db", jobs=2, timeout=1)
    elapsed = time.perf_counter() - t
    statuses = {Path(d.path).name: (d.status, d.reason) for d in lib.decks}
    assert statuses["customer-first.pptx"][0] == "timeout" and "worker killed" in statuses["customer-first.pptx"][1]
    # the files that were in flight with it were resubmitted to the new pool and audited
    assert statuses["vendor-pitch.pptx"][0] == "ok" and statuses["vendor-pitch.pdf"][0] == "ok"
    assert statuses["deck-without-extension"][0] == "ok"
    assert elapsed < 120  # hang guard: the run finished instead of waiting an hour


def test_pool_gives_the_same_results(library, tmp_path):
    one = bulk([library], db=tmp_path / "one.db", jobs=1)
    two = bulk([library], db=tmp_path / "two.db", jobs=2)
    shape = lambda lib: sorted((Path(d.path).name, d.status, d.about_us, d.about_customer) for d in lib.decks)
    assert shape(one) == shape(two)


def test_a_killed_run_keeps_every_finished_deck(tmp_path):
    lib_dir = tmp_path / "many"
    lib_dir.mkdir()
    for i in range(40):
        (lib_dir / f"d{i:02}.pptx").write_bytes((SAMPLES / "vendor-pitch.pptx").read_bytes())
    db = tmp_path / "k.db"
    code = (
        "import time, deckaudit.library.bulk as b\n"
        "real = b.audit_file\n"
        "def slow(path, timeout=None):\n"
        "    time.sleep(0.15)\n"
        "    return real(path, timeout)\n"
        "b.audit_file = slow\n"
        f"b.bulk([{str(lib_dir)!r}], db={str(db)!r}, jobs=1)\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    deadline = time.time() + 60
    stored = 0
    while time.time() < deadline and stored < 5:
        time.sleep(0.2)
        if db.exists():
            try:
                with sqlite3.connect(db) as c:
                    stored = c.execute("SELECT COUNT(*) FROM decks WHERE status='ok'").fetchone()[0]
            except sqlite3.OperationalError:
                pass
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    with sqlite3.connect(db) as c:
        ok = c.execute("SELECT COUNT(*) FROM decks WHERE status='ok'").fetchone()[0]
        slides = c.execute("SELECT COUNT(DISTINCT path) FROM slides").fetchone()[0]
    assert 5 <= ok < 40 and slides == ok  # every stored deck is whole
    resumed = bulk([lib_dir], db=db, jobs=1)
    assert resumed.run["skipped"] == ok and resumed.run["audited"] == 40 - ok


def run_cli(*args, cwd) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "deckaudit", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=180)


def test_cli_exit_codes_and_formats(library, tmp_path):
    r = run_cli("bulk", library, "--db", tmp_path / "c.db", "--jobs", "1", "--format", "json", cwd=tmp_path)
    assert r.returncode == 2  # broken.pptx, reported after everything was stored
    failed = [ln for ln in r.stderr.splitlines() if ln.startswith("deckaudit: ")]
    assert len(failed) == 1 and "broken.pptx: unsupported:" in failed[0] and "Traceback" not in r.stderr
    doc = json.loads(r.stdout)
    assert doc["schema"] == "deckaudit.library/1" and len(doc["failures"]) == 1
    (library / "sales" / "broken.pptx").unlink()
    r = run_cli("bulk", library, "--db", tmp_path / "c.db", "--format", "csv", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines()[0].startswith("path,folder,status") and len(r.stdout.splitlines()) == 5
    r = run_cli("bulk", library, "--db", tmp_path / "c.db", "--fail-over", "0.5", "--quiet", cwd=tmp_path)
    assert r.returncode == 1 and "is over 0.50" in r.stderr
    h = run_cli("history", library / "sales" / "vendor-pitch.pptx", "--db", tmp_path / "c.db", "--format", "json", cwd=tmp_path)
    assert h.returncode == 0 and len(json.loads(h.stdout)) == 3
    missing = run_cli("history", "nope.pptx", "--db", tmp_path / "none.db", cwd=tmp_path)
    assert missing.returncode == 2 and "Traceback" not in missing.stderr


@pytest.mark.slow
def test_dask_local_cluster(library, tmp_path):
    distributed = pytest.importorskip("dask.distributed", reason="dask not installed: pip install 'deckaudit[dask]'")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        lib = bulk([library], db=tmp_path / "d.db", scheduler=cluster.scheduler_address)
    local = bulk([library], db=tmp_path / "l.db", jobs=1)
    shape = lambda lib: sorted((Path(d.path).name, d.status, d.about_us) for d in lib.decks)
    assert shape(lib) == shape(local)
    assert lib.run["scheduler"] == cluster.scheduler_address


def test_bad_limits_stop_bulk_before_it_starts(library, tmp_path):
    (tmp_path / "deckaudit.toml").write_text("[limits]\nmin_inflate_ratio = -1\n")
    r = run_cli("bulk", library, "--db", tmp_path / "l.db", cwd=tmp_path)
    assert r.returncode == 2 and "limits must be positive" in r.stderr and not (tmp_path / "l.db").exists()
