"""Kentucky CQI over many records: periods under review, monthly caps, and where cycles stand.

* :func:`period_table` — the 12-month period under review of each review date, per row;
* :func:`caps_records` — first-level reviews per FSOS (and regional reviews per region) per
  month, checked against the caps (:func:`casereview.kentucky_cqi.check_caps`);
* :func:`steps_records` — each pull's cycle on one day: which steps are due, overdue, passed,
  upcoming (:func:`casereview.kentucky_cqi.steps_due`).

>>> from datetime import date
>>> period_table([date(2024, 2, 29)])
[{'start': datetime.date(2023, 2, 28), 'end': datetime.date(2024, 2, 29)}]
>>> caps = caps_records(["Adams"] * 5, ["2024-03-04"] * 5)
>>> [(r["fsos"], r["reviews"], r["status"]) for r in caps]
[('Adams', 5, 'over')]
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date
from typing import Any, Final

from casereview._input import day, is_missing, text
from casereview.analysis import _columns as c
from casereview.analysis import _frames as o
from casereview.analysis import _rows as r
from casereview.analysis._columns import Errors
from casereview.calendar import BusinessCalendar
from casereview.errors import CaseReviewError, MissingElementError
from casereview.kentucky_cqi import (
    FIRST_LEVEL_MONTHLY_CAP,
    REGIONAL_MONTHLY_CAP,
    PeriodUnderReview,
    check_caps,
    period_under_review,
    steps_due,
    substitution_decision,
)

__all__ = [
    "CAPS_COLUMNS",
    "STEPS_COLUMNS",
    "SUBSTITUTION_COLUMNS",
    "caps_records",
    "period_table",
    "steps_records",
    "substitution_table",
]

CAPS_COLUMNS: Final = (
    "year",
    "month",
    "level",
    "name",
    "fsos",
    "reviews",
    "cap",
    "status",
    "code",
    "severity",
    "message",
)
"""The keys of :func:`caps_records`; ``fsos`` repeats ``name`` for first-level rows."""

STEPS_COLUMNS: Final = (
    "pull_year",
    "pull_month",
    "step",
    "field",
    "timing",
    "when",
    "status",
    "rule_id",
)
"""The keys of :func:`steps_records`."""


SUBSTITUTION_COLUMNS: Final = ("eligible", "deadline", "refused_by")
"""The columns of :func:`substitution_table`."""


def period_table(review_dates: Iterable[object], *, errors: Errors = "raise") -> Any:
    """``start`` and ``end`` of the period under review of each row's review date.

    A list of dicts, or with pandas a DataFrame of two ``datetime64[ns]`` columns on the input's
    index. A missing review date is an error for that row. ``errors`` as everywhere.
    """
    mode = c.error_mode(errors)
    columns = c.read_columns(review_dates=review_dates)
    if "review_dates" not in columns.raw:
        raise CaseReviewError("review_dates: expected a column, got None", field="review_dates")

    def decide(value: object) -> PeriodUnderReview:
        day = c.as_day(None if is_missing(value) else value, "review_dates")
        if day is None:
            raise MissingElementError("review_dates", "the period ends on the review date")
        return period_under_review(day)

    decided = r.decide_rows(columns, ("review_dates",), decide, mode=mode)
    records = r.settle(decided, mode)
    starts = decided.map(lambda p: p.start)
    ends = decided.map(lambda p: p.end)
    if columns.pandas:
        pd = c.pandas()
        frame = pd.DataFrame(
            {
                "start": o.dates(decided, lambda p: p.start),
                "end": o.dates(decided, lambda p: p.end),
            },
            index=columns.index,
        )
        return c.finish(frame, records, columns)
    rows = [{"start": s, "end": e} for s, e in zip(starts, ends, strict=True)]
    return c.finish(rows, records, columns)


def _month(value: object, field: str) -> tuple[int, int]:
    day = c.as_day(None if is_missing(value) else value, field)
    if day is None:
        raise MissingElementError(field, "each review is counted in its month")
    return day.year, day.month


def _name(value: object, field: str, reason: str) -> str:
    name = text(value, field=field)
    if name is None:
        raise MissingElementError(field, reason)
    return name


def caps_records(
    fsos: Iterable[object],
    month: Iterable[object],
    *,
    region: Iterable[object] | None = None,
    errors: Errors = "raise",
) -> Any:
    """Reviews per FSOS (and per region) per month, checked against the monthly caps.

    One input row is one first-level review: ``fsos`` names its reviewer and ``month`` is any
    day of its month (a date, ``'YYYY-MM-DD'``, a midnight Timestamp). With ``region`` every
    row is also counted as one regional review of that region. One record per (month, FSOS)
    and per (month, region): ``reviews``, ``cap`` (4 or 18), ``status`` (``over``, ``at``,
    ``under`` — under four is the seed's "FSOSes review four" warning; regions are only
    ``over`` or ``within``) and the finding's ``code``/``severity``/``message`` (``None`` when
    there is none). A row with a missing name or month is handled by ``errors``; a row with a
    missing region still counts for its FSOS (only the regional count lacks it, and the
    missing region is the row's error). A list of dicts (:data:`CAPS_COLUMNS`), or a DataFrame
    when given pandas.
    """
    mode = c.error_mode(errors)
    columns = c.read_columns(fsos=fsos, month=month, region=region)
    for name in ("fsos", "month"):
        if name not in columns.raw:
            raise CaseReviewError(f"{name}: expected a column, got None", field=name)
    with_region = "region" in columns.raw

    def decide_first(who: object, when: object) -> tuple[tuple[int, int], str]:
        return _month(when, "month"), _name(who, "fsos", "each review is counted for its FSOS")

    def decide_regional(when: object, where: object) -> tuple[tuple[int, int], str] | None:
        try:
            ym = _month(when, "month")
        except c.FAILURES:  # the first-level count reports the month
            return None
        return ym, _name(where, "region", "each review is counted for its region")

    decided: list[r.Decided[Any]] = [r.decide_rows(columns, ("fsos", "month"), decide_first)]
    if with_region:
        decided.append(r.decide_rows(columns, ("month", "region"), decide_regional))
    failures = sorted(
        (position, side, d.outcomes[int(d.codes[position])])
        for side, d in enumerate(decided)
        for position in d.positions_failed()
    )
    if mode == "raise" and failures:
        position, _, error = failures[0]
        assert isinstance(error, Exception)
        raise c.RowError(columns.label(position), error) from error
    errors_out: list[dict[str, Any]] | None = None
    if mode == "record":
        errors_out = []
        for position, _, error in failures:
            assert isinstance(error, Exception)
            errors_out.extend(c.error_records(columns.label(position), error))
    counters: list[Counter[tuple[tuple[int, int], str]]] = [Counter(), Counter()]
    for counter, d in zip(counters, decided, strict=False):
        for code, count in Counter(int(code) for code in d.codes).items():
            outcome = d.outcomes[code]
            if outcome is not None and not isinstance(outcome, Exception):
                counter[outcome] += count
    first, regional = counters
    out: list[dict[str, Any]] = []
    for ym in sorted({ym for ym, _ in first} | {ym for ym, _ in regional}):
        names = {who: n for (m, who), n in first.items() if m == ym}
        regions = {where: n for (m, where), n in regional.items() if m == ym}
        validation = check_caps(first_level=names, regional=regions)
        by_field = {f.field: f for f in validation.findings}
        for who in sorted(names):
            out.append(
                _caps_row(ym, "first_level", who, names[who], FIRST_LEVEL_MONTHLY_CAP, by_field)
            )
        for where in sorted(regions):
            out.append(
                _caps_row(ym, "regional", where, regions[where], REGIONAL_MONTHLY_CAP, by_field)
            )
    result = c.table(out, CAPS_COLUMNS, pandas_out=columns.pandas)
    return c.finish(result, errors_out, columns)


def _caps_row(
    ym: tuple[int, int], level: str, name: str, reviews: int, cap: int, by_field: dict[Any, Any]
) -> dict[str, Any]:
    finding = by_field.get(f"{level}[{name!r}]")
    if level == "first_level":
        status = "over" if reviews > cap else "at" if reviews == cap else "under"
    else:
        status = "over" if reviews > cap else "within"
    return {
        "year": ym[0],
        "month": ym[1],
        "level": level,
        "name": name,
        "fsos": name if level == "first_level" else None,
        "reviews": reviews,
        "cap": cap,
        "status": status,
        "code": None if finding is None else finding.code,
        "severity": None if finding is None else finding.severity.value,
        "message": None if finding is None else finding.message,
    }


def steps_records(
    pull_months: Iterable[object],
    on: date,
    *,
    calendar: BusinessCalendar | None = None,
    errors: Errors = "raise",
) -> Any:
    """Where the cycle of each distinct pull month stands on ``on``: one record per step.

    ``pull_months`` is any day of each pull's month (repeats are counted once). ``status`` is
    ``due``, ``overdue`` (a "by" deadline already past: overdue unless done), ``passed`` (an
    event already past) or ``upcoming``. A list of dicts (:data:`STEPS_COLUMNS`), or a
    DataFrame when given pandas.
    """
    mode = c.error_mode(errors)
    on = day(on, field="on")
    columns = c.read_columns(pull_months=pull_months)
    if "pull_months" not in columns.raw:
        raise CaseReviewError("pull_months: expected a column, got None", field="pull_months")
    decided = r.decide_rows(
        columns, ("pull_months",), lambda v: _month(v, "pull_months"), mode=mode
    )
    errors_out = r.settle(decided, mode)
    pulls = sorted({o for o in decided.outcomes if not isinstance(o, Exception)})
    out: list[dict[str, Any]] = []
    for year, month in pulls:
        status = steps_due(year, month, on, calendar=calendar)
        for name in ("due", "overdue", "passed", "upcoming"):
            for step in getattr(status, name):
                out.append(
                    {
                        "pull_year": year,
                        "pull_month": month,
                        "step": step.step.value,
                        "field": step.field,
                        "timing": step.timing.value,
                        "when": step.when,
                        "status": name,
                        "rule_id": step.rule_id,
                    }
                )
    out.sort(key=lambda r: (r["pull_year"], r["pull_month"], r["when"]))
    result = c.table(out, STEPS_COLUMNS, pandas_out=columns.pandas)
    return c.finish(result, errors_out, columns)


def substitution_table(
    requests: Iterable[object],
    *,
    ids: Iterable[object] | None = None,
    errors: Errors = "raise",
) -> Any:
    """Whether each substitution request can be accepted (:func:`substitution_decision`).

    ``requests`` is a DataFrame (one request per row, its columns the fields of
    :class:`~casereview.kentucky_cqi.SubstitutionRequest`) or an iterable of mappings or
    requests. One row per request: ``eligible``, ``deadline`` (the 12th of the pull month) and
    ``refused_by`` (the codes of the findings that refuse it, or ``None``). A malformed request
    is handled by ``errors`` as everywhere. A list of dicts, or a DataFrame on the input's
    index.

    >>> rows = substitution_table([{"reason": "Sealed", "requested_on": "2024-03-08",
    ...                             "pull_year": 2024, "pull_month": 3}])
    >>> rows[0]["eligible"], rows[0]["deadline"]
    (True, datetime.date(2024, 3, 12))
    """
    from casereview.analysis.findings import read_records

    mode = c.error_mode(errors)
    labels, rows, pandas_out = read_records(requests, ids)
    out: list[dict[str, Any]] = []
    failures: list[dict[str, Any]] = []
    for label, row in zip(labels, rows, strict=True):
        try:
            decision = substitution_decision(row)  # type: ignore[arg-type]
        except c.FAILURES as exc:
            if mode == "raise":
                raise c.RowError(label, exc) from exc
            failures.extend(c.error_records(label, exc))
            out.append(dict.fromkeys(SUBSTITUTION_COLUMNS))
            continue
        refused = ", ".join(f.code for f in decision.errors)
        out.append(
            {
                "eligible": decision.eligible,
                "deadline": decision.deadline,
                "refused_by": refused or None,
            }
        )
    if pandas_out:
        pd = c.pandas()
        index = getattr(requests, "index", None)
        frame = pd.DataFrame(
            {
                "eligible": pd.Series(
                    pd.array([r["eligible"] for r in out], dtype="boolean"), index=index
                ),
                "deadline": pd.Series(
                    pd.to_datetime([r["deadline"] for r in out]), index=index
                ).astype("datetime64[ns]"),
                "refused_by": pd.Series([r["refused_by"] for r in out], index=index, dtype=object),
            },
            index=index,
        )
        result: Any = frame
    else:
        result = out
    if mode != "record":
        return result
    return c.Recorded(result, c.table(failures, c.ERROR_COLUMNS, pandas_out=pandas_out))
