"""Bulk isolation and scale-out: per-file timeouts and memory errors as statuses, a hung or crashing
worker killed while the run goes on, a killed run that keeps every finished deck, the pool and Dask giving
the same results as --jobs 1."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from deckaudit.library import bulk as bulk_mod
from deckaudit.library.bulk import bulk
from tests.conftest import ROOT
from tests.test_bulk_discover import library, library_template  # noqa: F401  (fixtures)


def statuses(lib) -> dict[str, tuple[str, str]]:
    return {Path(d.path).name: (d.status, d.reason) for d in lib.decks}


def shape(lib) -> list[tuple]:
    return sorted((Path(d.path).name, d.status, d.about_us, d.about_customer, d.slides) for d in lib.decks)


@pytest.fixture
def slow_reader(monkeypatch):
    """In-process (--jobs 1) runs read through deckaudit.readers.read_deck: make one file slow."""
    import deckaudit.readers

    real = deckaudit.readers.read_deck

    def slow(path, options=None):
        if str(path).endswith("customer-first.pptx"):
            time.sleep(5)
        return real(path, options)

    monkeypatch.setattr(deckaudit.readers, "read_deck", slow)


def test_timeout_is_a_status_not_a_crash(library, tmp_path, slow_reader):
    lib = bulk([library], db=tmp_path / "t.db", jobs=1, timeout=1)
    got = statuses(lib)
    assert got["customer-first.pptx"] == ("timeout", "took longer than 1 s")
    assert got["vendor-pitch.pptx"][0] == "ok" and got["vendor-pitch.pdf"][0] == "ok"


def test_memory_error_is_too_large(library, tmp_path, monkeypatch):
    import deckaudit.readers

    real = deckaudit.readers.read_deck

    def greedy(path, options=None):
        if str(path).endswith("vendor-pitch.pdf"):
            raise MemoryError()
        return real(path, options)

    monkeypatch.setattr(deckaudit.readers, "read_deck", greedy)
    got = statuses(bulk([library], db=tmp_path / "m.db", jobs=1, memory_mb=512))
    assert got["vendor-pitch.pdf"] == ("too-large", "needed more than 512 MB of memory")
    assert got["customer-first.pptx"][0] == "ok"


def test_pool_gives_the_same_results_as_in_process(library, tmp_path):
    one = bulk([library], db=tmp_path / "one.db", jobs=1)
    two = bulk([library], db=tmp_path / "two.db", jobs=2)
    assert shape(one) == shape(two) and two.run["jobs"] == 2


@pytest.mark.slow
def test_a_crashing_worker_is_named_and_the_rest_audited(library, tmp_path, monkeypatch):
    from deckaudit.library.worker import CRASH_FOR_TESTS

    monkeypatch.setenv(CRASH_FOR_TESTS, "customer-first.pptx")  # inherited by the spawned workers
    got = statuses(bulk([library], db=tmp_path / "c.db", jobs=2))
    assert got["customer-first.pptx"][0] == "error" and "worker process died" in got["customer-first.pptx"][1]
    assert "signal SIGSEGV" in got["customer-first.pptx"][1]
    # only the file that crashed its worker failed: the others, in flight at the same time, were audited
    assert sorted(n for n, (s, _r) in got.items() if s != "ok") == ["broken.pptx", "customer-first.pptx"]


@pytest.mark.slow
def test_watchdog_kills_a_worker_stuck_where_the_alarm_cannot_reach(library, tmp_path, monkeypatch):
    from deckaudit.library.worker import HANG_FOR_TESTS

    monkeypatch.setenv(HANG_FOR_TESTS, "customer-first.pptx")
    monkeypatch.setattr(bulk_mod, "WATCHDOG_GRACE_S", 4.0)  # the parent's deadline: 1 s + 4 s from the file's start
    lib = bulk([library], db=tmp_path / "w.db", jobs=2, timeout=1)
    got = statuses(lib)
    assert got["customer-first.pptx"] == ("timeout", "no answer after 5 s; worker killed")
    # the other files were audited, by the other worker and the one that replaced the killed one
    assert sorted(n for n, (s, _r) in got.items() if s != "ok") == ["broken.pptx", "customer-first.pptx"]


def test_a_killed_run_keeps_every_finished_deck(library, tmp_path):
    lib_dir = tmp_path / "many"
    lib_dir.mkdir()
    for i in range(40):  # distinct bytes (a zip comment), so no deck's result is reused for another
        shutil.copy(library / "sales" / "vendor-pitch.pptx", lib_dir / f"d{i:02}.pptx")
        with zipfile.ZipFile(lib_dir / f"d{i:02}.pptx", "a") as z:
            z.comment = f"copy {i}".encode()
    db = tmp_path / "k.db"
    code = (  # a bulk run slowed down per deck, so it can be killed half-way
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
        whole = c.execute("SELECT COUNT(DISTINCT path) FROM slides").fetchone()[0]
    assert 5 <= ok < 40 and whole == ok  # every stored deck is whole
    resumed = bulk([lib_dir], db=db, jobs=1)
    assert resumed.run["skipped"] == ok and resumed.run["audited"] == 40 - ok


def stored_ok(db) -> int:
    try:
        with sqlite3.connect(db) as c:
            return c.execute("SELECT COUNT(*) FROM decks WHERE status='ok'").fetchone()[0]
    except sqlite3.OperationalError:
        return 0


@pytest.mark.slow
def test_ctrl_c_stops_the_pool_keeps_finished_decks_and_prints_no_traceback(library, tmp_path):
    from deckaudit.library.worker import HANG_FOR_TESTS

    db = tmp_path / "i.db"
    env = {**os.environ, "PYTHONPATH": str(ROOT), HANG_FOR_TESTS: "customer-first.pptx"}
    proc = subprocess.Popen([sys.executable, "-m", "deckaudit", "bulk", str(library), "--db", str(db), "--jobs", "2"],
                            cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)
    deadline = time.time() + 60
    while time.time() < deadline and stored_ok(db) < 3:  # the other decks finish; one worker hangs
        time.sleep(0.2)
    os.killpg(proc.pid, signal.SIGINT)  # what a terminal sends on Ctrl-C: the whole process group
    _out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130 and "Traceback" not in err, err
    assert err.strip().endswith(f"interrupted; every finished deck is stored in {db}, run again to continue")
    assert stored_ok(db) == 3


@pytest.mark.slow
def test_dask_local_cluster(library, tmp_path):
    distributed = pytest.importorskip("dask.distributed", reason="dask not installed: pip install 'deckaudit[dask]'")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        lib = bulk([library], db=tmp_path / "d.db", scheduler=cluster.scheduler_address)
        assert lib.run["scheduler"] == cluster.scheduler_address
        again = bulk([library], db=tmp_path / "d.db", scheduler=cluster.scheduler_address)
    assert again.run["audited"] == 0 and again.run["skipped"] == 5  # the client wrote the store
    local = bulk([library], db=tmp_path / "l.db", jobs=1)
    assert shape(lib) == shape(local)


def test_workers_that_cannot_start_fail_the_run_once_clearly(library, tmp_path):
    """A pool whose workers all die while setting up (here: too little memory to import the classifier)
    is one clear error, not every file blamed."""
    with pytest.raises(RuntimeError, match=r"cannot start worker processes .*All workers expired"):
        bulk([library], db=tmp_path / "p.db", jobs=2, memory_mb=30)


@pytest.mark.slow
def test_a_broken_pool_is_restarted_and_the_file_that_breaks_it_alone_is_named(library, tmp_path, monkeypatch):
    from deckaudit.library.worker import BREAK_FOR_TESTS

    monkeypatch.setenv(BREAK_FOR_TESTS, "customer-first.pptx")  # its result cannot be read back: the pool breaks
    got = statuses(bulk([library], db=tmp_path / "b.db", jobs=2))
    assert got["customer-first.pptx"] == ("error", "it breaks the worker pool (Unpicklable object from worker)")
    # the files in flight when the pool broke were retried one at a time in a new pool and audited
    assert sorted(n for n, (s, _r) in got.items() if s != "ok") == ["broken.pptx", "customer-first.pptx"]
