"""The public contract of ARCHITECTURE.md, exercised exactly as integrators call it.

If a test here fails, a stable name or behaviour changed: that is a breaking change.
"""

from __future__ import annotations

from datetime import date

import pytest

import casereview
from casereview import (
    BusinessCalendar,
    CaseReviewError,
    Citation,
    Finding,
    MissingElementError,
    UnknownValueError,
    Validation,
)


def test_common() -> None:
    assert isinstance(casereview.__version__, str)
    assert issubclass(CaseReviewError, ValueError)
    assert issubclass(MissingElementError, CaseReviewError)
    assert issubclass(UnknownValueError, CaseReviewError)
    assert {"source", "section", "quote"} <= set(Citation.model_fields)
    assert {"code", "field", "message", "severity"} <= set(Finding.model_fields)
    assert Validation().ok is True
    vic = BusinessCalendar.victoria(add=(), remove=())
    ky = BusinessCalendar.kentucky(add=(), remove=())
    d = date(2024, 9, 20)
    assert vic.is_business_day(d)
    assert ky.is_business_day(d)
    due = vic.add_business_days(d, 21)
    assert due == date(2024, 10, 22)
    assert vic.business_days_between(d, due) == 21


def test_vhims() -> None:
    from casereview.vhims import (
        HarmDuration,
        HarmLevel,
        Isr,
        LogicMap,
        ReviewLevel,
        TreatmentLevel,
        check_consistency,
        derive_isr,
        is_sapse,
        minimum_review,
    )

    assert HarmLevel.NO_HARM.value == "No harm"
    assert HarmLevel("Serious Sexual Safety Event").value == "Serious Sexual Safety Event"
    assert TreatmentLevel("No additional treatment and care").value == (
        "No additional treatment and care"
    )
    assert {m.value for m in HarmDuration} == {"Permanent", "Temporary"}
    assert [Isr.SEVERE, Isr.MODERATE, Isr.MINOR, Isr.NO_HARM] == [1, 2, 3, 4]
    assert {m.name for m in ReviewLevel} == {
        "ROOT_CAUSE_ANALYSIS",
        "IN_DEPTH_CASE_REVIEW",
        "AGGREGATE_REVIEW",
    }

    tony = derive_isr(HarmLevel.SEVERE, HarmDuration.TEMPORARY, TreatmentLevel.ADVANCED)
    assert tony.isr is Isr.SEVERE
    assert tony.confirmed is True
    assert tony.citations
    rebecca = derive_isr(" moderate ", "TEMPORARY", "intermediate")
    assert rebecca.isr is Isr.MODERATE
    assert derive_isr("Minor").isr is Isr.MINOR
    assert derive_isr("No harm", logic_map=LogicMap.default()).isr is Isr.NO_HARM
    assert derive_isr("Death").confirmed is False  # an inferred cell
    with pytest.raises(MissingElementError, match="duration"):
        derive_isr("Severe")
    with pytest.raises(MissingElementError, match="treatment"):
        derive_isr("Severe", "Temporary")
    with pytest.raises(UnknownValueError, match="No harm"):
        derive_isr("Catastrophic")

    findings = check_consistency("No harm", None, "Advanced")
    assert isinstance(findings, tuple)
    assert findings
    assert all(isinstance(f, Finding) for f in findings)
    assert check_consistency("Minor") == ()

    default = LogicMap.default()
    with pytest.raises(CaseReviewError):  # ambiguous: two ISRs for one input
        LogicMap.from_rows([{"harm": "Minor", "isr": 3}, {"harm": "Minor", "isr": 4}])
    assert LogicMap.from_rows([{"harm": "Minor", "isr": 3}]).findings  # incomplete: loads

    assert is_sapse(
        incident_type="Clinical", isr=Isr.MODERATE, clinical_incident=True, went_as_intended=False
    )
    assert not is_sapse(
        incident_type="Clinical", isr=Isr.MINOR, clinical_incident=True, went_as_intended=False
    )
    assert minimum_review(Isr.MODERATE) is ReviewLevel.IN_DEPTH_CASE_REVIEW
    assert minimum_review(Isr.MINOR) is ReviewLevel.AGGREGATE_REVIEW
    assert minimum_review(Isr.NO_HARM, sentinel_event=True) is ReviewLevel.ROOT_CAUSE_ANALYSIS
    assert minimum_review(Isr.SEVERE, system_or_process_issues=True) is (
        ReviewLevel.ROOT_CAUSE_ANALYSIS
    )
    assert minimum_review(Isr.SEVERE, system_or_process_issues=False) is (
        ReviewLevel.IN_DEPTH_CASE_REVIEW
    )
    with pytest.raises(MissingElementError, match="system_or_process_issues"):
        minimum_review(Isr.SEVERE)
    assert default == LogicMap.default()


