"""Sentinel event and duty of candour deadlines on the Victorian business calendar."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone, tzinfo
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import pytest
from hypothesis import given
from hypothesis import strategies as st

from casereview.calendar import BusinessCalendar
from casereview.errors import CaseReviewError
from casereview.findings import Provenance
from casereview.vhims import duty_of_candour_deadlines, sentinel_event_deadlines

VIC = BusinessCalendar.victoria()


def test_sentinel_deadlines_skip_melbourne_cup_and_christmas() -> None:
    dates = sentinel_event_deadlines(aware_on=date(2024, 10, 31), notified_on=date(2024, 11, 4))
    assert dates.notify_scv_by == date(2024, 11, 6)  # Fri 1, Mon 4, (Cup Tue 5), Wed 6
    assert dates.rca_parts_a_b_by == date(2024, 12, 17)
    assert dates.extension_request_by == date(2024, 12, 10)
    assert dates.rca_part_c_by == date(2025, 1, 17)  # skips 25, 26 Dec and 1 Jan
    assert not dates.notification_assumed
    assert dates.findings == ()
    assert all(c.provenance is Provenance.SECONDARY for c in dates.citations)
    assert {c.source for c in dates.citations} == {"scv-sentinel-events"}


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2050, 12, 31)))
def test_sentinel_deadlines_count_business_days(aware: date) -> None:
    dates = sentinel_event_deadlines(aware_on=aware)
    assert dates.notification_assumed
    assert dates.notified_on == dates.notify_scv_by
    assert VIC.business_days_between(aware, dates.notify_scv_by) == 3
    assert VIC.business_days_between(dates.notified_on, dates.rca_parts_a_b_by) == 30
    assert VIC.business_days_between(dates.notified_on, dates.rca_part_c_by) == 50
    assert VIC.business_days_between(dates.notified_on, dates.monitoring_report_by) == 120
    assert VIC.is_business_day(dates.extension_request_by)
    assert VIC.business_days_between(dates.extension_request_by, dates.rca_parts_a_b_by) == 5


def test_late_notification_is_a_finding() -> None:
    dates = sentinel_event_deadlines(aware_on=date(2024, 10, 31), notified_on=date(2024, 11, 8))
    (finding,) = dates.findings
    assert finding.code == "vhims.sentinel.notify-scv"
    assert finding.field == "notified_on"
    assert dates.rca_parts_a_b_by == VIC.add_business_days(date(2024, 11, 8), 30)


def test_a_council_calendar_is_honoured() -> None:
    council = BusinessCalendar.victoria(remove=[date(2024, 11, 5)])
    dates = sentinel_event_deadlines(aware_on=date(2024, 10, 31), calendar=council)
    assert dates.notify_scv_by == date(2024, 11, 5)


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"aware_on": "31/10/2024"}, "aware_on"),  # the input policy reads ISO days only
        ({"aware_on": 10**5000}, "aware_on"),
        ({"aware_on": datetime(2024, 10, 31, 9)}, "aware_on"),
        ({"aware_on": date(2024, 10, 31), "notified_on": date(2024, 10, 30)}, "notified_on"),
        ({"aware_on": date(2024, 10, 31), "notified_on": "soon"}, "notified_on"),
    ],
)
def test_sentinel_bad_input_names_the_field(kwargs: dict[str, object], field: str) -> None:
    with pytest.raises(CaseReviewError) as caught:
        sentinel_event_deadlines(**kwargs)  # type: ignore[arg-type]
    assert caught.value.field == field


@pytest.mark.parametrize("calendar", ["VIC", BusinessCalendar])
def test_a_calendar_that_is_not_a_business_calendar_is_named(calendar: object) -> None:
    with pytest.raises(CaseReviewError) as caught:
        sentinel_event_deadlines(aware_on=date(2024, 10, 31), calendar=calendar)  # type: ignore[arg-type]
    assert caught.value.field == "calendar"
    with pytest.raises(CaseReviewError) as caught:
        duty_of_candour_deadlines(
            identified_at=datetime(2024, 12, 23, 15, 30),
            calendar=calendar,  # type: ignore[arg-type]
        )
    assert caught.value.field == "calendar"


def test_duty_of_candour_over_christmas() -> None:
    candour = duty_of_candour_deadlines(identified_at=datetime(2024, 12, 23, 15, 30))
    assert candour.apology_by == datetime(2024, 12, 24, 15, 30)
    assert candour.organise_meeting_by == date(2024, 12, 30)
    assert candour.meeting_by == date(2025, 1, 9)
    assert {c.source for c in candour.citations} == {"vic-duty-of-candour-guidelines"}
    assert all(c.provenance is Provenance.SECONDARY for c in candour.citations)


def test_duty_of_candour_keeps_the_time_zone() -> None:
    melbourne = timezone(timedelta(hours=11))
    at = datetime(2024, 1, 15, 8, 0, tzinfo=melbourne)
    assert duty_of_candour_deadlines(identified_at=at).apology_by == at + timedelta(hours=24)


def _melbourne() -> tzinfo:
    try:
        return ZoneInfo("Australia/Melbourne")
    except ZoneInfoNotFoundError:  # pragma: no cover - no time zone database on this machine
        pytest.skip("no IANA time zone database")


@pytest.mark.parametrize(
    ("identified", "apology_by", "offset_after"),
    [
        # Daylight saving ends 3:00 AEDT, Sun 7 Apr 2024 (clocks back to 2:00 AEST).
        (datetime(2024, 4, 6, 12, 0), datetime(2024, 4, 7, 11, 0), 10),
        # Daylight saving starts 2:00 AEST, Sun 6 Oct 2024 (clocks forward to 3:00 AEDT).
        (datetime(2024, 10, 5, 12, 0), datetime(2024, 10, 6, 13, 0), 11),
    ],
)
def test_duty_of_candour_apology_is_24_elapsed_hours_across_daylight_saving(
    identified: datetime, apology_by: datetime, offset_after: int
) -> None:
    melbourne = _melbourne()
    at = identified.replace(tzinfo=melbourne)
    due = duty_of_candour_deadlines(identified_at=at).apology_by
    assert due.timestamp() - at.timestamp() == 24 * 3600
    assert due.replace(tzinfo=None) == apology_by
    assert due.utcoffset() == timedelta(hours=offset_after)


def test_duty_of_candour_from_its_first_day_only() -> None:
    first = duty_of_candour_deadlines(identified_at=datetime(2022, 11, 30, 0, 0))
    assert first.meeting_by == VIC.add_business_days(date(2022, 11, 30), 10)
    with pytest.raises(CaseReviewError) as caught:
        duty_of_candour_deadlines(identified_at=datetime(2022, 11, 29, 23, 59))
    assert caught.value.field == "identified_at"
    assert "30 November 2022" in str(caught.value)


def test_duty_of_candour_needs_a_datetime() -> None:
    with pytest.raises(CaseReviewError) as caught:
        duty_of_candour_deadlines(identified_at=date(2024, 1, 15))  # type: ignore[arg-type]
    assert caught.value.field == "identified_at"
    assert "24-hour" in str(caught.value)


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda: sentinel_event_deadlines(aware_on=date(2075, 1, 1)), "aware_on"),
        (lambda: sentinel_event_deadlines(aware_on=date(2060, 12, 1)), "aware_on"),
        (
            lambda: sentinel_event_deadlines(
                aware_on=date(2060, 11, 1), notified_on=date(2060, 12, 1)
            ),
            "notified_on",
        ),
        (
            lambda: duty_of_candour_deadlines(identified_at=datetime(2060, 12, 30, 9)),
            "identified_at",
        ),
    ],
)
def test_dates_past_the_calendar_name_the_callers_field(call: Any, field: str) -> None:
    with pytest.raises(CaseReviewError, match=f"^{field}: ") as info:
        call()
    assert info.value.field == field
