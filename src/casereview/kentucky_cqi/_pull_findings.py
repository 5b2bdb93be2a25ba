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
from casereview.kentucky_cqi.models import MonthlySchedule
from casereview.kentucky_cqi.pull import Pull
from casereview.kentucky_cqi.schedule import FSOS_COMPLETE, REGIONAL_COMPLETE
from casereview.kentucky_cqi.state import Assignment, CaseState, ReviewStatus
from casereview.kentucky_cqi.substitution import PULLED_PREVIOUS_MONTH
from casereview.kentucky_cqi.tracker_rules import COMPLETED_BEFORE_PULL, SUBSTITUTED_CASE_LEAVES
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
    left = [
        s.key
        for s in states
        if s.assignment is Assignment.SUBSTITUTED and s.flagged_for_regional_review
    ]
    if left:
        out.append(
            SUBSTITUTED_CASE_LEAVES.finding(
                f"substituted at the first level, so their regional reviews are not done either: "
                f"{listed(left)}",
                field="substitutions",
                severity=_INFO,
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


def _vacancy_findings(states: Sequence[CaseState]) -> list[Finding]:
    vacant = [s for s in states if s.assignment is Assignment.UNASSIGNED_VACANT]
    reasons = {s.fsos: s.vacancy for s in vacant}

    def unassign(who: str, keys: Sequence[str]) -> str:
        reason = next((r for f, r in reasons.items() if _name(f) == who), None)
        why = "" if reason is None else f" (vacant: {reason.value.lower()}"
        if reason is VacancyReason.UNFILLED:
            why += f"; inferred: {UNFILLED_POSITION.title.lower()}"
        why += ")" if why else ""
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
