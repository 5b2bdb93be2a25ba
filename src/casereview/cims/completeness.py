"""Case review completeness: one finding per gap, naming its field and citing the tip sheet.

Severity follows the tip sheet's words: what a case review *must* include or *will* do is an
``error`` (it fails the validation); what it *should* do is a ``warning``; what is *strongly
recommended*, or cannot be checked because the report does not say, is ``info``.

>>> from datetime import date
>>> draft = CaseReviewReport(incident_summary="Client left the unit at night.")
>>> result = validate_case_review(draft)
>>> result.ok
False
>>> [f.field for f in result.errors][:3]
['management_assessment', 'contributing_factors', 'actions']
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from casereview._base import validated
from casereview.actions import action_findings
from casereview.calendar import BusinessCalendar
from casereview.cims import _rules
from casereview.cims.due_date import _calendar, case_review_due_date
from casereview.cims.models import Barrier, CaseReviewReport
from casereview.findings import Finding, Rule, Severity, Validation

__all__ = ["validate_case_review"]

_MINIMUM_TEXT: tuple[tuple[str, Rule, str], ...] = (
    ("incident_summary", _rules.INCIDENT_SUMMARY, "No summary of the incident."),
    (
        "management_assessment",
        _rules.MANAGEMENT_ASSESSMENT,
        "No assessment of the appropriateness of the management of the incident.",
    ),
    (
        "contributing_factors",
        _rules.CONTRIBUTING_FACTORS,
        "No contributing factors / causes of the incident.",
    ),
    (
        "actions",
        _rules.ACTIONS,
        "No actions to be taken to reduce the risk of similar incidents occurring.",
    ),
    (
        "administrative_information",
        _rules.ADMINISTRATIVE_INFORMATION,
        "No administrative information.",
    ),
    (
        "incident_frequency",
        _rules.INCIDENT_FREQUENCY,
        "No incident frequency (one-off / pattern for staff / pattern for client).",
    ),
    ("reviewer_name", _rules.REVIEWER, "No name of the person who conducted the review."),
    ("reviewer_position", _rules.REVIEWER, "No position of the person who conducted the review."),
    ("review_date", _rules.REVIEW_DATE, "No date of the review."),
)


def validate_case_review(
    report: CaseReviewReport | dict[str, Any], *, calendar: BusinessCalendar | None = None
) -> Validation:
    """Every way ``report`` falls short of the tip sheet, as findings.

    ``report`` may be a :class:`CaseReviewReport` or a mapping of its fields (validated first).
    ``calendar`` is the business calendar for the due date (Victoria by default).

    Checks, in order: each minimum content item (``cims.review.*``); each action's staff member
    responsible and target date; an action plan that only restates actions taken at the time of
    the incident; a poor-documentation barrier without a record-keeping action; a review dated
    after its due date (21 business days after ``endorsed_on``); the client's participation
    (interviews without support offered; a child protection client without documented Child
    Protection engagement, or without a Care Team discussion).

    Raises:
        pydantic.ValidationError: ``report`` is a malformed mapping.
        CaseReviewError: ``report`` is neither; ``calendar`` is not a BusinessCalendar;
            ``endorsed_on`` is outside the calendar's years.
    """
    cal = _calendar(calendar)  # refused up front, whether or not the due date is needed
    report = validated(report, CaseReviewReport, field="report")
    return Validation.of(
        _minimum_content(report),
        action_findings(
            report.actions,
            field="actions",
            description_rule=_rules.ACTIONS,
            responsible_rule=_rules.ACTIONS_RESPONSIBLE,
            target_date_rule=_rules.ACTIONS_TARGET_DATE,
        ),
        _action_plan(report),
        _timeliness(report, cal),
        _participation(report),
    )


def _minimum_content(report: CaseReviewReport) -> Iterator[Finding]:
    for field, rule, message in _MINIMUM_TEXT:
        if getattr(report, field) in (None, ()):
            yield rule.finding(message, field=field)


def _action_plan(report: CaseReviewReport) -> Iterator[Finding]:
    actions = report.actions
    if actions and all(a.taken_at_time_of_incident for a in actions):
        yield _rules.NOT_RESTATEMENT.finding(
            "Every action was taken at the time of the incident; the action plan should reflect "
            "the learnings of the review, not restate them.",
            field="actions",
            severity=Severity.WARNING,
        )
    if Barrier.POOR_DOCUMENTATION in report.barriers and not any(
        a.addresses_record_keeping and not a.taken_at_time_of_incident for a in actions
    ):
        yield _rules.RECORD_KEEPING.finding(
            "Poor documentation was a barrier to the review, but no action improves record "
            "keeping (e.g. refresher training on record keeping policy); mark such an action "
            "addresses_record_keeping=True.",
            field="actions",
            severity=Severity.WARNING,
        )


def _timeliness(report: CaseReviewReport, calendar: BusinessCalendar) -> Iterator[Finding]:
    if report.endorsed_on is None:
        yield _rules.ON_TIME.finding(
            "No endorsement date of the incident report: the 21-business-day due date cannot "
            "be checked.",
            field="endorsed_on",
            severity=Severity.INFO,
        )
        return
    if report.review_date is None:
        return  # already reported as missing minimum content
    due = case_review_due_date(report.endorsed_on, calendar=calendar)
    if report.review_date > due:
        yield _rules.ON_TIME.finding(
            f"The review is dated {report.review_date.isoformat()}, after its due date "
            f"{due.isoformat()} (21 business days after endorsement on "
            f"{report.endorsed_on.isoformat()}); extensions are not applicable to case reviews.",
            field="review_date",
        )


def _participation(report: CaseReviewReport) -> Iterator[Finding]:
    p = report.participation
    if p is None:
        yield _rules.PARTICIPATION.finding(
            "The report does not record the client's participation; whether support was offered "
            "and whether Child Protection was engaged cannot be checked.",
            field="participation",
            severity=Severity.INFO,
        )
        return
    if p.interviews_conducted and p.key_support_person_offered is not True:
        yield _rules.INTERVIEW_SUPPORT.finding(
            "Interviews were conducted but the report does not show that support, including a "
            "key support person, was offered to the client.",
            field="participation.key_support_person_offered",
        )
    if p.child_protection_client:
        if p.child_protection_engaged is not True:
            yield _rules.CHILD_PROTECTION.finding(
                "The client is a child protection client, but engagement with Child Protection "
                "staff is not documented.",
                field="participation.child_protection_engaged",
                severity=Severity.WARNING,
            )
        if p.care_team_discussion is not True:
            yield _rules.CARE_TEAM.finding(
                "It is strongly recommended that the completed review be discussed at the "
                "client's Care Team meeting.",
                field="participation.care_team_discussion",
                severity=Severity.INFO,
            )
