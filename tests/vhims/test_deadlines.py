"""Sentinel event and duty of candour deadlines on the Victorian business calendar."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import holidays
import pytest
from hypothesis import given
from hypothesis import strategies as st

from casereview.calendar import BusinessCalendar
from casereview.errors import CaseReviewError
from casereview.findings import Provenance, Severity
from casereview.vhims import RULES, duty_of_candour_deadlines, sentinel_event_deadlines

VIC = BusinessCalendar.victoria()


def test_sentinel_deadlines_skip_melbourne_cup_and_christmas() -> None:
    dates = sentinel_event_deadlines(aware_on=date(2024, 10, 31), notified_on=date(2024, 11, 4))
    assert dates.notify_scv_by == date(2024, 11, 6)  # Fri 1, Mon 4, (Cup Tue 5), Wed 6
    assert dates.rca_parts_a_b_by == date(2024, 12, 17)
    assert dates.extension_request_by == date(2024, 12, 10)
    assert dates.rca_part_c_by == date(2025, 1, 17)  # skips 25, 26 Dec and 1 Jan
    assert not dates.notification_assumed
    assert dates.findings == ()
    assert {c.source for c in dates.citations} == {"scv-sentinel-events"}
    # The monitoring report's anchor (of notification) is our reading (audit defect 5).
    assert {c.provenance for c in dates.citations[:4]} == {Provenance.SECONDARY}
    assert dates.citations[4].provenance is Provenance.INFERRED


def nth_business_day_after(d: date, n: int) -> date:
    """Counted independently of BusinessCalendar: day by day, skipping weekends and the days
    ``holidays.Australia(subdiv="VIC")`` lists."""
    vic = holidays.country_holidays("AU", subdiv="VIC", years=range(d.year, d.year + 2))
    while n:
        d += timedelta(days=1)
        if d.weekday() < 5 and d not in vic:
            n -= 1
    return d


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2050, 12, 31)))
def test_sentinel_deadlines_count_business_days(aware: date) -> None:
    dates = sentinel_event_deadlines(aware_on=aware)
    notify = nth_business_day_after(aware, 3)
    assert dates.notify_scv_by == notify
    assert dates.rca_parts_a_b_by == nth_business_day_after(notify, 30)
    assert dates.rca_part_c_by == nth_business_day_after(notify, 50)
    assert dates.monitoring_report_by == nth_business_day_after(notify, 120)
    assert nth_business_day_after(dates.extension_request_by, 5) == dates.rca_parts_a_b_by
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
    # in-force, apology, organise-meeting, meeting: only the 24 hours have no reading of ours.
    assert [c.provenance for c in candour.citations] == [
        Provenance.INFERRED,
        Provenance.SECONDARY,
        Provenance.INFERRED,
        Provenance.INFERRED,
    ]


@pytest.mark.parametrize(
    ("rule_id", "source"),
    [
        ("vhims.map.serious-harm-isr-1-or-2", "Health Services Act 1988"),
        ("vhims.review.isr1-in-depth", "Clinical incident investigations and responsibilities"),
        ("vhims.sentinel.monitoring-report", "Safer Care Victoria"),
        ("vhims.candour.organise-meeting", "Duty of Candour Guidelines"),
        ("vhims.candour.meeting", "Duty of Candour Guidelines"),
        ("vhims.candour.in-force", "Duty of Candour Guidelines"),
    ],
)
def test_rules_that_hold_our_reading_are_inferred_and_name_their_secondary_source(
    rule_id: str, source: str
) -> None:
    """Audit defects 4 and 5: each was marked secondary although it holds our reading."""
    (rule,) = [r for r in RULES if r.id == rule_id]
    assert rule.citation.provenance is Provenance.INFERRED
    note = rule.citation.note or ""
    assert source in note
    assert "our reading" in note or "is ours" in note


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


def test_duty_of_candour_from_its_first_day_and_a_warning_before() -> None:
    """Audit defect 4: keying 30 November 2022 on the identification is our reading, so an
    earlier identification is a warning finding, not a refusal (the refusal was the old
    contract). Dates hard-coded: Wed 30 Nov 2022 + 3 and + 10 business days."""
    first = duty_of_candour_deadlines(identified_at=datetime(2022, 11, 30, 0, 0))
    assert (first.organise_meeting_by, first.meeting_by) == (date(2022, 12, 5), date(2022, 12, 14))
    assert first.findings == ()
    before = duty_of_candour_deadlines(identified_at=datetime(2022, 11, 29, 23, 59))
    (finding,) = before.findings
    assert (finding.code, finding.severity, finding.field) == (
        "vhims.candour.in-force",
        Severity.WARNING,
        "identified_at",
    )
    assert "30 November 2022" in finding.message
    assert before.meeting_by == date(2022, 12, 13)  # still computed
    rule = next(r for r in RULES if r.id == "vhims.candour.in-force")
    assert rule.citation.provenance is Provenance.INFERRED
    assert "read as" in (rule.citation.note or "").casefold()


def test_an_aware_identification_counts_from_its_victorian_day() -> None:
    """Audit defect 3: the same instant gives the same deadlines in any zone."""
    utc = datetime(2024, 12, 23, 20, 0, tzinfo=UTC)  # 07:00 Tue 24 Dec in Melbourne
    in_utc = duty_of_candour_deadlines(identified_at=utc)
    in_melbourne = duty_of_candour_deadlines(identified_at=utc.astimezone(_melbourne()))
    assert in_utc.identified_on == in_melbourne.identified_on == date(2024, 12, 24)
    assert in_utc.organise_meeting_by == in_melbourne.organise_meeting_by == date(2024, 12, 31)
    assert in_utc.meeting_by == in_melbourne.meeting_by == date(2025, 1, 10)
    assert in_utc.apology_by == utc + timedelta(hours=24)  # in the caller's zone
    assert in_utc.apology_by.utcoffset() == timedelta(0)
    # 14:00 UTC on 29 Nov 2022 is 01:00 on 30 Nov in Melbourne: the duty is in force.
    first_day = duty_of_candour_deadlines(identified_at=datetime(2022, 11, 29, 14, 0, tzinfo=UTC))
    assert (first_day.identified_on, first_day.findings) == (date(2022, 11, 30), ())
    # A naive datetime is Victorian wall-clock time.
    naive = duty_of_candour_deadlines(identified_at=datetime(2024, 12, 23, 20, 0))
    assert (naive.identified_on, naive.organise_meeting_by) == (
        date(2024, 12, 23),
        date(2024, 12, 30),
    )


def test_without_a_zone_database_an_aware_datetime_is_a_clear_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import zoneinfo

    def missing(key: str) -> tzinfo:
        raise zoneinfo.ZoneInfoNotFoundError(f"No time zone found with key {key}")

    monkeypatch.setattr(zoneinfo, "ZoneInfo", missing)
    with pytest.raises(CaseReviewError, match="tzdata") as caught:
        duty_of_candour_deadlines(identified_at=datetime(2024, 1, 15, 8, tzinfo=UTC))
    assert caught.value.field == "identified_at"
    # A naive datetime needs no zone database.
    assert duty_of_candour_deadlines(identified_at=datetime(2024, 1, 15, 8)).findings == ()


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
