"""Run a bulk audit on an existing Dask distributed cluster: workers read and classify, the client
(the calling process) writes the store. dask is imported only here, only when --scheduler is given.

Limits on a cluster: each task runs in a worker thread, where the per-file alarm cannot be armed, so a
file's time is bounded by the cluster's own settings, and the memory cap is the Dask worker's
(``--memory-limit``), not --memory-mb. A worker that dies on a file is retried by Dask, then reported
(KilledWorker) and stored as an error; the run goes on."""

from __future__ import annotations

_READY: dict = {}


def _audit_remote(path: str, options: dict, model, timeout, memory_mb) -> dict:
    """Runs on a Dask worker; the classifier is loaded once per worker process."""
    from deckaudit.library import worker

    key = (tuple(sorted(options.items())), model)
    if _READY.get("key") != key:
        worker.init(options, model, memory_mb, own_process=False)  # the worker's own limits apply
        _READY["key"] = key
    return worker.audit_file(path, None)


def run_on_cluster(paths, options: dict, model, timeout, memory_mb, scheduler: str):
    try:
        from dask.distributed import Client, as_completed
    except ImportError:
        from deckaudit.errors import DeckError

        raise DeckError("unsupported", "--scheduler needs dask: pip install 'deckaudit[dask]'") from None
    client = Client(scheduler, timeout="20s")
    try:
        futures = [client.submit(_audit_remote, p, options, model, timeout, memory_mb, pure=False) for p in paths]
        path_of = {fut.key: p for fut, p in zip(futures, paths)}
        pending = as_completed(futures)
        del futures  # as_completed holds them now; each is dropped once its result is yielded
        for fut in pending:
            try:
                yield fut.result()
            except Exception as exc:  # KilledWorker, or the task could not run there
                yield {"path": path_of[fut.key], "status": "error",
                       "reason": f"dask worker failed: {type(exc).__name__}: {exc}"}
            fut.release()
    finally:
        client.close()
