"""pandas results on the input's index: categoricals, nullable booleans, text, datetime64."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from casereview.analysis._columns import Columns, numpy, pandas
from casereview.analysis._rows import Decided

__all__ = ["booleans", "categorical", "dates", "series", "strings"]


def series(values: Any, columns: Columns, *, dtype: Any = None, name: str | None = None) -> Any:
    """A pandas Series on the input's index."""
    pd = pandas()
    return pd.Series(values, index=columns.index, dtype=dtype, name=name)


def categorical(
    decided: Decided[Any],
    category_of: Callable[[Any], int],
    categories: Sequence[str],
    *,
    ordered: bool,
) -> Any:
    """A categorical Series: each outcome's category code (-1 for a failed row)."""
    pd = pandas()
    per_outcome = [-1 if isinstance(o, Exception) else category_of(o) for o in decided.outcomes]
    codes = decided.take(per_outcome, dtype="int8") if len(decided.codes) else []
    dtype = pd.CategoricalDtype(list(categories), ordered=ordered)
    values = pd.Categorical.from_codes(codes, dtype=dtype)
    return pd.Series(values, index=decided.columns.index)


def booleans(decided: Decided[Any], project: Callable[[Any], bool | None]) -> Any:
    """A nullable boolean Series (``<NA>`` for a failed row)."""
    pd = pandas()
    values = decided.map(project)
    return pd.Series(pd.array(values, dtype="boolean"), index=decided.columns.index)


def strings(decided: Decided[Any], project: Callable[[Any], str | None]) -> Any:
    """An object Series of text (``None`` for a failed row)."""
    pd = pandas()
    return pd.Series(decided.map(project), index=decided.columns.index, dtype=object)


def dates(decided: Decided[Any], project: Callable[[Any], date | None]) -> Any:
    """A ``datetime64[ns]`` Series of each row's projected date (``NaT`` where missing)."""
    np = numpy()
    per_outcome = [
        np.datetime64("NaT") if d is None else np.datetime64(d, "D")
        for d in decided.per_outcome(project)
    ]
    values = decided.take(per_outcome, dtype="datetime64[D]") if len(decided.codes) else []
    return series(
        np.asarray(values, dtype="datetime64[D]").astype("datetime64[ns]"), decided.columns
    )
