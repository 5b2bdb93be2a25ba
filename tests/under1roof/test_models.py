from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from pydantic import ValidationError

from casereview.under1roof import (
    AlternativeAction,
    Panel,
    PanelMember,
    ProcessStep,
    ProgressUpdate,
    ReviewRecord,
    Stakeholder,
    StepDate,
    Task,
    Trigger,
)
from tests.helpers import assert_matches_snapshot
from tests.under1roof._builders import panel, record


@pytest.mark.parametrize(
    ("model", "data", "field"),
    [
        # A name is required: a blank one is a missing one, and a member without a name is
        # malformed (the input policy reads blanks as missing, docs/input-policy.md).
        (PanelMember, {"name": ""}, "name"),
        (PanelMember, {"name": "   "}, "name"),
        (PanelMember, {}, "name"),
        (PanelMember, {"name": "Ann", "experienced": "very"}, "experienced"),
        (PanelMember, {"name": "Ann", "role": "chair"}, "role"),
        (Panel, {"chair": "Ann"}, "chair"),
        (Panel, {"members": [{"name": "Bo", "independent": "perhaps"}]}, "members.0.independent"),
        (ReviewRecord, {"triggers": ["the moon was full"]}, "triggers.0"),
        (ReviewRecord, {"stakeholders": ["Housing", ""]}, "stakeholders.1"),
        (ReviewRecord, {"successes": "one"}, "successes"),
        (ReviewRecord, {"tasks": [{"target_date": "2024-02-30"}]}, "tasks.0.target_date"),
        (
            ReviewRecord,
            {"alternative_actions": [{"barrier": "x"}]},
            "alternative_actions.0.description",
        ),
        (ReviewRecord, {"step_dates": {"Step fourteen": date(2024, 1, 1)}}, "step_dates.0.step"),
        (
            ReviewRecord,
            {"monitored_through_case_coordinaton": True},
            "monitored_through_case_coordinaton",
        ),
        (StepDate, {"step": ProcessStep.SCRIBE, "completed_on": "soon"}, "completed_on"),
    ],
)
def test_malformed_input_is_refused_with_the_field_named(
    model: type[Any], data: dict[str, Any], field: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        model(**data)
    locations = [".".join(str(part) for part in e["loc"]) for e in caught.value.errors()]
    assert field in locations
    assert field in str(caught.value)


def test_an_unknown_trigger_lists_the_allowed_labels() -> None:
    with pytest.raises(ValidationError) as caught:
        ReviewRecord.model_validate({"triggers": ["the moon was full"]})
    assert Trigger.SIGNIFICANT_LEARNING.value in str(caught.value)


def test_a_step_dated_twice_is_refused() -> None:
    with pytest.raises(ValidationError) as caught:
        ReviewRecord.model_validate(
            {
                "step_dates": [
                    {"step": ProcessStep.SCRIBE, "completed_on": date(2024, 1, 1)},
                    {"step": "nominate a scribe", "completed_on": date(2024, 1, 2)},
                ]
            }
        )
    assert "step_dates" in str(caught.value)
    assert "step 4 (SCRIBE) is dated more than once" in str(caught.value)


def test_drafts_construct_with_every_part_missing() -> None:
    assert ReviewRecord().panel is None
    assert Panel().chair is None
    member = PanelMember(name="Ann")
    assert (member.involved_in_care, member.independent, member.experienced) == (None, None, None)


def test_models_are_frozen_hashable_and_round_trip_through_json() -> None:
    rec = record(step_dates={ProcessStep.CONVENE: date(2024, 6, 3)})
    assert ReviewRecord.model_validate_json(rec.model_dump_json()) == rec
    assert hash(rec) == hash(ReviewRecord.model_validate_json(rec.model_dump_json()))
    with pytest.raises(ValidationError):
        rec.panel.scribe = "Someone else"  # type: ignore[misc,union-attr]


def test_names_and_labels_are_stripped() -> None:
    assert PanelMember(name="  Ann Ng ").name == "Ann Ng"
    assert panel(scribe=" Di Roe ").scribe == "Di Roe"
    assert AlternativeAction(description=" Call ").description == "Call"


@pytest.mark.parametrize(
    "model",
    [
        PanelMember,
        Panel,
        Stakeholder,
        AlternativeAction,
        ProgressUpdate,
        Task,
        StepDate,
        ReviewRecord,
    ],
    ids=lambda m: m.__name__,
)
def test_json_schema_snapshot(model: type[Any]) -> None:
    assert_matches_snapshot(f"under1roof_{model.__name__}.schema.json", model.model_json_schema())
