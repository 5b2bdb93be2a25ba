"""The input policy: what every public function accepts, decided once.

Every public function and model checks its arguments through these helpers, so the same value
gets the same answer everywhere (``docs/input-policy.md`` states the policy for users):

* **Missing** (:func:`is_missing`): ``None``, a float ``NaN``, pandas' ``NaT`` and ``NA``, and a
  string of only white space. Models store every one of them as ``None`` (a draft with that part
  missing); rules that need the value raise :class:`~casereview.errors.MissingElementError`.
* **Options** (:func:`option`) switch a function's behaviour (``strict=``, ``with_unused=``):
  exactly ``True`` or ``False`` (numpy's bools too). A string is refused, never read as truthy.
* **Flags** (:func:`flag`) are facts about a case (``sentinel_event``): ``True``/``False``, or
  the labels ``"Yes"``/``"No"``/``"True"``/``"False"`` in any case. Nothing else: ``1``, ``"y"``
  and ``"on"`` are refused.
* **Whole numbers** (:func:`whole`): ``int`` or a numpy integer, within documented bounds; never
  a ``bool``, a float or a string.
* **Spans** (:func:`span`): a ``range`` of consecutive whole numbers (years), non-empty and
  within documented bounds, read from its ends only (``range(0, 10**20)`` costs nothing).
* **Collections** (:func:`items`): any iterable but a string, bytes or a mapping, read lazily
  and refused past :data:`MAX_ITEMS` so a huge ``range`` never allocates.
* **Messages** (:func:`shown`) show any value in at most 80 characters, and never fail (Python
  refuses to print an ``int`` of more than 4,300 digits).

Labels (case, white space, hyphens, digits) are parsed by :mod:`casereview._labels`.

>>> shown(10**5000)
'<int of 5001 digits>'
>>> option(True, field="strict"), flag(" yes ", field="sentinel_event")
(True, True)
>>> option("no", field="strict")
Traceback (most recent call last):
...
casereview.errors.CaseReviewError: strict: expected True or False, got str 'no'
>>> whole(5, field="n", low=1, high=4)
Traceback (most recent call last):
...
casereview.errors.CaseReviewError: n: expected a whole number from 1 to 4, got 5
"""

from __future__ import annotations

import itertools
import operator
import re
from collections.abc import Iterable, Mapping, Sized
from datetime import date, datetime
from typing import Any, Final, NoReturn, TypeVar

from casereview.errors import CaseReviewError, MissingElementError, field_name, shown

__all__ = [
    "MAX_ITEMS",
    "MAX_TEXT",
    "choice",
    "day",
    "flag",
    "hashable",
    "is_missing",
    "items",
    "option",
    "optional_flag",
    "refuse",
    "shown",
    "span",
    "text",
    "whole",
]

_T = TypeVar("_T")

MAX_ITEMS: Final = 10_000
"""The most items one list in one record (stakeholders, actions, findings, rows) may hold."""

MAX_TEXT: Final = 100_000
"""The most characters one text field may hold."""

_YMD: Final = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_TRUE: Final = frozenset({"yes", "true"})
_FALSE: Final = frozenset({"no", "false"})


def refuse(field: str, expected: str, value: object) -> NoReturn:
    """Raise the policy's one message: ``field: expected <expected>, got <type> <value>``."""
    raise CaseReviewError(
        f"{field_name(field)}: expected {expected}, got {type(value).__name__} {shown(value)}",
        field=field,
    )


def hashable(value: object) -> bool:
    """Whether Python can hash ``value``.

    Not a list, and not a writable ``memoryview`` either: its type is hashable, but its
    ``hash`` raises ``ValueError``.

    >>> hashable("C-1"), hashable(["C-1"]), hashable(memoryview(bytearray(b"C-1")))
    (True, False, False)
    """
    try:
        hash(value)
    except (TypeError, ValueError):
        return False
    return True


