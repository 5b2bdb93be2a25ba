from __future__ import annotations

import copy
import pickle
import threading
from datetime import date, datetime, timedelta
from importlib.metadata import version
from typing import Any

import holidays
import pytest
from hypothesis import given
from hypothesis import strategies as st

from casereview import BusinessCalendar, CaseReviewError, UnknownValueError
from casereview.calendar import DEFAULT_YEARS, SUPPORTED_YEARS
from casereview.errors import shown

VIC = BusinessCalendar.victoria()
KY = BusinessCalendar.kentucky()

# Days whose previous business day and 250th business day after both lie inside the default years
# (1 Jan 1990 is a holiday, the first day covered).
in_range_days = st.dates(min_value=date(1990, 1, 2), max_value=date(2059, 11, 30))
counts = st.integers(min_value=1, max_value=250)


# ---------------------------------------------------------------- agreement with `holidays`


def test_matches_holidays_for_every_day_2000_to_2040() -> None:
    reference = holidays.country_holidays("AU", subdiv="VIC", years=range(1999, 2042))
    day, last = date(2000, 1, 1), date(2040, 12, 31)
    mismatches = []
    while day <= last:
        expected = reference.get_nth_working_day(day, 21)
        if VIC.add_business_days(day, 21) != expected:
            mismatches.append(day)
        day += timedelta(days=1)
    assert mismatches == []


@pytest.mark.parametrize("region", ["victoria", "kentucky"])
def test_is_business_day_matches_holidays_every_day(region: str) -> None:
    calendar = getattr(BusinessCalendar, region)()
    country, subdiv = ("AU", "VIC") if region == "victoria" else ("US", "KY")
    reference = holidays.country_holidays(country, subdiv=subdiv, years=DEFAULT_YEARS)
    day = date(DEFAULT_YEARS.start, 1, 1)
    while day.year < DEFAULT_YEARS.stop:
        assert calendar.is_business_day(day) == reference.is_working_day(day), day
        day += timedelta(days=1)


def test_business_days_between_matches_holidays_closed_interval() -> None:
    # holidays counts the closed interval [start, end]; ours is (start, end].
    reference = holidays.country_holidays("AU", subdiv="VIC", years=range(2023, 2026))
    start = date(2023, 1, 1)
    for offset in range(0, 700, 7):
        end = start + timedelta(days=offset)
        theirs = reference.get_working_days_count(start, end) - reference.is_working_day(start)
        assert VIC.business_days_between(start, end) == theirs


# ---------------------------------------------------------------- reference dates (golden)


@pytest.mark.parametrize(
    ("given_day", "due"),
    [
        (date(2024, 9, 20), date(2024, 10, 22)),  # skips Grand Final Friday, 27 Sep 2024
        (date(2024, 10, 28), date(2024, 11, 27)),  # skips Melbourne Cup Day, 5 Nov 2024
        (date(2024, 12, 2), date(2025, 1, 3)),  # skips 25, 26 Dec and 1 Jan
    ],
)
def test_reference_due_dates(given_day: date, due: date) -> None:
    assert VIC.add_business_days(given_day, 21) == due
    assert VIC.business_days_between(given_day, due) == 21


@pytest.mark.parametrize(
    "holiday",
    [
        date(2024, 1, 1),  # New Year's Day
        date(2024, 1, 26),  # Australia Day
        date(2024, 3, 11),  # Labour Day
        date(2024, 3, 29),  # Good Friday
        date(2024, 4, 1),  # Easter Monday
        date(2024, 4, 25),  # ANZAC Day
        date(2024, 6, 10),  # King's Birthday
        date(2024, 9, 27),  # Friday before the AFL Grand Final
        date(2024, 11, 5),  # Melbourne Cup Day
        date(2024, 12, 25),  # Christmas Day
        date(2024, 12, 26),  # Boxing Day
        date(2022, 9, 22),  # National Day of Mourning (one-off)
        date(2020, 10, 23),  # Grand Final Friday, a fixture exception
        date(2021, 12, 27),  # Christmas Day substitute (25 Dec 2021 was a Saturday)
    ],
)
def test_victorian_public_holidays_are_not_business_days(holiday: date) -> None:
    assert holiday.weekday() < 5
    assert not VIC.is_business_day(holiday)


def test_anzac_day_on_a_weekend_is_never_substituted() -> None:
    # 25 April 2020 was a Saturday: Monday 27 April 2020 stays a business day.
    assert VIC.is_business_day(date(2020, 4, 27))


def test_weekends_are_not_business_days() -> None:
    assert not VIC.is_business_day(date(2024, 6, 1))  # Saturday
    assert not VIC.is_business_day(date(2024, 6, 2))  # Sunday
    assert VIC.is_business_day(date(2024, 6, 3))  # Monday


