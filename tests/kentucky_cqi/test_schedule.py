"""The monthly cycle: every timeline row, the seed's example, roll-over, calendars, steps due."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from casereview import BusinessCalendar, CaseReviewError, Provenance
from casereview.kentucky_cqi import (
    RULES,
    STEP_TABLE,
    MonthlySchedule,
    Step,
    Timing,
    monthly_schedule,
    steps_due,
)

DATE_FIELDS = (
    "report_generated_by",
    "loaded_on",
    "fsos_start_by",
    "substitution_request_by",
    "fsos_complete_by",
    "monitoring_starts_on",
    "regional_assignments_by",
    "regional_complete_by",
    "regional_monitoring_starts_on",
)

# Every row of the seed's timeline, as read from the seed (not from the library's table):
# (field, month of the cycle, day, timing, rule id, provenance).
TIMELINE = (
    ("report_generated_by", 1, 5, Timing.BY, "kentucky_cqi.schedule.report-generated", "stated"),
    ("loaded_on", 1, 6, Timing.ON, "kentucky_cqi.schedule.loaded", "stated"),
    ("fsos_start_by", 1, 12, Timing.BY, "kentucky_cqi.schedule.fsos-start", "stated"),
    ("substitution_request_by", 1, 12, Timing.BY, "kentucky_cqi.substitution.deadline", "stated"),
    ("fsos_complete_by", 1, 25, Timing.BY, "kentucky_cqi.schedule.fsos-complete", "stated"),
    ("monitoring_starts_on", 1, 26, Timing.ON, "kentucky_cqi.schedule.monitoring-starts", "stated"),
    (
        "regional_assignments_by",
        2,
        7,
        Timing.BY,
        "kentucky_cqi.schedule.regional-assignments",
        "inferred",
    ),
    ("regional_complete_by", 2, 25, Timing.BY, "kentucky_cqi.schedule.regional-complete", "stated"),
    (
        "regional_monitoring_starts_on",
        2,
        26,
        Timing.ON,
        "kentucky_cqi.schedule.regional-monitoring-starts",
        "inferred",
    ),
)


@pytest.mark.parametrize(
    ("field", "cycle_month", "day", "timing", "rule_id", "provenance"),
    TIMELINE,
    ids=[row[0] for row in TIMELINE],
)
@pytest.mark.parametrize(("year", "month"), [(2024, 1), (2024, 6), (2023, 12), (2025, 2)])
def test_every_timeline_row(
    year: int,
    month: int,
    field: str,
    cycle_month: int,
    day: int,
    timing: Timing,
    rule_id: str,
    provenance: str,
) -> None:
    schedule = monthly_schedule(year, month)
    expected_month = (year, month) if cycle_month == 1 else schedule.month_two
    expected = date(*expected_month, day)
    assert getattr(schedule, field) == expected
    entry = next(s for s in schedule.steps if s.field == field)
    assert entry.when == entry.as_written == expected
    assert entry.cycle_month == cycle_month
    assert entry.timing is timing
    assert entry.rule_id == rule_id
    assert entry.citation.provenance is Provenance(provenance)
    assert not entry.adjusted


def test_the_table_has_every_step_once_in_order_with_every_field() -> None:
    assert [row.step for row in STEP_TABLE] == list(Step)
    assert tuple(row.field for row in STEP_TABLE) == DATE_FIELDS
    date_fields = tuple(
        name for name, info in MonthlySchedule.model_fields.items() if info.annotation is date
    )
    assert date_fields == DATE_FIELDS
    assert [(r.field, r.cycle_month, r.day, r.timing, r.rule.id) for r in STEP_TABLE] == [
        row[:5] for row in TIMELINE
    ]
    rule_ids = {r.id for r in RULES}
    assert {row.rule.id for row in STEP_TABLE} <= rule_ids


def test_the_seeds_january_example() -> None:
    # "TWS-M112 is ran for January. FSOS completes reviews by January 25th. Regional reviewers'
    # complete reviews by February 25th."
    schedule = monthly_schedule(2024, 1)
    assert schedule.fsos_complete_by == date(2024, 1, 25)
    assert schedule.regional_complete_by == date(2024, 2, 25)


def test_december_rolls_over_into_january() -> None:
    schedule = monthly_schedule(2024, 12)
    assert schedule.month_two == (2025, 1)
    assert schedule.monitoring_starts_on == date(2024, 12, 26)
    assert schedule.regional_assignments_by == date(2025, 1, 7)
    assert schedule.regional_complete_by == date(2025, 1, 25)
    assert schedule.regional_monitoring_starts_on == date(2025, 1, 26)
    assert [s.cycle_month for s in schedule.steps] == [1, 1, 1, 1, 1, 1, 2, 2, 2]


def test_the_default_keeps_the_seeds_dates_on_weekends_and_holidays() -> None:
    schedule = monthly_schedule(2024, 12)
    assert schedule.calendar is None
    assert schedule.fsos_complete_by == date(2024, 12, 25)  # Christmas Day, as written


def test_the_schedule_cites_every_step_and_the_two_month_window() -> None:
    schedule = monthly_schedule(2024, 3)
    sections = {c.section for c in schedule.citations}
    assert {"Timeline for Completion", "First-Level Review", "Regional Review"} <= sections
    quotes = {c.quote for c in schedule.citations}
    assert "The reviews will be completed within two months of the pull." in quotes
    assert all(s.citation in schedule.citations for s in schedule.steps)
    assert not any(c.note and "BusinessCalendar" in c.note for c in schedule.citations)


KY = BusinessCalendar.kentucky()


def test_a_calendar_rolls_deadlines_back_and_events_forward() -> None:
    schedule = monthly_schedule(2025, 1, calendar=KY)
    assert schedule.calendar == "US-KY"
    # 5 Jan 2025 Sunday -> Friday 3rd; 6th Monday unchanged; 12th Sunday -> Friday 10th;
    # 25th Saturday -> Friday 24th; 26th Sunday -> Monday 27th; 7 Feb Friday; 25 Feb Tuesday.
    assert schedule.report_generated_by == date(2025, 1, 3)
    assert schedule.loaded_on == date(2025, 1, 6)
    assert schedule.fsos_start_by == schedule.substitution_request_by == date(2025, 1, 10)
    assert schedule.fsos_complete_by == date(2025, 1, 24)
    assert schedule.monitoring_starts_on == date(2025, 1, 27)
    assert schedule.regional_assignments_by == date(2025, 2, 7)
    assert schedule.regional_complete_by == date(2025, 2, 25)
    step = schedule.step(Step.FSOS_COMPLETE)
    assert step.adjusted
    assert step.as_written == date(2025, 1, 25)
    assert any(c.note and "BusinessCalendar" in c.note for c in schedule.citations)


def test_a_calendar_skips_holidays_too() -> None:
    schedule = monthly_schedule(2024, 12, calendar=KY)
    assert schedule.fsos_complete_by == date(2024, 12, 24)  # Christmas Day rolled back
    assert schedule.monitoring_starts_on == date(2024, 12, 26)  # a Thursday, not a KY holiday
    # A state office closure on 26 Dec, added as an override, moves the event forward.
    closed = BusinessCalendar.kentucky(add=[date(2024, 12, 26)])
    assert monthly_schedule(2024, 12, calendar=closed).monitoring_starts_on == date(2024, 12, 27)
    # 6 Sep 2025 is a Saturday: the load moves forward to Monday 8th.
    assert monthly_schedule(2025, 9, calendar=KY).loaded_on == date(2025, 9, 8)


def _in_order(schedule: MonthlySchedule) -> bool:
    dates = [getattr(schedule, f) for f in DATE_FIELDS]
    return dates == sorted(dates)


@given(year=st.integers(1, 9998), month=st.integers(1, 12))
def test_any_months_schedule_is_in_order_and_month_two_is_the_next_month(
    year: int, month: int
) -> None:
    schedule = monthly_schedule(year, month)
    assert _in_order(schedule)
    next_year, next_month = (year + 1, 1) if month == 12 else (year, month + 1)
    assert schedule.month_two == (next_year, next_month)
    for entry in schedule.steps:
        expected = (year, month) if entry.cycle_month == 1 else (next_year, next_month)
        assert (entry.when.year, entry.when.month) == expected
    assert schedule.regional_complete_by < date(next_year, next_month, 28)


@given(year=st.integers(1990, 2059), month=st.integers(1, 12))
def test_with_a_calendar_every_date_is_a_business_day_in_order_and_no_later(
    year: int, month: int
) -> None:
    schedule = monthly_schedule(year, month, calendar=KY)
    assert _in_order(schedule)
    for entry in schedule.steps:
        assert KY.is_business_day(entry.when)
        assert (entry.when.year, entry.when.month) == (
            entry.as_written.year,
            entry.as_written.month,
        )
        if entry.timing is Timing.BY:
            assert entry.when <= entry.as_written
        else:
            assert entry.when >= entry.as_written


@pytest.mark.parametrize(
    ("year", "month", "field"),
    [
        (2024, 0, "month"),
        (2024, 13, "month"),
        (2024, True, "month"),
        (2024, "1", "month"),
        (2024, 1.0, "month"),
        (0, 1, "year"),
        (9999, 1, "year"),
        ("2024", 1, "year"),
        (False, 1, "year"),
    ],
)
def test_bad_pulls_are_refused_naming_the_field(year: object, month: object, field: str) -> None:
    with pytest.raises(CaseReviewError, match=f"^{field}:") as caught:
        monthly_schedule(year, month)  # type: ignore[arg-type]
    assert caught.value.field == field


def test_a_calendar_that_is_not_one_is_refused() -> None:
    with pytest.raises(CaseReviewError, match="calendar") as caught:
        monthly_schedule(2024, 1, calendar="US-KY")  # type: ignore[arg-type]
    assert caught.value.field == "calendar"


def test_a_date_outside_the_calendar_years_is_refused() -> None:
    with pytest.raises(CaseReviewError, match="outside the years"):
        monthly_schedule(1980, 1, calendar=KY)


# ---------------------------------------------------------------------------- steps due


def _fields(steps: tuple[object, ...]) -> list[str]:
    return [s.field for s in steps]  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("on", "due", "overdue", "passed"),
    [
        (date(2023, 12, 31), [], [], []),
        (date(2024, 1, 5), ["report_generated_by"], [], []),
        (date(2024, 1, 6), ["loaded_on"], ["report_generated_by"], []),
        (
            date(2024, 1, 12),
            ["fsos_start_by", "substitution_request_by"],
            ["report_generated_by"],
            ["loaded_on"],
        ),
        (
            date(2024, 1, 26),
            ["monitoring_starts_on"],
            ["report_generated_by", "fsos_start_by", "substitution_request_by", "fsos_complete_by"],
            ["loaded_on"],
        ),
        (
            date(2024, 2, 25),
            ["regional_complete_by"],
            [
                "report_generated_by",
                "fsos_start_by",
                "substitution_request_by",
                "fsos_complete_by",
                "regional_assignments_by",
            ],
            ["loaded_on", "monitoring_starts_on"],
        ),
    ],
)
def test_steps_due(on: date, due: list[str], overdue: list[str], passed: list[str]) -> None:
    status = steps_due(2024, 1, on)
    assert _fields(status.due) == due
    assert _fields(status.overdue) == overdue
    assert _fields(status.passed) == passed
    everything = set(_fields(status.due + status.overdue + status.passed + status.upcoming))
    assert everything == set(DATE_FIELDS)
    assert all(s.when > on for s in status.upcoming)
    assert {c for s in status.due + status.overdue for c in [s.citation]} == set(status.citations)


def test_steps_due_after_the_cycle_has_everything_overdue_or_passed() -> None:
    status = steps_due(2024, 12, date(2025, 2, 1))
    assert not status.due
    assert not status.upcoming
    assert len(status.overdue) + len(status.passed) == len(DATE_FIELDS)


def test_steps_due_follows_the_calendar_when_given() -> None:
    # 12 Jan 2025 is a Sunday: with the Kentucky calendar the FSOS deadlines fall on Friday 10th.
    status = steps_due(2025, 1, date(2025, 1, 10), calendar=KY)
    assert _fields(status.due) == ["fsos_start_by", "substitution_request_by"]
    assert _fields(steps_due(2025, 1, date(2025, 1, 10)).due) == []


def test_steps_due_refuses_bad_input_naming_the_field() -> None:
    with pytest.raises(CaseReviewError, match=r"^on:") as caught:
        steps_due(2024, 1, datetime(2024, 1, 12, 9, 0))
    assert caught.value.field == "on"
    with pytest.raises(CaseReviewError, match=r"^pull_month:") as caught:
        steps_due(2024, 13, date(2024, 1, 12))
    assert caught.value.field == "pull_month"
    with pytest.raises(CaseReviewError, match=r"^pull_year:"):
        steps_due(0, 1, date(2024, 1, 12))
