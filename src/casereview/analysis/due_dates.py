"""Due dates for a column of days: the n-th business day after each, on one calendar.

Two paths, with the same answers (a test compares them over every day 2000-2040, and with
``numpy.busday_offset``):

* given a numpy ``datetime64`` array or a pandas ``datetime64`` Series, the answer is
  vectorised: the calendar's business days become two numpy arrays (built once per calendar)
  and every row is two array look-ups;
* given anything else (a list of dates, an object Series), pure Python, one calendar look-up
  per distinct day. numpy is never imported by this module: the vectorised path is used only
  when the caller's data is already numpy.

>>> from datetime import date
>>> from casereview import BusinessCalendar
>>> due_date_column([date(2024, 10, 28), None], 21, calendar=BusinessCalendar.victoria())
[datetime.date(2024, 11, 27), None]
>>> case_review_due_column(["2024-12-02"])
[datetime.date(2025, 1, 3)]
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from casereview._input import is_missing, refuse, whole
from casereview.analysis import _columns as c
from casereview.analysis import _frames as o
from casereview.analysis import _rows as r
from casereview.analysis._columns import Errors
from casereview.calendar import BusinessCalendar
from casereview.cims import CASE_REVIEW_BUSINESS_DAYS
from casereview.errors import CaseReviewError

__all__ = ["MAX_BUSINESS_DAYS", "case_review_due_column", "due_date_column"]

MAX_BUSINESS_DAYS = 10_000
"""The most business days a due date may lie ahead (about forty years)."""


def due_date_column(
    days: Iterable[object],
    business_days: int,
    *,
    calendar: BusinessCalendar,
    errors: Errors = "raise",
) -> Any:
    """The ``business_days``-th business day after each day (the day itself not counted).

    ``days`` holds dates, ``'YYYY-MM-DD'`` strings, or midnight datetimes / pandas Timestamps
    (how pandas holds a date column); a missing value gives a missing due date. Returns a list
    of ``date`` (``None`` where missing); with a pandas Series a ``datetime64[ns]`` Series on
    the same index (``NaT`` where missing); with a numpy ``datetime64`` array a
    ``datetime64[D]`` array. The calendar is required: which jurisdiction's holidays apply is
    the caller's decision.

    ``errors`` as everywhere in :mod:`casereview.analysis` (``"raise"``, ``"none"``,
    ``"record"``); ``business_days`` and ``calendar`` are checked first, whatever ``errors``.
    """
    return _due_dates(days, business_days, calendar, errors, field="days")


def _due_dates(
    days: Iterable[object], business_days: int, calendar: object, errors: object, *, field: str
) -> Any:
    """:func:`due_date_column`, its errors naming the caller's argument ``field``."""
    mode = c.error_mode(errors)
    n = whole(business_days, field="business_days", low=1, high=MAX_BUSINESS_DAYS)
    if not isinstance(calendar, BusinessCalendar):
        refuse("calendar", "a BusinessCalendar", calendar)
    columns = c.read_columns(**{field: days})
    if field not in columns.raw:
        raise CaseReviewError(f"{field}: expected a column, got None", field=field)
    raw = columns.raw[field]
    if (c.is_series(raw) or c.is_array(raw)) and raw.dtype.kind == "M":
        return _vectorised(raw, n, calendar, mode, columns, field)

    def decide(value: object) -> date | None:
        return _due_one(value, n, calendar, field)

    decided = r.decide_rows(columns, (field,), decide, mode=mode)
    records = r.settle(decided, mode)
    if columns.pandas:
        result = o.dates(decided, lambda d: d).rename("due")
    else:
        result = decided.map(lambda d: d)
    return c.finish(result, records, columns)


def case_review_due_column(
    endorsed_on: Iterable[object],
    *,
    calendar: BusinessCalendar | None = None,
    errors: Errors = "raise",
) -> Any:
    """CIMS case review due dates: the 21st business day after each endorsement day.

    :func:`casereview.cims.case_review_due_date` for a column (Victoria unless ``calendar`` is
    given), as :func:`due_date_column`.
    """
    return _due_dates(
        endorsed_on,
        CASE_REVIEW_BUSINESS_DAYS,
        BusinessCalendar.victoria() if calendar is None else calendar,
        errors,
        field="endorsed_on",
    )


