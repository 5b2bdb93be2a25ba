"""validate_case_review: a complete review passes clean; each rule has a test that needs it."""

from __future__ import annotations

from datetime import date
from functools import partial
from typing import Any

import pytest
from pydantic import ValidationError

from casereview.calendar import BusinessCalendar
from casereview.cims import (
    RULES,
    Action,
    Barrier,
    CaseReviewReport,
    ClientParticipation,
    IncidentFrequency,
    validate_case_review,
)
from casereview.errors import CaseReviewError
from casereview.findings import Provenance, Severity

SUBMITTED = date(2024, 10, 25)  # under cims-2020, the tip sheet's regime
ENDORSED = date(2024, 10, 28)
DUE = date(2024, 11, 27)  # reference: 21 business days, skipping Melbourne Cup Day

FORWARD_ACTION = Action(
    description="Update the client's behaviour support plan",
    responsible="Team leader, J. Smith",
    target_date=date(2024, 12, 20),
    taken_at_time_of_incident=False,
)
RECORD_KEEPING_ACTION = Action(
    description="Refresher training for unit staff on record keeping policy",
    responsible="House supervisor, A. Lee",
    target_date=date(2025, 1, 31),
    taken_at_time_of_incident=False,
    addresses_record_keeping=True,
)
AT_THE_TIME = Action(
    description="First aid given and the client's GP called",
    responsible="Shift worker, P. Tran",
    target_date=date(2024, 10, 20),
    taken_at_time_of_incident=True,
)
PARTICIPATION = ClientParticipation(
    client_engaged=True,
    interviews_conducted=True,
    key_support_person_offered=True,
    child_protection_client=True,
    child_protection_engaged=True,
    care_team_discussion=True,
)

COMPLETE = CaseReviewReport(
    incident_ids=("CIMS-2024-0101",),
    incident_summary="The client left the unit overnight and returned with a minor injury.",
    management_assessment="Staff followed the absent client procedure; police were notified.",
    contributing_factors=("A change of placement the week before", "No night-time check list"),
    actions=(FORWARD_ACTION, RECORD_KEEPING_ACTION),
    administrative_information="CIMS-2024-0101; Northside Residential Care; endorsed 28 Oct 2024",
    incident_frequency=IncidentFrequency.PATTERN_FOR_CLIENT,
    reviewer_name="R. Nguyen",
    reviewer_position="Quality and Safeguarding Manager",
    review_date=DUE,
    endorsed_on=ENDORSED,
    barriers=(Barrier.POOR_DOCUMENTATION,),
    participation=PARTICIPATION,
)


def _without(**changes: Any) -> CaseReviewReport:
    return COMPLETE.model_copy(update=changes)


# The tip sheet's checks, for a report whose incident was submitted under cims-2020.
_validate = partial(validate_case_review, submitted_on=SUBMITTED)


def test_a_complete_review_has_no_findings_at_all() -> None:
    result = _validate(COMPLETE)
    assert result.ok
    assert result.findings == ()


def test_a_mapping_is_validated_first() -> None:
    assert _validate(COMPLETE.model_dump()).findings == ()


def test_an_empty_draft_reports_every_minimum_item() -> None:
    result = _validate(CaseReviewReport())
    assert not result.ok
    assert [f.field for f in result.errors] == [
        "incident_summary",
        "management_assessment",
        "contributing_factors",
        "actions",
        "administrative_information",
        "incident_frequency",
        "reviewer_name",
        "reviewer_position",
        "review_date",
    ]
    assert {f.field for f in result.findings if f.severity is Severity.INFO} == {
        "endorsed_on",
        "participation",
    }


