"""Audit one file inside a worker process and return a small, picklable result (never a whole Deck).

The worker loads the classifier once (init), caps its address space (RLIMIT_AS) so one monstrous file
cannot take the machine down, and arms a per-file alarm; the parent also kills a worker that does not
come back (a hang inside C code cannot be interrupted by the alarm).
"""

from __future__ import annotations

import hashlib
import os
import signal

from deckaudit.library.result import DeckResult, SlideRow

_STATE: dict = {}
# Test hooks (tests/test_bulk_pool.py), unset in normal use: a worker given a file whose name ends with
# the suffix in HANG_FOR_TESTS hangs with SIGALRM blocked, as a worker stuck inside C code would; one ending
# with the suffix in CRASH_FOR_TESTS dies at once, as on a segfault in a native library. They let the tests
# reach the parent's watchdog and its crash isolation without a hostile file that really does either. One
# ending with the suffix in BREAK_FOR_TESTS sends back a result the parent cannot unpickle, which breaks the
# whole pebble pool (as a failed pipe would): it reaches the parent's pool restart.
HANG_FOR_TESTS = "DECKAUDIT_TEST_HANG_SUFFIX"
CRASH_FOR_TESTS = "DECKAUDIT_TEST_CRASH_SUFFIX"
BREAK_FOR_TESTS = "DECKAUDIT_TEST_BREAK_SUFFIX"
OCR_SHARE_OF_TIMEOUT = 0.75  # of the per-file timeout, after which OCR stops (the rest reads, classifies, stores)


class FileTimeout(Exception):
    pass


def _on_alarm(signum, frame):
    raise FileTimeout()


def init(options: dict, model: str | None, memory_mb: int | None, own_process: bool = True) -> None:
    """Load what every file needs, once. ``own_process``: this is a pool worker, not the caller's process
    (--jobs 1) nor a Dask worker thread, so it may cap its own memory and leave Ctrl-C to the parent,
    which stops the run and kills the workers (no traceback from each of them)."""
    if own_process:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    if memory_mb and own_process:
        import resource

        cap = memory_mb * 1024 * 1024
        try:
            resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
        except (ValueError, OSError):  # not allowed on this platform: run without the cap
            pass
    from dataclasses import replace

    from deckaudit.api import AuditOptions, read_options
    from deckaudit.classify import load_classifier

    _STATE["options"] = AuditOptions(**options)
    if _STATE["options"].extra.get("ocr_progress"):  # OCR progress and the install hint on stderr
        from deckaudit.readers import ocr

        ocr.configure(progress=True)
    # Shape positions feed wireframes and thumbnails, which a library audit does not store; the verdicts
    # do not use them, so bulk workers skip building them.
    _STATE["read_options"] = replace(read_options(_STATE["options"]), boxes=False)
    _STATE["classifier"] = load_classifier(model)
    _STATE["memory_mb"] = memory_mb


def file_hash(path: str) -> str:
    h = hashlib.blake2b(digest_size=20)
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1024 * 1024), b""):
            h.update(block)
    return h.hexdigest()


def text_digest(text: str) -> str:
    norm = " ".join(text.lower().split())
    return hashlib.blake2b(norm.encode(), digest_size=12).hexdigest() if norm else ""


def audit_file(path: str, timeout: float | None = None) -> DeckResult:
    """Audit one file with the state ``init`` loaded; ``timeout`` in seconds (None: no alarm).
    Never raises: every outcome is a status on the DeckResult."""
    from deckaudit.api import audit_deck
    from deckaudit.errors import DeckError, FileStatus
    from deckaudit.readers import read_deck

    result = DeckResult(path)
    hooked = _test_hooks(path)
    if hooked is not None:
        return hooked
    use_alarm = bool(timeout) and hasattr(signal, "SIGALRM")
    if use_alarm:
        previous = signal.signal(signal.SIGALRM, _on_alarm)
        signal.setitimer(signal.ITIMER_REAL, timeout)
    import time

    from deckaudit.readers import ocr

    # OCR stops in time, so a big scan is stored (and reused) rather than timing out on every run
    ocr.set_deadline(time.monotonic() + OCR_SHARE_OF_TIMEOUT * timeout if timeout else None)
    try:
        st = os.stat(path)
        result.size, result.mtime, result.hash = st.st_size, st.st_mtime, file_hash(path)
        deck = read_deck(path, _STATE["read_options"])
        report = audit_deck(deck, _STATE["options"], _STATE["classifier"], coaching=False)
        s = report.summary
        result.slides, result.about_us, result.about_customer, result.neutral = (
            s.slides, s.about_us, s.about_customer, s.neutral)
        result.us_share, result.first_customer_slide = s.us_share, s.first_customer_slide
        result.slide_rows = [SlideRow(
            index=sr.index, tag=sr.tag.value, score=round(sr.verdict.score, 4), title=sr.slide.title[:200],
            excerpt=" ".join(sr.slide.text.split())[:160], digest=text_digest(sr.slide.text),
            evidence=[e.text for e in sr.verdict.evidence[:3]], counted=sr.counted,
            text_source=getattr(sr.slide, "text_source", "") or "",
        ) for sr in report.slides]
    except DeckError as exc:
        result = _failed(result, exc.status, exc.reason)
    except FileTimeout:
        result = _failed(result, FileStatus.TIMEOUT, f"took longer than {timeout:g} s")
    except MemoryError:
        result = _failed(result, FileStatus.TOO_LARGE, f"needed more than {_STATE.get('memory_mb')} MB of memory")
    except FileNotFoundError:
        result = _failed(result, FileStatus.NOT_FOUND, "vanished during the run")
    except PermissionError:
        result = _failed(result, FileStatus.UNREADABLE, "permission denied")
    except Exception as exc:  # a bug of ours: stored as such, the run goes on
        result = _failed(result, FileStatus.ERROR, f"{type(exc).__name__}: {exc}")
    finally:
        ocr.set_deadline(None)
        if use_alarm:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
    return result


def _failed(partial: DeckResult, status, reason: str) -> DeckResult:
    """A failure keeps what was learnt about the file before it failed (size, mtime, hash), no figures."""
    out = DeckResult.failed(partial.path, status, reason)
    out.size, out.mtime, out.hash = partial.size, partial.mtime, partial.hash
    return out


def _test_hooks(path: str):
    hang, crash, brk = (os.environ.get(k) for k in (HANG_FOR_TESTS, CRASH_FOR_TESTS, BREAK_FOR_TESTS))
    if hang and path.endswith(hang):
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
        import time

        time.sleep(3600)
    if crash and path.endswith(crash):
        os.kill(os.getpid(), signal.SIGSEGV)
    if brk and path.endswith(brk):
        return _Unreadable()
    return None


class _Unreadable:
    def __reduce__(self):
        return (_refuse, ())


def _refuse():
    raise TypeError("a result the parent cannot read (test hook)")