def _due_one(value: object, n: int, calendar: BusinessCalendar, field: str = "days") -> date | None:
    day = c.as_day(None if is_missing(value) else value, field)
    if day is None:
        return None
    try:
        return calendar.add_business_days(day, n)
    except CaseReviewError as exc:
        raise exc.renamed(field) from None


@lru_cache(maxsize=16)
def _tables(calendar: BusinessCalendar) -> tuple[int, Any, Any]:
    """(first day as days since 1970, business days through each day, the business days).

    Built from the calendar's public answers: its weekday holidays and the weekends.
    """
    np = c.numpy()
    first = date(calendar.years.start, 1, 1)
    last = date(calendar.years.stop - 1, 12, 31)
    holidays = [d for d, _ in calendar.holidays_between(first, last)]
    if first.weekday() < 5 and not calendar.is_business_day(first):
        holidays.append(first)
    days = np.arange(first, last + timedelta(days=1), dtype="datetime64[D]")
    epoch_days = days.astype(np.int64)
    weekday = (epoch_days + 3) % 7  # 1970-01-01 was a Thursday (weekday 3)
    business = (weekday < 5) & ~np.isin(days, np.array(holidays, dtype="datetime64[D]"))
    count_through = np.cumsum(business, dtype=np.int64)
    return int(epoch_days[0]), count_through, days[business]


def _vectorised(
    raw: Any, n: int, calendar: BusinessCalendar, mode: str, columns: Any, field: str
) -> Any:
    np = c.numpy()
    values = raw.to_numpy() if c.is_series(raw) else raw
    if getattr(getattr(raw, "dtype", None), "tz", None) is not None:
        return _python_fallback(n, calendar, mode, columns, field)
    day = values.astype("datetime64[D]")
    missing = np.isnat(values)
    base, count_through, business_days = _tables(calendar)
    i = day.astype(np.int64) - base
    bad = ~missing & ((i < 0) | (i >= len(count_through)))
    if values.dtype != day.dtype:
        bad |= ~missing & (values != day.astype(values.dtype))  # a time of day
    ok = ~missing & ~bad
    j = np.zeros(len(values), dtype=np.int64)
    j[ok] = count_through[i[ok]] + (n - 1)
    past = ok & (j >= len(business_days))
    bad |= past
    ok &= ~past
    due = np.full(len(values), np.datetime64("NaT"), dtype="datetime64[D]")
    due[ok] = business_days[j[ok]]
    records: list[dict[str, Any]] | None = None
    if bad.any():
        failures = [int(p) for p in np.flatnonzero(bad)]
        one = [] if mode != "record" else failures
        if mode == "raise":
            one = failures[:1]
        records = []
        for position in one:
            error = _error_at(raw, position, n, calendar, field)
            if mode == "raise":
                raise c.RowError(columns.label(position), error) from error
            records.extend(c.error_records(columns.label(position), error))
        if mode == "none":
            records = None
    elif mode == "record":
        records = []
    if c.is_series(raw):
        result = o.series(due.astype("datetime64[ns]"), columns, name="due")
    else:
        result = due
    return c.finish(result, records, columns)


def _error_at(raw: Any, position: int, n: int, calendar: BusinessCalendar, field: str) -> Exception:
    """The pure-Python path's error for one row (the same message on both paths)."""
    piece = raw.iloc[position : position + 1] if c.is_series(raw) else raw[position : position + 1]
    value = c.as_list(piece)[0]
    try:
        _due_one(value, n, calendar, field)
    except c.FAILURES as exc:
        return exc
    raise AssertionError(
        "the vectorised path refused a row the pure path accepts"
    )  # pragma: no cover


def _python_fallback(
    n: int, calendar: BusinessCalendar, mode: str, columns: Any, field: str
) -> Any:
    decided = r.decide_rows(columns, (field,), lambda v: _due_one(v, n, calendar, field), mode=mode)
    records = r.settle(decided, mode)
    result = o.dates(decided, lambda d: d).rename("due")
    return c.finish(result, records, columns)