# One case per rule: (changes to the complete review, the one finding expected: code, field,
# severity). Each test fails if its rule is removed, since the complete review has no findings.
CASES = [
    pytest.param(
        {"incident_summary": None},
        ("cims.review.incident-summary", "incident_summary", Severity.ERROR),
        id="incident-summary",
    ),
    pytest.param(
        {"management_assessment": None},
        ("cims.review.management-assessment", "management_assessment", Severity.ERROR),
        id="management-assessment",
    ),
    pytest.param(
        {"contributing_factors": ()},
        ("cims.review.contributing-factors", "contributing_factors", Severity.ERROR),
        id="contributing-factors",
    ),
    pytest.param(
        {"actions": (), "barriers": ()},
        ("cims.review.actions", "actions", Severity.ERROR),
        id="actions",
    ),
    pytest.param(
        {"administrative_information": None},
        ("cims.review.administrative-information", "administrative_information", Severity.ERROR),
        id="administrative-information",
    ),
    pytest.param(
        {"incident_frequency": None},
        ("cims.review.incident-frequency", "incident_frequency", Severity.ERROR),
        id="incident-frequency",
    ),
    pytest.param(
        {"reviewer_name": None},
        ("cims.review.reviewer", "reviewer_name", Severity.ERROR),
        id="reviewer-name",
    ),
    pytest.param(
        {"reviewer_position": None},
        ("cims.review.reviewer", "reviewer_position", Severity.ERROR),
        id="reviewer-position",
    ),
    pytest.param(
        {"review_date": None},
        ("cims.review.review-date", "review_date", Severity.ERROR),
        id="review-date",
    ),
    pytest.param(
        {
            "actions": (
                FORWARD_ACTION,
                RECORD_KEEPING_ACTION.model_copy(update={"responsible": None}),
            )
        },
        ("cims.review.actions-responsible", "actions[1].responsible", Severity.ERROR),
        id="action-responsible",
    ),
    pytest.param(
        {
            "actions": (
                FORWARD_ACTION,
                RECORD_KEEPING_ACTION.model_copy(update={"target_date": None}),
            )
        },
        ("cims.review.actions-target-date", "actions[1].target_date", Severity.ERROR),
        id="action-target-date",
    ),
    pytest.param(
        {"actions": (FORWARD_ACTION.model_copy(update={"description": None}),), "barriers": ()},
        ("cims.review.actions", "actions[0].description", Severity.ERROR),
        id="action-description",
    ),
    pytest.param(
        {"actions": (AT_THE_TIME,), "barriers": ()},
        ("cims.review.not-restatement", "actions[0].taken_at_time_of_incident", Severity.WARNING),
        id="restatement",
    ),
    pytest.param(
        {"actions": (FORWARD_ACTION, AT_THE_TIME, RECORD_KEEPING_ACTION)},
        ("cims.review.not-restatement", "actions[1].taken_at_time_of_incident", Severity.WARNING),
        id="restatement-in-a-mixed-plan",
    ),
    pytest.param(
        {
            "actions": (
                FORWARD_ACTION.model_copy(update={"taken_at_time_of_incident": None}),
                RECORD_KEEPING_ACTION,
            )
        },
        ("cims.review.not-restatement", "actions", Severity.INFO),
        id="restatement-not-said",
    ),
    pytest.param(
        {"actions": (FORWARD_ACTION.model_copy(update={"addresses_record_keeping": False}),)},
        ("cims.review.record-keeping-action", "actions", Severity.WARNING),
        id="record-keeping",
    ),
    pytest.param(
        # The report does not say whether an action improves record keeping: not checkable.
        {
            "actions": (
                FORWARD_ACTION.model_copy(update={"addresses_record_keeping": False}),
                RECORD_KEEPING_ACTION.model_copy(update={"addresses_record_keeping": None}),
            )
        },
        ("cims.review.record-keeping-action", "actions", Severity.INFO),
        id="record-keeping-not-said",
    ),
    pytest.param(
        {"review_date": date(2024, 11, 28)},
        ("cims.review.on-time", "review_date", Severity.ERROR),
        id="late-review",
    ),
    pytest.param(
        {"endorsed_on": None},
        ("cims.review.on-time", "endorsed_on", Severity.INFO),
        id="timeliness-unknown",
    ),
    pytest.param(
        {"participation": PARTICIPATION.model_copy(update={"key_support_person_offered": False})},
        (
            "cims.review.interview-support",
            "participation.key_support_person_offered",
            Severity.ERROR,
        ),
        id="interview-support",
    ),
    pytest.param(
        # The report is silent on the offer: the sentence requires the offer, not its record.
        {"participation": PARTICIPATION.model_copy(update={"key_support_person_offered": None})},
        (
            "cims.review.interview-support",
            "participation.key_support_person_offered",
            Severity.INFO,
        ),
        id="interview-support-not-said",
    ),
    pytest.param(
        {"participation": PARTICIPATION.model_copy(update={"child_protection_engaged": False})},
        (
            "cims.review.child-protection-engagement",
            "participation.child_protection_engaged",
            Severity.WARNING,
        ),
        id="child-protection",
    ),
    pytest.param(
        {"participation": PARTICIPATION.model_copy(update={"care_team_discussion": None})},
        ("cims.review.care-team", "participation.care_team_discussion", Severity.INFO),
        id="care-team",
    ),
    pytest.param(
        {"participation": None},
        ("cims.review.participation-recorded", "participation", Severity.INFO),
        id="participation-recorded",
    ),
]


