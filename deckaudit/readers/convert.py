"""Formats read by converting them to PPTX with LibreOffice first: legacy binary .ppt and Apple Keynote (.key).

``soffice --headless --convert-to pptx`` runs in a fresh temporary folder with its own LibreOffice profile (so
parallel conversions and a LibreOffice the user has open do not block each other), with a time limit (the
whole process group is killed past it), and without network: inside an empty network namespace
(``unshare -rn``) where the system allows one, and with every proxy pointed at a closed local port otherwise,
so a deck with linked remote pictures cannot make the conversion fetch anything. The PPTX it writes is read
by the PPTX reader with the same options and limits; the Deck keeps the original path, says
``variant="ppt-converted"`` / ``"key-converted"`` and carries a warning that LibreOffice did the reading.

Without LibreOffice the file is refused with one line naming what to install (FileStatus.UNSUPPORTED).
"""

from __future__ import annotations

import functools
import os
import shutil
import zipfile
from pathlib import Path

from deckaudit.deck import Deck
from deckaudit.errors import DeckError, FileStatus
from deckaudit.readers.base import Reader, Sniff
from deckaudit.readers.sniff import ZIP_MAGIC, is_zip

CONVERT_TIMEOUT = 180.0  # seconds per file; DECKAUDIT_CONVERT_TIMEOUT overrides
INSTALL_HINT = ("install LibreOffice to read it (Debian/Ubuntu: apt install libreoffice-impress; "
                "macOS: brew install --cask libreoffice)")
KINDS = {  # kind -> (what to call it, extension LibreOffice sees, what else the user can do)
    "ppt": ("legacy PowerPoint 97-2003 .ppt", ".ppt", "or save it as .pptx or PDF"),
    "key": ("Keynote file", ".key", "or export it from Keynote to PPTX or PDF"),
}
_MAC_SOFFICE = "/Applications/LibreOffice.app/Contents/MacOS/soffice"
_NO_PROXY = "http://127.0.0.1:9"  # the discard port: nothing listens, every fetch fails at once


