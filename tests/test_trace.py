"""The shared JSON error format: one shape for every refusal."""

from __future__ import annotations

import json
from collections.abc import Mapping

import pytest
from pydantic import ValidationError

from casereview.cims import CaseReviewReport
from casereview.errors import CaseReviewError, MissingElementError
from casereview.trace import ERROR_FORMAT, error_json
from casereview.vhims import derive_isr


def test_a_function_refusal_and_a_model_refusal_share_one_shape() -> None:
    with pytest.raises(CaseReviewError) as from_function:
        derive_isr("Severe")
    with pytest.raises(ValidationError) as from_model:
        CaseReviewReport.model_validate({"actions": [{"responsible": 3}]})
    for exc in (from_function.value, from_model.value):
        error = error_json(exc)
        json.dumps(error)  # JSON-able as it is
        assert error["format"] == ERROR_FORMAT
        for entry in error["errors"]:
            assert set(entry) == {"code", "field", "message", "allowed"}
            assert entry["message"]


def test_a_missing_element_is_coded_missing_and_names_the_field() -> None:
    (entry,) = error_json(MissingElementError("duration", "needed"))["errors"]
    assert entry["code"] == "missing"
    assert entry["field"] == "duration"


def test_a_model_error_names_the_field_as_the_caller_wrote_it_and_lists_allowed_labels() -> None:
    with pytest.raises(ValidationError) as caught:
        CaseReviewReport.model_validate(
            {"incident_frequency": "weekly", "actions": [{}, {"target_date": "soon"}]}
        )
    entries = {e["field"]: e for e in error_json(caught.value)["errors"]}
    assert entries["actions[1].target_date"]["code"].startswith("invalid.")
    assert entries["incident_frequency"]["code"] == "unknown_value"
    assert entries["incident_frequency"]["allowed"] == [
        "one-off",
        "pattern for staff",
        "pattern for client",
    ]


# ---------------------------------------------------------------------------- results

from typing import Any  # noqa: E402

import jsonschema  # noqa: E402

from casereview._base import FrozenModel  # noqa: E402
from casereview.decisions import DECISIONS, decide  # noqa: E402
from casereview.findings import Citation, Provenance  # noqa: E402
from casereview.schema import ERROR_SCHEMA, RESULT_SCHEMA  # noqa: E402
from casereview.trace import RESULT_FORMAT, result_json  # noqa: E402
from tests.helpers import assert_matches_snapshot  # noqa: E402


