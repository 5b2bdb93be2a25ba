"""The monthly review cycle of one TWS-M112 pull, as the seed's timeline writes it.

Month one is the month of the pull; month two the month after it (January of the next year for a
December pull). The seed writes calendar days and says nothing of weekends, so by default the
dates are exactly the days written. Pass a :class:`~casereview.calendar.BusinessCalendar` for
weekend-aware reminders: deadlines ("by") then move back to the last business day on or before
the written day, events ("on") forward to the next business day.

>>> s = monthly_schedule(2024, 1)  # the seed's example: TWS-M112 ran for January
>>> s.fsos_complete_by, s.regional_complete_by
(datetime.date(2024, 1, 25), datetime.date(2024, 2, 25))
>>> monthly_schedule(2024, 12).regional_assignments_by  # month two of December is January
datetime.date(2025, 1, 7)
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from typing import NamedTuple

from casereview._input import day, whole
from casereview.calendar import BusinessCalendar
from casereview.errors import CaseReviewError
from casereview.findings import Rule
from casereview.kentucky_cqi._cite import inferred, stated
from casereview.kentucky_cqi.models import MonthlySchedule, ScheduledStep, Step, StepsDue, Timing

__all__ = ["SCHEDULE_RULES", "STEP_TABLE", "StepRow", "monthly_schedule", "steps_due"]

# ---------------------------------------------------------------------------- the rules

REPORT_GENERATED = stated(
    "kentucky_cqi.schedule.report-generated",
    "The TWS-M112 report is generated on or before the 5th of the pull month",
    section="Process of Review",
    quote="The TWS-M112 report is generated on or before the fifth of each month.",
)
LOADED = stated(
    "kentucky_cqi.schedule.loaded",
    "The pull loads into CQI-CARES 2.0 on the 6th of month one",
    section="Timeline for Completion",
    quote="6th The TWS-M112 automatically loads into CQI-CARES 2.0.",
)
FSOS_START = stated(
    "kentucky_cqi.schedule.fsos-start",
    "FSOSes begin their reviews by the 12th of month one",
    section="First-Level Review",
    quote=(
        "FSOSes begin their reviews and select the elements of the case by the 12th of the month."
    ),
)
SUBSTITUTION_DEADLINE = stated(
    "kentucky_cqi.substitution.deadline",
    "Substitution requests are made by the 12th of the pull month",
    section="CQI Case Review Procedures",
    quote=(
        "Any requests for substitution must be made by the FSOS to their CQI specialist by the "
        "12th of the month."
    ),
)
FSOS_COMPLETE = stated(
    "kentucky_cqi.schedule.fsos-complete",
    "FSOSes complete first-level reviews by the 25th of month one",
    section="First-Level Review",
    quote="FSOSes complete the reviews by the 25th of the month.",
)
MONITORING_STARTS = stated(
    "kentucky_cqi.schedule.monitoring-starts",
    "CQI specialists monitor completion from the 26th of month one",
    section="First-Level Review",
    quote=(
        "CQI specialists will begin monitoring the completion of first-level case reviews on the "
        "26th of each month and notify regional leadership and FSOSes of case reviews that are "
        "not completed."
    ),
)
REGIONAL_ASSIGNMENTS = inferred(
    "kentucky_cqi.schedule.regional-assignments",
    "Regional assignments are completed by the 7th of month two",
    section="Timeline for Completion",
    quote="1st week of the month CQI specialists' complete assignments for regional reviewers.",
    note=(
        "The timeline puts regional assignments in the '1st week of the month'. The seed's text "
        "keeps each row's cells in order (Month One, Month Two, Action Needed): this row's Month "
        "One cell is empty and '1st week of the month' is its Month Two cell. The rest of the "
        "cycle agrees: first-level reviews finish on the 25th of month one and regional reviews "
        "on the 25th of month two. The seed does not say which day ends the '1st week'; it is "
        "read as days 1-7 of month two, so the deadline is the 7th."
    ),
)
REGIONAL_COMPLETE = stated(
    "kentucky_cqi.schedule.regional-complete",
    "Regional reviews are completed by the 25th of month two",
    section="Regional Review",
    quote="Regional reviews are completed by the 25th of the month following the TWS-M112 run.",
)
REGIONAL_MONITORING_STARTS = inferred(
    "kentucky_cqi.schedule.regional-monitoring-starts",
    "CQI specialists monitor completion of the pull's regional reviews on the 26th of month two",
    section="Division of Service Regions' (DSR) Field Quality Branch process",
    quote=(
        "CQI specialists will monitor the completion of first and second-level case reviews on "
        "the 26th of each month and notify regional leadership and FSOSes of cases that are not "
        "completed."
    ),
    note=(
        "The seed states monitoring of both levels on the 26th of each month, but its timeline "
        "table lists only the first-level check. A pull's second-level (regional) reviews are "
        "due by the 25th of month two, so the monitoring that first catches them is read as the "
        "26th of month two."
    ),
)
TWO_MONTHS = stated(
    "kentucky_cqi.schedule.two-months",
    "A pull's reviews are completed within two months of the pull",
    section="Timeline for Completion",
    quote="The reviews will be completed within two months of the pull.",
)
BUSINESS_DAYS = inferred(
    "kentucky_cqi.schedule.business-days",
    "With a business calendar, deadlines move back and events move forward",
    section="Timeline for Completion",
    quote="6th The TWS-M112 automatically loads into CQI-CARES 2.0.",
    note=(
        "The seed writes calendar days and never mentions weekends or holidays, so by default "
        "the dates are exactly as written. For callers who pass a BusinessCalendar: a deadline "
        "('by') that falls on a non-business day moves back to the last business day before it, "
        "so meeting the reminder still meets the seed's date; an event ('on': the load, the start "
        "of monitoring) moves forward to the next business day, when people are at work."
    ),
)

SCHEDULE_RULES: tuple[Rule, ...] = (
    REPORT_GENERATED,
    LOADED,
    FSOS_START,
    SUBSTITUTION_DEADLINE,
    FSOS_COMPLETE,
    MONITORING_STARTS,
    REGIONAL_ASSIGNMENTS,
    REGIONAL_COMPLETE,
    REGIONAL_MONITORING_STARTS,
    TWO_MONTHS,
    BUSINESS_DAYS,
)

# ---------------------------------------------------------------------------- the timeline table


class StepRow(NamedTuple):
    """One timeline row: the step, its month of the cycle (1 or 2), its day and its rule."""

    step: Step
    field: str
    cycle_month: int
    day: int
    timing: Timing
    rule: Rule


STEP_TABLE: tuple[StepRow, ...] = (
    StepRow(Step.REPORT_GENERATED, "report_generated_by", 1, 5, Timing.BY, REPORT_GENERATED),
    StepRow(Step.LOADED, "loaded_on", 1, 6, Timing.ON, LOADED),
    StepRow(Step.FSOS_START, "fsos_start_by", 1, 12, Timing.BY, FSOS_START),
    StepRow(
        Step.SUBSTITUTION_REQUEST,
        "substitution_request_by",
        1,
        12,
        Timing.BY,
        SUBSTITUTION_DEADLINE,
    ),
    StepRow(Step.FSOS_COMPLETE, "fsos_complete_by", 1, 25, Timing.BY, FSOS_COMPLETE),
    StepRow(Step.MONITORING_STARTS, "monitoring_starts_on", 1, 26, Timing.ON, MONITORING_STARTS),
    StepRow(
        Step.REGIONAL_ASSIGNMENTS, "regional_assignments_by", 2, 7, Timing.BY, REGIONAL_ASSIGNMENTS
    ),
    StepRow(Step.REGIONAL_COMPLETE, "regional_complete_by", 2, 25, Timing.BY, REGIONAL_COMPLETE),
    StepRow(
        Step.REGIONAL_MONITORING_STARTS,
        "regional_monitoring_starts_on",
        2,
        26,
        Timing.ON,
        REGIONAL_MONITORING_STARTS,
    ),
)
"""The seed's timeline as data, in the order the steps happen (checked by the tests)."""