def is_missing(value: object) -> bool:
    """``None``, ``NaN``, pandas ``NaT``/``NA``, or a blank string: a value not given.

    >>> [is_missing(v) for v in (None, float("nan"), "  ", "", 0, "x")]
    [True, True, True, True, False, False]
    """
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, float):
        return value != value
    # pandas' NaT and NA, and numpy's NaN/NaT scalars, without importing either library.
    name = type(value).__name__
    if name in {"NaTType", "NAType"}:
        return True
    if name in {"float64", "float32", "float16", "datetime64", "timedelta64"}:
        try:
            return bool(value != value)
        except Exception:  # pragma: no cover - defensive: exotic array scalars
            return False
    return False


def _is_bool(value: object) -> bool:
    # numpy's bool scalar is ``numpy.bool_`` (numpy 1) or ``numpy.bool`` (numpy 2); numpy is
    # never imported here.
    kind = type(value)
    return isinstance(value, bool) or (
        kind.__module__ == "numpy" and kind.__name__ in {"bool_", "bool"}
    )


def option(value: object, *, field: str) -> bool:
    """A behaviour switch: exactly ``True`` or ``False`` (numpy bools too)."""
    if _is_bool(value):
        return bool(value)
    refuse(field, "True or False", value)


def optional_flag(value: object, *, field: str) -> bool | None:
    """A fact that may be unknown: a :func:`flag`, or ``None`` for a missing value.

    >>> optional_flag(float("nan"), field="clinical_incident") is None
    True
    """
    if is_missing(value):
        return None
    return flag(value, field=field)


def flag(value: object, *, field: str) -> bool:
    """A fact about a case: ``True``/``False`` or ``"Yes"``/``"No"``/``"True"``/``"False"``.

    Labels are read in any case with outer white space ignored. A missing value raises
    :class:`~casereview.errors.MissingElementError`.

    >>> flag("NO", field="x"), flag(False, field="x")
    (False, False)
    """
    if _is_bool(value):
        return bool(value)
    if isinstance(value, str):
        folded = value.strip().casefold()
        if folded in _TRUE:
            return True
        if folded in _FALSE:
            return False
    if is_missing(value):
        raise MissingElementError(field, "expected True or False ('Yes' or 'No')")
    refuse(field, "True or False (or 'Yes'/'No')", value)


def whole(
    value: object,
    *,
    field: str,
    low: int | None = None,
    high: int | None = None,
) -> int:
    """A whole number (``int`` or a numpy integer, never a ``bool``), within ``low``..``high``.

    >>> whole(3, field="n", low=1)
    3
    """
    if _is_bool(value) or isinstance(value, float | str | bytes):
        _out_of_bounds(field, value, low, high)
    try:
        number = operator.index(value)  # type: ignore[arg-type]
    except TypeError:
        _out_of_bounds(field, value, low, high)
    if (low is not None and number < low) or (high is not None and number > high):
        _out_of_bounds(field, number, low, high)
    return number


def _out_of_bounds(field: str, value: object, low: int | None, high: int | None) -> NoReturn:
    if low is not None and high is not None:
        expected = f"a whole number from {low} to {high}"
    elif low is not None:
        expected = f"a whole number >= {low}"
    elif high is not None:
        expected = f"a whole number <= {high}"
    else:
        expected = "a whole number"
    if isinstance(value, int) and not _is_bool(value):
        raise CaseReviewError(
            f"{field_name(field)}: expected {expected}, got {shown(value)}", field=field
        )
    refuse(field, expected, value)


