"""Packaging and CI: every third-party import is declared, and .ci/run tests in a fresh venv it makes itself."""

from __future__ import annotations

import ast
import os
import re
import stat
import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def _dist(requirement: str) -> str:
    return re.split(r"[\s\[<>=!~;]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def _imports(folder: Path) -> dict[str, set[str]]:
    """top-level module -> files importing it (absolute imports only)."""
    out: dict[str, set[str]] = {}
    for path in folder.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                out.setdefault(name.split(".")[0], set()).add(str(path.relative_to(ROOT)))
    return out


def _undeclared(folder: str, allowed: set[str]) -> list[str]:
    owners = metadata.packages_distributions()
    stdlib = set(sys.stdlib_module_names)
    local = {"deckaudit", "tests", "conftest", "deckfactory", "pdf_fixtures", "report_fixtures"}
    local |= {p.stem for p in (ROOT / "scripts").glob("*.py")}  # the repository's own scripts
    missing = []
    for module, files in sorted(_imports(ROOT / folder).items()):
        if module in stdlib or module in local or module.startswith("_"):
            continue
        dists = {d.lower().replace("_", "-") for d in owners.get(module, [])}
        if module == "atheris":  # fuzzing runs outside CI (README: pip install atheris)
            continue
        if not dists & allowed:
            missing.append(f"{module} ({', '.join(sorted(dists)) or 'not installed'}) in {sorted(files)[0]}")
    return missing


def test_every_import_of_the_package_is_declared():
    extras = PYPROJECT["optional-dependencies"]
    allowed = {_dist(r) for r in PYPROJECT["dependencies"]}
    for name, reqs in extras.items():
        allowed |= {_dist(r) for r in reqs}
    allowed |= {"dask", "distributed"}  # dask[distributed] brings both
    assert _undeclared("deckaudit", allowed) == []


def test_every_import_of_the_tests_is_in_core_or_the_test_extra():
    allowed = {_dist(r) for r in PYPROJECT["dependencies"] + PYPROJECT["optional-dependencies"]["test"]}
    allowed |= {"dask", "distributed"}
    assert _undeclared("tests", allowed) == []


def test_numpy_and_scipy_are_for_training_not_core():
    core = {_dist(r) for r in PYPROJECT["dependencies"]}
    assert not core & {"numpy", "scipy", "scikit-learn"}
    assert {"numpy", "scipy", "scikit-learn"} <= {_dist(r) for r in PYPROJECT["optional-dependencies"]["train"]}


def _stub(folder: Path, name: str, body: str) -> None:
    path = folder / name
    path.write_text("#!/bin/sh\n" + body + "\n")
    path.chmod(path.stat().st_mode | stat.S_IEXEC)


@pytest.mark.parametrize("pytest_exit, ci_exit", [(0, 0), (1, 1), (5, 1)])
def test_ci_run_installs_into_its_own_venv_and_fails_when_no_test_ran(tmp_path, pytest_exit, ci_exit):
    """.ci/run with stand-ins for python3, apt-get and the Debian tools: it must make a venv, install '.[test]'
    with that venv's python, run 'python -m pytest' with it, and not pass when pytest collected nothing."""
    repo = tmp_path / "repo"
    (repo / ".ci").mkdir(parents=True)
    (repo / ".ci" / "run").write_text((ROOT / ".ci" / "run").read_text())
    bin_dir, log = tmp_path / "bin", tmp_path / "log"
    bin_dir.mkdir()
    venv_python = f'echo "venv-python $*" >> {log}; case "$2" in pytest) exit {pytest_exit};; esac; exit 0'
    _stub(bin_dir, "python3", f'''echo "python3 $*" >> {log}
if [ "$1" = "-m" ] && [ "$2" = "venv" ]; then
  mkdir -p "$3/bin"; printf '#!/bin/sh\\n%s\\n' '{venv_python}' > "$3/bin/python"; chmod +x "$3/bin/python"; exit 0
fi
exit 0''')
    for tool in ("apt-get", "chromium", "soffice", "tesseract", "pdftotext"):
        _stub(bin_dir, tool, "exit 0")
    env = {"PATH": f"{bin_dir}:/usr/bin:/bin", "HOME": str(tmp_path)}
    done = subprocess.run(["bash", str(repo / ".ci" / "run")], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == ci_exit, done.stdout + done.stderr
    calls = log.read_text().splitlines()
    assert calls[0].startswith("python3 -m venv ")
    assert any(c.startswith("venv-python -m pip install") and ".[test]" in c for c in calls)
    assert calls[-1] == "venv-python -m pytest"
    assert not any(c.startswith("python3 -m pip") or c.startswith("python3 -m pytest") for c in calls)
    if pytest_exit == 5:
        assert "no tests" in done.stderr