@pytest.mark.parametrize(("changes", "expected"), CASES)
def test_each_rule_reports_exactly_its_gap(
    changes: dict[str, Any], expected: tuple[str, str, Severity]
) -> None:
    result = _validate(_without(**changes))
    assert [(f.code, f.field, f.severity) for f in result.findings] == [expected]
    finding = result.findings[0]
    assert finding.citation is not None
    assert finding.citation.source == "cims-case-review-tip-sheet"
    assert finding.citation.quote


def test_every_review_rule_has_a_case() -> None:
    review_rules = {r.id for r in RULES if r.id.startswith("cims.review.")}
    covered = {case.values[1][0] for case in CASES}  # type: ignore[index]
    assert review_rules == covered


def test_the_due_day_itself_is_on_time_and_the_next_day_is_late() -> None:
    assert _validate(_without(review_date=DUE)).ok
    late = _validate(_without(review_date=date(2024, 11, 28)))
    assert "2024-11-27" in late.findings[0].message


def test_the_calendar_override_moves_the_due_date() -> None:
    # A council that keeps another day instead of Melbourne Cup Day: due one day earlier.
    council = BusinessCalendar.victoria(remove=[date(2024, 11, 5)])
    result = _validate(_without(review_date=DUE), calendar=council)
    assert [(f.code, f.field) for f in result.findings] == [("cims.review.on-time", "review_date")]


def test_no_interviews_needs_no_support_finding() -> None:
    quiet = PARTICIPATION.model_copy(
        update={"interviews_conducted": False, "key_support_person_offered": None}
    )
    assert _validate(_without(participation=quiet)).findings == ()


def test_not_a_child_protection_client_needs_no_child_protection_findings() -> None:
    other = PARTICIPATION.model_copy(
        update={
            "child_protection_client": False,
            "child_protection_engaged": None,
            "care_team_discussion": None,
        }
    )
    assert _validate(_without(participation=other)).findings == ()


def test_no_barrier_needs_no_record_keeping_action() -> None:
    plan = (FORWARD_ACTION,)
    assert _validate(_without(actions=plan, barriers=())).findings == ()


def test_other_barriers_need_no_record_keeping_action() -> None:
    plan = (FORWARD_ACTION,)
    barriers = (Barrier.CLIENT_LEFT, Barrier.STAFF_LEFT)
    assert _validate(_without(actions=plan, barriers=barriers)).findings == ()


def test_report_must_be_a_case_review_report() -> None:
    with pytest.raises(CaseReviewError) as caught:
        _validate("a report")  # type: ignore[arg-type]
    assert caught.value.field == "report"


@pytest.mark.parametrize("report", [CaseReviewReport(), COMPLETE])
def test_calendar_must_be_a_business_calendar(report: CaseReviewReport) -> None:
    # Refused even when the report has no dates, so the calendar would go unused.
    with pytest.raises(CaseReviewError) as caught:
        _validate(report, calendar="VIC")  # type: ignore[arg-type]
    assert caught.value.field == "calendar"


