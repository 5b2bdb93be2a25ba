"""The pull tracker's findings about its cases, one per cause and per person to act.

A case overdue is listed under its FSOS (first level) or region (regional); cases to un-assign
under their vacant FSOS; cases to tell regional management about under their region; a date
before the pull, a case on the previous pull, a case that left the pull, once each, listing the
cases. So a month of 10,000 rows gives a few hundred findings at most, and the per-case detail
stays in each :class:`~casereview.kentucky_cqi.CaseState`.

>>> listed([f"C{i}" for i in range(12)])
'C0, C1, C2, C3, C4, C5, C6, C7, C8, C9 and 2 more'
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date

from casereview.errors import shown
from casereview.findings import Finding, Rule, Severity, Validation
from casereview.kentucky_cqi.caps import FIRST_LEVEL_FOUR
from casereview.kentucky_cqi.labels import VacancyReason
from casereview.kentucky_cqi.models import MonthlySchedule, SubstitutionDecision
from casereview.kentucky_cqi.pull import Pull
from casereview.kentucky_cqi.reviewed import ALL_REVIEWED, COMPLETE_WHEN_ENTERED
from casereview.kentucky_cqi.schedule import FSOS_COMPLETE, REGIONAL_COMPLETE
from casereview.kentucky_cqi.state import Assignment, CaseState, ReviewStatus
from casereview.kentucky_cqi.substitution import PULLED_PREVIOUS_MONTH
from casereview.kentucky_cqi.tracker_rules import (
    COMPLETED_BEFORE_PULL,
    REPLACEMENT,
    SUBSTITUTED_CASE_LEAVES,
)
from casereview.kentucky_cqi.vacancy import (
    NOTIFY_REGIONAL_MANAGEMENT,
    REGIONAL_PROCEEDS,
    UNASSIGN,
    UNFILLED_POSITION,
)

__all__ = ["MAX_GROUPS", "grouped", "listed", "merge_cap_warnings", "state_findings"]

MAX_GROUPS = 100
"""More groups than this (FSOSes, regions) for one rule are reported as one finding."""

_INFO, _WARNING = Severity.INFO, Severity.WARNING


def listed(keys: Sequence[str], limit: int = 10) -> str:
    """The first ``limit`` keys, and how many more."""
    head = ", ".join(keys[:limit])
    return head if len(keys) <= limit else f"{head} and {len(keys) - limit} more"


def _name(group: str | None) -> str:
    return "None" if group is None else shown(group)


def grouped(
    rule: Rule,
    groups: Mapping[str | None, Sequence[str]],
    *,
    by: str,
    column: str,
    message: Callable[[str, Sequence[str]], str],
    severity: Severity = Severity.ERROR,
) -> list[Finding]:
    """One finding per group (``rows[<by>=<group>].<column>``), or one in all past MAX_GROUPS."""
    if not groups:
        return []
    if len(groups) > MAX_GROUPS:
        everything = [key for keys in groups.values() for key in keys]
        return [
            rule.finding(
                message(f"({len(groups)} of them)", everything),
                field=f"rows[].{column}",
                severity=severity,
            )
        ]
    return [
        rule.finding(
            message("not recorded" if group is None else shown(group), keys),
            field=f"rows[{by}={_name(group)}].{column}",
            severity=severity,
        )
        for group, keys in groups.items()
    ]


def _collect(
    states: Iterable[CaseState], key: Callable[[CaseState], str | None]
) -> dict[str | None, list[str]]:
    out: dict[str | None, list[str]] = defaultdict(list)
    for state in states:
        out[key(state)].append(state.key)
    return dict(out)


def state_findings(
    states: Sequence[CaseState], pull: Pull, schedule: MonthlySchedule
) -> list[Finding]:
    """Every finding about the cases' states, grouped by cause and by who acts."""
    out: list[Finding] = []
    first_due = schedule.fsos_complete_by.isoformat()
    regional_due = schedule.regional_complete_by.isoformat()
    out += grouped(
        FSOS_COMPLETE,
        _collect((s for s in states if s.first_level is ReviewStatus.OVERDUE), lambda s: s.fsos),
        by="fsos",
        column="first_level_completed_on",
        message=lambda who, keys: (
            f"FSOS {who}: {len(keys)} first-level review(s) not completed by {first_due}: "
            f"{listed(keys)}"
        ),
    )
    out += grouped(
        REGIONAL_COMPLETE,
        _collect((s for s in states if s.regional is ReviewStatus.OVERDUE), lambda s: s.region),
        by="region",
        column="regional_completed_on",
        message=lambda where, keys: (
            f"region {where}: {len(keys)} regional review(s) not completed by {regional_due}: "
            f"{listed(keys)}"
        ),
    )
    out += _late_findings(states)
    out += _entered_findings(states)
    out += _replacement_findings(states)
    first_day = date(pull.year, pull.month, 1)
    for column in ("first_level_completed_on", "regional_completed_on"):
        early = [s.key for s in states if (d := getattr(s, column)) is not None and d < first_day]
        if early:
            out.append(
                COMPLETED_BEFORE_PULL.finding(
                    f"{column} before the pull month ({first_day.isoformat()}) for "
                    f"{len(early)} case(s): {listed(early)}; check the dates",
                    field=f"rows[].{column}",
                    severity=_WARNING,
                )
            )
    substituted = [
        s
        for s in states
        if s.assignment is Assignment.SUBSTITUTED and s.flagged_for_regional_review
    ]
    left = [s.key for s in substituted if s.regional is ReviewStatus.NOT_REQUIRED]
    undecided = [s.key for s in substituted if s.regional is ReviewStatus.NOT_RECORDED]
    if left:
        out.append(
            SUBSTITUTED_CASE_LEAVES.finding(
                f"substituted at the first level and flagged for a regional review, read as out "
                f"of the regional review too (check with the CQI specialist): {listed(left)}",
                field="substitutions",
                severity=_WARNING,
            )
        )
    if undecided:
        out.append(
            SUBSTITUTED_CASE_LEAVES.finding(
                f"substituted at the first level because the reviewer has no CARES 2.0 access, "
                f"which says nothing of the regional reviewer's: whether their regional reviews "
                f"proceed is not decided: {listed(undecided)}",
                field="substitutions",
                severity=_WARNING,
            )
        )
    again = [
        s.key
        for s in states
        if s.pulled_previous_month and s.assignment is not Assignment.SUBSTITUTED
    ]
    if again:
        out.append(
            PULLED_PREVIOUS_MONTH.finding(
                f"pulled on the previous month's TWS-M112: {listed(again)}; each may be "
                "substituted; notify your CQI specialist",
                field="rows[].case_number",
                severity=_WARNING,
            )
        )
    out += _vacancy_findings(states)
    return out


