"""One-call evaluation: every part decided, undecided with the reason, or not applicable."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from casereview.cims import ClientIncident, FollowUp
from casereview.errors import CaseReviewError
from casereview.evaluate import EvaluationRequest, VhimsIncident, evaluate
from casereview.vhims import ClinicalIncident, ReviewLevel


def cims(**fields: object) -> ClientIncident:
    base: dict[str, object] = {"id": "C-1", "client": "P-1", "impact": "Major impact"}
    return ClientIncident.model_validate({**base, **fields})


def test_cims_case_review_with_its_due_date() -> None:
    result = evaluate(
        cims(incident_type="Self-harm", systemic_factors=False, endorsed_on=date(2024, 12, 2))
    )
    assert result.follow_up is not None
    assert result.follow_up.follow_up is FollowUp.CASE_REVIEW
    assert result.case_review_due is not None
    assert result.case_review_due.due_on == date(2025, 1, 3)
    assert result.undecided == ()


def test_cims_undecided_parts_say_what_is_missing() -> None:
    pending = evaluate(cims(incident_type="Self-harm"))
    assert [(u.part, u.field) for u in pending.undecided] == [("case_review_due", "follow_up")]
    abuse = evaluate(cims(incident_type="Physical abuse"))
    assert abuse.follow_up is None
    assert ("follow_up", "subject_of_allegation") in [(u.part, u.field) for u in abuse.undecided]
    no_date = evaluate(cims(incident_type="Self-harm", systemic_factors=False))
    assert [(u.part, u.field) for u in no_date.undecided] == [("case_review_due", "endorsed_on")]


def test_cims_investigation_has_no_case_review_due_date() -> None:
    result = evaluate(cims(incident_type="Unexplained injury", endorsed_on=date(2024, 12, 2)))
    assert result.case_review_due is None
    assert result.not_applicable == ("case_review_due",)


def test_vhims_everything_decided() -> None:
    incident = VhimsIncident.model_validate(
        {
            "harm": "Severe",
            "duration": "Temporary",
            "treatment": "Advanced",
            "incident_type": "Clinical",
            "clinical_incident": True,
            "went_as_intended": False,
            "under_duty_of_candour": True,
            "sentinel_event": True,
            "system_or_process_issues": True,
            "aware_on": date(2024, 10, 31),
            "identified_at": datetime(2024, 12, 23, 15, 30),
        }
    )
    result = evaluate(incident)
    assert result.isr is not None
    assert int(result.isr.isr) == 1
    assert result.review is not None
    assert result.review.level is ReviewLevel.ROOT_CAUSE_ANALYSIS
    assert result.sapse is not None
    assert result.sapse.sapse is True
    assert result.sentinel_deadlines is not None
    assert result.sentinel_deadlines.notify_scv_by == date(2024, 11, 6)
    assert result.candour_deadlines is not None
    assert result.candour_deadlines.meeting_by == date(2025, 1, 9)
    assert result.undecided == ()


def test_vhims_missing_harm_is_undecided_not_a_guess() -> None:
    result = evaluate(ClinicalIncident())
    assert result.isr is None
    assert ("isr", "harm") in [(u.part, u.field) for u in result.undecided]


def test_vhims_not_a_sapse_needs_no_candour_deadlines() -> None:
    result = evaluate(
        VhimsIncident.model_validate(
            {
                "harm": "Minor",
                "incident_type": "Clinical",
                "clinical_incident": True,
                "went_as_intended": True,
                "under_duty_of_candour": True,
                "sentinel_event": False,
            }
        )
    )
    assert result.sapse is not None
    assert result.sapse.sapse is False
    assert set(result.not_applicable) == {"sentinel_deadlines", "candour_deadlines"}


def test_request_takes_exactly_one_incident_and_other_values_are_refused() -> None:
    with pytest.raises(ValueError, match="exactly one"):
        EvaluationRequest.model_validate({})
    with pytest.raises(CaseReviewError, match="incident"):
        evaluate("incident")  # type: ignore[call-overload]


def test_cims_2024_leaves_the_due_date_undecided_rather_than_guessing() -> None:
    result = evaluate(
        cims(
            incident_type="Unexplained injury",
            reported_on=date(2025, 2, 27),
            endorsed_on=date(2025, 3, 3),
        )
    )
    assert result.follow_up is not None
    assert result.follow_up.ruleset.id == "cims-2024"


def test_vhims_evaluation_uses_the_callers_logic_map() -> None:
    from casereview.vhims import LogicMap

    rows = [
        "Minor,,,4,secondary,hospital-ims,Figure 1,," if row.startswith("Minor,,,") else row
        for row in LogicMap.default().to_csv_text().splitlines()
    ]
    hospital = LogicMap.from_csv_text("\n".join(rows) + "\n", name="hospital-a")
    result = evaluate(VhimsIncident.model_validate({"harm": "Minor"}), logic_map=hospital)
    assert result.isr is not None
    assert (int(result.isr.isr), result.isr.logic_map) == (4, "hospital-a")


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ({}, False),
        ({"cims": None, "vhims": None}, False),
        ({"vhims": {"harm": "Minor"}}, True),
        ({"vhims": {"harm": "Minor"}, "cims": None}, True),
        ({"vhims": {"harm": "Minor"}, "cims": " "}, True),
        (
            {
                "vhims": {"harm": "Minor"},
                "cims": {"id": "1", "client": "c", "impact": "Major", "incident_type": "Death"},
            },
            False,
        ),
    ],
)
def test_exactly_one_incident_in_the_schema_as_in_the_model(
    value: dict[str, object], valid: bool
) -> None:
    import jsonschema

    from casereview.schema import json_schema

    schema = json_schema("request.evaluate")
    assert jsonschema.Draft202012Validator(schema).is_valid(value) is valid
    try:
        EvaluationRequest.model_validate(value)
    except ValueError:
        accepted = False
    else:
        accepted = True
    assert accepted is valid
