"""Columns in, one answer per row out: the machinery every batch function shares.

* :func:`read_columns` takes lists, tuples, numpy arrays or pandas Series (never a bare string,
  bytes, a mapping or a DataFrame where one column belongs), checks they are equally long and
  share one index, and turns every missing value (:func:`casereview._input.is_missing`) into
  ``None``;
* :func:`decide_rows` answers each *distinct* row once (real data has few distinct label
  combinations) and maps the answers back to the rows, in order;
* ``errors="raise" | "none" | "record"`` (:data:`ERRORS`) is handled here, once, for every
  function: the first bad row raises :class:`RowError` naming its index label; ``"none"`` puts
  a missing value in that row; ``"record"`` does the same and returns the errors as well, in
  :class:`Recorded`, one record per error entry (:func:`casereview.trace.error_entries`).

pandas and numpy are never imported here: they are used only when the caller's data already
brought them (``sys.modules``).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import cached_property
from typing import Any, Final, Generic, Literal, NamedTuple, TypeVar

from pydantic import ValidationError

from casereview._input import choice, day, refuse
from casereview.errors import CaseReviewError, shown
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


class RowError(CaseReviewError):
    """A row could not be answered: ``row`` is its index label, ``cause`` the rule's error.

    The message is the rule's, prefixed with the row: ``row 'INC-7': duration is required: ...``.
    ``field`` is the rule's field.
    """

    def __init__(self, row: object, cause: Exception) -> None:
        field = cause.field if isinstance(cause, CaseReviewError) else None
        super().__init__(f"row {shown(row)}: {cause}", field=field)
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
            column = list(column)  # type: ignore[call-overload]
        raw[field] = column
        try:
            length = len(column)  # type: ignore[arg-type]
        except OverflowError:
            raise CaseReviewError(f"{field}: too many rows to read", field=field) from None
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


# --------------------------------------------------------------------------- deciding rows


@dataclass
class Decided(Generic[T]):
    """Each row's answer as an index into ``outcomes`` (one per distinct row).

    ``codes`` is a list, or a numpy array when the input was pandas.
    """

    columns: Columns
    codes: Any
    outcomes: list[T | Exception]
    failed: frozenset[int]
    """The codes whose outcome is an error."""

    def positions_failed(self) -> list[int]:
        """The positions of the rows that failed, in order."""
        if not self.failed:
            return []
        if is_array(self.codes):
            np = numpy()
            return [int(i) for i in np.flatnonzero(np.isin(self.codes, list(self.failed)))]
        failed = self.failed
        return [i for i, c in enumerate(self.codes) if c in failed]

    def first_failure(self) -> tuple[int, Exception] | None:
        """The first failing row (position, error), or ``None``."""
        if not self.failed:
            return None
        position = self.positions_failed()[0]
        error = self.outcomes[int(self.codes[position])]
        assert isinstance(error, Exception)
        return position, error

    def per_outcome(self, project: Callable[[T], Any], missing: Any = None) -> list[Any]:
        """``project`` of each outcome (``missing`` for an error)."""
        return [missing if isinstance(o, Exception) else project(o) for o in self.outcomes]

    def map(self, project: Callable[[T], Any], missing: Any = None) -> Any:
        """One projected value per row (``missing`` for a failed row).

        A list, or an object array when the input was pandas.
        """
        values = self.per_outcome(project, missing)
        if is_array(self.codes):
            return self.take(values, dtype=object)
        return list(map(values.__getitem__, self.codes))

    def take(self, per_outcome: Sequence[Any], dtype: Any = None) -> Any:
        """numpy: ``per_outcome`` (one value per outcome) taken for every row."""
        np = numpy()
        codes = np.asarray(self.codes, dtype=np.intp)
        table = np.empty(len(per_outcome), dtype=dtype) if dtype is object else None
        if table is not None:
            table[:] = per_outcome
        else:
            table = np.asarray(per_outcome, dtype=dtype)
        return table[codes]


_MEMO_LIMIT: Final = 100_000
"""Distinct rows remembered; past this many, further new rows are answered but not kept."""


class _Memo(dict[tuple[Any, ...], int]):
    """Row -> outcome code; a row not yet seen is answered on first sight (``__missing__``)."""

    def __init__(self, answer: Callable[[tuple[Any, ...]], int]) -> None:
        super().__init__()
        self.answer = answer

    def __missing__(self, row: tuple[Any, ...]) -> int:
        code = self.answer(row)
        if len(self) < _MEMO_LIMIT:
            self[row] = code
        return code


class _FirstRowError(Exception):
    """With ``errors="raise"``: the first distinct row that failed, to stop at once."""

    def __init__(self, row: tuple[Any, ...], code: int, error: Exception) -> None:
        super().__init__()
        self.row, self.code, self.error = row, code, error


def decide_rows(
    columns: Columns,
    names: Sequence[str],
    decide: Callable[..., T],
    *,
    mode: str = "none",
) -> Decided[T]:
    """Call ``decide(*row)`` once per distinct row of the ``names`` columns, in row order.

    With ``mode="raise"`` the first row that fails raises :class:`RowError` at once (a column
    of garbage is refused as fast as its first bad row is read).
    """
    outcomes: list[T | Exception] = []
    failed: set[int] = set()

    def answer(row: tuple[Any, ...]) -> int:
        try:
            outcome: T | Exception = decide(*row)
        except FAILURES as exc:
            if mode == "raise":
                raise _FirstRowError(row, len(outcomes), exc) from exc
            outcome = exc
            failed.add(len(outcomes))
        outcomes.append(outcome)
        return len(outcomes) - 1

    cols = [columns.values[name] for name in names] if not columns.pandas else []
    try:
        if columns.pandas and names:
            codes = _factorized(columns, names, answer)
            if codes is not None:
                return Decided(columns, codes, outcomes, frozenset(failed))
            outcomes.clear()
            failed.clear()
        cols = [columns.values[name] for name in names]
        rows: Iterable[tuple[Any, ...]] = zip(*cols, strict=True) if cols else [()] * columns.n
        memo = _Memo(answer)
        try:
            codes = list(map(memo.__getitem__, rows))
        except TypeError:  # an unhashable cell: answer row by row
            outcomes.clear()
            failed.clear()
            rows = zip(*cols, strict=True) if cols else [()] * columns.n
            codes = [answer(row) for row in rows]
    except _FirstRowError as first:
        position = first.position if hasattr(first, "position") else _position(cols, first.row)
        raise RowError(columns.label(position), first.error) from first.error
    return Decided(columns, codes, outcomes, frozenset(failed))


def _position(cols: Sequence[Sequence[Any]], row: tuple[Any, ...]) -> int:
    """The first position holding ``row`` (the row that failed first)."""
    for position, candidate in enumerate(zip(*cols, strict=True)):
        if all(_same(a, b) for a, b in zip(candidate, row, strict=True)):
            return position
    return 0  # pragma: no cover - the row came from these columns


def _same(a: object, b: object) -> bool:
    if a is b:
        return True
    try:
        return bool(a == b)
    except Exception:  # pd.NA and other values without a truth value
        return False


def _factorized(
    columns: Columns, names: Sequence[str], answer: Callable[[tuple[Any, ...]], int]
) -> Any:
    """pandas: the distinct rows by factorising each column (vectorised), or ``None``."""
    pd, np = pandas(), numpy()
    raws = [columns.raw[name] for name in names]
    if not all(is_series(r) or is_array(r) for r in raws):
        return None
    try:
        factors = [pd.factorize(r, use_na_sentinel=True) for r in raws]
    except TypeError:  # unhashable cells
        return None
    combined = np.zeros(columns.n, dtype=np.int64)
    sizes: list[int] = []
    multiplier = 1
    for codes, uniques in factors:
        combined += (codes.astype(np.int64) + 1) * multiplier
        sizes.append(multiplier)
        multiplier *= len(uniques) + 1
        if multiplier > 2**62:
            return None
    row_codes, distinct = pd.factorize(combined)
    uniques_lists = [_plain(uniques) for _, uniques in factors]
    for key in distinct.tolist():
        row = []
        for (_, uniques), size, plain in zip(factors, sizes, uniques_lists, strict=True):
            digit = (key // size) % (len(uniques) + 1) - 1
            row.append(None if digit < 0 else plain[digit])
        try:
            answer(tuple(row))
        except _FirstRowError as first:
            first.position = int(np.argmax(row_codes == first.code))  # type: ignore[attr-defined]
            raise
    return row_codes


def _plain(uniques: Any) -> list[Any]:
    if getattr(uniques, "dtype", None) is not None and uniques.dtype.kind == "M":
        return list(uniques.astype(object))
    return list(uniques.tolist()) if hasattr(uniques, "tolist") else list(uniques)


def settle(decided: Decided[Any], mode: str) -> list[dict[str, Any]] | None:
    """Apply the errors mode: raise for the first failure, or return the error records.

    Returns ``None`` unless ``mode == "record"``.
    """
    if mode == "raise":
        first = decided.first_failure()
        if first is not None:
            position, error = first
            raise RowError(decided.columns.label(position), error) from error
        return None
    if mode == "none":
        return None
    records: list[dict[str, Any]] = []
    for position in decided.positions_failed():
        error = decided.outcomes[decided.codes[position]]
        assert isinstance(error, Exception)
        records.extend(error_records(decided.columns.label(position), error))
    return records


def error_records(row: object, error: Exception) -> list[dict[str, Any]]:
    """The long-format error records of one row: ``row`` and each error entry's keys."""
    return [{"row": row, **entry} for entry in error_entries(error)]


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


# --------------------------------------------------------------------------- pandas output


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
