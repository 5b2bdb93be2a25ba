"""Due dates per row: the vectorised and the pure path agree with each other and with numpy."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from casereview import BusinessCalendar, CaseReviewError
from casereview.analysis import RowError, case_review_due_column, due_date_column
from casereview.cims import case_review_due_date

pd = pytest.importorskip("pandas")
np = pytest.importorskip("numpy")

VIC = BusinessCalendar.victoria()
CUP_2024 = date(2024, 11, 5)
MISSING: list[Any] = [None, float("nan"), np.nan, pd.NaT, pd.NA, "", "   "]
MISSING_IDS = ["None", "nan", "np.nan", "NaT", "NA", "empty", "blank"]


def _every_day(first: date, last: date) -> list[date]:
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


@pytest.mark.parametrize(
    "calendar",
    [VIC, BusinessCalendar.victoria(remove=[CUP_2024]), BusinessCalendar.kentucky()],
    ids=["victoria", "victoria-without-cup-2024", "kentucky"],
)
@pytest.mark.parametrize("n", [1, 21])
def test_identical_answers_over_every_day_2000_to_2040(calendar: BusinessCalendar, n: int) -> None:
    days = _every_day(date(2000, 1, 1), date(2040, 12, 31))
    pure = due_date_column(days, n, calendar=calendar)
    assert pure == [calendar.add_business_days(d, n) for d in days]
    array = np.array(days, dtype="datetime64[D]")
    vectorised = due_date_column(array, n, calendar=calendar)
    assert vectorised.dtype == np.dtype("datetime64[D]")
    assert vectorised.tolist() == pure
    series = due_date_column(pd.Series(array.astype("datetime64[ns]")), n, calendar=calendar)
    assert series.dt.date.tolist() == pure
    first, last = date(calendar.years.start, 1, 1), date(calendar.years.stop - 1, 12, 31)
    holidays = np.array(
        [d for d, _ in calendar.holidays_between(first, last)], dtype="datetime64[D]"
    )
    # numpy's count: roll back to a business day, then n business days on.
    numpy_answer = np.busday_offset(array, n, roll="backward", holidays=holidays)
    assert (vectorised == numpy_answer).all()


def test_the_case_review_due_column_is_the_cims_due_date() -> None:
    days = _every_day(date(2024, 1, 1), date(2025, 12, 31))
    assert case_review_due_column(days) == [case_review_due_date(d) for d in days]
    series = pd.Series(pd.to_datetime(days))
    assert case_review_due_column(series).dt.date.tolist() == [
        case_review_due_date(d) for d in days
    ]


@pytest.mark.parametrize("missing", MISSING, ids=MISSING_IDS)
def test_every_missing_marker_gives_a_missing_due_date(missing: object) -> None:
    assert due_date_column([missing, date(2024, 10, 28)], 21, calendar=VIC) == [
        None,
        date(2024, 11, 27),
    ]
    series = pd.Series([missing, date(2024, 10, 28)], index=["a", "b"], dtype=object)
    result = due_date_column(series, 21, calendar=VIC)
    assert result.index.tolist() == ["a", "b"]
    assert pd.isna(result["a"])
    assert result["b"] == pd.Timestamp(2024, 11, 27)


def test_nat_in_a_datetime_column_is_missing_even_when_raising() -> None:
    # Issue 14: "due_date_column raises a raw ValueError: NaTType does not support time".
    series = pd.Series(pd.to_datetime(["2024-10-28", None, "2024-12-02"]), index=[7, 8, 9])
    for errors in ("raise", "none"):
        result = due_date_column(series, 21, calendar=VIC, errors=errors)
        assert str(result.dtype) == "datetime64[ns]"
        assert result.index.tolist() == [7, 8, 9]
        assert result.tolist()[0] == pd.Timestamp(2024, 11, 27)
        assert pd.isna(result[8])
    as_objects = series.astype(object)
    assert due_date_column(as_objects, 21, calendar=VIC).tolist()[0] == pd.Timestamp(2024, 11, 27)


def test_dates_come_back_as_datetime64_not_objects() -> None:
    # Issue 14: "due dates as object dtype".
    series = pd.Series([date(2024, 10, 28), None], dtype=object)
    assert str(due_date_column(series, 21, calendar=VIC).dtype) == "datetime64[ns]"


def test_melbourne_cup_day_is_skipped_unless_removed() -> None:
    day = date(2024, 10, 28)
    assert due_date_column([day], 21, calendar=VIC) == [date(2024, 11, 27)]
    without = BusinessCalendar.victoria(remove=[CUP_2024])
    assert due_date_column([day], 21, calendar=without) == [date(2024, 11, 26)]


def test_strings_and_midnight_datetimes_are_days() -> None:
    # The input policy: ISO days are dates (this changes the old contract, which refused them).
    assert (
        due_date_column(["2024-12-02", datetime(2024, 12, 2)], 21, calendar=VIC)
        == [date(2025, 1, 3)] * 2
    )


@pytest.mark.parametrize(
    "bad",
    [datetime(2024, 12, 2, 9, 30), datetime(2024, 12, 2, tzinfo=UTC), "2 Dec 2024", 3],
)
def test_what_is_not_a_calendar_day_is_refused_naming_the_row(bad: object) -> None:
    with pytest.raises(RowError, match="row 1: days:") as info:
        due_date_column([date(2024, 12, 2), bad], 21, calendar=VIC)
    assert info.value.field == "days"
    assert due_date_column([bad], 21, calendar=VIC, errors="none") == [None]


def test_a_time_of_day_in_a_datetime64_column_is_refused_on_the_vectorised_path() -> None:
    series = pd.Series(pd.to_datetime(["2024-12-02 00:00", "2024-12-02 09:30"]), index=["a", "b"])
    with pytest.raises(RowError, match=r"row 'b': days: .* has a time of day"):
        due_date_column(series, 21, calendar=VIC)
    result, errors = due_date_column(series, 21, calendar=VIC, errors="record")
    assert pd.isna(result["b"])
    assert errors.row.tolist() == ["b"]


def test_a_time_zone_aware_column_is_refused() -> None:
    series = pd.Series(pd.to_datetime(["2024-12-02"]).tz_localize("Australia/Melbourne"))
    with pytest.raises(RowError, match="time zone"):
        due_date_column(series, 21, calendar=VIC)


@pytest.mark.parametrize("n", [0, -3, 2.5, True, "21"])
def test_a_bad_count_is_refused_whatever_errors_says(n: object) -> None:
    with pytest.raises(CaseReviewError, match="business_days: expected a whole number"):
        due_date_column([date(2024, 1, 1)], n, calendar=VIC, errors="none")  # type: ignore[arg-type]


def test_the_calendar_is_checked() -> None:
    with pytest.raises(CaseReviewError, match="calendar: expected a BusinessCalendar"):
        due_date_column([], 21, calendar="VIC")  # type: ignore[arg-type]


def test_out_of_range_rows_on_both_paths() -> None:
    late = [date(2024, 1, 1), date(2075, 1, 1), date(2060, 12, 30)]
    for column in (late, np.array(late, dtype="datetime64[D]")):
        result = due_date_column(column, 21, calendar=VIC, errors="none")
        assert next(iter(result)) is not None
        assert all(pd.isna(v) for v in list(result)[1:])
        with pytest.raises(RowError, match=r"row 1: days: 2075-01-01 is outside the years"):
            due_date_column(column, 21, calendar=VIC)
        _, errors = due_date_column(column, 21, calendar=VIC, errors="record")
        assert [e["row"] for e in errors] == [1, 2]
        assert "falls after 2060" in errors[1]["message"]