def _late_findings(states: Sequence[CaseState]) -> list[Finding]:
    """Reviews entered after their deadline (the 25th): the stated deadline was missed."""
    late = ReviewStatus.DONE_LATE
    first_on = {s.key: s.first_level_completed_on for s in states if s.first_level is late}
    regional_on = {s.key: s.regional_completed_on for s in states if s.regional is late}

    def dated(keys: Sequence[str], on: Mapping[str, date | None]) -> str:
        return listed([f"{k} ({d.isoformat()})" if (d := on.get(k)) else k for k in keys])

    out = grouped(
        FSOS_COMPLETE,
        _collect((s for s in states if s.first_level is late), lambda s: s.fsos),
        by="fsos",
        column="first_level_completed_on",
        message=lambda who, keys: (
            f"FSOS {who}: {len(keys)} first-level review(s) completed late, after "
            f"{states[0].first_level_due.isoformat()}: {dated(keys, first_on)}"
        ),
        severity=_WARNING,
    )
    out += grouped(
        REGIONAL_COMPLETE,
        _collect((s for s in states if s.regional is late), lambda s: s.region),
        by="region",
        column="regional_completed_on",
        message=lambda where, keys: (
            f"region {where}: {len(keys)} regional review(s) completed late, after "
            f"{states[0].regional_due.isoformat()}: {dated(keys, regional_on)}"
        ),
        severity=_WARNING,
    )
    return out


_COUNTED = (ReviewStatus.DUE, ReviewStatus.OVERDUE, ReviewStatus.DONE, ReviewStatus.DONE_LATE)


def _entered_findings(states: Sequence[CaseState]) -> list[Finding]:
    """How many open reviews are complete, i.e. entered into CQI-CARES 2.0 (an info per level)."""
    out: list[Finding] = []
    done = (ReviewStatus.DONE, ReviewStatus.DONE_LATE)
    for level, column in (("first-level", "first_level"), ("regional", "regional")):
        counted = [s for s in states if getattr(s, column) in _COUNTED]
        if not counted:
            continue
        entered = sum(getattr(s, column) in done for s in counted)
        out.append(
            COMPLETE_WHEN_ENTERED.finding(
                f"{entered} of {len(counted)} {level} reviews complete (data entered into "
                "CQI-CARES 2.0; printing a review does not complete it)",
                field=f"rows[].{column}_completed_on",
                severity=_INFO,
            )
        )
    return out