def test_cims() -> None:
    from casereview.cims import (
        Action,
        AllegationSubject,
        CaseReviewReport,
        FollowUp,
        Impact,
        IncidentFrequency,
        IncidentType,
        case_review_due_date,
        required_follow_up,
        validate_case_review,
    )

    assert case_review_due_date(date(2024, 12, 2)) == date(2025, 1, 3)
    assert case_review_due_date(
        date(2024, 10, 28), calendar=BusinessCalendar.victoria(remove=[date(2024, 11, 5)])
    ) == date(2024, 11, 26)
    for name in (
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
    ):
        assert hasattr(IncidentType, name)
    assert {"STAFF", "CLIENT", "OTHER"} <= {m.name for m in AllegationSubject}
    assert {"INVESTIGATION", "CASE_REVIEW", "RCA_REVIEW", "NONE"} <= {m.name for m in FollowUp}
    assert {m.name for m in Impact} == {"MAJOR", "NON_MAJOR"}

    result = required_follow_up(Impact.NON_MAJOR, IncidentType.DEATH)
    assert result.follow_up is FollowUp.NONE
    result = required_follow_up(
        Impact.MAJOR, IncidentType.PHYSICAL_ABUSE, subject_of_allegation=AllegationSubject.STAFF
    )
    assert result.follow_up is FollowUp.INVESTIGATION
    assert result.citations
    assert (
        required_follow_up(Impact.MAJOR, IncidentType.SELF_HARM, systemic_factors=True).follow_up
        is FollowUp.RCA_REVIEW
    )
    assert (
        required_follow_up(Impact.MAJOR, IncidentType.SELF_HARM, systemic_factors=False).follow_up
        is FollowUp.CASE_REVIEW
    )

    draft = CaseReviewReport()
    validation = validate_case_review(draft)
    assert isinstance(validation, Validation)
    assert not validation.ok
    assert "incident_frequency" in {f.field for f in validation.findings}
    assert {m.name for m in IncidentFrequency} == {
        "ONE_OFF",
        "PATTERN_FOR_STAFF",
        "PATTERN_FOR_CLIENT",
    }
    report = CaseReviewReport(actions=(Action(description="Refresher training"),))
    fields = {f.field for f in validate_case_review(report).findings}
    assert {"actions[0].responsible", "actions[0].target_date"} <= fields
    for name in (
        "incident_summary",
        "management_assessment",
        "contributing_factors",
        "actions",
        "administrative_information",
        "incident_frequency",
        "reviewer_name",
        "reviewer_position",
        "review_date",
        "endorsed_on",
    ):
        assert name in CaseReviewReport.model_fields
    assert {"description", "responsible", "target_date"} <= set(Action.model_fields)


def test_kentucky_cqi() -> None:
    from casereview.kentucky_cqi import (
        FIRST_LEVEL_MONTHLY_CAP,
        REGIONAL_MONTHLY_CAP,
        SubstitutionReason,
        SubstitutionRequest,
        monthly_schedule,
        period_under_review,
        substitution_decision,
    )

    schedule = monthly_schedule(2024, 12)
    assert schedule.report_generated_by == date(2024, 12, 5)
    assert schedule.loaded_on == date(2024, 12, 6)
    assert schedule.fsos_start_by == date(2024, 12, 12)
    assert schedule.substitution_request_by == date(2024, 12, 12)
    assert schedule.fsos_complete_by == date(2024, 12, 25)
    assert schedule.monitoring_starts_on == date(2024, 12, 26)
    assert schedule.regional_assignments_by.month == 1
    assert schedule.regional_complete_by == date(2025, 1, 25)
    assert {m.name for m in SubstitutionReason} == {
        "PULLED_PREVIOUS_MONTH",
        "INVESTIGATION_WITH_EXTENSION",
        "CONTROLLED_ACCESS",
        "SEALED",
        "TRANSFERRED_OUT_OF_REGION",
        "REVIEWER_WITHOUT_ACCESS",
        "RAPID_RESPONSE_CASE_MANAGER",
    }
    request = SubstitutionRequest(
        reason=SubstitutionReason.INVESTIGATION_WITH_EXTENSION,
        requested_on=date(2025, 1, 10),
        pull_year=2025,
        pull_month=1,
        investigation_has_extension=True,
        rapid_response_is_case_manager=None,
    )
    decision = substitution_decision(request)
    assert decision.eligible is True
    assert isinstance(decision.findings, tuple)
    late = request.model_copy(update={"requested_on": date(2025, 1, 13)})
    assert substitution_decision(late).eligible is False
    assert FIRST_LEVEL_MONTHLY_CAP == 4
    assert REGIONAL_MONTHLY_CAP == 18
    period = period_under_review(date(2024, 2, 29))
    assert period.start == date(2023, 2, 28)
    assert period.end == date(2024, 2, 29)


def test_under1roof() -> None:
    from casereview.under1roof import Panel, PanelMember, Trigger, validate_panel, validate_process

    assert len(Trigger) == 6
    assert {"name", "involved_in_care", "independent", "experienced", "facilitator"} <= set(
        PanelMember.model_fields
    )
    assert not validate_panel(Panel()).ok
    chair = PanelMember(
        name="Ana", involved_in_care=False, independent=True, experienced=True, facilitator=True
    )
    members = tuple(
        PanelMember(
            name=n, involved_in_care=False, independent=True, experienced=True, facilitator=False
        )
        for n in ("Ben", "Cai")
    )
    assert validate_panel(Panel(chair=chair, members=members, scribe="Dee")).ok
    assert not validate_panel(Panel(chair=chair, members=members[:1], scribe="Dee")).ok
    from casereview.under1roof import ReviewRecord

    process = validate_process(ReviewRecord())
    assert isinstance(process, Validation)
    assert not process.ok
    assert len({f.code for f in process.findings}) >= 13  # each missing step is its own finding