def day(value: object, *, field: str) -> date:
    """A calendar day: a ``date`` or an ISO 8601 ``"YYYY-MM-DD"`` string (not a ``datetime``).

    >>> day("2024-12-09", field="reported_on")
    datetime.date(2024, 12, 9)
    """
    if type(value) is date:
        return value
    if isinstance(value, str):
        stripped = value.strip()
        # Exactly YYYY-MM-DD: Python's fromisoformat also reads week dates ("2024-W49-1").
        if len(stripped) == 10 and _YMD.fullmatch(stripped):
            try:
                return date.fromisoformat(stripped)
            except ValueError:
                pass
    if is_missing(value):
        raise MissingElementError(field, "expected a date (YYYY-MM-DD)")
    if isinstance(value, datetime):
        raise CaseReviewError(
            f"{field_name(field)}: expected a date, got the datetime {shown(value)}; pass .date() "
            "to say which calendar day you mean",
            field=field,
        )
    refuse(field, "a date (datetime.date or 'YYYY-MM-DD')", value)


def text(value: object, *, field: str) -> str | None:
    """A text field: outer white space stripped; blank or missing is ``None``."""
    if is_missing(value):
        return None
    if not isinstance(value, str):
        refuse(field, "text", value)
    if len(value) > MAX_TEXT:
        raise CaseReviewError(
            f"{field_name(field)}: at most {MAX_TEXT:,} characters, got {len(value):,}", field=field
        )
    return value.strip()


def items(value: object, *, field: str, limit: int = MAX_ITEMS) -> tuple[Any, ...]:
    """The items of a collection, read lazily and refused past ``limit`` items.

    A string, bytes or a mapping is not a collection of items here (a common slip: one label
    where a list was meant).

    >>> items(range(3), field="rows")
    (0, 1, 2)
    >>> items("Death", field="rows")
    Traceback (most recent call last):
    ...
    casereview.errors.CaseReviewError: rows: expected a list (not a single string), got str 'Death'
    """
    if isinstance(value, str | bytes | bytearray):
        refuse(field, "a list (not a single string)", value)
    if isinstance(value, Mapping) or not isinstance(value, Iterable):
        refuse(field, "a list", value)
    if isinstance(value, Sized) and _too_long(value, limit):  # refused before reading any
        raise CaseReviewError(f"{field_name(field)}: at most {limit:,} items", field=field)
    taken = tuple(itertools.islice(value, limit + 1))
    if len(taken) > limit:
        raise CaseReviewError(f"{field_name(field)}: at most {limit:,} items", field=field)
    return taken


def _too_long(value: Sized, limit: int) -> bool:
    try:
        return len(value) > limit
    except OverflowError:  # longer than sys.maxsize
        return True
    except TypeError:  # a broken __len__: read it lazily instead
        return False


def choice(value: object, allowed: Iterable[_T], *, field: str) -> _T:
    """One of ``allowed`` (compared with ``==``); otherwise an error listing them.

    >>> choice("none", ("raise", "none", "record"), field="errors")
    'none'
    """
    options = tuple(allowed)
    for candidate in options:
        if type(candidate) is type(value) and candidate == value:
            return candidate
    listed = ", ".join(shown(a) for a in options)
    raise CaseReviewError(
        f"{field_name(field)}: expected one of {listed}; got {shown(value)}", field=field
    )


def span(value: object, *, field: str, within: range, unit: str = "years") -> range:
    """A non-empty ``range`` of consecutive whole numbers inside ``within`` (e.g. years).

    Only the ends are read, so ``range(0, 10**20)`` is refused without being walked.

    >>> span(range(2020, 2031), field="years", within=range(1900, 2201))
    range(2020, 2031)
    >>> span(range(0, 3), field="years", within=range(1900, 2201))
    Traceback (most recent call last):
    ...
    casereview.errors.CaseReviewError: years: expected a range of consecutive years within ...
    """
    expected = f"a range of consecutive {unit} within {within.start}-{within.stop - 1}"
    if (
        not isinstance(value, range)
        or value.step != 1
        or value.start >= value.stop
        or value.start < within.start
        or value.stop > within.stop
    ):
        if isinstance(value, range):
            raise CaseReviewError(
                f"{field_name(field)}: expected {expected}, got {shown(value)}", field=field
            )
        refuse(field, expected, value)
    return value
