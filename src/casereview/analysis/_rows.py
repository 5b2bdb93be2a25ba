"""Each distinct row decided once, the answers mapped back to every row, in order.

Real data has few distinct combinations (a few dozen ISR label triples in a million
incidents), so :func:`decide_rows` calls the rule once per distinct row: for plain columns with
a dict whose misses are answered on first sight, for pandas by factorising each column
(vectorised). ``errors="raise"`` stops at the first bad row without reading the rest;
:func:`settle` applies the other two modes.

"Distinct" is exact: values that merely compare equal are told apart (``True``, ``1`` and
``1.0``; ``2`` and ``2.0``; ``0.0`` and ``-0.0``; a label and another enum's member spelled the
same), so every row gets the answer the per-row function gives its own values, whatever the
order of the rows (:func:`row_keys`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from math import nan
from typing import Any, Final, Generic, TypeVar

from casereview.analysis._columns import (
    FAILURES,
    Columns,
    RowError,
    error_records,
    is_array,
    is_series,
    numpy,
    pandas,
)
from casereview.errors import CaseReviewError

__all__ = ["Decided", "decide_rows", "settle"]

T = TypeVar("T")


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

_EXACT: Final = frozenset({str, int, bool, type(None), date})
"""Types whose equal values are the same value (``==`` within the type loses nothing)."""

_NAN_KEY: Final = (float, "nan", nan)
"""Every float NaN (missing, whatever its bits) as one key."""


def _exact(kind: type) -> bool:
    return kind in _EXACT or issubclass(kind, Enum)


def value_key(value: object) -> tuple[Any, ...]:
    """A key equal only for values no rule can tell apart; ``key[-1]`` is the value.

    ``(type, value)`` for exact types and enum members; floats also by their ``repr`` (``-0.0``
    is not ``0.0``); naive datetimes also by ``fold``; anything else only as the very object
    (``id``).
    """
    kind = type(value)
    if _exact(kind):
        return (kind, value)
    if kind is float:
        number: float = value  # type: ignore[assignment]
        return _NAN_KEY if number != number else (kind, repr(number), number)
    if isinstance(value, datetime) and value.tzinfo is None:
        return (kind, value.fold, value)
    return (kind, id(value), value)


def row_keys(values: list[Any]) -> tuple[Callable[[], Iterable[Any]], bool]:
    """How to key a column's values exactly: (a fresh iterator of keys, the values are keys).

    A column of one exact type (and missing ``None``) is its own key (the fast path: no work
    per value); a mix of exact types is keyed by ``(type, value)`` at C speed; anything else
    value by value (:func:`value_key`).
    """
    kinds = set(map(type, values))
    if _one_exact_kind(kinds):
        return (lambda: values), True
    if all(map(_exact, kinds)):
        return (lambda: zip(map(type, values), values, strict=True)), False
    return (lambda: map(value_key, values)), False


def _one_exact_kind(kinds: set[type]) -> bool:
    """Values of these types are their own exact keys: one exact type, and ``None``."""
    return len(kinds - {type(None)}) <= 1 and all(map(_exact, kinds))


class _Memo(dict[tuple[Any, ...], int]):
    """Row key -> outcome code; a row not yet seen is answered on first sight (``__missing__``)."""

    def __init__(
        self,
        answer: Callable[[tuple[Any, ...]], int],
        decode: Callable[[tuple[Any, ...]], tuple[Any, ...]],
    ) -> None:
        super().__init__()
        self.answer = answer
        self.decode = decode

    def __missing__(self, key: tuple[Any, ...]) -> int:
        try:
            code = self.answer(self.decode(key))
        except _FirstRowError as first:
            first.key = key
            raise
        if len(self) < _MEMO_LIMIT:
            self[key] = code
        return code


class _FirstRowError(Exception):
    """With ``errors="raise"``: the first distinct row that failed, to stop at once."""

    def __init__(self, row: tuple[Any, ...], code: int, error: Exception) -> None:
        super().__init__()
        self.row, self.code, self.error = row, code, error
        self.key: tuple[Any, ...] | None = None
        self.position: int | None = None


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

    try:
        if columns.pandas and names:
            codes = _factorized(columns, names, answer)
            if codes is not None:
                return Decided(columns, codes, outcomes, frozenset(failed))
            outcomes.clear()
            failed.clear()
        cols = [columns.values[name] for name in names]
        if not cols:
            return Decided(
                columns, [answer(())] * columns.n if columns.n else [], outcomes, frozenset(failed)
            )
        return Decided(
            columns, _memoised(cols, answer, outcomes, failed), outcomes, frozenset(failed)
        )
    except _FirstRowError as first:
        raise RowError(columns.label(first.position or 0), first.error) from first.error


def _memoised(
    cols: list[list[Any]],
    answer: Callable[[tuple[Any, ...]], int],
    outcomes: list[Any],
    failed: set[int],
) -> list[int]:
    """Each row's outcome code, each distinct row (by exact keys) answered once."""
    keyed = [row_keys(col) for col in cols]
    raws = [is_raw for _, is_raw in keyed]

    def keys() -> Iterable[tuple[Any, ...]]:
        return zip(*(make() for make, _ in keyed), strict=True)

    def decode(key: tuple[Any, ...]) -> tuple[Any, ...]:
        return tuple(k if is_raw else k[-1] for k, is_raw in zip(key, raws, strict=True))

    memo = _Memo(answer, key_identity if all(raws) else decode)
    try:
        try:
            return list(map(memo.__getitem__, keys()))
        except _FirstRowError as first:
            first.position = next(i for i, key in enumerate(keys()) if key == first.key)
            raise
    except (TypeError, ValueError) as unhashable:  # a cell Python cannot hash: row by row
        if isinstance(unhashable, CaseReviewError):  # (a writable memoryview raises ValueError)
            raise
        outcomes.clear()
        failed.clear()
        codes = []
        for position, row in enumerate(zip(*cols, strict=True)):
            try:
                codes.append(answer(row))
            except _FirstRowError as first:
                first.position = position
                raise
        return codes