def test_findings_cite_the_quoted_sentence() -> None:
    result = _validate(_without(incident_frequency=None))
    citation = result.findings[0].citation
    assert citation is not None
    assert citation.section == "Content of a Case Review"
    assert citation.quote == "incident frequency (one-off / pattern for staff / pattern for client)"


def test_a_report_copied_with_raw_values_is_revalidated() -> None:
    raw_action = {"description": "Audit night checks", "taken_at_time_of_incident": True}
    copied = COMPLETE.model_copy(update={"actions": (raw_action,), "barriers": ()})
    result = _validate(copied)
    codes = {f.code for f in result.findings}
    assert "cims.review.not-restatement" in codes
    assert "cims.review.actions-responsible" in codes


def test_an_invalid_copied_report_is_refused_naming_the_field() -> None:
    copied = COMPLETE.model_copy(update={"incident_frequency": "weekly"})
    with pytest.raises(ValidationError) as caught:
        _validate(copied)
    assert "incident_frequency" in str(caught.value)


# --- audit fixes: one severity for restated actions; record keeping; date order ------------------


@pytest.mark.parametrize(
    "plan",
    [
        (AT_THE_TIME,),
        (AT_THE_TIME, AT_THE_TIME.model_copy(update={"description": "Police called"})),
        (FORWARD_ACTION, AT_THE_TIME),
        (AT_THE_TIME, FORWARD_ACTION, AT_THE_TIME.model_copy(update={"description": "GP"})),
    ],
)
def test_every_restated_action_is_one_warning_whatever_the_rest_of_the_plan(
    plan: tuple[Action, ...],
) -> None:
    # "The case review action plan should not be a re-statement of actions taken at the time of
    # the incident": "should" is a warning, for each restated action, mixed plan or not.
    result = _validate(_without(actions=plan, barriers=()))
    restated = [f for f in result.findings if f.code == "cims.review.not-restatement"]
    expected = [
        f"actions[{i}].taken_at_time_of_incident"
        for i, a in enumerate(plan)
        if a.taken_at_time_of_incident
    ]
    assert [f.field for f in restated] == expected
    assert {f.severity for f in restated} == {Severity.WARNING}
    assert result.ok


def test_a_restated_record_keeping_action_does_not_count_for_the_barrier() -> None:
    plan = (AT_THE_TIME.model_copy(update={"addresses_record_keeping": True}), FORWARD_ACTION)
    result = _validate(_without(actions=plan))
    assert [(f.code, f.field) for f in result.findings] == [
        ("cims.review.not-restatement", "actions[0].taken_at_time_of_incident"),
        ("cims.review.record-keeping-action", "actions"),
    ]


def test_action_flags_default_to_not_said() -> None:
    # No boolean default asserts a fact the report does not give.
    action = Action(description="Do")
    assert action.taken_at_time_of_incident is None
    assert action.addresses_record_keeping is None


def test_a_review_dated_before_its_endorsement_is_refused_like_an_incident_out_of_order() -> None:
    with pytest.raises(ValidationError, match="review_date 2024-10-27 is before endorsed_on"):
        CaseReviewReport(endorsed_on=ENDORSED, review_date=date(2024, 10, 27))
    assert CaseReviewReport(endorsed_on=ENDORSED, review_date=ENDORSED).review_date == ENDORSED


def test_participation_and_child_protection_rules_are_marked_inferred() -> None:
    by_id = {r.id: r for r in RULES}
    for rule_id in (
        "cims.review.participation-recorded",
        "cims.review.child-protection-engagement",
        "cims.review.on-time",
    ):
        citation = by_id[rule_id].citation
        assert citation.provenance is Provenance.INFERRED, rule_id
        assert citation.quote
        assert citation.note


# --- by ruleset ---------------------------------------------------------------------------------