def test_kentucky_holidays() -> None:
    assert not KY.is_business_day(date(2024, 7, 4))  # Independence Day
    assert not KY.is_business_day(date(2024, 11, 28))  # Thanksgiving
    assert KY.is_business_day(date(2024, 11, 5))  # Melbourne Cup Day is Victorian
    assert KY.region == "US-KY"


# ---------------------------------------------------------------- properties


def _around(d: date) -> range:
    """A short span of years (cheap to build) that holds d and 250 business days after it."""
    return range(d.year, d.year + 3)


@given(in_range_days, counts)
def test_result_is_a_business_day_strictly_after(d: date, n: int) -> None:
    due = VIC.add_business_days(d, n)
    assert due > d
    assert VIC.is_business_day(due)


@given(in_range_days, counts)
def test_round_trips_through_business_days_between(d: date, n: int) -> None:
    assert VIC.business_days_between(d, VIC.add_business_days(d, n)) == n


@given(in_range_days, counts)
def test_no_business_day_is_skipped(d: date, n: int) -> None:
    # The day before the n-th is at most the (n-1)-th: nothing in between is a business day.
    due = VIC.add_business_days(d, n)
    assert VIC.business_days_between(d, due - timedelta(days=1)) == n - 1


@given(in_range_days, in_range_days)
def test_between_is_antisymmetric(a: date, b: date) -> None:
    assert VIC.business_days_between(a, b) == -VIC.business_days_between(b, a)


@given(in_range_days)
def test_rolls(d: date) -> None:
    forward, backward = VIC.roll_forward(d), VIC.roll_backward(d)
    assert VIC.is_business_day(forward)
    assert VIC.is_business_day(backward)
    assert backward <= d <= forward
    assert VIC.business_days_between(backward, forward) == (0 if forward == d else 1)


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2059, 12, 1)), counts)
def test_removing_a_holiday_never_makes_a_due_date_later(d: date, n: int) -> None:
    due = VIC.add_business_days(d, n)
    skipped = VIC.holidays_between(d, due)
    if not skipped:
        return
    holiday = skipped[0][0]
    fewer = BusinessCalendar.victoria(remove=[holiday], years=_around(d))
    # One more business day in the window: the old (n-1)-th, or the freed day if it comes later.
    previous = VIC.add_business_days(d, n - 1) if n > 1 else d
    assert fewer.add_business_days(d, n) == max(holiday, previous)
    assert fewer.add_business_days(d, n) < due


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2059, 12, 1)), counts)
def test_adding_a_holiday_in_the_window_moves_the_due_date_one_business_day(
    d: date, n: int
) -> None:
    due = VIC.add_business_days(d, n)
    first = VIC.add_business_days(d, 1)  # a business day inside (d, due]
    more = BusinessCalendar.victoria(add=[first], years=_around(d))
    assert more.add_business_days(d, n) == VIC.add_business_days(due, 1)


# ---------------------------------------------------------------- overrides


def test_council_without_melbourne_cup() -> None:
    council = BusinessCalendar.victoria(remove=[date(2024, 11, 5)])
    assert council.is_business_day(date(2024, 11, 5))
    assert council.add_business_days(date(2024, 10, 28), 21) == date(2024, 11, 26)
    assert council.removed == frozenset({date(2024, 11, 5)})


def test_gazetted_holiday_added() -> None:
    gazetted = BusinessCalendar.victoria(add=[date(2024, 11, 15)])
    assert not gazetted.is_business_day(date(2024, 11, 15))
    assert gazetted.add_business_days(date(2024, 10, 28), 21) == date(2024, 11, 28)
    assert gazetted.holiday_name(date(2024, 11, 15)) == "Holiday added by override"


@pytest.mark.parametrize(
    ("kwargs", "field", "fragment"),
    [
        ({"remove": [date(2024, 11, 6)]}, "remove", "not a holiday"),
        ({"add": [date(2024, 11, 9)]}, "add", "weekend"),
        ({"add": [date(2024, 11, 5)]}, "add", "already a holiday"),
        ({"add": [date(2070, 1, 2)]}, "add", "outside the calendar's years"),
        ({"add": [date(2024, 11, 5)], "remove": [date(2024, 11, 5)]}, "add", "both"),
        ({"add": ["15/11/2024"]}, "add", r"expected a date \(datetime\.date or 'YYYY-MM-DD'\)"),
        ({"add": [None]}, "add", "add is required"),
        ({"add": None}, "add", "expected a list"),
        ({"add": date(2024, 11, 15)}, "add", "expected a list"),
        ({"years": range(2000, 1990)}, "years", "range of consecutive years within 1900-2200"),
        ({"years": [2020, 2021]}, "years", "range of consecutive years"),
        ({"years": range(0, 3)}, "years", "within 1900-2200"),
        ({"years": range(0, 10**20)}, "years", "within 1900-2200"),
        ({"years": range(10**5000, 10**5000 + 1)}, "years", "within 1900-2200"),
        ({"years": range(1, 10000)}, "years", "within 1900-2200"),
        ({"years": range(2000, 2030, 2)}, "years", "consecutive"),
    ],
)
def test_bad_overrides_are_refused(kwargs: dict[str, object], field: str, fragment: str) -> None:
    with pytest.raises(CaseReviewError, match=fragment) as info:
        BusinessCalendar.victoria(**kwargs)  # type: ignore[arg-type]
    assert info.value.field == field


