"""Columns in, lists out: the rulebooks over thousands of records, for notebooks and batch jobs.

Each function takes plain iterables (lists, tuples, pandas Series, ...) and returns a list of the
same length, in order, so the result can be assigned straight back as a column. Two conventions
of data frames are honoured here, and only here:

* a missing value may be ``None``, blank text or a float NaN (pandas' missing marker);
* a ``datetime`` at exactly midnight with no time zone (how pandas reads a date column) counts
  as that date. Any other ``datetime`` is refused: its calendar day would be a guess.

``errors="raise"`` (the default) stops at the first bad row with an error naming the row;
``errors="none"`` puts ``None`` in that row instead, so one bad record does not stop a batch.

>>> isr_column(["Moderate", "Minor", "severe"], ["Temporary", None, "Permanent"],
...            ["Intermediate", float("nan"), None])
[<Isr.MODERATE: 2>, <Isr.MINOR: 3>, <Isr.SEVERE: 1>]
>>> isr_column(["Severe"], [None], [None], errors="none")
[None]
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from itertools import zip_longest
from typing import Any, Literal

from casereview.calendar import BusinessCalendar
from casereview.errors import CaseReviewError
from casereview.findings import Validation
from casereview.vhims import Isr, LogicMap, derive_isr

__all__ = ["due_date_column", "findings_records", "isr_column"]

Errors = Literal["raise", "none"]
_ERRORS = ("raise", "none")
_END = object()


def isr_column(
    harm: Iterable[object],
    duration: Iterable[object],
    treatment: Iterable[object],
    *,
    logic_map: LogicMap | None = None,
    errors: Errors = "raise",
) -> list[Isr | None]:
    """The ISR of each row, from three equally long columns of members or labels.

    Raises:
        CaseReviewError: the columns differ in length, or (with ``errors="raise"``) a row cannot
            be derived; the message names the row and the element.
    """
    _check_errors(errors)
    out: list[Isr | None] = []
    for row, (h, d, t) in enumerate(_rows(harm=harm, duration=duration, treatment=treatment)):
        try:
            out.append(derive_isr(_value(h), _value(d), _value(t), logic_map=logic_map).isr)
        except CaseReviewError as exc:
            if errors == "raise":
                raise _in_row(row, exc) from exc
            out.append(None)
    return out


def due_date_column(
    days: Iterable[object],
    business_days: int,
    *,
    calendar: BusinessCalendar,
    errors: Errors = "raise",
) -> list[date | None]:
    """The ``business_days``-th business day after each day; a missing day gives ``None``.

    The calendar is required: which jurisdiction's holidays apply is the caller's decision.

    >>> due_date_column([date(2024, 10, 28), None], 21, calendar=BusinessCalendar.victoria())
    [datetime.date(2024, 11, 27), None]
    """
    _check_errors(errors)
    if type(business_days) is not int or business_days < 1:
        raise CaseReviewError(
            f"business_days: expected a whole number >= 1, got {business_days!r}",
            field="business_days",
        )
    out: list[date | None] = []
    for row, value in enumerate(days):
        try:
            day = _as_date(_value(value))
            out.append(None if day is None else calendar.add_business_days(day, business_days))
        except CaseReviewError as exc:
            if errors == "raise":
                raise _in_row(row, exc) from exc
            out.append(None)
    return out


def findings_records(
    validations: Iterable[Validation], ids: Iterable[object] | None = None
) -> list[dict[str, object]]:
    """One flat dict per finding, ready for ``pandas.DataFrame(...)`` or a CSV writer.

    Keys: ``id`` (from ``ids``, else the position), ``code``, ``field``, ``severity``,
    ``message``, ``source``, ``section``, ``provenance``.
    """
    labels: Sequence[object] | None = None if ids is None else list(ids)
    validations = list(validations)
    if labels is not None and len(labels) != len(validations):
        raise CaseReviewError(
            f"ids: {len(labels)} ids for {len(validations)} validations", field="ids"
        )
    records: list[dict[str, object]] = []
    for i, validation in enumerate(validations):
        for finding in validation.findings:
            citation = finding.citation
            records.append(
                {
                    "id": i if labels is None else labels[i],
                    "code": finding.code,
                    "field": finding.field,
                    "severity": finding.severity.value,
                    "message": finding.message,
                    "source": None if citation is None else citation.source,
                    "section": None if citation is None else citation.section,
                    "provenance": None if citation is None else citation.provenance.value,
                }
            )
    return records


def _check_errors(errors: object) -> None:
    if errors not in _ERRORS:
        raise CaseReviewError(
            f"errors: {errors!r} is not an allowed value; allowed: 'raise', 'none'",
            field="errors",
        )


def _rows(**columns: Iterable[object]) -> Iterable[tuple[object, ...]]:
    for row, values in enumerate(zip_longest(*columns.values(), fillvalue=_END)):
        if _END in values:
            short = [name for name, v in zip(columns, values, strict=True) if v is _END]
            raise CaseReviewError(
                f"{short[0]}: the columns differ in length (it ends at row {row})",
                field=short[0],
            )
        yield values


def _value(value: object) -> Any:
    # Any: the value goes on to a function that validates it and names the field if it is bad.
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def _as_date(value: object) -> date | None:
    if value is None or type(value) is date:
        return value
    if isinstance(value, datetime):
        if value.tzinfo is None and value.time() == datetime.min.time():
            return value.date()
        raise CaseReviewError(
            f"days: {value!r} is a datetime with a time or time zone; pass its calendar date",
            field="days",
        )
    raise CaseReviewError(
        f"days: expected a date, got {type(value).__name__} {value!r}", field="days"
    )


def _in_row(row: int, exc: CaseReviewError) -> CaseReviewError:
    return CaseReviewError(f"row {row}: {exc}", field=exc.field)
