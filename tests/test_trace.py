"""The shared JSON error format: one shape for every refusal."""

from __future__ import annotations

import json

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
