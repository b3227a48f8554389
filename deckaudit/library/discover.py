"""Find the decks under some folders: recognised by content, filtered by .deckauditignore files
(gitignore syntax, each applying below its folder, also when a subfolder is given), symlink loops and
unreadable folders survived. A file named on the command line is audited even when an ignore file matches it.

Which files count: every file with a deck extension is returned (a text file named .pptx becomes a stored
failure, never a silent skip); other files are sniffed from their first bytes and returned only when they are
decks (a PDF, a zip holding a presentation (PPTX, ODP, Keynote), an OLE .ppt or encrypted package). The deck
extensions are the ones the readers claim (deckaudit.readers.deck_extensions)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from deckaudit.readers.sniff import is_cfb, is_pdf, is_zip

# What the registry's readers claim: .pptx .pptm .ppsx .potx .ppsm .potm .odp .otp .key .ppt .pps .pot .pdf
# (tests/test_bulk_discover.py checks this list against deckaudit.readers.deck_extensions()).
DECK_EXTENSIONS = {".pptx", ".pptm", ".ppsx", ".potx", ".ppsm", ".potm", ".odp", ".otp", ".key", ".ppt", ".pps",
                   ".pot", ".pdf"}
IGNORE_FILE = ".deckauditignore"
KEYNOTE_FOLDER = "unsupported: a Keynote package folder; export it from Keynote to PPTX or PDF, or compress it to a .key zip"
SKIP_DIRS = {".git", ".hg", ".svn", "__pycache__", "node_modules", ".Trash"}


@dataclass(frozen=True, slots=True)
class Found:
    path: str
    root: str  # the PATH argument it was found under (for per-folder tables)
    problem: str = ""  # why it cannot be audited, when known already (unreadable folder, not a deck)


def looks_like_deck(path: str) -> bool:
    """For files without a deck extension: a PDF, a zip some reader accepts (a presentation content type, an
    OpenDocument presentation, a Keynote package), or an OLE container holding a .ppt or an encrypted
    package. Word and Excel files are not decks."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(1024)
    except OSError:
        return False
    if is_pdf(head):
        return True
    if is_zip(head):
        from deckaudit.readers import sniff_file

        found = sniff_file(path, head)
        if found is None:
            return False
        found.close()
        return True
    if is_cfb(head):
        from deckaudit.readers.cfb import classify_cfb

        return classify_cfb(path) in ("encrypted", "ppt", "ppt-encrypted")
    return False


def _spec(folder: str):
    f = os.path.join(folder, IGNORE_FILE)
    if not os.path.isfile(f):
        return None
    import pathspec

    with open(f, encoding="utf-8", errors="replace") as fh:
        return pathspec.GitIgnoreSpec.from_lines(fh)


def _ancestor_specs(root: str) -> list[tuple[str, object]]:
    """Ignore files above a given folder apply below it too (auditing lib/sales obeys lib/.deckauditignore)."""
    parents = []
    folder = os.path.dirname(root)
    while True:
        parents.append(folder)
        up = os.path.dirname(folder)
        if up == folder:
            break
        folder = up
    specs = []
    for folder in reversed(parents):
        spec = _spec(folder)
        if spec is not None:
            specs.append((folder, spec))
    return specs


def _ignored(path: str, is_dir: bool, specs: list[tuple[str, object]]) -> bool:
    """As git decides: the deepest ignore file with a pattern for the path wins, so a subfolder's
    ``!keep.pdf`` re-includes what a parent's ``*.pdf`` excluded."""
    for base, spec in reversed(specs):
        rel = os.path.relpath(path, base).replace(os.sep, "/")
        if is_dir:
            rel += "/"
        include = spec.check_file(rel).include
        if include is not None:
            return include
    return False


def discover(paths) -> list[Found]:
    """Every deck under the given files and folders, in a stable order, plus the problems met."""
    out: list[Found] = []
    for given in paths:
        given = os.fspath(given)
        if os.path.isfile(given):
            out.append(Found(os.path.abspath(given), os.path.dirname(os.path.abspath(given))))
            continue
        if not os.path.exists(given):
            out.append(Found(os.path.abspath(given), os.path.abspath(given), "not-found: no such file or folder"))
            continue
        out.extend(_walk(os.path.abspath(given)))
    seen, unique = set(), []
    for f in out:
        if f.path not in seen:
            seen.add(f.path)
            unique.append(f)
    return unique


def _walk(root: str) -> list[Found]:
    found: list[Found] = []
    visited: set[tuple[int, int]] = set()
    stack: list[tuple[str, list]] = [(root, _ancestor_specs(root))]
    while stack:
        folder, specs = stack.pop()
        try:
            st = os.stat(folder)
        except OSError as exc:
            found.append(Found(folder, root, f"unreadable: {exc.strerror or exc}"))
            continue
        key = (st.st_dev, st.st_ino)
        if key in visited:  # a symlink loop, or the same folder twice
            continue
        visited.add(key)
        spec = _spec(folder)
        here = specs + ([(folder, spec)] if spec is not None else [])
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            found.append(Found(folder, root, f"unreadable: {exc.strerror or exc}"))
            continue
        subdirs = []
        for entry in entries:
            try:
                is_dir = entry.is_dir()
            except OSError:
                continue
            if entry.name == IGNORE_FILE or _ignored(entry.path, is_dir, here):
                continue
            if is_dir:
                if entry.name.lower().endswith(".key"):  # a Keynote package folder: one deck we cannot read
                    found.append(Found(entry.path, root, KEYNOTE_FOLDER))
                elif entry.name not in SKIP_DIRS:
                    subdirs.append(entry.path)
                continue
            ext = Path(entry.name).suffix.lower()
            if ext in DECK_EXTENSIONS:
                found.append(Found(entry.path, root))  # the reader says what it really is
            elif not entry.name.startswith(".") and looks_like_deck(entry.path):
                found.append(Found(entry.path, root))  # a deck with an odd name
        stack.extend((d, here) for d in reversed(subdirs))
    return found
