"""Policy what-if: run a dataset under two rule choices and see the rows whose outcome changes.

One shape answers every question, :class:`Comparison`: ``total`` rows, how many ``changed``,
how many could not be answered under either choice (``failed``), the changed ``rows`` (index
label, the context columns, ``before``, ``after``) and their ``counts`` grouped by the context
and the change. Three questions analysts ask:

* :func:`compare_follow_up_rulesets` — CIMS under ``cims-2020`` vs ``cims-2024``: which
  investigations appear or disappear, by incident type;
* :func:`compare_logic_maps` — ISRs under the default logic map vs a loaded one: which
  incidents move between ISR levels, and so between minimum review levels;
* :func:`compare_calendars` — due dates under two calendars (a council that keeps Melbourne
  Cup Day vs one that does not).

>>> from datetime import date
>>> from casereview import BusinessCalendar
>>> cup = date(2024, 11, 5)
>>> result = compare_calendars([date(2024, 10, 28), date(2024, 12, 2)], business_days=21,
...     before=BusinessCalendar.victoria(), after=BusinessCalendar.victoria(remove=[cup]))
>>> result.total, result.changed, result.rows[0]["before"], result.rows[0]["after"]
(2, 1, datetime.date(2024, 11, 27), datetime.date(2024, 11, 26))
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Final

from casereview._input import flag, is_missing, optional_flag, refuse, whole
from casereview.analysis import _columns as c
from casereview.analysis import _rows as r
from casereview.analysis._columns import Errors
from casereview.analysis.due_dates import MAX_BUSINESS_DAYS, _due_one
from casereview.analysis.follow_up import decided_follow_ups
from casereview.analysis.isr import _elements
from casereview.calendar import BusinessCalendar
from casereview.cims import FollowUp
from casereview.errors import CaseReviewError, shown
from casereview.vhims import (
    HarmDuration,
    HarmLevel,
    IsrResult,
    LogicMap,
    TreatmentLevel,
    review_requirement,
)

__all__ = [
    "Comparison",
    "compare_calendars",
    "compare_follow_up_rulesets",
    "compare_logic_maps",
]


@dataclass(frozen=True)
class Comparison:
    """The outcome of one dataset under two rule choices.

    ``total`` rows: ``changed`` (answered under both choices, differently), ``failed`` (could
    not be answered under either choice: an error, handled by ``errors``), ``missing``
    (answered as missing under both, e.g. a missing day's due date, which is not an error), and
    the rest unchanged. ``rows`` holds the changed rows and ``counts`` their number per group.

    ``rows`` and ``counts`` take the input's form: **lists of dicts** for plain columns
    (``result.rows[0]["after"]``), **DataFrames** when the input was pandas
    (``result.rows.iloc[0]["after"]``, ``result.rows.after``; ``result.rows[0]`` would look
    up a column named 0). The keys and the column names are the same. With ``errors="record"``
    the comparison comes as ``Recorded(comparison, errors)``, the error records of the rows
    that failed under either choice, as everywhere in :mod:`casereview.analysis`.

    Plain columns in, lists of dicts out:

    >>> from datetime import date
    >>> from casereview import BusinessCalendar
    >>> vic = BusinessCalendar.victoria()
    >>> no_cup = BusinessCalendar.victoria(remove=[date(2024, 11, 5)])
    >>> days = [date(2024, 10, 28), date(2024, 12, 2), None]
    >>> result = compare_calendars(days, business_days=21, before=vic, after=no_cup)
    >>> result.total, result.changed, result.failed, result.missing
    (3, 1, 0, 1)
    >>> result.rows
    [{'row': 0, 'day': datetime.date(2024, 10, 28), 'before': datetime.date(2024, 11, 27), \
'after': datetime.date(2024, 11, 26), 'shift': -1}]
    >>> result.counts
    [{'shift': -1, 'rows': 1}]

    pandas in, DataFrames out (``row`` is the index label):

    >>> import pandas as pd
    >>> frame = compare_calendars(pd.Series(days, index=["a", "b", "c"]), business_days=21,
    ...                           before=vic, after=no_cup)
    >>> frame.rows[["row", "shift"]].values.tolist(), frame.rows.iloc[0]["after"]
    ([['a', -1]], datetime.date(2024, 11, 26))
    >>> frame.counts.to_dict("records")
    [{'shift': -1, 'rows': 1}]
    """

    before: str
    after: str
    total: int
    changed: int
    failed: int
    rows: Any
    counts: Any
    missing: int = 0


def _compare(
    columns: c.Columns,
    before: Sequence[Any],
    after: Sequence[Any],
    *,
    context: dict[str, Sequence[Any]],
    describe: Callable[[int, Any, Any], dict[str, Any]],
    keys: Sequence[str],
    group: Sequence[str],
    labels: tuple[str, str],
    failures: list[tuple[int, Exception]],
    mode: str,
) -> Any:
    """Rows whose answer differs (both answered), with counts by ``group`` columns.

    ``describe(position, before, after)`` gives a changed row's columns ``keys`` (after ``row``
    and the ``context`` columns); a row that failed under either choice is never compared.
    """
    failures = sorted(_unique(failures), key=lambda item: item[0])
    if mode == "raise" and failures:
        position, error = failures[0]
        raise c.RowError(columns.label(position), error) from error
    failed_positions = {p for p, _ in failures}
    rows: list[dict[str, Any]] = []
    missing = 0
    for position, (b, a) in enumerate(zip(before, after, strict=True)):
        if position in failed_positions:
            continue
        if b is None and a is None:
            missing += 1
            continue
        if b == a:
            continue
        row = {"row": columns.label(position)}
        row.update({name: values[position] for name, values in context.items()})
        row.update(describe(position, b, a))
        rows.append(row)
    counted = Counter(tuple(row[k] for k in group) for row in rows)
    counts = [
        {**dict(zip(group, key, strict=True)), "rows": n}
        for key, n in sorted(counted.items(), key=_sort_key)
    ]
    comparison = Comparison(
        before=labels[0],
        after=labels[1],
        total=columns.n,
        changed=len(rows),
        failed=len(failed_positions),
        rows=c.table(rows, ["row", *context, *keys], pandas_out=columns.pandas),
        counts=c.table(counts, [*group, "rows"], pandas_out=columns.pandas),
        missing=missing,
    )
    if mode != "record":
        return comparison
    records: list[dict[str, Any]] = []
    for position, error in failures:
        records.extend(c.error_records(columns.label(position), error))
    return c.finish(comparison, records, columns)


def _sort_key(item: tuple[tuple[Any, ...], int]) -> tuple[str, ...]:
    return tuple("" if v is None else str(v) for v in item[0])


def _collect(decided: r.Decided[Any], failures: list[tuple[int, Exception]]) -> list[Any]:
    for position in decided.positions_failed():
        error = decided.outcomes[int(decided.codes[position])]
        assert isinstance(error, Exception)
        failures.append((position, error))
    values = decided.map(lambda o: o)
    return list(values)


# --------------------------------------------------------------------------- CIMS rulesets


def _change(before: FollowUp, after: FollowUp) -> str:
    was = before is FollowUp.INVESTIGATION
    now = after is FollowUp.INVESTIGATION
    if now and not was:
        return "investigation appears"
    if was and not now:
        return "investigation disappears"
    if after is FollowUp.UNDETERMINED:
        return "not determined after"
    if before is FollowUp.UNDETERMINED:
        return "determined only after"
    return "follow-up changes"


def compare_follow_up_rulesets(
    impact: Iterable[object],
    incident_type: Iterable[object],
    *,
    subject_of_allegation: Iterable[object] | None = None,
    systemic_factors: Iterable[object] | None = None,
    before: str = "cims-2020",
    after: str = "cims-2024",
    apply_2020_rules: bool = False,
    errors: Errors = "raise",
) -> Any:
    """The incidents whose CIMS follow-up differs between two rulesets, by incident type.

    Each row is decided with ``required_follow_up(..., ruleset=before)`` and ``ruleset=after``;
    ``apply_2020_rules=True`` opts
    the ``cims-2024`` side in to the 2020 review rules. ``rows`` holds each changed
    incident: ``row``, ``incident_type``, ``before``, ``after`` (follow-up labels) and
    ``change``: ``investigation appears`` / ``investigation disappears`` (whatever the other
    side's follow-up), ``not determined after`` (the ``after`` rules held do not decide it),
    ``determined only after``, or ``follow-up changes``; ``counts`` the number of rows per
    ``incident_type`` and ``change``.
    """
    mode = c.error_mode(errors)
    decided = [
        decided_follow_ups(
            impact,
            incident_type,
            subject_of_allegation,
            systemic_factors,
            None,
            None,
            ruleset,
            apply_2020_rules,
        )
        for ruleset in (before, after)
    ]
    columns = decided[0].columns
    failures: list[tuple[int, Exception]] = []
    sides = [_collect(d, failures) for d in decided]
    outcomes = [[None if o is None else o.follow_up for o in side] for side in sides]
    types = [
        None if o is None else o.incident_type.value
        for o in (sides[0][i] or sides[1][i] for i in range(columns.n))
    ]

    def describe(_: int, b: FollowUp, a: FollowUp) -> dict[str, Any]:
        return {"before": b.value, "after": a.value, "change": _change(b, a)}

    return _compare(
        columns,
        outcomes[0],
        outcomes[1],
        context={"incident_type": types},
        describe=describe,
        keys=("before", "after", "change"),
        group=("incident_type", "change"),
        labels=(before, after),
        failures=failures,
        mode=mode,
    )


def _unique(failures: list[tuple[int, Exception]]) -> list[tuple[int, Exception]]:
    seen: dict[int, Exception] = {}
    for position, error in failures:
        seen.setdefault(position, error)
    return list(seen.items())


# --------------------------------------------------------------------------- logic maps


def compare_logic_maps(
    harm: Iterable[object],
    duration: Iterable[object] | None,
    treatment: Iterable[object] | None,
    *,
    after: LogicMap,
    before: LogicMap | None = None,
    sentinel_event: Iterable[object] | None = None,
    system_or_process_issues: Iterable[object] | None = None,
    errors: Errors = "raise",
) -> Any:
    """The incidents whose ISR differs between two logic maps, and their minimum review.

    ``before`` defaults to :meth:`LogicMap.default`. ``rows``: ``row``, ``path`` (the elements
    recorded, as canonical labels: ``"  moderate "`` is ``Moderate``, so rows group by path),
    ``before``/``after`` (ISR 1-4), ``review_before``/``review_after`` (the minimum review
    level, ``None`` where it needs ``system_or_process_issues`` and that is not recorded) and
    ``provenance_after`` (how sure the loaded map's cell is). ``counts``: rows per
    (``before``, ``after``, ``review_before``, ``review_after``). ``sentinel_event`` is read as
    by :func:`~casereview.analysis.review_column`: not given, no row is a sentinel event; given,
    a row's missing value fails that row (handled by ``errors``), never read as ``False``.
    """
    mode = c.error_mode(errors)
    if not isinstance(after, LogicMap):
        refuse("after", "a LogicMap", after)
    columns = c.read_columns(
        harm=harm,
        duration=duration,
        treatment=treatment,
        sentinel_event=sentinel_event,
        system_or_process_issues=system_or_process_issues,
    )
    if "harm" not in columns.raw:
        raise CaseReviewError("harm: expected a column, got None", field="harm")
    given_sentinel = "sentinel_event" in columns.raw
    for name in ("duration", "treatment", "sentinel_event", "system_or_process_issues"):
        columns.raw.setdefault(name, [None] * columns.n)
    names = ("harm", "duration", "treatment")
    failures: list[tuple[int, Exception]] = []
    sides = [
        _collect(r.decide_rows(columns, names, _elements(m)), failures) for m in (before, after)
    ]
    # As review_column: a given sentinel_event column must say, row by row (a sentinel event
    # always needs a root cause analysis, so a missing one is not read as False).
    sentinel = _flags(
        columns.values["sentinel_event"], "sentinel_event", failures, required=given_sentinel
    )
    issues = _flags(
        columns.values["system_or_process_issues"], "system_or_process_issues", failures
    )
    elements = [columns.values[n] for n in names]

    def describe(position: int, b: Any, a: Any) -> dict[str, Any]:
        chosen = sides[1][position]
        return {
            "path": _path(tuple(column[position] for column in elements)),
            "before": int(b),
            "after": int(a),
            "review_before": _review(sides[0][position], sentinel[position], issues[position]),
            "review_after": _review(chosen, sentinel[position], issues[position]),
            "provenance_after": chosen.provenance.value,
        }

    return _compare(
        columns,
        [None if r is None else r.isr for r in sides[0]],
        [None if r is None else r.isr for r in sides[1]],
        context={},
        describe=describe,
        keys=("path", "before", "after", "review_before", "review_after", "provenance_after"),
        group=("before", "after", "review_before", "review_after"),
        labels=("default" if before is None else _name(before), _name(after)),
        failures=failures,
        mode=mode,
    )


def _flags(
    values: Sequence[Any],
    field: str,
    failures: list[tuple[int, Exception]],
    *,
    required: bool = False,
) -> list[Any]:
    """Each row's flag (optional unless ``required``); a bad one is that row's failure."""
    flags: list[bool | None] = []
    read = flag if required else optional_flag
    for position, value in enumerate(values):
        try:
            flags.append(read(value, field=field))
        except CaseReviewError as exc:
            failures.append((position, exc))
            flags.append(None)
    return flags


def _name(logic_map: LogicMap) -> str:
    return logic_map.name


_ELEMENTS: Final = (HarmLevel, HarmDuration, TreatmentLevel)


def _path(elements: tuple[Any, ...]) -> str:
    """The elements recorded, each as its canonical label (``"  moderate "`` is ``Moderate``).

    The row was answered under both maps, so every element given is a label; anything else
    (never expected) is shown as the input policy shows it.
    """
    shown_elements: list[str] = []
    for kind, element in zip(_ELEMENTS, elements, strict=True):
        if is_missing(element):
            continue
        try:
            shown_elements.append(kind.parse(element, field="path").value)
        except CaseReviewError:  # pragma: no cover - derive_isr accepted the row
            shown_elements.append(shown(element))
    return " → ".join(shown_elements)


def _review(result: IsrResult | None, sentinel: bool | None, issues: bool | None) -> str | None:
    if result is None:
        return None
    try:
        return review_requirement(
            result.isr, sentinel_event=bool(sentinel), system_or_process_issues=issues
        ).level.value
    except CaseReviewError:  # ISR 1 without system_or_process_issues: undetermined
        return None


# --------------------------------------------------------------------------- calendars


def compare_calendars(
    days: Iterable[object],
    *,
    business_days: int,
    before: BusinessCalendar,
    after: BusinessCalendar,
    errors: Errors = "raise",
) -> Any:
    """The rows whose due date (``business_days`` after the day) differs between two calendars.

    ``rows``: ``row``, ``day``, ``before``, ``after`` (due dates) and ``shift`` (calendar days,
    ``after - before``); ``counts``: rows per ``shift``. A missing day (``None``, ``NaT``) has
    no due date under either calendar, as in :func:`~casereview.analysis.due_date_column`: it
    is counted in ``missing``, not ``failed`` (a day that is not a calendar day fails).
    """
    mode = c.error_mode(errors)
    n = whole(business_days, field="business_days", low=1, high=MAX_BUSINESS_DAYS)
    for field, calendar in (("before", before), ("after", after)):
        if not isinstance(calendar, BusinessCalendar):
            refuse(field, "a BusinessCalendar", calendar)
    columns = c.read_columns(days=days)
    if "days" not in columns.raw:
        raise CaseReviewError("days: expected a column, got None", field="days")
    failures: list[tuple[int, Exception]] = []
    sides = [
        _collect(
            r.decide_rows(columns, ("days",), lambda v, cal=cal: _due_one(v, n, cal)), failures
        )
        for cal in (before, after)
    ]
    day_values = [_day_or_none(v) for v in columns.values["days"]]

    def describe(_: int, b: date, a: date) -> dict[str, Any]:
        return {"before": b, "after": a, "shift": (a - b).days}

    return _compare(
        columns,
        sides[0],
        sides[1],
        context={"day": day_values},
        describe=describe,
        keys=("before", "after", "shift"),
        group=("shift",),
        labels=(repr(before), repr(after)),
        failures=failures,
        mode=mode,
    )


def _day_or_none(value: object) -> date | None:
    try:
        return c.as_day(None if is_missing(value) else value, "days")
    except CaseReviewError:
        return None
