"""The pre-commit hook (.pre-commit-hooks.yaml) run by pre-commit itself on a temporary git repo: it sees only the
staged decks, honours [tool.deckaudit] (fail_over, baseline) and fails a commit exactly when a deck got worse
than its baseline or a new deck is over the threshold.

pre-commit would install a `language: python` hook from its repository into a virtualenv of its own (pip, the
network, a minute). The test runs the same hook definition — id, files, entry, require_serial, read from our
.pre-commit-hooks.yaml — as a `repo: local` hook with `language: system`, pointed at the deckaudit under test:
offline, and about as fast as deckaudit itself."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys

import pytest

from tests import deckfactory
from tests.conftest import ROOT
from tests.test_baseline import CUSTOMER, MIXED, MIXED_WORSE, VENDOR

yaml = pytest.importorskip("yaml")  # pre-commit depends on PyYAML
pytestmark = pytest.mark.skipif(not shutil.which("git"), reason="git is not installed")

MANIFEST = ROOT / ".pre-commit-hooks.yaml"


def the_hook() -> dict:
    (hook,) = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))
    return hook


def test_the_manifest_is_valid_for_pre_commit():
    r = subprocess.run([sys.executable, "-m", "pre_commit", "validate-manifest", str(MANIFEST)], capture_output=True,
                       text=True, timeout=120)
    assert r.returncode == 0, r.stdout + r.stderr
    hook = the_hook()
    assert hook["id"] == "deckaudit" and hook["files"] == r"\.(pptx|pdf|odp)$" and hook["language"] == "python"
    assert hook["entry"].split()[0] == "deckaudit" and hook.get("pass_filenames", True)


@pytest.fixture
def repo(tmp_path):
    """A git repo with two committed decks, a baseline for them and a project config naming it."""
    repo = tmp_path / "repo"
    (repo / "decks").mkdir(parents=True)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-cache"),
           "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.com", "GIT_CONFIG_NOSYSTEM": "1", "HOME": str(tmp_path),
           # offline: any attempt to fetch (pip, git over http) goes to a closed port and fails the test
           "HTTP_PROXY": "http://127.0.0.1:9", "HTTPS_PROXY": "http://127.0.0.1:9", "ALL_PROXY": "http://127.0.0.1:9",
           "http_proxy": "http://127.0.0.1:9", "https_proxy": "http://127.0.0.1:9", "PIP_NO_INDEX": "1", "NO_PROXY": "",
           "no_proxy": ""}
    env.pop("GIT_DIR", None)

    def run(*args, check=True):
        r = subprocess.run(list(map(str, args)), cwd=repo, env=env, capture_output=True, text=True, timeout=300)
        if check:
            assert r.returncode == 0, r.stdout + r.stderr
        return r

    run("git", "init", "-q", "-b", "main")
    deckfactory.basic_pptx(repo / "decks" / "vendor.pptx", VENDOR)
    deckfactory.basic_pptx(repo / "decks" / "mixed.pptx", MIXED)
    (repo / "pyproject.toml").write_text('[tool.deckaudit]\nfail_over = 0.7\nbaseline = "deckaudit-baseline.json"\n')
    hook = the_hook()
    local = {k: hook[k] for k in ("id", "name", "files", "types", "require_serial") if k in hook}
    deckaudit = f"{shlex.quote(sys.executable)} -m deckaudit"
    local |= {"language": "system", "entry": hook["entry"].replace("deckaudit", deckaudit, 1)}
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump({"repos": [{"repo": "local", "hooks": [local]}]}))
    run(sys.executable, "-m", "deckaudit", "bulk", "decks", "--db", tmp_path / "audit.db", "--jobs", "1", "-q",
        "--write-baseline", "deckaudit-baseline.json")
    run(sys.executable, "-m", "pre_commit", "install")
    run("git", "add", "-A")
    run("git", "commit", "-q", "-m", "decks and their baseline")  # vendor.pptx is over 0.7, but in the baseline
    run.repo = repo
    return run


def commits(run) -> int:
    return int(run("git", "rev-list", "--count", "HEAD").stdout)


def test_the_hook_fails_a_commit_only_for_the_worse_deck(repo):
    root = repo.repo
    assert commits(repo) == 1
    deckfactory.basic_pptx(root / "decks" / "mixed.pptx", MIXED_WORSE)
    (root / "notes.txt").write_text("not a deck")
    repo("git", "add", "-A")
    r = repo("git", "commit", "-q", "-m", "worse", check=False)
    out = r.stdout + r.stderr
    assert r.returncode != 0 and commits(repo) == 1, out
    assert "decks/mixed.pptx: us-share " in out and "is worse than its baseline" in out
    assert "vendor.pptx" not in out  # not staged: not looked at

    deckfactory.basic_pptx(root / "decks" / "mixed.pptx", MIXED)  # back to the committed bytes
    repo("git", "add", "-A")
    repo("git", "commit", "-q", "-m", "only a text file changed")
    assert commits(repo) == 2


def test_new_decks_pass_under_the_configured_threshold_and_fail_over_it(repo):
    root = repo.repo
    deckfactory.basic_pptx(root / "decks" / "customer.pptx", CUSTOMER)
    repo("git", "add", "decks/customer.pptx")
    repo("git", "commit", "-q", "-m", "a customer deck")
    assert commits(repo) == 2

    deckfactory.basic_pptx(root / "decks" / "vendor-copy-edit.pptx", VENDOR[:-1])
    repo("git", "add", "decks/vendor-copy-edit.pptx")
    r = repo("git", "commit", "-q", "-m", "a new vendor deck", check=False)
    out = r.stdout + r.stderr
    assert r.returncode != 0 and commits(repo) == 2, out
    assert "decks/vendor-copy-edit.pptx: new deck, us-share " in out and "is over 0.70" in out