def soffice() -> str | None:
    """The LibreOffice executable: soffice or libreoffice on PATH, or the macOS application; None if absent."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found:
        return found
    return _MAC_SOFFICE if os.access(_MAC_SOFFICE, os.X_OK) else None


@functools.cache
def _no_network_prefix() -> tuple[str, ...]:
    """``unshare -rn`` when this system lets an unprivileged process make an empty network namespace."""
    import subprocess

    exe = shutil.which("unshare")
    if not exe:
        return ()
    try:
        ok = subprocess.run([exe, "-rn", "true"], capture_output=True, timeout=10).returncode == 0
    except (OSError, subprocess.SubprocessError):
        ok = False
    return (exe, "-rn") if ok else ()


def _timeout() -> float:
    try:
        value = float(os.environ.get("DECKAUDIT_CONVERT_TIMEOUT", CONVERT_TIMEOUT))
    except ValueError:
        return CONVERT_TIMEOUT
    return value if value > 0 else CONVERT_TIMEOUT


def convert_to_pptx(path: str, kind: str, workdir: str) -> str:
    """Convert the deck at path (kind "ppt" or "key") to PPTX inside workdir; return the PPTX's path.

    Raises DeckError: UNSUPPORTED without LibreOffice, TIMEOUT past the time limit, CORRUPT when LibreOffice
    writes nothing (it cannot read the file)."""
    import subprocess  # here, not at the top: the registry imports this module for every deck
    what, ext, instead = KINDS[kind]
    exe = soffice()
    if exe is None:
        raise DeckError(FileStatus.UNSUPPORTED, f"{what}: {INSTALL_HINT}, {instead}")
    src = os.path.join(workdir, "deck" + ext)  # a plain name: no option-like or odd characters reach soffice
    try:
        os.symlink(os.path.abspath(path), src)
    except OSError:
        shutil.copyfile(path, src)
    out = os.path.join(workdir, "out")
    os.mkdir(out)
    profile = Path(workdir, "profile").as_uri()
    cmd = [*_no_network_prefix(), exe, f"-env:UserInstallation={profile}", "--headless", "--invisible",
           "--norestore", "--nolockcheck", "--nodefault", "--nologo", "--convert-to", "pptx", "--outdir", out, src]
    env = {**os.environ, "HOME": workdir, "TMPDIR": workdir}
    for var in ("http_proxy", "https_proxy", "ftp_proxy", "all_proxy"):
        env[var] = env[var.upper()] = _NO_PROXY
    env.pop("no_proxy", None)
    env.pop("NO_PROXY", None)
    limit = _timeout()
    try:
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                cwd=workdir, env=env, start_new_session=True)
    except OSError as exc:
        raise DeckError(FileStatus.UNSUPPORTED, f"{what}: cannot run LibreOffice ({exc.strerror or exc})") from None
    try:
        _stdout, stderr = proc.communicate(timeout=limit)
    except subprocess.TimeoutExpired:
        _kill_group(proc)
        raise DeckError(FileStatus.TIMEOUT, f"LibreOffice took longer than {limit:.0f} s to convert this {what}") from None
    except BaseException:
        _kill_group(proc)
        raise
    result = os.path.join(out, "deck.pptx")
    if not os.path.isfile(result) or os.path.getsize(result) == 0:
        detail = (stderr or b"").decode("utf-8", "replace").strip().splitlines()
        why = f" ({detail[-1][:200]})" if detail else ""
        raise DeckError(FileStatus.CORRUPT, f"LibreOffice could not convert this {what}{why}; {instead.removeprefix('or ')}")
    return result


def _kill_group(proc) -> None:
    """Kill LibreOffice and the children it started (soffice.bin), then reap it."""
    import signal

    try:
        if hasattr(os, "killpg"):
            os.killpg(proc.pid, signal.SIGKILL)
        else:  # Windows: no process groups; the launcher is all we can name
            proc.kill()
    except (ProcessLookupError, PermissionError):
        pass
    proc.communicate()


def convert_and_read(path: str, options, kind: str) -> Deck:
    """Convert with LibreOffice, read the PPTX, and give the Deck the original path and a *-converted variant."""
    import tempfile

    from deckaudit.readers.pptx import PptxReader

    with tempfile.TemporaryDirectory(prefix="deckaudit-convert-") as workdir:
        deck = PptxReader().read(convert_to_pptx(path, kind, workdir), options)
    deck.path = path
    deck.variant = f"{kind}-converted"
    deck.engine = f"libreoffice+{deck.engine}"
    deck.warnings.insert(0, f"{KINDS[kind][0]} converted to PPTX with LibreOffice: the text is LibreOffice's "
                            "reading of it (sections and some layout facts may be lost)")
    return deck


# Keynote 2013+ packages hold Index/*.iwa (or one Index.zip); Keynote '09 holds index.apxl(.gz).
_KEYNOTE_MEMBERS = ("index/document.iwa", "index.zip", "index.apxl", "index.apxl.gz")


class KeynoteReader(Reader):
    """Apple Keynote (.key) as a zip, converted through LibreOffice (its Keynote import, libetonyek)."""

    name = "keynote"
    extensions = (".key",)
    magic = ZIP_MAGIC

    def accepts(self, head: bytes, path: str) -> Sniff | None:
        if not is_zip(head):
            return None
        if path.lower().endswith(".key"):
            return Sniff(self, path, kind="key")  # read() checks the contents
        try:
            with zipfile.ZipFile(path) as zf:
                names = {n.lower() for n in zf.namelist()}
        except Exception:  # noqa: BLE001 - a damaged zip that is not named .key is not ours
            return None
        return Sniff(self, path, kind="key") if names.intersection(_KEYNOTE_MEMBERS) else None

    def read(self, path: str, options, sniff: Sniff | None = None) -> Deck:
        from deckaudit.readers.ooxml_safety import DEFAULT_LIMITS, open_zip

        # The same zip pre-flight as PPTX (entries, zip bombs, total size) before LibreOffice sees the file.
        with open_zip(path, getattr(options, "limits", None) or DEFAULT_LIMITS, media=()) as safe:
            names = {n.lower() for n in safe.names}
        if not names.intersection(_KEYNOTE_MEMBERS):
            raise DeckError(FileStatus.UNSUPPORTED, "a zip file named .key but not a Keynote presentation")
        return convert_and_read(path, options, "key")