def _replacement_findings(states: Sequence[CaseState]) -> list[Finding]:
    """Replacement rows: backed by an accepted substitution, and not themselves substitutable."""
    by_case: dict[str, CaseState] = {}
    for state in states:
        by_case.setdefault(state.case_number, state)
    refused: list[str] = []
    unbacked: list[str] = []
    substitutable: list[str] = []
    for state in states:
        if state.replaces is None or state.replaces not in by_case:
            continue  # no replacement, or one for a case not on the pull (tracker.not-on-pull)
        decisions = by_case[state.replaces].substitutions
        if not any(d.eligible for d in decisions):
            errors = [(d, f) for d in decisions for f in d.errors]
            why = "; ".join(f.message for _, f in errors)
            if errors and not all(_unrecorded(d, f) for d, f in errors):
                refused.append(f"{state.key} (replaces {state.replaces}: refused: {why})")
            elif errors:  # refused only because a condition is not recorded: not decided
                unbacked.append(f"{state.key} (replaces {state.replaces}: {why})")
            else:
                unbacked.append(f"{state.key} (replaces {state.replaces})")
        if state.substitutable_for:
            reasons = ", ".join(repr(r.value) for r in state.substitutable_for)
            substitutable.append(f"{state.key} ({reasons})")
    out: list[Finding] = []
    if refused:
        out.append(
            ALL_REVIEWED.finding(
                f"replacements for cases whose substitution was not accepted: {listed(refused)}; "
                "the replaced case is still reviewed",
                field="rows[].replaces",
            )
        )
    if unbacked:
        out.append(
            REPLACEMENT.finding(
                f"replacements with no accepted substitution recorded so far for the case "
                f"replaced (no request, or a condition not recorded): {listed(unbacked)}; record "
                "it (the replaced case is reviewed until a substitution is accepted)",
                field="rows[].replaces",
                severity=_WARNING,
            )
        )
    if substitutable:
        out.append(
            REPLACEMENT.finding(
                f"replacements whose own row meets a substitution reason: {listed(substitutable)}; "
                "check the replacement with the CQI specialist",
                field="rows[].replaces",
                severity=_WARNING,
            )
        )
    return out


def _unrecorded(decision: SubstitutionDecision, finding: Finding) -> bool:
    """The refusal is for a condition the request leaves unrecorded (``None``)."""
    return finding.field is not None and getattr(decision.request, finding.field, 0) is None


def _vacancy_findings(states: Sequence[CaseState]) -> list[Finding]:
    vacant = [s for s in states if s.assignment is Assignment.UNASSIGNED_VACANT]
    reasons = {s.fsos: s.vacancy for s in vacant}

    def unassign(who: str, keys: Sequence[str]) -> str:
        reason = next((r for f, r in reasons.items() if _name(f) == who), None)
        why = "" if reason is None else f" (vacant: {reason.value.lower()})"
        return (
            f"un-assign from FSOS {who}{why}: {listed(keys)}; reassigning is not required and "
            "their first-level reviews will not be completed"
        )

    out = grouped(
        UNASSIGN,
        _collect(vacant, lambda s: s.fsos),
        by="fsos",
        column="fsos",
        message=unassign,
        severity=_INFO,
    )
    out += grouped(
        UNFILLED_POSITION,
        _collect((s for s in vacant if s.vacancy is VacancyReason.UNFILLED), lambda s: s.fsos),
        by="fsos",
        column="fsos",
        message=lambda who, keys: (
            f"FSOS {who}: the position is read as vacant because nobody holds it (the seed lists "
            f"leave, extended medical leave and transfer out of the region): check it before "
            f"un-assigning {listed(keys)}"
        ),
        severity=_WARNING,
    )
    out += grouped(
        NOTIFY_REGIONAL_MANAGEMENT,
        _collect((s for s in vacant if s.flagged_for_regional_review), lambda s: s.region),
        by="region",
        column="flagged_for_regional_review",
        message=lambda where, keys: (
            f"notify regional management of region {where}: un-assigned from a vacant FSOS and "
            f"flagged for a regional review, which proceeds: {listed(keys)}"
        ),
        severity=_WARNING,
    )
    unknown = [s.key for s in vacant if s.flagged_for_regional_review is None]
    if unknown:
        out.append(
            REGIONAL_PROCEEDS.finding(
                f"un-assigned from a vacant FSOS, but whether they are flagged for a regional "
                f"review is not recorded, so whether to notify regional management cannot be "
                f"told: {listed(unknown)}",
                field="rows[].flagged_for_regional_review",
                severity=_WARNING,
            )
        )
    return out


def merge_cap_warnings(caps: Validation) -> Validation:
    """The caps with "fewer than four" warnings merged into one past MAX_GROUPS FSOSes."""
    fewer = [f for f in caps.findings if f.code == FIRST_LEVEL_FOUR.id]
    if len(fewer) <= MAX_GROUPS:
        return caps
    names = [str(f.field)[len("first_level[") : -1] for f in fewer]
    merged = FIRST_LEVEL_FOUR.finding(
        f"{len(fewer)} FSOSes have fewer than four first-level reviews this month: "
        f"{listed(names)} (fewer can be legitimate: a case un-assigned or substituted)",
        field="first_level[]",
        severity=_WARNING,
    )
    kept = tuple(f for f in caps.findings if f.code != FIRST_LEVEL_FOUR.id)
    return Validation(findings=(*kept, merged))
