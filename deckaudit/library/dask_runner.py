"""Run a bulk audit on an existing Dask distributed cluster: workers read and classify, the client
(the calling process) writes the store. dask is imported only here, only when --scheduler is given."""

from __future__ import annotations

_READY: dict = {}


def _audit_remote(path: str, options: dict, model, timeout, memory_mb) -> dict:
    """Runs on a Dask worker; the classifier is loaded once per worker process."""
    from deckaudit.library import worker

    key = (tuple(sorted(options.items())), model)
    if _READY.get("key") != key:
        worker.init(options, model, memory_mb, limit_memory=False)  # the worker's own limits apply
        _READY["key"] = key
    # Dask runs tasks in worker threads, where signal alarms are not allowed; the cluster's own
    # timeouts bound a stuck task.
    return worker.audit_file(path, None)


def run_on_cluster(paths, options: dict, model, timeout, memory_mb, scheduler: str):
    try:
        from dask.distributed import Client, as_completed
    except ImportError:
        from deckaudit.errors import DeckError

        raise DeckError("unsupported", "--scheduler needs dask: pip install 'deckaudit[dask]'") from None
    client = Client(scheduler, timeout="20s")
    try:
        futures = [client.submit(_audit_remote, p, options, model, timeout, memory_mb, key=f"deckaudit-{i}", pure=False)
                   for i, p in enumerate(paths)]
        for fut in as_completed(futures):
            try:
                yield fut.result()
            except Exception as exc:
                i = futures.index(fut)
                yield {"path": paths[i], "status": "error", "reason": f"dask worker failed: {type(exc).__name__}: {exc}"}
    finally:
        client.close()