# ---------------------------------------------------------------------------- the functions


def monthly_schedule(
    year: int, month: int, *, calendar: BusinessCalendar | None = None
) -> MonthlySchedule:
    """Every date of the cycle for the TWS-M112 pull of ``month`` of ``year``.

    With ``calendar=None`` (the default) the dates are the seed's calendar dates as written. With
    a calendar, "by" deadlines roll back to the last business day on or before the written date
    and "on" events roll forward to the next business day (rule
    ``kentucky_cqi.schedule.business-days``).

    Raises:
        CaseReviewError: ``year`` or ``month`` is not a whole number in range (the error names
            it), or a date falls outside the calendar's years.

    >>> from casereview import BusinessCalendar
    >>> ky = monthly_schedule(2025, 1, calendar=BusinessCalendar.kentucky())
    >>> ky.loaded_on, ky.fsos_start_by  # 6 Jan 2025 is a Monday; 12 Jan a Sunday
    (datetime.date(2025, 1, 6), datetime.date(2025, 1, 10))
    """
    year, month = _check_pull(year, month)
    if calendar is not None and not isinstance(calendar, BusinessCalendar):
        raise CaseReviewError(
            f"calendar: expected a BusinessCalendar or None, got {type(calendar).__name__}",
            field="calendar",
        )
    return _schedule(year, month, calendar)


