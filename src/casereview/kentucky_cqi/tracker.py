"""The monthly pull tracker: each case's state on a given day, with findings that cite the rules.

From one TWS-M112 pull (:class:`~casereview.kentucky_cqi.Pull`) and a day,
:func:`pull_status` answers what the CQI specialist asks that day: which cases are assigned,
substituted or un-assigned from a vacant FSOS; whether each first-level and regional review is
done, due or overdue; which substitution requests meet the clause and the 12th; whether an FSOS
has more than four first-level reviews or a region more than 18 regional ones; which cases were
counted twice or were on the previous month's pull; and whom to tell about a vacant FSOS's case
flagged for regional review. Only facts dated on or before the day count: a completion entered
later is not yet known.

One cause gives one finding: a column nobody filled in is reported once for the pull, not once
per case.

>>> from datetime import date
>>> pull = Pull.from_rows(2025, 1, [
...     {"case_number": "C1", "fsos": "Adams", "region": "Salt River",
...      "flagged_for_regional_review": True, "first_level_completed_on": date(2025, 1, 20)},
...     {"case_number": "C2", "fsos": "Adams", "region": "Salt River",
...      "flagged_for_regional_review": False},
... ])
>>> status = pull_status(pull, date(2025, 1, 27))
>>> status.case("C1").first_level.value, status.case("C2").first_level.value
('Done', 'Overdue')
>>> status.case("C1").regional.value  # month two has not begun
'Not yet open'
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from casereview._base import validated
from casereview._input import day
from casereview.findings import Finding, Severity, Validation
from casereview.kentucky_cqi._pull_substitutions import (
    decide_substitutions,
    pull_name,
    substitutable,
)
from casereview.kentucky_cqi.caps import check_caps
from casereview.kentucky_cqi.models import (
    MonthlySchedule,
    ReviewLevel,
    VacancyReason,
)
from casereview.kentucky_cqi.pull import Pull, PullRow
from casereview.kentucky_cqi.schedule import (
    FSOS_COMPLETE,
    REGIONAL_COMPLETE,
    monthly_schedule,
    steps_due,
)
from casereview.kentucky_cqi.state import Assignment, CaseState, PullStatus, ReviewStatus
from casereview.kentucky_cqi.substitution import (
    PULLED_PREVIOUS_MONTH,
)
from casereview.kentucky_cqi.tracker_rules import (
    COMPLETED_BEFORE_PULL,
    DUPLICATE_CASE,
    NOT_ON_PULL,
    NOT_RECORDED,
    SUBSTITUTED_CASE_LEAVES,
    TRACKER_RULES,
)
from casereview.kentucky_cqi.vacancy import (
    NOTIFY_REGIONAL_MANAGEMENT,
    REGIONAL_PROCEEDS,
    UNASSIGN,
    UNFILLED_POSITION,
)

__all__ = ["TRACKER_RULES", "pull_status"]

_INFO, _WARNING = Severity.INFO, Severity.WARNING


def pull_status(pull: object, on: object) -> PullStatus:
    """Where every case of ``pull`` stands on ``on`` (a date or ``'YYYY-MM-DD'``).

    ``pull`` is a :class:`Pull` or a mapping of its fields. Findings:

    * ``error`` — a first-level review not completed by the 25th of the pull month, a regional
      one not completed by the 25th of month two (stated); a cap breached (stated); a request
      for the previous-month reason when the case is not on the previous pull (stated);
    * ``warning`` — a refused substitution request (the case is reviewed); a case on the
      previous month's pull (may be substituted: notify the CQI specialist); regional management
      to notify; duplicates, facts not recorded, dates before the pull, requests for cases not
      on the pull (our readings); fewer than four first-level reviews for an FSOS;
    * ``info`` — accepted substitutions, un-assignments from vacant FSOS positions.

    Raises:
        CaseReviewError: ``on`` is not a date, or ``pull`` is neither a pull nor a mapping.
        pydantic.ValidationError: a malformed pull (the error names the field).
    """
    when = day(on, field="on")
    pull = validated(pull, Pull, field="pull")
    schedule = monthly_schedule(pull.year, pull.month)
    findings: list[Finding] = []

    items, merged = _distinct_rows(pull, findings)
    vacancies: dict[str, VacancyReason] = {}
    for entry in pull.vacancies:
        vacancies.setdefault(entry.fsos, entry.reason)
    previous = None if pull.previous_case_numbers is None else set(pull.previous_case_numbers)
    decisions = decide_substitutions(pull, when, items, previous, findings)

    replaced_by: dict[str, list[str]] = defaultdict(list)
    on_pull = {row.case_number for _, row in items}
    for i, row in items:
        if row.replaces is None:
            continue
        replaced_by[row.replaces].append(row.key)
        if row.replaces not in on_pull:
            findings.append(
                NOT_ON_PULL.finding(
                    f"{row.key!r} replaces {row.replaces!r}, which is not on the "
                    f"{pull_name(pull)} pull",
                    field=f"rows[{i}].replaces",
                    severity=_WARNING,
                )
            )

    states: list[CaseState] = []
    missing: dict[str, list[str]] = defaultdict(list)
    for i, row in items:
        completed_first = merged[row.key][0]
        completed_regional = merged[row.key][1]
        case_decisions = decisions.get(row.case_number, ())
        accepted = {d.level for d in case_decisions if d.eligible}
        vacancy = vacancies.get(row.fsos) if row.fsos is not None else None
        if ReviewLevel.FIRST in accepted:
            assignment = Assignment.SUBSTITUTED
        elif vacancy is not None:
            assignment = Assignment.UNASSIGNED_VACANT
        elif row.fsos is None:
            assignment = Assignment.FSOS_NOT_RECORDED
        else:
            assignment = Assignment.ASSIGNED
        for what, value in (
            ("fsos", row.fsos),
            ("region", row.region),
            ("flagged_for_regional_review", row.flagged_for_regional_review),
        ):
            if value is None:
                missing[what].append(row.key)

        first = _first_level(assignment, completed_first, schedule, when)
        regional = _regional(assignment, accepted, row, completed_regional, schedule, when)
        known_first = completed_first if completed_first and completed_first <= when else None
        known_regional = (
            completed_regional if completed_regional and completed_regional <= when else None
        )
        notify = assignment is Assignment.UNASSIGNED_VACANT and row.flagged_for_regional_review
        state = CaseState(
            row=i,
            key=row.key,
            case_number=row.case_number,
            child_id=row.child_id,
            fsos=row.fsos,
            region=row.region,
            assignment=assignment,
            vacancy=vacancy,
            first_level=first,
            first_level_due=schedule.fsos_complete_by,
            first_level_completed_on=known_first,
            flagged_for_regional_review=row.flagged_for_regional_review,
            regional=regional,
            regional_due=schedule.regional_complete_by,
            regional_completed_on=known_regional,
            notify_regional_management=notify is True,
            replaces=row.replaces,
            replaced_by=tuple(replaced_by.get(row.case_number, ())),
            pulled_previous_month=None if previous is None else row.case_number in previous,
            substitutable_for=substitutable(row, previous),
            substitutions=case_decisions,
        )
        states.append(state)
        findings.extend(_case_findings(state, pull, schedule, when))

    for what, keys in missing.items():
        findings.append(
            NOT_RECORDED.finding(
                f"{what} not recorded for {len(keys)} of {len(items)} cases: "
                f"{_listed(keys)}; what depends on it is not decided for them",
                field=f"rows[].{what}",
                severity=_WARNING,
            )
        )
    caps = _caps(states)
    findings.extend(caps.findings)
    return PullStatus(
        pull_year=pull.year,
        pull_month=pull.month,
        on=when,
        cases=tuple(states),
        findings=tuple(findings),
        caps=caps,
        steps=steps_due(pull.year, pull.month, when),
    )


# ---------------------------------------------------------------------------- rows


def _distinct_rows(
    pull: Pull, findings: list[Finding]
) -> tuple[list[tuple[int, PullRow]], dict[str, tuple[date | None, date | None]]]:
    first_seen: dict[str, int] = {}
    repeats: dict[str, list[int]] = defaultdict(list)
    merged: dict[str, tuple[date | None, date | None]] = {}
    kept: list[tuple[int, PullRow]] = []
    for i, row in enumerate(pull.rows):
        key = row.key
        first, regional = merged.get(key, (None, None))
        merged[key] = (
            _earliest(first, row.first_level_completed_on),
            _earliest(regional, row.regional_completed_on),
        )
        if key in first_seen:
            repeats[key].append(i)
        else:
            first_seen[key] = i
            kept.append((i, row))
    for key, again in repeats.items():
        original = pull.rows[first_seen[key]]
        differ = sorted(
            {
                name
                for i in again
                for name, value in pull.rows[i]
                if name not in {"first_level_completed_on", "regional_completed_on"}
                and value != getattr(original, name)
            }
        )
        how = f"; they differ in {', '.join(differ)}: the first row's are used" if differ else ""
        findings.append(
            DUPLICATE_CASE.finding(
                f"{key!r} is on the pull {len(again) + 1} times (rows {first_seen[key]}, "
                f"{', '.join(map(str, again))}): counted once{how}",
                field=f"rows[{again[0]}]",
                severity=_WARNING,
            )
        )
    return kept, merged


def _earliest(a: date | None, b: date | None) -> date | None:
    if a is None:
        return b
    if b is None:
        return a
    return min(a, b)


# ---------------------------------------------------------------------------- states


def _first_level(
    assignment: Assignment, completed: date | None, schedule: MonthlySchedule, when: date
) -> ReviewStatus:
    if assignment in (Assignment.SUBSTITUTED, Assignment.UNASSIGNED_VACANT):
        return ReviewStatus.NOT_REQUIRED
    return _status(completed, schedule.loaded_on, schedule.fsos_complete_by, when)


def _regional(
    assignment: Assignment,
    accepted: set[ReviewLevel],
    row: PullRow,
    completed: date | None,
    schedule: MonthlySchedule,
    when: date,
) -> ReviewStatus:
    if assignment is Assignment.SUBSTITUTED or ReviewLevel.SECOND in accepted:
        return ReviewStatus.NOT_REQUIRED
    if row.flagged_for_regional_review is None:
        return ReviewStatus.NOT_RECORDED
    if not row.flagged_for_regional_review:
        return ReviewStatus.NOT_REQUIRED
    year, month = schedule.month_two
    return _status(completed, date(year, month, 1), schedule.regional_complete_by, when)


def _status(completed: date | None, opens: date, deadline: date, when: date) -> ReviewStatus:
    if completed is not None and completed <= when:
        return ReviewStatus.DONE if completed <= deadline else ReviewStatus.DONE_LATE
    if when < opens:
        return ReviewStatus.UPCOMING
    return ReviewStatus.DUE if when <= deadline else ReviewStatus.OVERDUE


def _case_findings(
    state: CaseState, pull: Pull, schedule: MonthlySchedule, when: date
) -> list[Finding]:
    out: list[Finding] = []
    where = f"rows[{state.row}]"
    name = repr(state.key)
    if state.first_level is ReviewStatus.OVERDUE:
        out.append(
            FSOS_COMPLETE.finding(
                f"{name}: first-level review by {state.fsos or 'the FSOS'} not completed by "
                f"{schedule.fsos_complete_by.isoformat()}",
                field=f"{where}.first_level_completed_on",
            )
        )
    if state.regional is ReviewStatus.OVERDUE:
        out.append(
            REGIONAL_COMPLETE.finding(
                f"{name}: regional review not completed by "
                f"{schedule.regional_complete_by.isoformat()}",
                field=f"{where}.regional_completed_on",
            )
        )
    first_day = date(pull.year, pull.month, 1)
    for field, completed in (
        ("first_level_completed_on", state.first_level_completed_on),
        ("regional_completed_on", state.regional_completed_on),
    ):
        if completed is not None and completed < first_day:
            out.append(
                COMPLETED_BEFORE_PULL.finding(
                    f"{name}: {field} {completed.isoformat()} is before the pull month "
                    f"({first_day.isoformat()}); check the date",
                    field=f"{where}.{field}",
                    severity=_WARNING,
                )
            )
    if state.assignment is Assignment.SUBSTITUTED and state.flagged_for_regional_review:
        out.append(
            SUBSTITUTED_CASE_LEAVES.finding(
                f"{name}: substituted at the first level, so its regional review is not done "
                "either",
                field=where,
                severity=_INFO,
            )
        )
    if state.pulled_previous_month and state.assignment is not Assignment.SUBSTITUTED:
        out.append(
            PULLED_PREVIOUS_MONTH.finding(
                f"{name} was pulled on the previous month's TWS-M112: it may be substituted; "
                "notify your CQI specialist",
                field=f"{where}.case_number",
                severity=_WARNING,
            )
        )
    if state.vacancy is not None and state.assignment is Assignment.UNASSIGNED_VACANT:
        reading = (
            f"; {UNFILLED_POSITION.citation.provenance.value}: {UNFILLED_POSITION.title.lower()}"
            if state.vacancy is VacancyReason.UNFILLED
            else ""
        )
        out.append(
            UNASSIGN.finding(
                f"{name}: un-assign it from {state.fsos} (vacant: {state.vacancy.value.lower()}"
                f"{reading}); reassigning it is not required and its first-level review will "
                "not be completed",
                field=f"{where}.fsos",
                severity=_INFO,
            )
        )
        if state.flagged_for_regional_review:
            out.append(
                NOTIFY_REGIONAL_MANAGEMENT.finding(
                    f"{name}: un-assigned from a vacant FSOS and flagged for a regional review: "
                    "notify regional management (the regional review proceeds)",
                    field=f"{where}.flagged_for_regional_review",
                    severity=_WARNING,
                )
            )
        elif state.flagged_for_regional_review is None:
            out.append(
                REGIONAL_PROCEEDS.finding(
                    f"{name}: un-assigned from a vacant FSOS; whether it is flagged for a "
                    "regional review is not recorded, so whether to notify regional management "
                    "cannot be told",
                    field=f"{where}.flagged_for_regional_review",
                    severity=_WARNING,
                )
            )
    return out


def _caps(states: list[CaseState]) -> Validation:
    first: dict[str, list[str]] = defaultdict(list)
    regional: dict[str, list[str]] = defaultdict(list)
    for state in states:
        if state.assignment is Assignment.ASSIGNED and state.fsos is not None:
            first[state.fsos].append(state.key)
        if state.region is not None and state.regional not in (
            ReviewStatus.NOT_REQUIRED,
            ReviewStatus.NOT_RECORDED,
        ):
            regional[state.region].append(state.key)
    return check_caps(first_level=dict(first), regional=dict(regional))


def _listed(keys: list[str], limit: int = 10) -> str:
    shown_keys = ", ".join(keys[:limit])
    return shown_keys if len(keys) <= limit else f"{shown_keys} and {len(keys) - limit} more"
