"""CIMS models: drafts construct, malformed data is refused naming the field, stable schemas."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from pydantic import ValidationError

from casereview.actions import Action as SharedAction
from casereview.cims import (
    Action,
    AllegationSubject,
    Barrier,
    CaseReviewReport,
    ClientIncident,
    ClientParticipation,
    FollowUp,
    Impact,
    IncidentFrequency,
    IncidentType,
)
from casereview.errors import UnknownValueError
from tests.helpers import assert_matches_snapshot

INCIDENT: dict[str, Any] = {
    "id": "CIMS-1",
    "client": "C-1",
    "incident_type": "Self-harm",
    "impact": "Major impact",
    "occurred_on": "2024-03-01",
    "reported_on": "2024-03-02",
    "endorsed_on": "2024-03-05",
}


def _loc(error: ValidationError) -> list[str]:
    return [".".join(str(part) for part in e["loc"]) for e in error.errors()]


def test_contract_enum_members() -> None:
    assert {m.name for m in Impact} == {"MAJOR", "NON_MAJOR"}
    assert {
        "PHYSICAL_ABUSE",
        "SEXUAL_ABUSE",
        "FINANCIAL_ABUSE",
        "EMOTIONAL_ABUSE",
        "POOR_QUALITY_OF_CARE",
        "INJURY_UNEXPLAINED",
        "INJURY_EXPLAINED",
        "SELF_HARM",
        "DEATH",
        "MEDICATION_ERROR",
        "ABSENT_CLIENT",
    } <= {m.name for m in IncidentType}
    assert {m.name for m in AllegationSubject} == {"STAFF", "VOLUNTEER", "CLIENT", "OTHER"}
    assert {"INVESTIGATION", "CASE_REVIEW", "RCA_REVIEW", "NONE"} <= {m.name for m in FollowUp}
    assert [m.value for m in IncidentFrequency] == [
        "one-off",
        "pattern for staff",
        "pattern for client",
    ]


def test_the_2024_incident_types_use_the_pages_labels() -> None:
    assert IncidentType.NEGLECT.value == "Neglect"
    assert IncidentType.SEXUAL_EXPLOITATION_GROOMING.value == "Sexual exploitation \u2013 grooming"
    for label in (
        "Sexual exploitation \u2013 grooming",
        "sexual exploitation - grooming",
        "SEXUAL_EXPLOITATION_GROOMING",
    ):
        assert IncidentType.parse(label, field="t") is IncidentType.SEXUAL_EXPLOITATION_GROOMING
        assert IncidentType(label) is IncidentType.SEXUAL_EXPLOITATION_GROOMING
    assert IncidentType.parse("neglect", field="t") is IncidentType.NEGLECT
    assert IncidentType.parse("self-harm", field="t") is IncidentType.SELF_HARM
    assert {t for t in IncidentType if t.is_abuse} == {
        IncidentType.PHYSICAL_ABUSE,
        IncidentType.SEXUAL_ABUSE,
        IncidentType.SEXUAL_EXPLOITATION_GROOMING,
        IncidentType.FINANCIAL_ABUSE,
        IncidentType.EMOTIONAL_ABUSE,
    }


def test_the_undetermined_follow_up_replaces_review() -> None:
    assert FollowUp.UNDETERMINED.value == "Not determined"
    assert "REVIEW" not in FollowUp.__members__
    assert not FollowUp.UNDETERMINED.is_review
    assert {f for f in FollowUp if f.is_review} == {FollowUp.CASE_REVIEW, FollowUp.RCA_REVIEW}


def test_no_cims_model_defaults_a_flag_to_an_answer() -> None:
    # The audit: a bool default must not assert a fact (least of all one that triggers a rule).
    from casereview.cims import ClientParticipation

    for model in (Action, ClientIncident, ClientParticipation, CaseReviewReport):
        for name, field in model.model_fields.items():
            if field.annotation in (bool, bool | None):
                assert field.default is None, f"{model.__name__}.{name}"


def test_an_empty_draft_review_is_a_valid_object() -> None:
    draft = CaseReviewReport()
    assert draft.actions == ()
    assert draft.incident_summary is None


def test_the_cims_action_extends_the_shared_action() -> None:
    action = Action(description="Train staff", responsible="Manager", target_date=date(2025, 1, 1))
    assert isinstance(action, SharedAction)
    assert action.is_complete
    # Contract change (audit): no boolean default asserts a fact; left out is None (not said).
    assert action.taken_at_time_of_incident is None
    assert action.addresses_record_keeping is None


def test_an_incident_parses_labels_and_iso_dates() -> None:
    incident = ClientIncident(**INCIDENT)
    assert incident.incident_type is IncidentType.SELF_HARM
    assert incident.impact is Impact.MAJOR
    assert incident.endorsed_on == date(2024, 3, 5)


def test_a_review_round_trips_through_json() -> None:
    report = CaseReviewReport.model_validate(
        {
            "incident_summary": "Summary",
            "actions": (Action(description="Do", taken_at_time_of_incident=True),),
            "incident_frequency": "ONE_OFF",
            "barriers": (
                "poor documentation of the actions taken during or following the incident",
            ),
            "participation": ClientParticipation(client_engaged=True),
            "review_date": date(2024, 4, 1),
        }
    )
    assert report.incident_frequency is IncidentFrequency.ONE_OFF
    assert report.barriers == (Barrier.POOR_DOCUMENTATION,)
    assert CaseReviewReport.model_validate_json(report.model_dump_json()) == report
    assert hash(report) == hash(CaseReviewReport.model_validate(report.model_dump()))


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"occurred_on": "2024-02-30"}, "occurred_on"),
        ({"endorsed_on": "05/03/2024"}, "endorsed_on"),
        ({"incident_type": "Assault"}, "incident_type"),
        ({"impact": "Severe"}, "impact"),
        ({"subject_of_allegation": "neighbour"}, "subject_of_allegation"),
        ({"systemic_factors": "maybe"}, "systemic_factors"),
        ({"systemic_factors": 1}, "systemic_factors"),
        ({"client": ""}, "client"),
        ({"client": 42}, "client"),
        ({"id": None}, "id"),
        ({"reported_on": "2024-02-28"}, "reported_on"),
        ({"endorsed_on": "2024-03-01"}, "endorsed_on"),
        ({"severity": "high"}, "severity"),
    ],
)
def test_a_malformed_incident_is_refused_naming_the_field(
    changes: dict[str, Any], field: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        ClientIncident(**{**INCIDENT, **changes})
    assert field in _loc(caught.value)
    assert field in str(caught.value)


def test_an_unknown_label_lists_the_allowed_labels() -> None:
    with pytest.raises(ValidationError) as caught:
        ClientIncident(**{**INCIDENT, "impact": "Severe"})
    assert "'Major impact' or 'Non-major impact'" in str(caught.value)


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"review_date": "2024-13-01"}, "review_date"),
        ({"review_date": 20240101}, "review_date"),
        ({"incident_frequency": "weekly"}, "incident_frequency"),
        ({"barriers": ["staff on leave"]}, "barriers.0"),
        ({"actions": "train staff"}, "actions"),
        ({"actions": [{"description": "x", "target_date": "soon"}]}, "actions.0.target_date"),
        ({"actions": [{"description": "x", "owner": "y"}]}, "actions.0.owner"),
        (
            {"actions": [{"taken_at_time_of_incident": "perhaps"}]},
            "actions.0.taken_at_time_of_incident",
        ),
        ({"contributing_factors": "staffing"}, "contributing_factors"),
        ({"contributing_factors": [""]}, "contributing_factors.0"),
        (
            {"participation": {"child_protection_client": "y"}},
            "participation.child_protection_client",
        ),
        ({"participation": {"guardian": True}}, "participation.guardian"),
        ({"reviewer_name": ["A", "B"]}, "reviewer_name"),
    ],
)
def test_a_malformed_review_is_refused_naming_the_field(data: dict[str, Any], field: str) -> None:
    with pytest.raises(ValidationError) as caught:
        CaseReviewReport.model_validate(data)
    assert field in _loc(caught.value)


def test_label_parsing_outside_models_names_the_field() -> None:
    with pytest.raises(UnknownValueError) as caught:
        IncidentFrequency.parse("sometimes", field="incident_frequency")
    assert caught.value.field == "incident_frequency"
    assert "'one-off', 'pattern for staff', 'pattern for client'" in str(caught.value)


def test_models_are_frozen() -> None:
    report = CaseReviewReport()
    with pytest.raises(ValidationError, match="frozen"):
        report.incident_summary = "late edit"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("name", "model"),
    [
        ("cims_case_review_report.schema.json", CaseReviewReport),
        ("cims_client_incident.schema.json", ClientIncident),
    ],
)
def test_schema_snapshots(name: str, model: type[CaseReviewReport | ClientIncident]) -> None:
    assert_matches_snapshot(name, model.model_json_schema())