def test_without_any_date_the_default_ruleset_is_recorded_as_info() -> None:
    result = validate_case_review(COMPLETE.model_copy(update={"endorsed_on": None}))
    assert [(f.code, f.severity) for f in result.findings] == [
        ("cims.review.on-time", Severity.INFO),
        ("cims.ruleset.default", Severity.INFO),
    ]
    assert "default" in result.findings[-1].message


def test_an_endorsement_before_the_cut_over_leaves_only_the_default_and_says_so() -> None:
    # Endorsed 28 Oct 2024: submitted under cims-2020 or (not implemented) cims-2017.
    result = validate_case_review(COMPLETE)
    assert result.ok
    assert [(f.code, f.severity) for f in result.findings] == [
        ("cims.ruleset.default", Severity.INFO)
    ]


def test_a_2025_endorsement_without_a_submission_day_is_not_validated_by_default() -> None:
    # Defect 1: a report endorsed 3 Mar 2025 may be under cims-2024; no on-time error from the
    # 2020 rules unless the caller opts in or gives the submission day.
    late = COMPLETE.model_copy(
        update={"endorsed_on": date(2025, 3, 3), "review_date": date(2025, 5, 1)}
    )
    result = validate_case_review(late)
    assert [(f.code, f.severity) for f in result.findings] == [
        ("cims.cims-2024.review.not-determined", Severity.ERROR)
    ]
    assert "may fall under cims-2024" in result.findings[0].message
    assert "cims.review.on-time" not in result.codes
    opted = validate_case_review(late, apply_2020_rules=True)
    assert [(f.code, f.severity) for f in opted.findings] == [
        ("cims.review.on-time", Severity.ERROR),
        ("cims.cims-2024.apply-2020-rules", Severity.INFO),
    ]
    dated = validate_case_review(late, submitted_on=date(2024, 12, 6))  # cims-2020 certain
    assert [(f.code, f.severity) for f in dated.findings] == [
        ("cims.review.on-time", Severity.ERROR)
    ]


def test_the_endorsement_and_occurrence_can_decide_the_ruleset() -> None:
    assert validate_case_review(COMPLETE, occurred_on=date(2024, 10, 20)).findings == ()


@pytest.mark.parametrize(
    "kwargs",
    [
        {"submitted_on": date(2025, 1, 2)},
        {"occurred_on": date(2024, 12, 9)},
        {"ruleset": "cims-2024"},
    ],
)
def test_under_2024_the_completeness_rules_are_not_applied_by_default(
    kwargs: dict[str, Any],
) -> None:
    report = COMPLETE.model_copy(update={"endorsed_on": date(2025, 1, 6), "review_date": None})
    result = validate_case_review(report, **kwargs)
    assert not result.ok
    (finding,) = result.findings
    assert finding.code == "cims.cims-2024.review.not-determined"
    assert finding.severity is Severity.ERROR
    assert "apply_2020_rules=True" in finding.message
    assert finding.citation is not None
    assert finding.citation.provenance is Provenance.SECONDARY


def test_under_2024_the_opt_in_applies_the_tip_sheet_and_records_it() -> None:
    report = COMPLETE.model_copy(
        update={"endorsed_on": date(2025, 1, 6), "review_date": date(2025, 1, 20)}
    )
    result = validate_case_review(report, submitted_on=date(2025, 1, 2), apply_2020_rules=True)
    assert result.ok
    (finding,) = result.findings
    assert finding.code == "cims.cims-2024.apply-2020-rules"
    assert finding.severity is Severity.INFO
    assert finding.citation is not None
    assert finding.citation.provenance is Provenance.INFERRED
    late = report.model_copy(update={"review_date": date(2025, 3, 3)})
    codes = validate_case_review(late, submitted_on=date(2025, 1, 2), apply_2020_rules=True).codes
    assert "cims.review.on-time" in codes


def test_a_submission_after_the_endorsement_is_refused_naming_it() -> None:
    with pytest.raises(CaseReviewError, match=r"^endorsed_on: 2024-10-28 is before submitted_on"):
        validate_case_review(COMPLETE, submitted_on=date(2024, 10, 29))
