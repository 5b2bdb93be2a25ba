"""The monthly pull tracker: each case's state on a given day, with findings that cite the rules.

From one TWS-M112 pull (:class:`~casereview.kentucky_cqi.Pull`) and a day,
:func:`pull_status` answers what the CQI specialist asks that day: which cases are assigned,
substituted or un-assigned from a vacant FSOS; whether each first-level and regional review is
done, due or overdue; which substitution requests meet the clause and the 12th; whether an FSOS
has more than four first-level reviews or a region more than 18 regional ones; which cases were
counted twice or were on the previous month's pull; and whom to tell about a vacant FSOS's case
flagged for regional review. Only facts dated on or before the day count: a completion entered
later is not yet known.

One cause gives one finding, addressed to whoever acts on it: overdue first-level reviews per
FSOS, overdue regional reviews and notices per region, a column nobody filled in once for the
pull (:mod:`casereview.kentucky_cqi._pull_findings`). Each case's detail is in its
:class:`CaseState`.

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
from casereview.kentucky_cqi._pull_findings import listed, merge_cap_warnings, state_findings
from casereview.kentucky_cqi._pull_substitutions import (
    decide_substitutions,
    pull_name,
    substitutable,
)
from casereview.kentucky_cqi.caps import check_caps
from casereview.kentucky_cqi.models import (
    MonthlySchedule,
    ReviewLevel,
    SubstitutionReason,
    VacancyReason,
)
from casereview.kentucky_cqi.pull import Pull, PullRow
from casereview.kentucky_cqi.schedule import (
    monthly_schedule,
    steps_due,
)
from casereview.kentucky_cqi.state import Assignment, CaseState, PullStatus, ReviewStatus
from casereview.kentucky_cqi.tracker_rules import (
    DUPLICATE_CASE,
    NOT_ON_PULL,
    NOT_RECORDED,
    TRACKER_RULES,
)

__all__ = ["TRACKER_RULES", "pull_status"]

_INFO, _WARNING = Severity.INFO, Severity.WARNING
_DONE = (ReviewStatus.DONE, ReviewStatus.DONE_LATE)


def pull_status(pull: object, on: object) -> PullStatus:
    """Where every case of ``pull`` stands on ``on`` (a date or ``'YYYY-MM-DD'``).

    ``pull`` is a :class:`Pull` or a mapping of its fields. Findings:

    * ``error`` — first-level reviews not completed by the 25th of the pull month (one per
      FSOS), regional ones not completed by the 25th of month two (one per region), a cap
      breached (per FSOS or region), a replacement row for a case whose substitution was
      refused (the case is still reviewed): all stated rules, each on recorded facts only (a row
      with no FSOS is "Not recorded" at the first level, never overdue);
    * ``warning`` — refused substitution requests (the cases are reviewed; each decision, in
      ``cases[...].substitutions``, says why: the clause, the 12th, or the pull's own facts — a
      row with ``sealed=False``, a case not on the previous pull); requests decided on a reading
      of ours (dated before the pull month, second-level), one warning per reading listing
      them, accepted or not; cases on the previous month's
      pull (may be substituted: notify the CQI specialist); regional management to notify;
      duplicates, facts not recorded, dates before the pull, requests for cases not on the pull
      (our readings); reviews completed after their deadline (per FSOS or region);
      replacements with no request recorded or that themselves meet a reason; a position read
      as vacant because nobody holds it; the cross-pull check not made (no previous pull);
      FSOSes with fewer than four first-level reviews;
    * ``info`` — accepted substitutions, un-assignments from vacant FSOS positions, how many
      open reviews of each level are complete (entered into CQI-CARES 2.0).

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
    stray: list[str] = []
    for _, row in items:
        if row.replaces is None:
            continue
        replaced_by[row.replaces].append(row.key)
        if row.replaces not in on_pull:
            stray.append(f"{row.key} (replaces {row.replaces})")
    if stray:
        findings.append(
            NOT_ON_PULL.finding(
                f"replacing cases that are not on the {pull_name(pull)} pull: {listed(stray)}",
                field="rows[].replaces",
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
        first_reasons = {
            d.request.reason for d in case_decisions if d.eligible and d.level is ReviewLevel.FIRST
        }
        regional = _regional(
            assignment, accepted, first_reasons, row, completed_regional, schedule, when
        )
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
    findings += state_findings(states, pull, schedule)

    for what, keys in missing.items():
        findings.append(
            NOT_RECORDED.finding(
                f"{what} not recorded for {len(keys)} of {len(items)} cases: "
                f"{listed(keys)}; what depends on it is not decided for them",
                field=f"rows[].{what}",
                severity=_WARNING,
            )
        )
    if previous is None and items:
        findings.append(
            NOT_RECORDED.finding(
                f"the previous month's pull was not given: the cross-pull check (a case pulled "
                f"on the previous month's TWS-M112 may be substituted) is not made for the "
                f"{len(items)} cases",
                field="previous_case_numbers",
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
    described: list[str] = []
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
        rows = ", ".join(map(str, (first_seen[key], *again)))
        how = f"; they differ in {', '.join(differ)}: the first row's are used" if differ else ""
        described.append(f"{key} (rows {rows}{how})")
    if described:
        findings.append(
            DUPLICATE_CASE.finding(
                f"on the pull more than once, each counted once: {listed(described)}",
                field="rows[].case_number",
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
    status = _status(completed, schedule.loaded_on, schedule.fsos_complete_by, when)
    if assignment is Assignment.FSOS_NOT_RECORDED and status not in _DONE:
        # Whose review it is, and whether that FSOS position is vacant ("The first-level review
        # will not be completed"), is the fact missing: not due, not overdue, not decided.
        return ReviewStatus.NOT_RECORDED
    return status


def _regional(
    assignment: Assignment,
    accepted: set[ReviewLevel],
    first_reasons: set[SubstitutionReason],
    row: PullRow,
    completed: date | None,
    schedule: MonthlySchedule,
    when: date,
) -> ReviewStatus:
    if ReviewLevel.SECOND in accepted:
        return ReviewStatus.NOT_REQUIRED
    if row.flagged_for_regional_review is None:
        return ReviewStatus.NOT_RECORDED
    if not row.flagged_for_regional_review:
        return ReviewStatus.NOT_REQUIRED
    if assignment is Assignment.SUBSTITUTED:
        # Our reading (tracker.substitution-leaves-pull): the case leaves both levels, unless
        # the only reason is the first-level reviewer's access, which says nothing of the
        # regional reviewer's: then the regional review is not decided.
        if first_reasons == {SubstitutionReason.REVIEWER_WITHOUT_ACCESS}:
            return ReviewStatus.NOT_RECORDED
        return ReviewStatus.NOT_REQUIRED
    year, month = schedule.month_two
    return _status(completed, date(year, month, 1), schedule.regional_complete_by, when)


def _status(completed: date | None, opens: date, deadline: date, when: date) -> ReviewStatus:
    if completed is not None and completed <= when:
        return ReviewStatus.DONE if completed <= deadline else ReviewStatus.DONE_LATE
    if when < opens:
        return ReviewStatus.UPCOMING
    return ReviewStatus.DUE if when <= deadline else ReviewStatus.OVERDUE


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
    fsos_caps = merge_cap_warnings(check_caps(first_level=dict(first)))
    return Validation.of(fsos_caps.findings, check_caps(regional=dict(regional)).findings)