@pytest.mark.parametrize("country", ["XX", "HolidayBase", "__class__", "", "  ", None, 36, "A U"])
def test_unknown_region_is_refused(country: object) -> None:
    # Only the codes holidays lists as supported: not its attribute names (regression, issue 10).
    with pytest.raises(CaseReviewError, match="not a country code") as info:
        BusinessCalendar.for_region(country)  # type: ignore[arg-type]
    assert info.value.field == "country"


@pytest.mark.parametrize("subdiv", ["", "   ", "XX", "__class__", 3, "KY"])
def test_unknown_subdivision_is_refused(subdiv: object) -> None:
    # A blank subdivision is not the national calendar: say None for that (regression, issue 10).
    with pytest.raises(UnknownValueError, match="subdiv") as info:
        BusinessCalendar.for_region("AU", subdiv)  # type: ignore[arg-type]
    assert info.value.field == "subdiv"


def test_codes_in_any_case_name_the_same_calendar() -> None:
    assert BusinessCalendar.for_region(" au ", "vic") is BusinessCalendar.victoria()
    assert BusinessCalendar.for_region("us", "Ky").region == "US-KY"
    assert BusinessCalendar.for_region("AU", None).region == "AU"


def test_overrides_may_be_iso_dates() -> None:
    assert BusinessCalendar.victoria(add=["2024-11-15"]) == BusinessCalendar.victoria(  # type: ignore[list-item]
        add=[date(2024, 11, 15)]
    )


def test_the_widest_supported_years_build() -> None:
    wide = BusinessCalendar.kentucky(years=SUPPORTED_YEARS)
    assert wide.years == range(1900, 2201)
    assert wide.add_business_days(date(2200, 12, 1), 1) == date(2200, 12, 2)


# ---------------------------------------------------------------- bad input


@pytest.mark.parametrize("n", [0, -1, 1.0, True, "21", None])
def test_n_must_be_a_whole_number_of_at_least_one(n: object) -> None:
    with pytest.raises(CaseReviewError, match="n: expected a whole number") as info:
        VIC.add_business_days(date(2024, 1, 1), n)  # type: ignore[arg-type]
    assert info.value.field == "n"


@pytest.mark.parametrize(
    "d", ["01/01/2024", 20240101, None, 10**5000, [date(2024, 1, 1)]], ids=shown
)
def test_d_must_be_a_date(d: object) -> None:
    # A huge int is shown, not printed whole (regression, issue 10: Python refuses > 4,300 digits).
    with pytest.raises(CaseReviewError, match=r"^d.*(expected a date|required)"):
        VIC.add_business_days(d, 21)  # type: ignore[arg-type]
    with pytest.raises(CaseReviewError, match=r"^d.*(expected a date|required)"):
        VIC.is_business_day(d)  # type: ignore[arg-type]
    for method in (VIC.roll_forward, VIC.roll_backward, VIC.holiday_name):
        with pytest.raises(CaseReviewError, match=r"^d"):
            method(d)  # type: ignore[arg-type]
    with pytest.raises(CaseReviewError, match=r"^start"):
        VIC.business_days_between(d, date(2024, 1, 1))  # type: ignore[arg-type]
    with pytest.raises(CaseReviewError, match=r"^end"):
        VIC.holidays_between(date(2024, 1, 1), d)  # type: ignore[arg-type]


def test_an_iso_date_string_is_a_date() -> None:
    # The input policy: a date is a datetime.date or 'YYYY-MM-DD', everywhere; answers are dates.
    # (Typed as date: strings are for untyped callers such as forms and JSON.)
    untyped: Any = VIC
    assert untyped.add_business_days("2024-09-20", 21) == date(2024, 10, 22)
    assert untyped.is_business_day(" 2024-11-05 ") is False
    assert untyped.roll_forward("2024-11-04") == date(2024, 11, 4)
    assert untyped.roll_backward("2024-11-05") == date(2024, 11, 4)
    assert untyped.holiday_name("2024-11-05") == VIC.holiday_name(date(2024, 11, 5))
    assert untyped.holiday_name("2024-11-05") is not None
    assert untyped.business_days_between("2024-09-20", "2024-10-22") == 21
    assert untyped.holidays_between("2024-11-01", "2024-11-30") == VIC.holidays_between(
        date(2024, 11, 1), date(2024, 11, 30)
    )


