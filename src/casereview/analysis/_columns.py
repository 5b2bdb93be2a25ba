"""Columns in: what a column is, row labels, and the errors modes every batch function shares.

* :func:`read_columns` takes lists, tuples, numpy arrays or pandas Series (never a bare string,
  bytes, a mapping or a DataFrame where one column belongs), checks they are equally long and
  share one index; missing values (:func:`casereview._input.is_missing`) are read as such by
  each rule's per-row decision;
* ``errors="raise" | "none" | "record"`` (:data:`ERRORS`): the first bad row raises
  :class:`RowError` naming its index label; ``"none"`` leaves that row missing; ``"record"``
  does the same and returns the errors as well, in :class:`Recorded`, one record per error
  entry (:func:`casereview.trace.error_entries`).

Deciding the rows is :mod:`casereview.analysis._rows`; pandas results are
:mod:`casereview.analysis._frames`. pandas and numpy are never imported here: they are used only
when the caller's data already brought them (``sys.modules``).
"""

from __future__ import annotations

import itertools
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import cached_property
from typing import Any, Final, Generic, Literal, NamedTuple, TypeVar

from pydantic import ValidationError

from casereview._input import choice, day, refuse
from casereview.errors import CaseReviewError, UnknownValueError, shown
from casereview.trace import error_entries

__all__ = [
    "ERRORS",
    "Errors",
    "Recorded",
    "RowError",
    "error_mode",
]

T = TypeVar("T")

Errors = Literal["raise", "none", "record"]
ERRORS: Final[tuple[str, ...]] = ("raise", "none", "record")
"""The three ways a batch function treats a row it cannot answer."""

FAILURES: Final = (CaseReviewError, ValidationError)
"""What a rule raises for bad input; anything else is a bug and propagates."""


_FLOAT_RATING_HINT: Final = (
    "a float is not a rating: read a float ISR column as pandas' nullable Int64, "
    "e.g. df['isr'].astype('Int64')"
)


def hint(cause: Exception) -> str | None:
    """Advice for a column-shaped mistake the rule itself cannot see, or ``None``.

    A whole-number float refused as an ISR comes from a float column (pandas reads an integer
    column with a gap as float64): the rule rightly refuses ``2.0``; the fix is the dtype.
    """
    if isinstance(cause, UnknownValueError) and cause.field == "isr":
        value = cause.value
        if isinstance(value, float) and value.is_integer():
            return _FLOAT_RATING_HINT
    return None


def _said(cause: object) -> str:
    """What ``cause`` says, for a message: never fails (a huge int inside breaks ``str``)."""
    if isinstance(cause, BaseException):
        try:
            return str(cause)
        except Exception:
            return shown(cause)
    return shown(cause)


class RowError(CaseReviewError):
    """A row could not be answered: ``row`` is its index label, ``cause`` the rule's error.

    The message is the rule's, prefixed with the row: ``row 'INC-7': duration is required: ...``,
    and followed by advice where the column's shape is the likely mistake (a float ISR column:
    read it as ``Int64``). ``field`` is the rule's field.
    """

    def __init__(self, row: object, cause: Exception) -> None:
        field = cause.field if isinstance(cause, CaseReviewError) else None
        advice = hint(cause)
        message = f"row {shown(row)}: {_said(cause)}" + ("" if advice is None else f"; {advice}")
        super().__init__(message, field=field)
        self.row = row
        self.cause = cause


class Recorded(NamedTuple, Generic[T]):
    """What a batch function returns with ``errors="record"``: its usual result, and the errors.

    ``errors`` has one record per error entry: ``row`` (the index label), then the keys of
    :class:`casereview.trace.ErrorEntry` (``code``, ``field``, ``message``, ``allowed``) — a
    list of dicts, or a DataFrame when the input was pandas. Unpack it:
    ``isr, errors = isr_column(..., errors="record")``.
    """

    result: T
    errors: Any


def error_mode(errors: object) -> str:
    """``errors`` checked against :data:`ERRORS` (the input policy's :func:`choice`)."""
    return choice(errors, ERRORS, field="errors")


# --------------------------------------------------------------------------- reading columns


def pandas() -> Any:
    """The pandas module if the caller imported it, else ``None``."""
    return sys.modules.get("pandas")


def numpy() -> Any:
    """The numpy module if the caller imported it, else ``None``."""
    return sys.modules.get("numpy")


def is_series(value: object) -> bool:
    """``value`` is a pandas Series (without importing pandas)."""
    pd = pandas()
    return pd is not None and isinstance(value, pd.Series)


def is_frame(value: object) -> bool:
    """``value`` is a pandas DataFrame (without importing pandas)."""
    pd = pandas()
    return pd is not None and isinstance(value, pd.DataFrame)


def is_array(value: object) -> bool:
    """``value`` is a numpy array (without importing numpy)."""
    np = numpy()
    return np is not None and isinstance(value, np.ndarray)


@dataclass
class Columns:
    """Equally long columns as given (``raw``) and their row labels."""

    n: int
    raw: dict[str, Any]
    index: Any
    """The pandas index of the Series given, or ``None`` (the rows are numbered)."""

    @property
    def pandas(self) -> bool:
        """The input was pandas, so the output is too."""
        return self.index is not None

    @cached_property
    def values(self) -> dict[str, list[Any]]:
        """Each column as a list of Python objects."""
        return {name: as_list(column) for name, column in self.raw.items()}

    def label(self, position: int) -> object:
        """The row's index label (its position when there is no index)."""
        if self.index is None:
            return position
        label: object = self.index[position]
        return label.item() if hasattr(label, "item") else label