def key_identity(key: tuple[Any, ...]) -> tuple[Any, ...]:
    """The row of a key made of the values themselves."""
    return key


def _factorized(
    columns: Columns, names: Sequence[str], answer: Callable[[tuple[Any, ...]], int]
) -> Any:
    """pandas: the distinct rows by factorising each column (vectorised), or ``None``.

    An object column holding values that compare equal across types is factorised by exact
    keys (:func:`row_keys`); a float column with a negative zero is left to the plain path.
    """
    pd, np = pandas(), numpy()
    raws = [columns.raw[name] for name in names]
    if not all(is_series(r) or is_array(r) for r in raws):
        return None
    targets: list[Any] = []
    decoders: list[bool] = []
    for name, raw in zip(names, raws, strict=True):
        kind = getattr(raw.dtype, "kind", "O")
        if kind == "O":
            is_raw = _one_exact_kind(set(map(type, raw.tolist())))
            if not is_raw:  # read as the plain path reads it (NaN as None), exactly keyed
                make, is_raw = row_keys(columns.values[name])
            if not is_raw:
                raw = np.fromiter(make(), dtype=object, count=columns.n)
        elif kind == "f":
            floats = raw.to_numpy(dtype="float64", na_value=np.nan) if is_series(raw) else raw
            if bool((np.signbit(floats) & (floats == 0)).any()):
                return None
            is_raw = True
        else:
            is_raw = True
        targets.append(raw)
        decoders.append(is_raw)
    try:
        factors = [pd.factorize(t, use_na_sentinel=True) for t in targets]
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
    uniques_lists = [
        _plain(uniques) if is_raw else [key[-1] for key in uniques.tolist()]
        for (_, uniques), is_raw in zip(factors, decoders, strict=True)
    ]
    for key in distinct.tolist():
        row = []
        for (_, uniques), size, plain in zip(factors, sizes, uniques_lists, strict=True):
            digit = (key // size) % (len(uniques) + 1) - 1
            row.append(None if digit < 0 else plain[digit])
        try:
            answer(tuple(row))
        except _FirstRowError as first:
            first.position = int(np.argmax(row_codes == first.code))
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
