"""The substitution clause: seven reasons, their conditions, who asks and by when.

Every case on the randomized TWS-M112 is reviewed unless a substitution is accepted for one of
seven reasons. A decision lists one finding per check: ``info`` when met, ``error`` when not.

>>> from datetime import date
>>> request = SubstitutionRequest(
...     reason="Sealed cases", requested_on=date(2024, 3, 8), pull_year=2024, pull_month=3
... )
>>> decision = substitution_decision(request)
>>> decision.eligible, decision.deadline
(True, datetime.date(2024, 3, 12))
>>> late = request.model_copy(update={"requested_on": date(2024, 3, 13)})
>>> [f.code for f in substitution_decision(late).errors]
['kentucky_cqi.substitution.deadline']
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from types import MappingProxyType
from typing import Any

from casereview._base import validated
from casereview.findings import Finding, Rule, Severity
from casereview.kentucky_cqi._cite import inferred, stated
from casereview.kentucky_cqi.models import (
    Requester,
    ReviewLevel,
    SubstitutionDecision,
    SubstitutionReason,
    SubstitutionRequest,
)
from casereview.kentucky_cqi.schedule import SUBSTITUTION_DEADLINE, monthly_schedule

__all__ = ["REASON_RULES", "SUBSTITUTION_RULES", "substitution_decision"]

_SECTION = "CQI Case Review Procedures"
_INFO = Severity.INFO

ONLY_LISTED_REASONS = stated(
    "kentucky_cqi.substitution.only-listed-reasons",
    "Substitutions are accepted only for the seven listed reasons",
    section=_SECTION,
    quote="Substitution clause—substitutions may only be accepted for the following reasons:",
)
REQUESTED_BY_FSOS = stated(
    "kentucky_cqi.substitution.requested-by-fsos",
    "The FSOS makes the request to their CQI specialist",
    section=_SECTION,
    quote=(
        "Any requests for substitution must be made by the FSOS to their CQI specialist by the "
        "12th of the month."
    ),
)
NOT_BEFORE_PULL = inferred(
    "kentucky_cqi.substitution.not-before-pull",
    "A request dated before the pull month is probably mis-dated (a warning)",
    section=_SECTION,
    quote=(
        "Any requests for substitution must be made by the FSOS to their CQI specialist by the "
        "12th of the month."
    ),
    note=(
        "The seed gives only the latest date (the 12th). The TWS-M112 is generated 'on or before "
        "the fifth of each month', that is within the pull month, so a request dated before the "
        "pull month asks to substitute a case not yet selected: most likely it is mis-dated or "
        "belongs to an earlier pull. The seed does not say so, so this is a warning to check the "
        "date, not a refusal."
    ),
)
SECOND_LEVEL_REQUEST = inferred(
    "kentucky_cqi.substitution.second-level-request",
    "A second-level request has no deadline or requester the seed sets (a warning)",
    section=_SECTION,
    quote=(
        "Any requests for substitution must be made by the FSOS to their CQI specialist by the "
        "12th of the month."
    ),
    note=(
        "The clause applies to 'the first and second level-case review process', and CQI "
        "specialists 'ensure that the case requested meets the substitution criteria', so the "
        "seven reasons apply to a regional (second-level) review too. But the only sentence on "
        "who asks and by when names the FSOS and the 12th, and the timeline puts it in month "
        "one, before regional reviewers are assigned in the first week of month two. Applying "
        "it to a regional reviewer's request in month two would refuse the request twice (late, "
        "wrong requester) for one cause: that it is a second-level request. That reading is "
        "ours, so a second-level request gets this one warning instead, and only its reason is "
        "checked as stated."
    ),
)
PULLED_PREVIOUS_MONTH = stated(
    "kentucky_cqi.substitution.pulled-previous-month",
    "A case pulled on the previous month's TWS-M112 may be substituted (notify the CQI specialist)",
    section=_SECTION,
    quote=(
        "The case was pulled on the previous month's TWS-M112 (notify your CQI specialist if this "
        "occurs);"
    ),
)
INVESTIGATION_WITH_EXTENSION = stated(
    "kentucky_cqi.substitution.investigation-with-extension",
    "An incomplete investigation may be substituted only with a legitimate extension",
    section=_SECTION,
    quote=(
        "The case pulled is from an investigative team and is currently an incomplete "
        "investigation that was given a legitimate extension (past due investigations without "
        "extensions will be reviewed);"
    ),
)
CONTROLLED_ACCESS = stated(
    "kentucky_cqi.substitution.controlled-access",
    "Controlled access cases may be substituted",
    section=_SECTION,
    quote="Controlled access cases;",
)
SEALED = stated(
    "kentucky_cqi.substitution.sealed",
    "Sealed cases may be substituted",
    section=_SECTION,
    quote="Sealed cases;",
)
TRANSFERRED_OUT_OF_REGION = stated(
    "kentucky_cqi.substitution.transferred-out-of-region",
    "Cases transferred out of region may be substituted",
    section=_SECTION,
    quote="Cases transferred out of region;",
)
REVIEWER_WITHOUT_ACCESS = stated(
    "kentucky_cqi.substitution.reviewer-without-access",
    "A case may be substituted when the reviewer has no access to CARES 2.0",
    section=_SECTION,
    quote="Reviewer does not have access to the CARES 2.0 system; or",
)
RAPID_RESPONSE_CASE_MANAGER = stated(
    "kentucky_cqi.substitution.rapid-response-case-manager",
    "A case may be substituted when rapid response staff is its case manager, not when only shared",
    section=_SECTION,
    quote=(
        "If a rapid response staff is the case manager of a case in TWIST. If the case is only "
        "shared with the rapid response team, the case should still be reviewed at both the first "
        "and second-level."
    ),
)

REASON_RULES: Mapping[SubstitutionReason, Rule] = MappingProxyType(
    {
        SubstitutionReason.PULLED_PREVIOUS_MONTH: PULLED_PREVIOUS_MONTH,
        SubstitutionReason.INVESTIGATION_WITH_EXTENSION: INVESTIGATION_WITH_EXTENSION,
        SubstitutionReason.CONTROLLED_ACCESS: CONTROLLED_ACCESS,
        SubstitutionReason.SEALED: SEALED,
        SubstitutionReason.TRANSFERRED_OUT_OF_REGION: TRANSFERRED_OUT_OF_REGION,
        SubstitutionReason.REVIEWER_WITHOUT_ACCESS: REVIEWER_WITHOUT_ACCESS,
        SubstitutionReason.RAPID_RESPONSE_CASE_MANAGER: RAPID_RESPONSE_CASE_MANAGER,
    }
)
"""The clause's rule for each reason (every member of :class:`SubstitutionReason` has one)."""