def steps_due(
    pull_year: int, pull_month: int, on: date | str, *, calendar: BusinessCalendar | None = None
) -> StepsDue:
    """Which steps of a pull's cycle are due on ``on``, overdue, passed or still upcoming.

    A deadline ("by") is overdue only once the seed's own date (``as_written``) has passed: a
    day-of-month deadline is not a count of business days. With a calendar its reminder
    (``when``) may come earlier, and from the reminder to the seed's date the step is ``due``.
    Overdue means "overdue unless already done": the library cannot know. An event ("on") whose
    date is before ``on`` has passed.

    ``on`` is a ``datetime.date`` or a ``'YYYY-MM-DD'`` string.

    >>> from datetime import date
    >>> status = steps_due(2024, 1, date(2024, 1, 12))
    >>> [s.field for s in status.due]
    ['fsos_start_by', 'substitution_request_by']
    >>> [s.field for s in status.overdue], [s.field for s in status.passed]
    (['report_generated_by'], ['loaded_on'])

    Raises:
        CaseReviewError: a year or month out of range, or ``on`` not a date (the error names it).
    """
    when = day(on, field="on")
    pull_year, pull_month = _check_pull(pull_year, pull_month, fields=("pull_year", "pull_month"))
    schedule = monthly_schedule(pull_year, pull_month, calendar=calendar)
    due, overdue, passed, upcoming = [], [], [], []
    for entry in schedule.steps:
        if entry.timing is Timing.BY:
            if when > entry.as_written:
                overdue.append(entry)
            elif when >= entry.when:
                due.append(entry)
            else:
                upcoming.append(entry)
        elif entry.when == when:
            due.append(entry)
        elif entry.when > when:
            upcoming.append(entry)
        else:
            passed.append(entry)
    return StepsDue(
        pull_year=pull_year,
        pull_month=pull_month,
        on=when,
        due=tuple(due),
        overdue=tuple(overdue),
        passed=tuple(passed),
        upcoming=tuple(upcoming),
    )


def _check_pull(
    year: object, month: object, *, fields: tuple[str, str] = ("year", "month")
) -> tuple[int, int]:
    year_field, month_field = fields
    return (
        whole(year, field=year_field, low=1, high=9998),
        whole(month, field=month_field, low=1, high=12),
    )


@lru_cache(maxsize=4096)
def _schedule(year: int, month: int, calendar: BusinessCalendar | None) -> MonthlySchedule:
    month_two = (year + 1, 1) if month == 12 else (year, month + 1)
    steps: list[ScheduledStep] = []
    for row in STEP_TABLE:
        y, m = (year, month) if row.cycle_month == 1 else month_two
        written = date(y, m, row.day)
        when = written
        if calendar is not None:
            when = (
                calendar.roll_backward(written)
                if row.timing is Timing.BY
                else calendar.roll_forward(written)
            )
        steps.append(
            ScheduledStep(
                step=row.step,
                field=row.field,
                cycle_month=row.cycle_month,
                timing=row.timing,
                when=when,
                as_written=written,
                rule_id=row.rule.id,
                citation=row.rule.citation,
            )
        )
    cycle = (
        (TWO_MONTHS.citation,)
        if calendar is None
        else (TWO_MONTHS.citation, BUSINESS_DAYS.citation)
    )
    by_field = {s.field: s.when for s in steps}
    return MonthlySchedule(
        pull_year=year,
        pull_month=month,
        report_generated_by=by_field["report_generated_by"],
        loaded_on=by_field["loaded_on"],
        fsos_start_by=by_field["fsos_start_by"],
        substitution_request_by=by_field["substitution_request_by"],
        fsos_complete_by=by_field["fsos_complete_by"],
        monitoring_starts_on=by_field["monitoring_starts_on"],
        regional_assignments_by=by_field["regional_assignments_by"],
        regional_complete_by=by_field["regional_complete_by"],
        regional_monitoring_starts_on=by_field["regional_monitoring_starts_on"],
        calendar=None if calendar is None else calendar.region,
        steps=tuple(steps),
        cycle_citations=cycle,
    )
