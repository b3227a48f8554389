"""Settings from ``[tool.deckaudit]`` in pyproject.toml or from deckaudit.toml, found by walking up.

The nearest folder that has either file wins (deckaudit.toml before pyproject.toml in the same folder);
a pyproject.toml without a [tool.deckaudit] table is passed over. Command-line flags win over both.

Every value is checked when the file is read: a bad one raises ConfigError, whose one line names the file
and the key ("pyproject.toml: [tool.deckaudit] fail_over: must be a number from 0 to 1, not 70 (0.7 means
70%)"); the CLI prints it and exits 2 (a usage error, never the gate's 1).
"""

from __future__ import annotations

import difflib
import os
import tomllib
from pathlib import Path

KNOWN_KEYS = {
    "company", "product", "customer", "include_hidden", "notes", "fail_over", "format", "model",
    "pdf_engine", "coaching", "bulk", "limits", "ocr",
    "baseline",  # the baseline file for bulk/review, relative to this config file (deckaudit/library/baseline.py)
}
FORMATS = ("table", "json", "csv", "md")
PDF_ENGINES = ("auto", "pypdfium2", "pdfplumber")


class ConfigError(ValueError):
    """A config file that cannot be used: ``path`` (the file), ``key`` (dotted, "" for the whole file)
    and a one-line ``reason``. ``str()`` is the line the CLI prints."""

    def __init__(self, path: str | os.PathLike, key: str, reason: str, table: str = ""):
        self.path, self.key, self.reason, self.table = os.fspath(path), key, " ".join(reason.split()), table
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"[{self.table}] " if self.table else ""
        key = f"{where}{self.key}: " if self.key else where
        return f"{self.path}: {key}{self.reason}"


def find_config(start: str | os.PathLike | None = None) -> tuple[Path | None, dict]:
    """Return (file, settings) of the nearest config above ``start`` (default: the current folder).
    Raises ConfigError for a file that cannot be parsed or holds an unknown key or a bad value."""
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
    shown = _shown(path)
    try:
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
    except OSError as exc:
        raise ConfigError(shown, "", f"cannot read: {exc.strerror or exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(shown, "", f"not valid TOML: {exc}") from None
    if table:
        for key in table:
            data = data.get(key) if isinstance(data, dict) else None
            if data is None:
                return None
    where = ".".join(table) if table else ""
    if not isinstance(data, dict):
        raise ConfigError(shown, "", "settings must be a table", where)
    validate(data, shown, where)
    return data


def _shown(path: Path) -> str:
    """The file as a user would type it: relative to the current folder when below it."""
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)


def validate(data: dict, path: str = "config", table: str = "") -> None:
    """Check every key and value of a settings table; raises ConfigError for the first bad one."""
    for key in data:
        if key not in KNOWN_KEYS:
            close = difflib.get_close_matches(key, sorted(KNOWN_KEYS), n=1, cutoff=0.6)
            hint = f"; did you mean '{close[0]}'?" if close else f"; known settings: {', '.join(sorted(KNOWN_KEYS))}"
            raise ConfigError(path, key, f"unknown setting{hint}", table)
    for key, value in data.items():
        problem = _problem(key, value)
        if problem:
            raise ConfigError(path, key, problem, table)


def _problem(key: str, value) -> str:
    shown = repr(value)
    if key in ("company", "product", "customer"):
        if isinstance(value, str) or (isinstance(value, list) and all(isinstance(v, str) for v in value)):
            return ""
        return f"must be a name or a list of names, not {shown}"
    if key in ("include_hidden", "notes"):
        return "" if isinstance(value, bool) else f"must be true or false, not {shown}"
    if key == "fail_over":
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return f"must be a number from 0 to 1 (0.7 = 70% about us), not {shown}"
        if not 0 <= value <= 1:
            hint = f" ({value / 100:g} means {value:g}%)" if 1 < value <= 100 else ""
            return f"must be a number from 0 to 1, not {value:g}{hint}"
        return ""
    if key == "format":
        return "" if value in FORMATS else f"must be one of {', '.join(FORMATS)}, not {shown}"
    if key == "pdf_engine":
        return "" if value in PDF_ENGINES else f"must be one of {', '.join(PDF_ENGINES)}, not {shown}"
    if key == "model":
        return "" if isinstance(value, str) and value else f"must be the path of a model.json, not {shown}"
    if key in ("coaching", "bulk", "limits"):
        return "" if isinstance(value, dict) else f"must be a table ([tool.deckaudit.{key}]), not {shown}"
    return ""


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