SUBSTITUTION_RULES: tuple[Rule, ...] = (
    ONLY_LISTED_REASONS,
    SUBSTITUTION_DEADLINE,
    REQUESTED_BY_FSOS,
    NOT_BEFORE_PULL,
    SECOND_LEVEL_REQUEST,
    *REASON_RULES.values(),
)


def substitution_decision(
    request: SubstitutionRequest | Mapping[str, Any],
) -> SubstitutionDecision:
    """Decide whether ``request`` can be accepted; the result explains each check with citations.

    ``request`` is a :class:`SubstitutionRequest` or a mapping of its fields; either is validated
    first (so a request made with ``model_copy(update=...)`` is checked too).

    Checks, each giving one finding:

    1. the date: on or before the 12th of the pull month (``error`` when later); a date before
       the pull month is a ``warning`` (our reading: probably mis-dated);
    2. the requester: the FSOS; another role is refused (``error``); not recorded
       (``requested_by=None``) is reported (``info``) and not checked;

    For a second-level request (``level="Second-level"``, or a regional reviewer's request with
    no level given) checks 1 and 2 are one ``warning``
    (``kentucky_cqi.substitution.second-level-request``): the seed sets the 12th and the FSOS
    for first-level requests only, so a month-two request by the regional reviewer is not
    refused twice for being second-level. Then:

    3. the reason and its condition: an incomplete investigation needs
       ``investigation_has_extension=True`` and a rapid-response case needs
       ``rapid_response_is_case_manager=True``. ``False`` refuses (a past-due investigation
       without an extension, a case only shared with the rapid response team, is reviewed);
       ``None`` refuses too, naming the field that must be recorded: never a guess.

    The reason itself is checked when the request is built: an unknown label is refused by
    :class:`SubstitutionRequest` (or :meth:`SubstitutionReason.parse`, which raises
    :class:`~casereview.errors.UnknownValueError` listing the seven allowed labels).

    Raises:
        pydantic.ValidationError: a malformed request (the error names the field; an unknown
            reason lists the allowed labels).
        CaseReviewError: ``request`` is neither a request nor a mapping (the error names
            ``request``).
    """
    request = validated(request, SubstitutionRequest, field="request")
    deadline = monthly_schedule(request.pull_year, request.pull_month).substitution_request_by
    level = request.level
    if level is None:
        level = (
            ReviewLevel.SECOND
            if request.requested_by is Requester.REGIONAL_REVIEWER
            else ReviewLevel.FIRST
        )
    if level is ReviewLevel.SECOND:
        checks: tuple[Finding, ...] = (_second_level_finding(request, deadline),)
    else:
        checks = (_date_finding(request, deadline), _requester_finding(request.requested_by))
    return SubstitutionDecision(
        request=request,
        deadline=deadline,
        level=level,
        findings=(*checks, _reason_finding(request)),
    )


