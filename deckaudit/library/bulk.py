"""Audit a library of decks: discover, skip what is unchanged, audit the rest in parallel, store every
finished deck at once, and summarise the library. ``bulk(paths) -> LibraryReport`` is the library API;
`deckaudit bulk` is a thin shell over it."""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections import defaultdict
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import asdict

from deckaudit.api import AuditOptions
from deckaudit.library.discover import Found, discover
from deckaudit.library.store import Store
from deckaudit.library.summary import DeckRow, FolderRow, LibraryReport, ReusedSlide
from deckaudit.library.worker import audit_file, file_hash, init


def settings_key(options: AuditOptions, model_info: dict) -> str:
    """Results are reused only when the same model and settings would produce them."""
    relevant = {k: v for k, v in options.settings().items()}
    relevant["model"] = {k: model_info.get(k) for k in ("name", "version", "kind", "lexicon_version")}
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
    """Audit every deck under ``paths``. ``progress(done, total, slides)`` is called as decks finish."""
    from deckaudit.classify import load_classifier

    options = options or AuditOptions()
    started = time.time()
    model_info = load_classifier(options.model).info
    key = settings_key(options, model_info)
    found = discover(paths)
    store = Store(db)
    run_id = store.start_run(options.settings() | {"timeout": timeout, "memory_mb": memory_mb}, model_info)
    counts = {"decks": len(found), "audited": 0, "skipped": 0, "failed": 0}
    todo: list[Found] = []
    folder_of = {}
    slides_done = 0
    try:
        for f in found:
            folder_of[f.path] = _folder(f)
            if f.problem:
                status, _, reason = f.problem.partition(": ")
                store.save({"path": f.path, "status": status, "reason": reason}, folder=folder_of[f.path], key=key, run_id=run_id)
                counts["failed"] += 1
                continue
            if _unchanged(store, f.path, key, folder_of[f.path], run_id):
                counts["skipped"] += 1
                continue
            todo.append(f)
        total = len(todo)
        if progress:
            progress(0, total, 0)
        runner = _run_dask if scheduler else _run_local
        for done, result in enumerate(runner(todo, options, jobs, timeout, memory_mb, scheduler), 1):
            store.save(result, folder=folder_of[result["path"]], key=key, run_id=run_id)
            counts["audited" if result["status"] == "ok" else "failed"] += 1
            slides_done += result.get("slides", 0)
            if progress:
                progress(done, total, slides_done)
    finally:
        store.finish_run(run_id, **counts)
    report = summarise(store, [f.path for f in found], fail_over)
    store.close()
    report.run = {
        "run_id": run_id, "db": os.fspath(db), "started": started, "seconds": round(time.time() - started, 3),
        "jobs": 1 if scheduler is None and (jobs or os.cpu_count() or 1) == 1 else (jobs or os.cpu_count()),
        "scheduler": scheduler, "model": model_info, "settings": options.settings(), **counts,
    }
    return report


def _folder(f: Found) -> str:
    rel = os.path.relpath(os.path.dirname(f.path), f.root) if f.root else os.path.dirname(f.path)
    return "." if rel in ("", ".") else rel


def _unchanged(store: Store, path: str, key: str, folder: str, run_id: int) -> bool:
    """Same settings and the same bytes as last time (size+mtime first, the content hash to confirm)."""
    try:
        st = os.stat(path)
    except OSError:
        return False
    known = store.known(path)
    if known and known.key == key and known.hash:
        if known.size == st.st_size and known.mtime == st.st_mtime:
            store.touch(path, st.st_mtime, run_id)
            return True
        if known.size == st.st_size and file_hash(path) == known.hash:
            store.touch(path, st.st_mtime, run_id)
            return True
    return False


def _run_local(todo: list[Found], options, jobs, timeout, memory_mb, scheduler=None):
    jobs = jobs or os.cpu_count() or 1
    opts = _options_dict(options)
    if jobs == 1:  # in-process, same result shape (no memory cap: it would cap the caller too)
        init(opts, options.model, memory_mb, limit_memory=False)
        for f in todo:
            yield audit_file(f.path, timeout)
        return
    yield from _pool(todo, opts, options.model, jobs, timeout, memory_mb)


def _pool(todo, opts, model, jobs, timeout, memory_mb):
    """A process pool with a watchdog: a worker stuck past its deadline (in C code the alarm cannot
    interrupt) is killed, its file stored as a timeout, and the pool restarted for the rest."""
    queue = list(reversed(todo))
    hard = (timeout or 60) * 2 + 10
    executor = _executor(jobs, opts, model, memory_mb)
    running: dict = {}
    try:
        while queue or running:
            while queue and len(running) < jobs * 2:
                f = queue.pop()
                running[executor.submit(audit_file, f.path, timeout)] = (f, time.monotonic())
            done, _ = wait(list(running), timeout=1.0, return_when=FIRST_COMPLETED)
            for fut in done:
                f, _t = running.pop(fut)
                try:
                    yield fut.result()
                except Exception as exc:  # the worker died (killed, out of memory in C code ...)
                    yield {"path": f.path, "status": "error", "reason": f"worker died: {type(exc).__name__}: {exc}"}
            now = time.monotonic()
            stuck = [fut for fut, (_f, t) in running.items() if now - t > hard]
            if stuck:
                for fut in stuck:
                    f, _t = running.pop(fut)
                    yield {"path": f.path, "status": "timeout", "reason": f"no answer after {hard:g} s; worker killed"}
                queue.extend(f for f, _t in running.values())  # resubmit the innocent ones
                running.clear()
                _kill(executor)
                executor = _executor(jobs, opts, model, memory_mb)
    finally:
        _kill(executor)


def _executor(jobs, opts, model, memory_mb) -> ProcessPoolExecutor:
    import multiprocessing

    return ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("spawn"),
                               initializer=init, initargs=(opts, model, memory_mb), max_tasks_per_child=500)


def _kill(executor: ProcessPoolExecutor) -> None:
    for p in list(getattr(executor, "_processes", {}).values()):
        try:
            p.kill()
        except Exception:
            pass
    executor.shutdown(wait=False, cancel_futures=True)


def _run_dask(todo, options, jobs, timeout, memory_mb, scheduler):
    from deckaudit.library.dask_runner import run_on_cluster

    yield from run_on_cluster([f.path for f in todo], _options_dict(options), options.model, timeout, memory_mb, scheduler)


def summarise(store: Store, paths: list[str], fail_over: float | None) -> LibraryReport:
    rows = [DeckRow(**r) for r in store.decks(paths)]
    rows.sort(key=lambda r: r.path)
    ok = [r for r in rows if r.status == "ok"]
    us = sum(r.about_us for r in ok)
    cust = sum(r.about_customer for r in ok)
    by_folder: dict[str, list[DeckRow]] = defaultdict(list)
    for r in ok:
        by_folder[r.folder].append(r)
    folders = []
    for name, decks in sorted(by_folder.items()):
        fu, fc = sum(d.about_us for d in decks), sum(d.about_customer for d in decks)
        folders.append(FolderRow(name, len(decks), sum(d.slides for d in decks), fu, fc, fu / (fu + fc) if fu + fc else None))
    ranked = sorted((r for r in ok if r.us_share is not None), key=lambda r: (-r.us_share, -r.about_us, r.path))
    reused = [ReusedSlide(d, t, e, n, p) for d, t, e, n, p in store.reused_us_slides([r.path for r in ok])]
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


def history(db: str | os.PathLike, deck: str) -> list[dict]:
    store = Store(db)
    try:
        return store.history(os.path.abspath(deck))
    finally:
        store.close()
