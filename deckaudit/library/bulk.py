"""Audit a library of decks: discover, skip what is unchanged, audit the rest in parallel, store every
finished deck at once, and summarise the library. ``bulk(paths) -> LibraryReport`` is the library API;
`deckaudit bulk` is a thin shell over it.

Which stored results are reused: a deck is audited again when its bytes changed (size and mtime are the
fast check; when only the mtime moved, the content hash decides), when the model, the settings or the
deckaudit version changed, or when its last outcome was a timeout or an error (those may pass next time).
A new path whose bytes are already stored under the same settings (a deck moved or copied) reuses that result.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections import deque
from concurrent.futures import FIRST_COMPLETED, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import asdict

from deckaudit.api import AuditOptions
from deckaudit.library.discover import Found, discover
from deckaudit.library.store import Store
from deckaudit.library.result import DeckResult
from deckaudit.library.summary import LibraryReport, ReusedSlide, summarise
from deckaudit.library.worker import audit_file, file_hash, init

RETRY_STATUSES = {"timeout", "error"}  # outcomes that may differ next time: never reused
# The watchdog's deadline counts from when a worker starts the file (pebble times each task from its start),
# and the file's own alarm stops it at the timeout: a worker still busy this long after that is stuck where
# the alarm cannot reach (inside C code) and is killed.
WATCHDOG_GRACE_S = 10.0
MAX_TASKS_PER_WORKER = 500  # a fresh worker after this many files: what a native library leaks stays bounded
FILES_IN_FLIGHT_PER_JOB = 2  # files handed to the pool ahead of time: workers never wait for the parent


def settings_key(options: AuditOptions, model_info: dict) -> str:
    """Results are reused only when the same code, model and settings would produce them."""
    from deckaudit import __version__

    relevant = dict(options.settings())
    relevant["model"] = {k: model_info.get(k) for k in ("name", "version", "kind", "lexicon_version")}
    relevant["deckaudit"] = __version__
    if options.ocr != "never":  # installing (or upgrading) Tesseract changes what image-only pages say
        from deckaudit.readers.ocr import tesseract_version

        relevant["tesseract"] = tesseract_version()
    return hashlib.blake2b(json.dumps(relevant, sort_keys=True).encode(), digest_size=10).hexdigest()


def _options_dict(options: AuditOptions) -> dict:
    d = asdict(options)
    return {k: tuple(v) if isinstance(v, list) else v for k, v in d.items()}


def bulk(
    paths,
    *,
    db: str | os.PathLike = "deckaudit.db",
    jobs: int | None = None,
    options: AuditOptions | None = None,
    timeout: float = 60.0,
    memory_mb: int | None = 2048,
    fail_over: float | None = None,
    scheduler: str | None = None,
    progress=None,
) -> LibraryReport:
    """Audit every deck under ``paths``. ``progress(done, total, slides)`` is called as decks finish.
    With a process pool, call it under ``if __name__ == "__main__":`` (workers are spawned)."""
    from deckaudit.classify import load_classifier

    options = options or AuditOptions()
    jobs = jobs or os.cpu_count() or 1
    started = time.time()
    model_info = load_classifier(options.model).info
    key = settings_key(options, model_info)
    found = discover(paths)
    store = Store(db)
    run_id = store.start_run(options.settings() | {"timeout": timeout, "memory_mb": memory_mb}, model_info)
    # skipped: not audited again, of which reused: a new path whose bytes were stored (a copy or a move)
    counts = {"decks": len(found), "audited": 0, "skipped": 0, "reused": 0, "failed": 0}
    folder_of = {f.path: _folder(f) for f in found}
    try:
        todo = _plan(found, store, key, run_id, folder_of, counts)
        if progress:
            progress(0, len(todo), 0)
        slides_done = 0
        runner = _run_dask if scheduler else _run_local
        for done, result in enumerate(runner(todo, options, jobs, timeout, memory_mb, scheduler), 1):
            store.save(result, folder=folder_of[result.path], key=key, run_id=run_id)
            counts["audited" if result.ok else "failed"] += 1
            slides_done += result.slides
            if progress:
                progress(done, len(todo), slides_done)
    finally:
        store.finish_run(run_id, **counts)
    seen = [f.path for f in found]
    rows = store.decks(seen)
    ok = [r.path for r in rows if r.status == "ok"]
    reused = [ReusedSlide(d, t, e, n, p) for d, t, e, n, p in store.reused_us_slides(ok)]
    store.close()
    report = summarise(rows, reused, fail_over)
    report.run = {
        "run_id": run_id, "db": os.fspath(db), "started": started, "seconds": round(time.time() - started, 3),
        "jobs": jobs, "scheduler": scheduler, "model": model_info, "settings": options.settings(), **counts,
    }
    return report


def _plan(found: list[Found], store: Store, key: str, run_id: int, folder_of: dict, counts: dict) -> list[Found]:
    """Store what discovery already knows failed, reuse what is unchanged or moved; return what to audit."""
    todo = []
    dedupe = store.has_results(key)  # on a first run nothing can be reused: skip hashing
    for f in found:
        folder = folder_of[f.path]
        if f.problem:
            status, _, reason = f.problem.partition(": ")
            store.save(DeckResult.failed(f.path, status, reason), folder=folder, key=key, run_id=run_id)
            counts["failed"] += 1
        elif _unchanged(store, f.path, key, run_id):
            counts["skipped"] += 1
        elif dedupe and _moved(store, f.path, key, folder, run_id):
            counts["skipped"] += 1
            counts["reused"] += 1
        else:
            todo.append(f)
    return todo


def _folder(f: Found) -> str:
    rel = os.path.relpath(os.path.dirname(f.path), f.root) if f.root else os.path.dirname(f.path)
    return "." if rel in ("", ".") else rel


def _unchanged(store: Store, path: str, key: str, run_id: int) -> bool:
    """Same settings and the same bytes as last time (size+mtime first, the content hash to confirm)."""
    try:
        st = os.stat(path)
    except OSError:
        return False
    known = store.known(path)
    if not known or known.key != key or not known.hash or known.status in RETRY_STATUSES:
        return False
    if known.size != st.st_size:
        return False
    if known.mtime == st.st_mtime or _hash(path) == known.hash:
        store.touch(path, st.st_mtime, run_id)
        return True
    return False


def _moved(store: Store, path: str, key: str, folder: str, run_id: int) -> bool:
    """A deck whose bytes are stored under another path (moved, renamed, copied): reuse that result."""
    digest = _hash(path)
    source = digest and store.by_hash(digest, key)
    if not source:
        return False
    try:
        st = os.stat(path)
    except OSError:
        return False
    store.copy_from(source, path, folder=folder, size=st.st_size, mtime=st.st_mtime, run_id=run_id)
    return True


def _hash(path: str) -> str | None:
    try:
        return file_hash(path)
    except OSError:
        return None


def _run_local(todo: list[Found], options, jobs, timeout, memory_mb, scheduler=None):
    opts = _options_dict(options)
    if jobs == 1:  # in-process, same result shape (no memory cap: it would cap the caller too)
        init(opts, options.model, memory_mb, own_process=False)
        for f in todo:
            yield audit_file(f.path, timeout)
        return
    if todo:
        yield from _pool(todo, opts, options.model, jobs, timeout, memory_mb)


def _pool(todo, opts, model, jobs, timeout, memory_mb):
    """Audit ``todo`` in a pebble process pool that survives its workers; yields a DeckResult per file.

    - A worker still busy WATCHDOG_GRACE_S after its file's alarm should have stopped it (stuck in C code
      the alarm cannot interrupt) is killed by pebble: the file is stored as a timeout, the pool replaces
      the worker and the run goes on.
    - A worker that dies (a segfault in a native library, the kernel's OOM killer) fails only the file it
      was running, which is stored as an error; the pool replaces the worker.
    - When the whole pool fails (a result that cannot be read back, a broken pipe), every file in flight is
      lost with it: the pool is restarted and those files are retried one at a time, so only a file that
      breaks the pool alone is stored as an error.
    - Only a few files are handed to the pool at a time (a bounded window), so neither the pool's queue nor
      the futures grow with the size of the library.
    """
    from concurrent.futures import TimeoutError as FutureTimeout

    from pebble import ProcessExpired

    queue, suspects = deque(todo), deque()
    hard = (timeout or 60) + WATCHDOG_GRACE_S
    window = jobs * FILES_IN_FLIGHT_PER_JOB
    pool = _new_pool(jobs, opts, model, memory_mb, probe=True)
    running: dict = {}  # future -> (Found, ran alone)
    restarts = 0  # pool restarts since a file last finished
    try:
        while queue or suspects or running:
            try:
                if suspects and not running:
                    _schedule(pool, running, suspects, timeout, hard, alone=True)
                while not suspects and queue and len(running) < window:
                    _schedule(pool, running, queue, timeout, hard, alone=False)
            except RuntimeError:  # the pool stopped taking work (it broke): restarted below
                pass
            done, _ = wait(list(running), timeout=1.0, return_when=FIRST_COMPLETED) if running else ((), ())
            broken = not running  # work left, none taken
            for fut in done:
                f, alone = running.pop(fut)
                if not isinstance(fut.exception(), BrokenProcessPool) or alone:
                    restarts = 0  # the pool works, or the file that breaks it is found
                try:
                    yield fut.result()
                except FutureTimeout:
                    yield DeckResult.failed(f.path, "timeout", f"no answer after {hard:g} s; worker killed")
                except ProcessExpired as exc:
                    yield DeckResult.failed(f.path, "error", "the worker process died while reading it (a crash in "
                                            f"a native library, or killed for memory; {_exit_text(exc.exitcode)})")
                except BrokenProcessPool as exc:
                    broken = True
                    if alone:
                        yield DeckResult.failed(f.path, "error", f"it breaks the worker pool ({exc})")
                    else:
                        suspects.append(f)
                except Exception as exc:  # e.g. the result could not be sent back
                    yield DeckResult.failed(f.path, "error", f"worker failed: {type(exc).__name__}: {exc}")
            if broken:
                suspects.extend(f for f, _alone in running.values())  # lost with the pool, cause unknown
                running.clear()
                restarts += 1
                _stop(pool)
                if restarts > 5:
                    raise RuntimeError("bulk: the worker pool keeps failing with no file finished")
                pool = _new_pool(jobs, opts, model, memory_mb, probe=restarts > 1)
    finally:
        _stop(pool)


def _schedule(pool, running: dict, source: deque, timeout, hard: float, *, alone: bool) -> None:
    f = source.popleft()
    try:
        running[pool.schedule(audit_file, args=(f.path, timeout), timeout=hard)] = (f, alone)
    except RuntimeError:
        source.appendleft(f)
        raise


def _exit_text(code: int | None) -> str:
    if code is not None and code < 0:
        import signal

        try:
            return f"signal {signal.Signals(-code).name}"
        except ValueError:
            return f"signal {-code}"
    return f"exit code {code}"


def _new_pool(jobs, opts, model, memory_mb, probe=False):
    """A pebble ProcessPool of ``jobs`` spawned workers, each set up by worker.init. ``probe``: run one task
    first and fail once, clearly, when workers cannot start at all (rather than blaming every file)."""
    import multiprocessing

    from pebble import ProcessPool

    pool = ProcessPool(max_workers=jobs, max_tasks=MAX_TASKS_PER_WORKER, initializer=init,
                       initargs=(opts, model, memory_mb), context=multiprocessing.get_context("spawn"))
    if probe:
        try:
            pool.schedule(os.getpid).result(timeout=120)
        except Exception as exc:
            _stop(pool)
            raise RuntimeError("bulk: cannot start worker processes (when calling bulk() from a script, call it "
                               f"under `if __name__ == '__main__':`): {type(exc).__name__}: {exc}") from None
    return pool


def _stop(pool) -> None:
    """Stop the pool now: running files are abandoned, workers terminated (killed if they do not go)."""
    pool.stop()
    try:
        pool.join(timeout=30)
    except Exception:  # a worker that would not die: the pool's own threads are daemons, the run goes on
        pass


def _run_dask(todo, options, jobs, timeout, memory_mb, scheduler):
    from deckaudit.library.dask_runner import run_on_cluster

    yield from run_on_cluster([f.path for f in todo], _options_dict(options), options.model, timeout, memory_mb, scheduler)


def history(db: str | os.PathLike, deck: str) -> list[dict]:
    store = Store(db)
    try:
        return store.history(os.path.abspath(deck))
    finally:
        store.close()
