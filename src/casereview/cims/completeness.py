"""Case review completeness: one finding per gap, naming its field and citing the tip sheet.

Severity follows the tip sheet's words: what a case review *must* include or *will* do is an
``error`` (it fails the validation); what it *should* do is a ``warning``; what is *strongly
recommended*, or cannot be checked because the report does not say, is ``info``.

These are the tip sheet's (``cims-2020``) rules. The ruleset is chosen as for
:func:`casereview.cims.required_follow_up` (``endorsed_on`` bounds the submission day). Under
``cims-2024`` the completeness requirements are not known: the validation is one ``error``
finding, ``cims.cims-2024.review.not-determined`` (the report cannot be shown complete), unless the
caller passes ``apply_2020_rules=True``, recorded as an ``info`` finding
``cims.cims-2024.apply-2020-rules``. So is it when the dates leave ``cims-2024`` possible (a
report endorsed on or after 9 Dec 2024 and no ``submitted_on``): no 2020 rule, and so no on-time
error, is applied by default (``cims.ruleset.not-determined``). With no date at all the default
ruleset is assumed, recorded as an ``info`` finding ``cims.ruleset.default``.

>>> from datetime import date
>>> draft = CaseReviewReport(incident_summary="Client left the unit at night.")
>>> result = validate_case_review(draft)
>>> result.ok
False
>>> [f.field for f in result.errors][:3]
['management_assessment', 'contributing_factors', 'actions']
>>> later = validate_case_review(draft, submitted_on=date(2025, 2, 3))
>>> [(f.code, f.severity.value) for f in later.findings]
[('cims.cims-2024.review.not-determined', 'error')]
>>> endorsed_2025 = CaseReviewReport(endorsed_on=date(2025, 3, 3), review_date=date(2025, 5, 1))
>>> [f.code for f in validate_case_review(endorsed_2025).findings]
['cims.cims-2024.review.not-determined']
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from casereview._base import validated
from casereview._input import option
from casereview.actions import action_findings
from casereview.calendar import BusinessCalendar
from casereview.cims import _rules
from casereview.cims.due_date import _calendar, case_review_due_date
from casereview.cims.models import Barrier, CaseReviewReport
from casereview.cims.rulesets import RulesetChoice, choose_ruleset
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
    report: CaseReviewReport | dict[str, Any],
    *,
    calendar: BusinessCalendar | None = None,
    submitted_on: date | str | None = None,
    occurred_on: date | str | None = None,
    ruleset: str | None = None,
    apply_2020_rules: bool = False,
) -> Validation:
    """Every way ``report`` falls short of the tip sheet, as findings.

    ``report`` may be a :class:`CaseReviewReport` or a mapping of its fields (validated first).
    ``calendar`` is the business calendar for the due date (Victoria by default).
    ``submitted_on``, ``occurred_on`` (the incident's) and ``ruleset`` choose the ruleset;
    ``apply_2020_rules=True`` applies the tip sheet's rules to a ``cims-2024`` report.

    Checks, in order: each minimum content item (``cims.review.*``); each action's staff member
    responsible and target date; an action plan that only restates actions taken at the time of
    the incident; a poor-documentation barrier without a record-keeping action; a review dated
    after its due date (21 business days after ``endorsed_on``); the client's participation
    (interviews without support offered; a child protection client without documented Child
    Protection engagement, or without a Care Team discussion).

    Raises:
        pydantic.ValidationError: ``report`` is a malformed mapping.
        CaseReviewError: ``report`` is neither; ``calendar`` is not a BusinessCalendar;
            ``endorsed_on`` is outside the calendar's years; bad dates (or out of order with
            the report's ``endorsed_on``), ``ruleset`` or ``apply_2020_rules``.
    """
    cal = _calendar(calendar)  # refused up front, whether or not the due date is needed
    report = validated(report, CaseReviewReport, field="report")
    opt_in = option(apply_2020_rules, field="apply_2020_rules")
    choice = choose_ruleset(
        submitted_on=submitted_on,
        occurred_on=occurred_on,
        endorsed_on=report.endorsed_on,
        ruleset=ruleset,
        apply_2020_rules=opt_in,
    )
    if choice.ruleset.id == "cims-2024" and not opt_in:
        falls = "may fall" if choice.is_open else "falls"
        return Validation(
            findings=(
                _rules.CONTENT_UNKNOWN_2024.finding(
                    f"The report {falls} under cims-2024 "
                    f"({choice.reason}), whose completeness requirements this library does not "
                    "hold; it cannot be shown complete. Pass apply_2020_rules=True to check it "
                    "against the tip sheet's (cims-2020) rules, recorded as an inferred choice"
                    + (", or give submitted_on." if choice.is_open else "."),
                ),
            )
        )
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
        _ruleset_findings(choice),  # last: how the rules were chosen, after what they found
    )


def _ruleset_findings(choice: RulesetChoice) -> Iterator[Finding]:
    if choice.ruleset.id == "cims-2024" or choice.opted_in:
        falls = "may fall" if choice.opted_in else "falls"
        yield _rules.APPLY_2020_RULES.finding(
            f"The report {falls} under cims-2024 ({choice.reason}); the tip sheet's (cims-2020) "
            "rules were applied at the caller's request (apply_2020_rules=True): an inferred "
            "choice, not a rule of the 2024 policy.",
            severity=Severity.INFO,
        )
    elif choice.is_default:
        yield _rules.RULESET_DEFAULT.finding(
            f"The tip sheet's rules ({choice.ruleset.id}) were applied by default: "
            f"{choice.reason}. Give submitted_on (or ruleset=) to say which rules govern.",
            severity=Severity.INFO,
        )


def _minimum_content(report: CaseReviewReport) -> Iterator[Finding]:
    for field, rule, message in _MINIMUM_TEXT:
        if getattr(report, field) in (None, ()):
            yield rule.finding(message, field=field)


def _action_plan(report: CaseReviewReport) -> Iterator[Finding]:
    # "should not be a re-statement of actions taken at the time of the incident": each restated
    # action is a warning ("should"), whether the others are new or not.
    actions = report.actions
    for i, action in enumerate(actions):
        if action.taken_at_time_of_incident is True:
            yield _rules.NOT_RESTATEMENT.finding(
                f"actions[{i}] was taken at the time of the incident; the action plan should "
                "reflect the learnings of the review, not restate the actions taken then.",
                field=f"actions[{i}].taken_at_time_of_incident",
                severity=Severity.WARNING,
            )
    unsaid = [i for i, a in enumerate(actions) if a.taken_at_time_of_incident is None]
    if unsaid:
        listed = ", ".join(f"actions[{i}]" for i in unsaid)
        yield _rules.NOT_RESTATEMENT.finding(
            f"{listed}: the report does not say whether taken at the time of the incident "
            "(taken_at_time_of_incident), so whether the plan restates them cannot be checked.",
            field="actions",
            severity=Severity.INFO,
        )
    if Barrier.POOR_DOCUMENTATION not in report.barriers:
        return
    # "the action plan should reflect an action on refresher training ...": a warning only when
    # the report shows there is none; an unmarked action leaves it unchecked (info).
    new = [(i, a) for i, a in enumerate(actions) if a.taken_at_time_of_incident is not True]
    if any(a.addresses_record_keeping is True for _, a in new):
        return
    unmarked = [i for i, a in new if a.addresses_record_keeping is None]
    if unmarked:
        listed = ", ".join(f"actions[{i}]" for i in unmarked)
        yield _rules.RECORD_KEEPING.finding(
            f"Poor documentation was a barrier to the review; {listed}: the report does not say "
            "whether it improves record keeping (addresses_record_keeping), so whether the plan "
            "has a record-keeping action cannot be checked.",
            field="actions",
            severity=Severity.INFO,
        )
        return
    yield _rules.RECORD_KEEPING.finding(
        "Poor documentation was a barrier to the review, but no action of the plan improves "
        "record keeping (e.g. refresher training on record keeping policy); mark such an action "
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
    # "appropriate support will be offered": an error when the report says it was not; the
    # sentence requires the offer, not its record, so silence is only unchecked (info).
    if p.interviews_conducted is True and p.key_support_person_offered is False:
        yield _rules.INTERVIEW_SUPPORT.finding(
            "Interviews were conducted but support, including a key support person, was not "
            "offered to the client.",
            field="participation.key_support_person_offered",
        )
    elif p.interviews_conducted is True and p.key_support_person_offered is None:
        yield _rules.INTERVIEW_SUPPORT.finding(
            "Interviews were conducted; the report does not say whether support, including a "
            "key support person, was offered to the client, so this cannot be checked.",
            field="participation.key_support_person_offered",
            severity=Severity.INFO,
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