def _second_level_finding(request: SubstitutionRequest, deadline: date) -> Finding:
    how = "" if request.level is not None else " (read from the requester: a regional reviewer)"
    by = "" if request.requested_by is None else f" by {request.requested_by.value!r}"
    return SECOND_LEVEL_REQUEST.finding(
        f"a second-level request{how}, made{by} on {request.requested_on.isoformat()}: the seed "
        f"sets the deadline ({deadline.isoformat()}, the 12th of the pull month) and the "
        "requester (the FSOS) for first-level requests only; the CQI specialist checks that the "
        "case meets the substitution criteria",
        field="level",
        severity=Severity.WARNING,
    )


def _date_finding(request: SubstitutionRequest, deadline: date) -> Finding:
    on = request.requested_on
    if on > deadline:
        return SUBSTITUTION_DEADLINE.finding(
            f"requested on {on.isoformat()}, after the deadline {deadline.isoformat()} (the 12th "
            "of the pull month): the case is reviewed",
            field="requested_on",
        )
    first_day = deadline.replace(day=1)
    if on < first_day:
        return NOT_BEFORE_PULL.finding(
            f"requested on {on.isoformat()}, before the pull month began ({first_day.isoformat()}):"
            " the case had not been selected yet; check the date and the pull month",
            field="requested_on",
            severity=Severity.WARNING,
        )
    return SUBSTITUTION_DEADLINE.finding(
        f"requested on {on.isoformat()}, by the deadline {deadline.isoformat()}",
        field="requested_on",
        severity=_INFO,
    )


def _requester_finding(requested_by: Requester | None) -> Finding:
    if requested_by is None:
        return REQUESTED_BY_FSOS.finding(
            "requester not recorded: not checked (requests are made by the FSOS)",
            field="requested_by",
            severity=_INFO,
        )
    if requested_by is Requester.FSOS:
        return REQUESTED_BY_FSOS.finding(
            "requested by the FSOS", field="requested_by", severity=_INFO
        )
    return REQUESTED_BY_FSOS.finding(
        f"requested by {requested_by.value!r}: requests for substitution are made by the FSOS "
        "to their CQI specialist",
        field="requested_by",
    )


def _reason_finding(request: SubstitutionRequest) -> Finding:
    reason = request.reason
    rule = REASON_RULES[reason]
    if reason is SubstitutionReason.INVESTIGATION_WITH_EXTENSION:
        return _condition(
            rule,
            request.investigation_has_extension,
            field="investigation_has_extension",
            met="an incomplete investigation with a legitimate extension may be substituted",
            not_met=(
                "no legitimate extension: past due investigations without extensions are reviewed"
            ),
            unknown="record whether the incomplete investigation was given a legitimate extension",
        )
    if reason is SubstitutionReason.RAPID_RESPONSE_CASE_MANAGER:
        return _condition(
            rule,
            request.rapid_response_is_case_manager,
            field="rapid_response_is_case_manager",
            met="rapid response staff is the case manager in TWIST: the case may be substituted",
            not_met=(
                "rapid response staff is not the case manager: a case only shared with the rapid "
                "response team is reviewed at both the first and second level"
            ),
            unknown="record whether rapid response staff is the case manager of the case in TWIST",
        )
    if reason is SubstitutionReason.PULLED_PREVIOUS_MONTH:
        return rule.finding(
            "pulled on the previous month's TWS-M112: may be substituted; notify your CQI "
            "specialist",
            field="reason",
            severity=_INFO,
        )
    return rule.finding(f"{reason.value!r}: may be substituted", field="reason", severity=_INFO)


def _condition(
    rule: Rule, value: bool | None, *, field: str, met: str, not_met: str, unknown: str
) -> Finding:
    if value is True:
        return rule.finding(met, field=field, severity=_INFO)
    if value is False:
        return rule.finding(not_met, field=field)
    return rule.finding(f"{field} is not recorded: {unknown}", field=field)