def _check_column(value: object, field: str) -> None:
    if isinstance(value, str | bytes | bytearray):
        refuse(field, "a column (a list, array or Series), not a single string", value)
    if is_frame(value):
        refuse(field, "a column (a Series such as df['name']), not a whole DataFrame", value)
    if isinstance(value, Mapping) or not isinstance(value, Iterable):
        refuse(field, "a column (a list, array or Series)", value)
    if is_array(value) and getattr(value, "ndim", 1) != 1:
        raise CaseReviewError(
            f"{field}: expected a one-dimensional column, got an array of shape "
            f"{shown(value.shape)}",  # type: ignore[attr-defined]
            field=field,
        )


def as_list(value: Any) -> list[Any]:
    """A column's values as Python objects (pandas' missing markers as ``None``)."""
    if is_series(value):
        if value.dtype.kind == "M":
            values: list[Any] = value.astype(object).tolist()
        elif value.hasnans:
            values = value.astype(object).where(value.notna(), None).tolist()
        else:
            values = value.tolist()
        return values
    if is_array(value):
        if value.dtype.kind == "M":
            value = value.astype("datetime64[us]")
        return list(value.tolist())
    if type(value) is list:
        return value  # read, never changed
    return list(value)


def labels(ids: object, field: str = "ids") -> list[object]:
    """Row labels given by the caller: any iterable but a string, bytes or a mapping."""
    _check_column(ids, field)
    given: Iterable[object] = ids  # type: ignore[assignment]
    try:
        return list(given)
    except OverflowError:
        raise CaseReviewError(f"{field}: too many labels to read", field=field) from None


MAX_ROWS: Final = 10_000_000
"""The most rows one call reads: beyond it, split the data (a bound, so a stray ``range(10**9)``
is refused at once instead of running for minutes)."""


def read_columns(**columns: object) -> Columns:
    """Check and read the columns given (``None`` means the optional column was not given).

    Raises:
        CaseReviewError: a value that is not a column; columns of different lengths; pandas
            Series with different indexes.
    """
    index: Any = None
    index_of: str | None = None
    raw: dict[str, Any] = {}
    n: int | None = None
    first: str | None = None
    for field, column in columns.items():
        if column is None:
            continue
        _check_column(column, field)
        if is_series(column):
            idx = column.index  # type: ignore[attr-defined]
            if index is None:
                index, index_of = idx, field
            elif not idx.equals(index):
                raise CaseReviewError(
                    f"{field}: its index differs from the index of {index_of}; align the "
                    "Series first (they are read row by row, not matched by label)",
                    field=field,
                )
        if not (is_series(column) or is_array(column) or isinstance(column, Sequence)):
            column = list(itertools.islice(column, MAX_ROWS + 1))  # type: ignore[call-overload]
        raw[field] = column
        try:
            length = len(column)  # type: ignore[arg-type]
        except OverflowError:
            length = MAX_ROWS + 1
        if length > MAX_ROWS:
            raise CaseReviewError(
                f"{field}: at most {MAX_ROWS:,} rows in one call; split the data (chunks, or "
                "Dask's map_partitions: docs/analysis.md)",
                field=field,
            )
        if n is None:
            n, first = length, field
        elif length != n:
            raise CaseReviewError(
                f"{field}: the columns differ in length ({field} has {length} rows, "
                f"{first} has {n})",
                field=field,
            )
    return Columns(n=n or 0, raw=raw, index=index)


# --------------------------------------------------------------------------- reading values


def as_day(value: object, field: str) -> date | None:
    """A calendar day from a column value, or ``None`` when missing.

    A ``date``, an ISO ``"YYYY-MM-DD"`` string (the input policy's :func:`~casereview._input.day`),
    or — the one data-frame convention — a ``datetime`` (pandas ``Timestamp``) at exactly
    midnight without a time zone, which is how pandas holds a date column. Any other datetime is
    refused: its calendar day would be a guess.
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        if value.tzinfo is None and value.time() == datetime.min.time():
            return value.date()
        raise CaseReviewError(
            f"{field}: {shown(value)} has a time of day or a time zone; pass its calendar date",
            field=field,
        )
    return day(value, field=field)


def error_records(row: object, error: Exception) -> list[dict[str, Any]]:
    """The long-format error records of one row: ``row`` and each error entry's keys.

    A :func:`hint` is added to the entry's ``message``, as :class:`RowError` adds it.
    """
    advice = hint(error)
    records: list[dict[str, Any]] = [{"row": row, **entry} for entry in error_entries(error)]
    if advice is not None:
        for record in records:
            record["message"] = f"{record['message']}; {advice}"
    return records


ERROR_COLUMNS: Final = ("row", "code", "field", "message", "allowed")


def finish(result: Any, records: list[dict[str, Any]] | None, columns: Columns) -> Any:
    """The result, or ``Recorded(result, errors)`` when errors were recorded."""
    if records is None:
        return result
    return Recorded(result, table(records, ERROR_COLUMNS, pandas_out=columns.pandas))


def table(records: list[dict[str, Any]], keys: Sequence[str], *, pandas_out: bool) -> Any:
    """Records as a DataFrame (with these columns, even when empty) or the list itself."""
    if not pandas_out:
        return records
    pd = pandas()
    return pd.DataFrame.from_records(records, columns=list(keys))