@pytest.mark.parametrize("n", [10**5000, -(10**5000), 2**64], ids=shown)
def test_huge_n_is_refused_with_a_short_message(n: int) -> None:
    with pytest.raises(CaseReviewError, match=r"^(n|d): ") as info:
        VIC.add_business_days(date(2024, 1, 1), n)
    assert len(str(info.value)) < 300


def test_a_datetime_is_refused_with_a_hint() -> None:
    with pytest.raises(CaseReviewError, match=r"pass \.date\(\)"):
        VIC.add_business_days(datetime(2024, 1, 1, 9, 30), 21)


@pytest.mark.parametrize("d", [date(1989, 12, 31), date(2061, 1, 1)])
def test_dates_outside_the_years_are_refused(d: date) -> None:
    with pytest.raises(CaseReviewError, match="outside the years") as info:
        VIC.add_business_days(d, 1)
    assert info.value.field == "d"
    with pytest.raises(CaseReviewError, match="outside the years"):
        VIC.business_days_between(date(2024, 1, 1), d)


def test_a_result_past_the_last_year_is_refused() -> None:
    with pytest.raises(CaseReviewError, match="falls after 2060"):
        VIC.add_business_days(date(2060, 12, 20), 21)


def test_roll_backward_before_the_first_business_day_is_refused() -> None:
    with pytest.raises(CaseReviewError, match="outside the years"):
        VIC.roll_backward(date(1990, 1, 1))  # New Year's Day 1990, the first day covered


def test_roll_forward_past_the_last_business_day_is_refused() -> None:
    short = BusinessCalendar.victoria(years=range(2022, 2023))
    assert short.roll_forward(date(2022, 12, 30)) == date(2022, 12, 30)
    with pytest.raises(CaseReviewError, match="1 business day after 2022-12-31 falls after 2022"):
        short.roll_forward(date(2022, 12, 31))  # a Saturday: no business day follows in 2022


def test_custom_years() -> None:
    short = BusinessCalendar.victoria(years=range(2024, 2026))
    assert short.years == range(2024, 2026)
    assert short.add_business_days(date(2024, 12, 2), 21) == date(2025, 1, 3)
    with pytest.raises(CaseReviewError, match="2024-2025"):
        short.is_business_day(date(2023, 12, 29))


# ---------------------------------------------------------------- immutability and sharing


def test_calendars_are_immutable() -> None:
    with pytest.raises(AttributeError, match="immutable"):
        VIC._base = 0
    with pytest.raises(AttributeError, match="immutable"):
        del VIC._base
    with pytest.raises(TypeError, match="victoria"):
        BusinessCalendar()


def test_identical_requests_share_one_instance_and_compare_by_value() -> None:
    assert BusinessCalendar.victoria() is VIC  # plain calendars are built once per process
    council = BusinessCalendar.victoria(remove=[date(2024, 11, 5)])
    assert council != VIC
    assert council == BusinessCalendar.victoria(remove=(date(2024, 11, 5),))
    assert len({VIC, council, BusinessCalendar.victoria()}) == 2
    assert VIC != "AU-VIC"


def test_pickle_and_copy_round_trip() -> None:
    council = BusinessCalendar.victoria(remove=[date(2024, 11, 5)])
    assert pickle.loads(pickle.dumps(council)) == council
    assert copy.deepcopy(council) == council


def test_reports_holidays_version_and_describes_itself() -> None:
    assert VIC.holidays_version == version("holidays")
    assert "AU-VIC 1990-2060" in repr(VIC)
    assert "remove=[datetime.date(2024, 11, 5)]" in repr(
        BusinessCalendar.victoria(remove=[date(2024, 11, 5)])
    )


def test_safe_to_share_between_threads() -> None:
    days = [date(2024, 1, 1) + timedelta(days=i) for i in range(366)]
    expected = [VIC.add_business_days(d, 21) for d in days]
    results: list[list[date]] = []

    def work() -> None:
        results.append([VIC.add_business_days(d, 21) for d in days])

    threads = [threading.Thread(target=work) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [expected] * 8


def test_holidays_between_lists_weekday_holidays_in_the_window() -> None:
    skipped = VIC.holidays_between(date(2024, 12, 2), date(2025, 1, 3))
    assert [d for d, _ in skipped] == [date(2024, 12, 25), date(2024, 12, 26), date(2025, 1, 1)]
    assert all(name for _, name in skipped)
    assert VIC.holiday_name(date(2024, 6, 3)) is None
