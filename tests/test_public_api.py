"""The package's public API: ``deckaudit.audit`` and ``deckaudit.diff`` are there after ``import deckaudit``,
loaded only when first used."""

from __future__ import annotations

import subprocess
import sys

import deckaudit
from tests import deckfactory
from tests.conftest import ROOT
from tests.report_fixtures import pitch_report


def test_import_deckaudit_loads_neither_the_pipeline_nor_diff():
    code = ("import sys, deckaudit; assert 'diff' in deckaudit.__all__; "
            "print(sorted(m for m in ('deckaudit.diff', 'deckaudit.api', 'deckaudit.report', 'rapidfuzz', 'lxml') "
            "if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_deckaudit_diff_compares_two_decks(tmp_path):
    old = deckfactory.basic_pptx(tmp_path / "old.pptx", [("Our company history", ["Founded in 1999 in Berlin"]),
                                                         ("Your challenges", ["Your planners lose a day a week"])])
    new = deckfactory.basic_pptx(tmp_path / "new.pptx", [("Your challenges", ["Your planners lose a day a week"]),
                                                         ("Our company history", ["Founded in 1999 in Berlin"])])
    d = deckaudit.diff(old, new)
    assert type(d).__name__ == "DeckDiff"
    assert sorted((c.old_index, c.new_index) for c in d.slides) == [(1, 2), (2, 1)]
    assert d.counts()["moved"] >= 1 and sum(d.counts().values()) == 2


def test_deckaudit_diff_is_also_the_module():
    import deckaudit.diff as module
    from deckaudit.diff import diff_reports

    assert deckaudit.diff is module and callable(deckaudit.diff)
    assert deckaudit.diff.diff_reports is diff_reports
    assert deckaudit.diff.diff_reports(pitch_report(), pitch_report()).counts()["same"] == 6
    assert "Read and audit two decks" in (type(deckaudit.diff).__call__.__doc__ or "")


def test_an_unknown_name_is_still_an_attribute_error():
    import pytest

    with pytest.raises(AttributeError):
        deckaudit.no_such_thing  # noqa: B018
