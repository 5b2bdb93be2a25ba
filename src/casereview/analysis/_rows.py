"""Each distinct row decided once, the answers mapped back to every row, in order.

Real data has few distinct combinations (a few dozen ISR label triples in a million
incidents), so :func:`decide_rows` calls the rule once per distinct row: for plain columns with
a dict whose misses are answered on first sight, for pandas by factorising each column
(vectorised). ``errors="raise"`` stops at the first bad row without reading the rest;
:func:`settle` applies the other two modes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
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
