"""Run a bulk audit on an existing Dask distributed cluster: workers read and classify, the client
(the calling process) writes the store. dask is imported only here, only when --scheduler is given.

Limits on a cluster: each task runs in a worker thread, where the per-file alarm cannot be armed, so a
file's time is bounded by the cluster's own settings, and the memory cap is the Dask worker's
(``--memory-limit``), not --memory-mb. A worker that dies on a file is retried by Dask, then reported
(KilledWorker) and stored as an error; the run goes on."""

from __future__ import annotations

_READY: dict = {}


def _audit_remote(path: str, options: dict, model, timeout, memory_mb):
    """Runs on a Dask worker and returns the file's DeckResult; the classifier is loaded once per worker."""
    from deckaudit.library import worker

    key = (tuple(sorted(options.items())), model)
    if _READY.get("key") != key:
        worker.init(options, model, memory_mb, own_process=False)  # the worker's own limits apply
        _READY["key"] = key
    return worker.audit_file(path, None)


def run_on_cluster(paths, options: dict, model, timeout, memory_mb, scheduler: str, window: int | None = None):
    """Audit ``paths`` on the Dask cluster at ``scheduler``; yields a DeckResult per path, as they finish.
    At most ``window`` tasks are on the cluster at once (default: 4 per worker thread, at least 8), so the
    client's futures do not grow with the size of the library."""
    try:
        from dask.distributed import Client, as_completed
    except ImportError:
        from deckaudit.errors import DeckError

        raise DeckError("unsupported", "--scheduler needs dask: pip install 'deckaudit[dask]'") from None
    from deckaudit.library.result import DeckResult

    client = Client(scheduler, timeout="20s")
    try:
        window = window or max(8, 4 * sum(client.nthreads().values()))
        todo = iter(paths)
        path_of = {}

        def submit():
            for p in todo:
                fut = client.submit(_audit_remote, p, options, model, timeout, memory_mb, pure=False)
                path_of[fut.key] = p
                return fut
            return None

        pending = as_completed([f for f in (submit() for _ in range(window)) if f is not None])
        for fut in pending:
            path = path_of.pop(fut.key)
            try:
                yield fut.result()
            except Exception as exc:  # KilledWorker, or the task could not run there
                yield DeckResult.failed(path, "error", f"dask worker failed: {type(exc).__name__}: {exc}")
            fut.release()
            nxt = submit()
            if nxt is not None:
                pending.add(nxt)
    finally:
        client.close()
