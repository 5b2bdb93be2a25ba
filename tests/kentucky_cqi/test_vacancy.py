"""Cases assigned to a vacant FSOS position."""

from __future__ import annotations

import itertools

import pytest

from casereview import CaseReviewError, Provenance, UnknownValueError
from casereview.kentucky_cqi import VacancyReason, vacant_position_outcome

ALWAYS = [
    "kentucky_cqi.vacancy.unassign-not-reassign",
    "kentucky_cqi.vacancy.no-exemption",
    "kentucky_cqi.vacancy.first-level-not-completed",
]
WHEN_FLAGGED = [
    "kentucky_cqi.vacancy.regional-proceeds",
    "kentucky_cqi.vacancy.notify-regional-management",
]


@pytest.mark.parametrize(
    ("reason", "flagged"), list(itertools.product(VacancyReason, (True, False)))
)
def test_every_reason_and_flag(reason: VacancyReason, flagged: bool) -> None:
    outcome = vacant_position_outcome(reason, flagged_for_regional_review=flagged)
    assert outcome.reason is reason
    assert outcome.unassign is True
    assert outcome.first_level_review_completed is False
    assert outcome.reassignment_required is False
    assert outcome.exemption_required is False
    assert outcome.regional_review_proceeds is flagged
    assert outcome.notify_regional_management is flagged
    why = (
        "kentucky_cqi.vacancy.unfilled-position"
        if reason is VacancyReason.UNFILLED
        else "kentucky_cqi.vacancy.positions"
    )
    assert [f.code for f in outcome.findings] == [why, *ALWAYS, *(WHEN_FLAGGED if flagged else [])]
    assert len(outcome.citations) == len(outcome.findings)


def test_the_three_listed_reasons_are_stated_the_unfilled_one_inferred() -> None:
    for reason in VacancyReason:
        outcome = vacant_position_outcome(reason, flagged_for_regional_review=False)
        expected = Provenance.INFERRED if reason is VacancyReason.UNFILLED else Provenance.STATED
        assert outcome.citations[0].provenance is expected


@pytest.mark.parametrize(
    ("label", "member"),
    [
        ("on leave", VacancyReason.LEAVE),
        ("Extended Medical Leave", VacancyReason.EXTENDED_MEDICAL_LEAVE),
        ("TRANSFERRED_OUT_OF_REGION", VacancyReason.TRANSFERRED_OUT_OF_REGION),
    ],
)
def test_labels_are_parsed(label: str, member: VacancyReason) -> None:
    assert vacant_position_outcome(label, flagged_for_regional_review=True).reason is member


def test_an_unknown_reason_is_refused_listing_the_allowed_ones() -> None:
    with pytest.raises(UnknownValueError) as caught:
        vacant_position_outcome("retired", flagged_for_regional_review=True)
    assert caught.value.field == "reason"
    assert "Extended medical leave" in str(caught.value)


def test_the_flag_takes_yes_and_no_labels() -> None:
    # The input policy for facts (issue 15): "Yes"/"No" in any case are flags.
    yes = vacant_position_outcome(VacancyReason.LEAVE, flagged_for_regional_review="yes")
    assert yes.notify_regional_management is True
    no = vacant_position_outcome("on leave", flagged_for_regional_review=" NO ")
    assert no.notify_regional_management is False


@pytest.mark.parametrize("flag", [None, 1, "y", 10**5000], ids=["None", "1", "y", "huge"])
def test_the_flag_must_be_a_bool(flag: object) -> None:
    with pytest.raises(CaseReviewError) as caught:
        vacant_position_outcome(VacancyReason.LEAVE, flagged_for_regional_review=flag)  # type: ignore[arg-type]
    assert caught.value.field == "flagged_for_regional_review"


def test_outcomes_are_shared_values() -> None:
    first = vacant_position_outcome("On leave", flagged_for_regional_review=True)
    assert first is vacant_position_outcome(VacancyReason.LEAVE, flagged_for_regional_review=True)
    assert first.model_dump(mode="json")["notify_regional_management"] is True
