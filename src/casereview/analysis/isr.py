"""The clinical ISR of every row, from three columns of VHIMS labels (or members).

Each distinct (harm, duration, treatment) triple is derived once with
:func:`casereview.vhims.derive_isr` (real data has a few dozen), so a million rows cost about
what a dict look-up per row costs (``benchmarks/bench_analysis.py``).

>>> isr_column(["Moderate", "Minor", "severe"], ["Temporary", None, "Permanent"],
...            ["Intermediate", float("nan"), None])
[<Isr.MODERATE: 2>, <Isr.MINOR: 3>, <Isr.SEVERE: 1>]
>>> isr_column(["Severe"], [None], [None], errors="none")
[None]
>>> [row["provenance"] for row in isr_table(["Minor", "Death"], [None, None], [None, None])]
['stated', 'inferred']
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Final

from casereview._input import is_missing
from casereview.analysis import _columns as c
from casereview.analysis import _frames as o
from casereview.analysis import _rows as r
from casereview.analysis._columns import Errors
from casereview.errors import CaseReviewError
from casereview.vhims import Isr, IsrResult, LogicMap, derive_isr

__all__ = ["ISR_CATEGORIES", "ISR_TABLE_COLUMNS", "isr_column", "isr_table"]

ISR_CATEGORIES: Final[tuple[str, ...]] = tuple(str(i) for i in Isr)
"""The categories of an ISR column in pandas, most severe first: ``str(Isr.SEVERE)`` ...

Each is the guidance's name, as ``str()`` of the :class:`~casereview.vhims.Isr` gives it:
``ISR 1``, an en dash, ``Severe``.
"""

ISR_TABLE_COLUMNS: Final = (
    "isr",
    "confirmed",
    "provenance",
    "rule_id",
    "path",
    "logic_map",
    "logic_map_digest",
)
"""The columns of :func:`isr_table`."""

_PROVENANCES: Final = ("stated", "secondary", "inferred")


def _elements(logic_map: LogicMap | None) -> Any:
    if logic_map is not None and not isinstance(logic_map, LogicMap):
        raise CaseReviewError(
            "logic_map: expected a LogicMap (LogicMap.default() or LogicMap.from_rows(...)), "
            f"got {type(logic_map).__name__}",
            field="logic_map",
        )

    def decide(harm: object, duration: object, treatment: object) -> IsrResult:
        return derive_isr(
            None if is_missing(harm) else harm,  # type: ignore[arg-type]
            None if is_missing(duration) else duration,  # type: ignore[arg-type]
            None if is_missing(treatment) else treatment,  # type: ignore[arg-type]
            logic_map=logic_map,
        )

    return decide


def _decided(
    harm: object, duration: object, treatment: object, logic_map: LogicMap | None, mode: str
) -> r.Decided[IsrResult]:
    columns = c.read_columns(harm=harm, duration=duration, treatment=treatment)
    if "harm" not in columns.raw:
        raise CaseReviewError("harm: expected a column, got None", field="harm")
    for name in ("duration", "treatment"):
        if name not in columns.raw:  # None: the column is all missing
            columns.raw[name] = [None] * columns.n
    return r.decide_rows(
        columns, ("harm", "duration", "treatment"), _elements(logic_map), mode=mode
    )


def isr_column(
    harm: Iterable[object],
    duration: Iterable[object] | None,
    treatment: Iterable[object] | None,
    *,
    logic_map: LogicMap | None = None,
    errors: Errors = "raise",
) -> Any:
    """The ISR of each row: a list of :class:`~casereview.vhims.Isr`, or with pandas a Series.

    With pandas Series the result is an **ordered categorical** Series on the same index, with
    the categories :data:`ISR_CATEGORIES` (``ISR 1`` first, so sorting and chart
    legends follow severity). ``duration`` or ``treatment`` may be ``None``: not recorded at all.

    ``errors``: ``"raise"`` (default) stops at the first row that cannot be derived with a
    :class:`~casereview.analysis.RowError` naming its index label; ``"none"`` leaves the row
    missing; ``"record"`` leaves it missing and returns ``Recorded(result, errors)``.
    """
    mode = c.error_mode(errors)
    decided = _decided(harm, duration, treatment, logic_map, mode)
    records = r.settle(decided, mode)
    if decided.columns.pandas:
        result = o.categorical(
            decided, lambda r: r.isr.value - 1, ISR_CATEGORIES, ordered=True
        ).rename("isr")
    else:
        result = decided.map(lambda r: r.isr)
    return c.finish(result, records, decided.columns)


def isr_table(
    harm: Iterable[object],
    duration: Iterable[object] | None,
    treatment: Iterable[object] | None,
    *,
    logic_map: LogicMap | None = None,
    errors: Errors = "raise",
) -> Any:
    """The ISR of each row with how sure it is: the columns :data:`ISR_TABLE_COLUMNS`.

    ``confirmed`` is true when the deciding cell is stated by the source; ``provenance`` is the
    cell's (``stated``/``secondary``/``inferred``): the share of results resting on inferred
    cells is ``(table.provenance == "inferred").mean()``. ``logic_map`` names the map
    (``"default"`` for the built-in reconstruction) and ``logic_map_digest`` is its content
    digest. With pandas a DataFrame on the input's index; otherwise a list of
    dicts (all values ``None`` for a row that failed). ``errors`` as in :func:`isr_column`.
    """
    mode = c.error_mode(errors)
    decided = _decided(harm, duration, treatment, logic_map, mode)
    records = r.settle(decided, mode)
    projections: dict[str, Any] = {
        "confirmed": lambda r: r.confirmed,
        "provenance": lambda r: r.provenance.value,
        "rule_id": lambda r: r.rule_id,
        "path": lambda r: r.path,
        "logic_map": lambda r: r.logic_map,
        "logic_map_digest": lambda r: r.logic_map_digest,
    }
    columns = decided.columns
    if columns.pandas:
        pd = c.pandas()
        frame = pd.DataFrame(
            {
                "isr": o.categorical(
                    decided, lambda r: r.isr.value - 1, ISR_CATEGORIES, ordered=True
                ),
                "confirmed": o.booleans(decided, projections["confirmed"]),
                "provenance": o.categorical(
                    decided,
                    lambda r: _PROVENANCES.index(r.provenance.value),
                    _PROVENANCES,
                    ordered=False,
                ),
                "rule_id": o.strings(decided, projections["rule_id"]),
                "path": o.strings(decided, projections["path"]),
                "logic_map": o.strings(decided, projections["logic_map"]),
                "logic_map_digest": o.strings(decided, projections["logic_map_digest"]),
            },
            index=columns.index,
        )
        return c.finish(frame, records, columns)
    empty = dict.fromkeys(ISR_TABLE_COLUMNS)
    per_outcome = decided.per_outcome(
        lambda r: {"isr": r.isr, **{k: f(r) for k, f in projections.items()}}, missing=empty
    )
    rows = [dict(per_outcome[code]) for code in decided.codes]
    return c.finish(rows, records, columns)
