"""One generic test for every coaching rule (proselint style): each data file in deckaudit/coaching/data
names its source and carries examples that must fail and examples that must pass, run through the
``check`` of the detector module of the same name. Adding a rule is adding a data file and its module."""

from __future__ import annotations

import importlib

import pytest

from deckaudit.coaching.rules import rule, rule_names

RULES = rule_names()


def test_every_detector_has_a_rule():
    assert {"silent_add_on", "self_praise", "subjects", "we_you", "narrative", "suggestions"} <= set(RULES)


@pytest.mark.parametrize("name", RULES)
def test_rule_names_its_source_and_examples(name):
    data = rule(name)
    assert data["kind"] and len(data["source"]) > 20
    assert len(data["examples_fail"]) >= 3 and len(data["examples_pass"]) >= 3
    assert not set(data["examples_fail"]) & set(data["examples_pass"])


@pytest.mark.parametrize("name,example", [(n, e) for n in RULES for e in rule(n)["examples_fail"]])
def test_failing_example_is_flagged(name, example):
    check = importlib.import_module(f"deckaudit.coaching.{name}").check
    assert check(example), f"{name} should flag {example!r}"


@pytest.mark.parametrize("name,example", [(n, e) for n in RULES for e in rule(n)["examples_pass"]])
def test_passing_example_is_not_flagged(name, example):
    check = importlib.import_module(f"deckaudit.coaching.{name}").check
    assert not check(example), f"{name} should not flag {example!r}: {check(example)}"
