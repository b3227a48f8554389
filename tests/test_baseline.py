"""The baseline ratchet: `bulk --write-baseline`, `bulk/review --baseline` fail only decks that got worse or are new
and over --fail-over, `--update-baseline` never loosens, the file is stable and survives moves and renames."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from deckaudit.api import audit
from deckaudit.library import baseline as bl
from tests import deckfactory
from tests.conftest import ROOT
from tests.test_diff import AWARDS, CHALLENGES, COVER, GOALS, HISTORY, PLANNERS, PLATFORM, PRICING, THANKS

VENDOR = [COVER, HISTORY, PLATFORM, AWARDS, PRICING, THANKS]
MIXED = [COVER, CHALLENGES, HISTORY, GOALS, PLATFORM, PLANNERS, THANKS]
CUSTOMER = [COVER, CHALLENGES, GOALS, PLANNERS, THANKS]
MIXED_WORSE = [COVER, CHALLENGES, HISTORY, AWARDS, PLATFORM, PRICING, THANKS]  # two customer slides now about us
MIXED_BETTER = [COVER, CHALLENGES, GOALS, GOALS, PLATFORM, PLANNERS, THANKS]  # the history slide now about them


def run_cli(*args, cwd) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "deckaudit", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=240)


def named(stderr: str) -> set[str]:
    """The decks the gate named ("deckaudit: PATH: us-share ... worse ..." / "new deck ... over")."""
    return {ln.removeprefix("deckaudit: ").split(": ")[0] for ln in stderr.splitlines()
            if ln.startswith("deckaudit: ") and (" is worse than its baseline " in ln or ": new deck, " in ln)}


def share(path) -> float:
    return audit(path).summary.us_share


@pytest.fixture
def lib(tmp_path):
    root = tmp_path / "decks"
    (root / "emea").mkdir(parents=True)
    deckfactory.basic_pptx(root / "vendor.pptx", VENDOR)
    deckfactory.basic_pptx(root / "emea" / "mixed.pptx", MIXED)
    deckfactory.basic_pptx(root / "customer.pptx", CUSTOMER)
    return root


def bulk(lib, *args):
    return run_cli("bulk", lib, "--db", lib.parent / "audit.db", "--jobs", "1", "-q", *args, cwd=lib.parent)


def test_write_is_sorted_stable_relative_and_checkable(lib):
    base = lib.parent / "baseline.json"
    r = bulk(lib, "--write-baseline", base)
    assert r.returncode == 0, r.stderr
    first = base.read_bytes()
    doc = json.loads(first)
    assert doc["schema"] == "deckaudit.baseline/1"
    assert [d["path"] for d in doc["decks"]] == ["decks/customer.pptx", "decks/emea/mixed.pptx", "decks/vendor.pptx"]
    assert first.decode() == json.dumps(doc, indent=2, sort_keys=True) + "\n"
    import jsonschema

    schema = json.loads((ROOT / "docs" / "baseline.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(doc)
    assert schema["properties"]["schema"]["const"] == bl.SCHEMA
    vendor = next(d for d in doc["decks"] if d["path"] == "decks/vendor.pptx")
    assert vendor["us_share"] == round(share(lib / "vendor.pptx"), 4) and len(vendor["sha256"]) == 64
    assert vendor["sha256"] == bl.sha256_of(lib / "vendor.pptx")
    assert bulk(lib, "--write-baseline", base).returncode == 0
    assert base.read_bytes() == first  # byte-identical when nothing changed
    # unchanged decks pass, even one far over --fail-over: a baseline accepts today's library
    assert share(lib / "vendor.pptx") > 0.5
    r = bulk(lib, "--baseline", base, "--fail-over", "0.5")
    assert r.returncode == 0 and named(r.stderr) == set(), r.stderr
    assert bulk(lib, "--fail-over", "0.5").returncode == 1  # without the baseline the same gate fails


def test_a_worse_deck_fails_alone_and_a_moved_deck_keeps_its_baseline(lib):
    base = lib.parent / "baseline.json"
    assert bulk(lib, "--write-baseline", base).returncode == 0
    mixed = lib / "emea" / "mixed.pptx"
    deckfactory.basic_pptx(mixed, MIXED_WORSE)
    assert share(mixed) > json.loads(base.read_text())["decks"][1]["us_share"]  # the fixture is worse
    (lib / "archive").mkdir()
    shutil.move(lib / "vendor.pptx", lib / "archive" / "vendor-2024.pptx")  # moved and renamed, bytes unchanged
    r = bulk(lib, "--baseline", base, "--fail-over", "0.5")
    assert r.returncode == 1
    assert named(r.stderr) == {str(mixed)}
    (line,) = [ln for ln in r.stderr.splitlines() if "worse" in ln]
    assert line.startswith(f"deckaudit: {mixed}: us-share ") and " is worse than its baseline " in line
    # --update-baseline never raises the worse deck's entry, and the moved deck's entry follows it
    before = {d["path"]: d for d in json.loads(base.read_text())["decks"]}
    assert bulk(lib, "--baseline", base, "--update-baseline").returncode == 1
    after = {d["path"]: d for d in json.loads(base.read_text())["decks"]}
    assert after["decks/emea/mixed.pptx"] == before["decks/emea/mixed.pptx"]
    assert "decks/vendor.pptx" not in after
    assert after["decks/archive/vendor-2024.pptx"]["us_share"] == before["decks/vendor.pptx"]["us_share"]


def test_new_decks_fail_only_over_the_threshold(lib):
    base = lib.parent / "baseline.json"
    assert bulk(lib, "--write-baseline", base).returncode == 0
    deckfactory.basic_pptx(lib / "new-vendor.pptx", VENDOR[:1] + [HISTORY, AWARDS, PRICING])
    deckfactory.basic_pptx(lib / "new-customer.pptx", [CHALLENGES, GOALS, PLANNERS])
    assert share(lib / "new-vendor.pptx") > 0.7 >= share(lib / "new-customer.pptx")
    r = bulk(lib, "--baseline", base, "--fail-over", "0.7")
    assert r.returncode == 1 and named(r.stderr) == {str(lib / "new-vendor.pptx")}
    assert ": new deck, us-share " in r.stderr and " is over 0.70" in r.stderr
    assert bulk(lib, "--baseline", base).returncode == 0  # no threshold: new decks are simply recorded by --update


def test_update_lowers_improved_entries_only(lib):
    base = lib.parent / "baseline.json"
    assert bulk(lib, "--write-baseline", base).returncode == 0
    before = base.read_text()
    mixed = lib / "emea" / "mixed.pptx"
    old = json.loads(before)["decks"][1]["us_share"]
    deckfactory.basic_pptx(mixed, MIXED_BETTER)
    assert share(mixed) < old
    r = bulk(lib, "--baseline", base)
    assert r.returncode == 0 and base.read_text() == before  # checking alone never writes
    r = bulk(lib, "--baseline", base, "--update-baseline")
    assert r.returncode == 0, r.stderr
    after = {d["path"]: d for d in json.loads(base.read_text())["decks"]}
    assert after["decks/emea/mixed.pptx"]["us_share"] == round(share(mixed), 4) < old
    assert after["decks/emea/mixed.pptx"]["sha256"] == bl.sha256_of(mixed)
    lowered = base.read_bytes()
    # the old version back is now worse than the ratchet allows
    deckfactory.basic_pptx(mixed, MIXED)
    r = bulk(lib, "--baseline", base, "--update-baseline")
    assert r.returncode == 1 and named(r.stderr) == {str(mixed)} and base.read_bytes() == lowered


def test_review_with_a_baseline_from_the_project_config(lib):
    base = lib.parent / "baseline.json"
    assert bulk(lib, "--write-baseline", base).returncode == 0
    (lib.parent / "pyproject.toml").write_text('[tool.deckaudit]\nfail_over = 0.5\nbaseline = "baseline.json"\n')
    sub = lib / "emea"  # the config is found by walking up; its baseline path is relative to it
    r = run_cli("review", "-q", lib / "vendor.pptx", lib / "customer.pptx", cwd=sub)
    assert r.returncode == 0 and named(r.stderr) == set(), r.stderr
    deckfactory.basic_pptx(lib / "emea" / "mixed.pptx", MIXED_WORSE)
    r = run_cli("review", "-q", lib / "vendor.pptx", "mixed.pptx", cwd=sub)
    assert r.returncode == 1 and named(r.stderr) == {"mixed.pptx"}


def test_bad_baseline_files_are_one_line_exit_2(lib, tmp_path):
    for content, status in ((None, "not-found"), ("{", "corrupt"), ('{"schema": "other"}', "corrupt"),
                            ('{"schema": "deckaudit.baseline/1", "decks": [{"path": "x"}]}', "corrupt")):
        base = tmp_path / "b.json"
        if content is None:
            base.unlink(missing_ok=True)
        else:
            base.write_text(content)
        r = run_cli("review", "-q", lib / "vendor.pptx", "--baseline", base, cwd=tmp_path)
        assert r.returncode == 2 and "Traceback" not in r.stderr
        (line,) = r.stderr.strip().splitlines()
        assert line.startswith(f"deckaudit: {base}: {status}: ")
    r = run_cli("review", "-q", lib / "vendor.pptx", "--update-baseline", cwd=tmp_path)
    assert r.returncode == 2 and "--update-baseline needs --baseline" in r.stderr


def test_check_matches_by_hash_then_path(tmp_path):
    a, b, c = (tmp_path / n for n in ("a.pptx", "b.pptx", "c.pptx"))
    a.write_bytes(b"deck A")
    b.write_bytes(b"deck B")
    base = tmp_path / "base.json"
    entries = bl.record([(a, 0.5), (b, 0.25)], base)
    bl.save(base, entries)
    assert bl.load(base) == sorted(entries, key=lambda e: e.path)
    # b's bytes moved to c, and a new deck now sits at b's path: c is b moved, b is new
    c.write_bytes(b"deck B")
    b.write_bytes(b"another deck")
    out = {o.rel: o for o in bl.check([(a, 0.5), (b, 0.9), (c, 0.25)], entries, base, fail_over=0.8)}
    assert out["a.pptx"].status == "unchanged" and out["c.pptx"].status == "moved"
    assert out["b.pptx"].status == "new-over" and out["b.pptx"].failed
    # an edited deck at its old path is compared with its entry
    a.write_bytes(b"deck A, edited")
    out = {o.rel: o for o in bl.check([(a, 0.5001)], entries, base)}
    assert out["a.pptx"].status == "worse"
    out = {o.rel: o for o in bl.check([(a, 0.5)], entries, base)}
    assert out["a.pptx"].status == "kept" and not out["a.pptx"].failed
    assert not bl.save(base, entries)  # nothing changed: the file is not rewritten


def test_update_with_a_subset_keeps_the_other_entries_and_adds_passing_new_decks(tmp_path):
    """A pre-commit hook sees only the staged decks: what it does not see stays in the baseline as it was."""
    a, b, new = (tmp_path / n for n in ("a.pptx", "b.pptx", "new.pptx"))
    a.write_bytes(b"deck A")
    b.write_bytes(b"deck B")
    new.write_bytes(b"new deck")
    base = tmp_path / "base.json"
    entries = bl.record([(a, 0.5), (b, 0.25)], base)
    a.write_bytes(b"deck A, better")
    outcomes = bl.check([(a, 0.4), (new, 0.3)], entries, base, fail_over=0.7)
    assert [o.status for o in outcomes] == ["improved", "new"]
    after = {e.path: e for e in bl.updated(entries, outcomes, base)}
    assert after["a.pptx"].us_share == 0.4 and after["a.pptx"].sha256 == bl.sha256_of(a)
    assert after["b.pptx"] == next(e for e in entries if e.path == "b.pptx")
    assert after["new.pptx"].us_share == 0.3
    # a worse deck and a new deck over the threshold change nothing
    outcomes = bl.check([(a, 0.6), (new, 0.9)], entries, base, fail_over=0.7)
    assert [o.status for o in outcomes] == ["worse", "new-over"]
    assert sorted(bl.updated(entries, outcomes, base), key=lambda e: e.path) == sorted(entries, key=lambda e: e.path)
