"""The JSON shapes of the public models and results: a changed snapshot is a changed contract."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import BaseModel

from casereview.kentucky_cqi import (
    MonitoringNotice,
    MonthlySchedule,
    MonthView,
    PeriodUnderReview,
    Pull,
    PullStatus,
    ReferralPick,
    ReferralScope,
    ReviewRecord,
    StepsDue,
    SubstitutionDecision,
    SubstitutionReason,
    SubstitutionRequest,
    VacancyOutcome,
    monthly_schedule,
    substitution_decision,
)
from tests.helpers import assert_matches_snapshot

MODELS: list[type[BaseModel]] = [
    SubstitutionRequest,
    SubstitutionDecision,
    MonthlySchedule,
    StepsDue,
    VacancyOutcome,
    PeriodUnderReview,
    ReferralScope,
    ReviewRecord,
    Pull,
    PullStatus,
    MonitoringNotice,
    MonthView,
    ReferralPick,
]


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_json_schema(model: type[BaseModel]) -> None:
    schema = {
        "validation": model.model_json_schema(mode="validation"),
        "serialization": model.model_json_schema(mode="serialization"),
    }
    assert_matches_snapshot(f"kentucky_cqi/schema_{model.__name__}.json", schema)


def test_a_schedule_and_a_decision_serialise_stably() -> None:
    decision = substitution_decision(
        SubstitutionRequest(
            reason=SubstitutionReason.RAPID_RESPONSE_CASE_MANAGER,
            requested_on=date(2024, 12, 13),
            pull_year=2024,
            pull_month=12,
            rapid_response_is_case_manager=False,
        )
    )
    assert_matches_snapshot(
        "kentucky_cqi/december_2024.json",
        {
            "schedule": monthly_schedule(2024, 12).model_dump(mode="json"),
            "decision": decision.model_dump(mode="json"),
        },
    )
    again = MonthlySchedule.model_validate_json(monthly_schedule(2024, 12).model_dump_json())
    assert again == monthly_schedule(2024, 12)
