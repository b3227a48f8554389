"""Settings from ``[tool.deckaudit]`` in pyproject.toml or from deckaudit.toml, found by walking up.

The nearest folder that has either file wins (deckaudit.toml before pyproject.toml in the same folder);
a pyproject.toml without a [tool.deckaudit] table is passed over. Command-line flags win over both.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

from deckaudit.errors import DeckError, FileStatus

KNOWN_KEYS = {
    "company", "product", "customer", "include_hidden", "notes", "fail_over", "format", "model",
    "pdf_engine", "coaching", "bulk", "limits", "ocr",
}


def find_config(start: str | os.PathLike | None = None) -> tuple[Path | None, dict]:
    """Return (file, settings) of the nearest config above ``start`` (default: the current folder)."""
    here = Path(start or os.getcwd()).resolve()
    for folder in (here, *here.parents):
        own = folder / "deckaudit.toml"
        if own.is_file():
            return own, _load(own, table=None)
        project = folder / "pyproject.toml"
        if project.is_file():
            settings = _load(project, table=("tool", "deckaudit"))
            if settings is not None:
                return project, settings
    return None, {}


def _load(path: Path, table: tuple[str, ...] | None) -> dict | None:
    try:
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise DeckError(FileStatus.CORRUPT, f"cannot read config: {exc}", str(path)) from None
    if table:
        for key in table:
            data = data.get(key) if isinstance(data, dict) else None
            if data is None:
                return None
    if not isinstance(data, dict):
        raise DeckError(FileStatus.CORRUPT, "config must be a table", str(path))
    unknown = sorted(set(data) - KNOWN_KEYS)
    if unknown:
        raise DeckError(FileStatus.CORRUPT, f"unknown setting(s) {', '.join(unknown)}", str(path))
    return data


def as_names(value) -> tuple[str, ...]:
    """Config and flags accept one name, a comma list or a list: all become a tuple of names."""
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    out: list[str] = []
    for item in value:
        out.extend(part.strip() for part in str(item).split(",") if part.strip())
    return tuple(out)
