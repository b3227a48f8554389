"""docs/report.schema.json: a valid draft 2020-12 schema that accepts every report we write, rejects broken ones,
and declares every key report.to_dict() emits (so the published schema cannot drift from the code)."""

from __future__ import annotations

import copy
import io
import json

import jsonschema
import pytest

from deckaudit import renderers
from deckaudit.errors import FileStatus, SlideStatus
from deckaudit.report import SCHEMA as SCHEMA_ID
from deckaudit.verdict import TAGS
from tests.conftest import ROOT
from tests.report_fixtures import all_reports, pitch_report

SCHEMA = json.loads((ROOT / "docs" / "report.schema.json").read_text(encoding="utf-8"))
ENVELOPE_VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)
# One deck's report ($defs/report) on its own, with the shared $defs so its references resolve.
REPORT_SCHEMA = {"$schema": SCHEMA["$schema"], "$defs": SCHEMA["$defs"], **SCHEMA["$defs"]["report"]}
VALIDATOR = jsonschema.Draft202012Validator(REPORT_SCHEMA)


def envelope(reports) -> dict:
    buf = io.StringIO()
    renderers.write("json", reports, buf)
    return json.loads(buf.getvalue())


def as_json(reports) -> object:
    """The report of the one deck in ``reports`` (the envelope's only item), or the list of several."""
    items = envelope(reports)["reports"]
    return items[0] if len(items) == 1 else items


def test_the_schema_is_a_valid_draft_2020_12_schema():
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["properties"]["schema"] == {"const": "deckaudit.reports/1"}
    assert SCHEMA["$defs"]["report"]["properties"]["schema"] == {"const": SCHEMA_ID}


@pytest.mark.parametrize("count", [0, 1, 3])
def test_json_has_one_shape_whatever_the_number_of_decks(count):
    """Always the versioned envelope with a list of reports: a script never branches on object-or-array."""
    doc = envelope(all_reports()[:count])
    assert isinstance(doc, dict) and doc["schema"] == "deckaudit.reports/1"
    assert isinstance(doc["reports"], list) and len(doc["reports"]) == count
    ENVELOPE_VALIDATOR.validate(doc)
    assert _undeclared(SCHEMA, SCHEMA, doc) == []


def test_the_envelope_lists_the_files_that_could_not_be_read():
    from deckaudit.errors import DeckError

    buf = io.StringIO()
    failures = [DeckError(FileStatus.CORRUPT, "not a zip archive", "bad.pptx"), DeckError("not-found", "no such file", "x.pdf")]
    renderers.write("json", [pitch_report()], buf, failures=failures)
    doc = json.loads(buf.getvalue())
    ENVELOPE_VALIDATOR.validate(doc)
    assert _undeclared(SCHEMA, SCHEMA, doc) == []
    assert doc["failures"] == [{"path": "bad.pptx", "status": "corrupt", "reason": "not a zip archive"},
                               {"path": "x.pdf", "status": "not-found", "reason": "no such file"}]
    assert envelope([pitch_report()])["failures"] == []
    doc["failures"][0]["status"] = "broken"
    with pytest.raises(jsonschema.ValidationError):
        ENVELOPE_VALIDATOR.validate(doc)


def test_the_envelope_rejects_a_bare_report():
    with pytest.raises(jsonschema.ValidationError):
        ENVELOPE_VALIDATOR.validate(as_json([pitch_report()]))


def test_the_enums_are_the_code_enums():
    defs = SCHEMA["$defs"]
    assert defs["tag"]["enum"] == [t.value for t in TAGS]
    assert defs["file_status"]["enum"] == [s.value for s in FileStatus]
    assert defs["slide"]["properties"]["status"]["enum"] == [s.value for s in SlideStatus]


@pytest.mark.parametrize("report", all_reports(), ids=lambda r: r.name)
def test_every_hand_built_report_validates(report):
    VALIDATOR.validate(as_json([report]))


def test_an_array_of_reports_validates_item_by_item():
    docs = as_json(all_reports())
    assert isinstance(docs, list) and len(docs) == 3
    for doc in docs:
        VALIDATOR.validate(doc)


def _declared(schema: dict, node: dict) -> dict:
    if "$ref" in node:
        name = node["$ref"].rsplit("/", 1)[-1]
        return schema["$defs"][name]
    return node


def _undeclared(schema: dict, node: dict, value, where: str = "") -> list[str]:
    """Keys present in `value` that the schema node does not name (objects with free-form content excepted)."""
    node = _declared(schema, node)
    missing = []
    if isinstance(value, dict) and "properties" in node:
        for key, item in value.items():
            if key not in node["properties"]:
                missing.append(f"{where}/{key}")
            else:
                missing += _undeclared(schema, node["properties"][key], item, f"{where}/{key}")
    elif isinstance(value, list) and "items" in node:
        for item in value[:3]:
            missing += _undeclared(schema, node["items"], item, f"{where}[]")
    return missing


@pytest.mark.parametrize("report", all_reports(), ids=lambda r: r.name)
def test_every_emitted_key_is_declared(report):
    assert _undeclared(SCHEMA, REPORT_SCHEMA, as_json([report])) == []


def test_the_drift_check_itself_notices_an_undeclared_key():
    doc = as_json([pitch_report()])
    doc["slides"][0]["surprise"] = 1
    assert _undeclared(SCHEMA, REPORT_SCHEMA, doc) == ["/slides[]/surprise"]


BREAKAGES = {
    "unknown tag": lambda d: d["slides"][0].__setitem__("tag", "about-them"),
    "missing index": lambda d: d["slides"][0].pop("index"),
    "index 0": lambda d: d["slides"][0].__setitem__("index", 0),
    "score 2": lambda d: d["slides"][0].__setitem__("score", 2),
    "score as text": lambda d: d["slides"][0].__setitem__("score", "-0.5"),
    "unknown slide status": lambda d: d["slides"][0].__setitem__("status", "fine"),
    "hidden as text": lambda d: d["slides"][0].__setitem__("hidden", "no"),
    "evidence without text": lambda d: d["slides"][1]["evidence"][0].pop("text"),
    "other schema version": lambda d: d.__setitem__("schema", "deckaudit.report/2"),
    "us_share over 1": lambda d: d["summary"].__setitem__("us_share", 1.5),
    "first customer slide 0": lambda d: d["summary"].__setitem__("first_customer_slide", 0),
    "unknown count": lambda d: d["summary"]["counts"].__setitem__("about-them", 1),
    "missing summary": lambda d: d.pop("summary"),
    "finding without message": lambda d: d["findings"][0].pop("message"),
    "unknown file status": lambda d: d["deck"].__setitem__("status", "fine"),
}


@pytest.mark.parametrize("breakage", BREAKAGES.values(), ids=BREAKAGES.keys())
def test_broken_documents_fail(breakage):
    doc = as_json([pitch_report()])
    VALIDATOR.validate(copy.deepcopy(doc))  # the intact document passes ...
    breakage(doc)
    with pytest.raises(jsonschema.ValidationError):  # ... and the broken one does not
        VALIDATOR.validate(doc)


@pytest.mark.parametrize("name", ["vendor-pitch.pptx", "customer-first.pdf"])
def test_a_real_audit_validates_and_declares_every_key(name):
    """The classifier and coaching fill model, metrics and extras: their keys must be in the schema too."""
    import deckaudit

    doc = as_json([deckaudit.audit(ROOT / "sample_decks" / name)])
    VALIDATOR.validate(doc)
    assert _undeclared(SCHEMA, REPORT_SCHEMA, doc) == []