def _shape(value: Any) -> Any:
    """The shape of a JSON value: keys and types, not the values (what the snapshot pins)."""
    if isinstance(value, dict):
        return {key: _shape(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_shape(value[0])] if value else []
    return type(value).__name__


@pytest.mark.parametrize("name", sorted(DECISIONS))
def test_every_decision_result_has_the_one_shape(name: str) -> None:
    result = decide(name, DECISIONS[name].example)
    jsonschema.validate(result, RESULT_SCHEMA)
    assert result["format"] == RESULT_FORMAT
    assert result["decision"] == name
    json.dumps(result)
    # The envelope is pinned here; the outcome is the rulebook's model (its schema is pinned in
    # tests/snapshots/schema/), so a field a rulebook adds does not change this snapshot.
    shape = _shape(result)
    shape["outcome"] = "object: the rulebook's result model"
    assert_matches_snapshot(f"trace/{name}.shape.json", shape)


def test_the_isr_result_in_full_is_pinned() -> None:
    example = DECISIONS["isr"].example
    result = decide("isr", example)
    result["versions"]["casereview"] = "<version>"
    result["outcome"] = "<vhims.IsrResult>"
    assert_matches_snapshot("trace/isr.result.json", result)


def test_calendar_results_carry_the_holidays_version() -> None:
    from importlib.metadata import version

    result = decide("due-date", {"endorsed_on": "2024-12-02"})
    assert result["versions"]["holidays"] == version("holidays")
    assert decide("isr", {"harm": "Minor"})["versions"]["holidays"] is None


def test_fields_a_rulebook_adds_flow_through_unchanged() -> None:
    class FutureResult(FrozenModel):
        decided: bool
        ruleset: str
        logic_map: str
        logic_map_digest: str
        rule_id: str
        citations: tuple[Citation, ...]

    cite = Citation(source="s", section="x", provenance=Provenance.INFERRED, note="why")
    result = result_json(
        FutureResult(
            decided=False,
            ruleset="cims-2024",
            logic_map="hospital-a",
            logic_map_digest="ab12",
            rule_id="cims.follow-up.x",
            citations=(cite, cite),
        ),
        decision="future",
    )
    assert result["outcome"]["decided"] is False
    assert result["rulesets"] == ["cims-2024"]
    assert result["logic_map"] == {"name": "hospital-a", "digest": "ab12"}
    assert result["rule_ids"] == ["cims.follow-up.x"]
    assert result["citations"] == [cite.model_dump(mode="json")]  # once, with provenance
    jsonschema.validate(result, RESULT_SCHEMA)


def test_nested_findings_and_rule_ids_are_gathered() -> None:
    cims = {
        "id": "C-1",
        "client": "P",
        "impact": "Major impact",
        "incident_type": "Self-harm",
        "systemic_factors": False,
        "endorsed_on": "2024-12-02",
    }
    result = decide("evaluate", {"cims": cims})
    assert result["rule_ids"][:2] == [
        "cims.follow-up.case-review",
        "cims.due-date.21-business-days",
    ]
    assert result["versions"]["holidays"]


def test_errors_match_the_error_schema() -> None:
    with pytest.raises(ValidationError) as caught:
        CaseReviewReport.model_validate({"incident_frequency": "weekly", "x": 1})
    jsonschema.validate(error_json(caught.value), ERROR_SCHEMA)
    jsonschema.validate(error_json(MissingElementError("duration", "needed")), ERROR_SCHEMA)


# ---------------------------------------------------------------------------- codes of requests


def _entry(decision: str, inputs: Mapping[str, object]) -> dict[str, object]:
    from casereview.decisions import decide

    with pytest.raises((ValueError, ValidationError)) as info:
        decide(decision, inputs)
    (entry,) = error_json(info.value)["errors"]
    return dict(entry)


def test_a_bad_request_date_or_flag_has_our_code_and_one_prefix() -> None:
    for decision, inputs, field in (
        ("due-date", {"endorsed_on": "soon"}, "endorsed_on"),
        ("due-date", {"endorsed_on": "2024-12-02T00:00:00"}, "endorsed_on"),
        (
            "follow-up",
            {"impact": "Major", "incident_type": "Death", "systemic_factors": "maybe"},
            "systemic_factors",
        ),
        ("isr", {"harm": "Minor", "strict": "yes"}, "strict"),
    ):
        entry = _entry(decision, inputs)
        assert entry["code"] == "invalid", entry
        assert entry["field"] == field
        message = str(entry["message"])
        assert "Value error" not in message
        assert message.count(f"{field}:") == 1, message


def test_an_unknown_ruleset_is_unknown_value_with_the_allowed_list() -> None:
    entry = _entry("follow-up", {"impact": "Major", "incident_type": "Death", "ruleset": "x"})
    assert (entry["code"], entry["field"]) == ("unknown_value", "ruleset")
    assert entry["allowed"] == ["cims-2020", "cims-2024"]


def test_a_null_required_date_is_missing() -> None:
    entry = _entry("due-date", {"endorsed_on": None})
    assert (entry["code"], entry["field"]) == ("missing", "endorsed_on")


@pytest.mark.parametrize("value", ["yes", "no", "True", 1, 0, None])
def test_options_take_exactly_true_or_false(value: object) -> None:
    entry = _entry("isr", {"harm": "Minor", "strict": value})
    assert entry["field"] == "strict"
    entry = _entry("due-date", {"endorsed_on": "2024-12-02", "apply_2020_rules": value})
    assert entry["field"] == "apply_2020_rules"


def test_python_words_are_reworded() -> None:
    entry = _entry("validate-under1roof-panel", {"members": "Bob"})
    assert "tuple" not in str(entry["message"])
    assert str(entry["message"]).endswith("expected a list")


def test_a_map_that_rates_nothing_is_not_rated() -> None:
    from casereview.vhims import NotRatedError

    (entry,) = error_json(NotRatedError("no rating", logic_map="m", path="x"))["errors"]
    assert entry["code"] == "not_rated"


@pytest.mark.parametrize("harm", ["Serious", 5])
def test_unknown_labels_have_one_wording(harm: object) -> None:
    entry = _entry("isr", {"harm": harm})
    assert entry["code"] == "unknown_value"
    assert " is not an allowed value; allowed: 'Death', " in str(entry["message"])
    assert str(entry["message"]).startswith("harm: ")
