"""Hypothesis strategies: adversarial values, and valid ones guided by each parameter's type.

Every value is cheap to build and safe to hold: huge collections are lazy (``range(10**20)``,
an endless generator is never offered), huge ints are single objects.
"""

from __future__ import annotations

import enum
import inspect
import types
import typing
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from typing import Any

from hypothesis import strategies as st
from pydantic import BaseModel

from tests.fuzz.api import public_classes
from tests.fuzz.pool import POOL


def _power(exponent: int) -> int:
    magnitude: int = 10 ** abs(exponent)
    return magnitude if exponent > 0 else -magnitude


class Hostile:
    """An object whose ``repr`` fails: messages must survive it (``shown`` does)."""

    def __repr__(self) -> str:
        raise RuntimeError("hostile repr")


HUGE = 10**5000

_SPECIAL_INTS = [0, 1, -1, 2, 3, 4, 5, 10, 21, 99, 2**31, 2**63, -(2**63), 10**20]
_SPECIAL_FLOATS = [0.0, -0.0, 1.0, 4.0, 1.5, float("nan"), float("inf"), float("-inf"), 1e308]
_SPECIAL_STRINGS = [
    "",
    " ",
    "   ",
    "\t\n",
    "\u00a0",
    "0",
    "1",
    "4",
    "-1",
    "¹",
    "٤",
    "四",
    "1_000",
    "Ⅳ",
    "x",
    "yes",
    "no",
    "Yes",
    "NO",
    "true",
    "False",
    "y",
    "on",
    "none",
    "None",
    "null",
    "NaN",
    "2024-12-09",
    "2024-02-30",
    " 2024-12-09 ",
    "2024-12-09T10:00",
    "0001-01-01",
    "9999-12-31",
    "99999-01-01",
    "20241209",
    "__class__",
    "HolidayBase",
    "AU",
    "VIC",
    "US",
    "KY",
    "au",
    "ZZ",
    "raise",
    "none",
    "record",
    "cims-2020",
    "cims-2024",
    "default",
    "\x00",
    "💥",
    "a" * 1000,
    "{}",
    "[]",
    '{"a": 1}',
    "harm,isr\nMinor,3\n",
    "Death",
    "Severe",
    "Minor",
    "No harm",
]
_SPECIAL_DATES = [
    date(2024, 12, 9),
    date(2024, 11, 5),
    date(2024, 9, 27),
    date(2024, 12, 25),
    date(2020, 2, 3),
    date(2024, 12, 8),
    date(1989, 12, 31),
    date(1990, 1, 1),
    date(2060, 12, 31),
    date(2061, 1, 1),
    date.min,
    date.max,
    date(1, 1, 1),
    date(9999, 12, 31),
]
_SPECIAL_DATETIMES = [
    datetime(2024, 12, 9),
    datetime(2024, 12, 9, 10, 30),
    datetime.min,
    datetime.max,
    datetime(2024, 12, 9, 10, tzinfo=UTC),
    datetime(2024, 4, 7, 2, 30),
]
_RANGES = [
    range(0),
    range(3),
    range(0, 3),
    range(1, 10000),
    range(0, 10**20),
    range(2024, 2025),
    range(1990, 2061),
    range(2060, 1990, -1),
    range(2000, 2030, 2),
    range(-5, 5),
    range(10**8),
]


@cache
def enum_classes() -> tuple[type[enum.Enum], ...]:
    """Every public enum of the API."""
    return tuple(c for c in public_classes().values() if issubclass(c, enum.Enum))


def _labels() -> st.SearchStrategy[object]:
    members = [m for cls in enum_classes() for m in cls]
    if not members:
        return st.nothing()
    member = st.sampled_from(members)
    return st.one_of(
        member,
        member.map(lambda m: m.value),
        member.map(lambda m: m.name),
        member.map(lambda m: f"  {str(m.value).upper()}  "),
    )


def _model_copy_with_junk(index: int, junk: object) -> object:
    models = POOL.models()
    if not models:
        return None
    model = models[index % len(models)]
    fields = list(type(model).model_fields)
    if not fields:
        return model
    field = fields[(index // len(models)) % len(fields)]
    return model.model_copy(update={field: junk})


def _dumped(index: int) -> object:
    models = POOL.models()
    if not models:
        return {}
    try:
        return models[index % len(models)].model_dump()
    except Exception:
        return {}


@cache
def scalars() -> st.SearchStrategy[object]:
    """Single adversarial values of every kind."""
    return st.one_of(
        st.none(),
        st.sampled_from(_SPECIAL_INTS),
        st.sampled_from([5000, -5000, 4301]).map(_power),  # built when drawn: repr-safe
        st.integers(min_value=-(10**6), max_value=10**6),
        st.sampled_from(_SPECIAL_FLOATS),
        st.floats(allow_nan=True, allow_infinity=True),
        st.booleans(),
        st.sampled_from(_SPECIAL_STRINGS),
        st.text(max_size=20),
        _labels(),
        st.sampled_from(_SPECIAL_DATES),
        st.dates(),
        st.sampled_from(_SPECIAL_DATETIMES),
        st.sampled_from(
            [
                timedelta(0),
                timedelta(days=1),
                timedelta(days=-1),
                timedelta.max,
                timedelta.min,
                time(10, 0),
            ]
        ),
        st.sampled_from(_RANGES),
        st.sampled_from(
            [
                b"Minor",
                bytearray(b"x"),
                object(),
                Ellipsis,
                1j,
                frozenset({1}),
                {1, 2},
                type,
                int,
                print,
            ]
        ),
    )


@cache
def adversarial() -> st.SearchStrategy[object]:
    """Any adversarial value: scalars, containers of them, pool instances, junk copies."""
    base = scalars()
    return st.one_of(
        base,
        st.lists(base, max_size=4),
        st.lists(base, max_size=3).map(tuple),
        st.lists(base, max_size=3).map(iter),
        st.dictionaries(
            st.one_of(st.text(max_size=10), _labels(), st.integers()), base, max_size=3
        ),
        st.integers(min_value=0).map(POOL.any),
        st.integers(min_value=0).map(_dumped),
        st.builds(_model_copy_with_junk, st.integers(min_value=0), base),
    )


def for_annotation(annotation: object, depth: int = 0) -> st.SearchStrategy[object]:
    """Valid-looking values for a type annotation (mixed with junk at every level)."""
    if depth > 3 or annotation in (inspect.Parameter.empty, Any, object):
        return adversarial()
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin in (typing.Union, types.UnionType):
        return st.one_of(*(for_annotation(a, depth + 1) for a in args))
    if origin is typing.Literal:
        return st.sampled_from(args) if args else adversarial()
    if origin is typing.Annotated:
        return for_annotation(args[0], depth + 1)
    if origin in (tuple, list, set, frozenset, Sequence, Iterable, typing.Collection):
        inner = args[0] if args and args[0] is not Ellipsis else Any
        return st.lists(for_annotation(inner, depth + 1), max_size=4).map(
            tuple if origin is tuple else list
        )
    if origin in (dict, Mapping):
        key = args[0] if args else str
        value = args[1] if len(args) > 1 else Any
        keys = for_annotation(key, depth + 1).filter(_hashable)
        return st.dictionaries(keys, for_annotation(value, depth + 1), max_size=3)
    if origin is not None and isinstance(origin, type) and issubclass(origin, Callable):  # type: ignore[arg-type]
        return adversarial()
    if annotation is type(None):
        return st.none()
    if not isinstance(annotation, type):
        return adversarial()
    return _for_class(annotation, depth)


def _for_class(cls: type, depth: int) -> st.SearchStrategy[object]:
    if issubclass(cls, enum.Enum):
        members = list(cls)
        if not members:
            return adversarial()
        return st.one_of(
            st.sampled_from(members),
            st.sampled_from([m.value for m in members]),
            st.sampled_from([f" {str(m.value).lower()} " for m in members]),
        )
    if cls is bool:
        return st.booleans()
    if cls is int:
        return st.one_of(st.integers(min_value=-3, max_value=40), st.integers(2000, 2030))
    if cls is float:
        return st.floats(min_value=0, max_value=100)
    if cls is str:
        return st.one_of(
            st.text(min_size=1, max_size=12), _labels().filter(lambda v: isinstance(v, str))
        )
    if cls is datetime:
        return st.datetimes(min_value=datetime(2015, 1, 1), max_value=datetime(2035, 12, 31))
    if cls is date:
        return st.dates(min_value=date(2015, 1, 1), max_value=date(2035, 12, 31))
    if cls is timedelta:
        return st.timedeltas(min_value=timedelta(days=-400), max_value=timedelta(days=400))
    if cls is range:
        return st.builds(lambda a, n: range(a, a + n), st.integers(2000, 2030), st.integers(1, 5))
    if issubclass(cls, BaseModel):
        held = st.integers(min_value=0).map(lambda i: POOL.pick(cls, i))
        return st.one_of(
            held,
            held.map(lambda m: m.model_dump() if m is not None else {}),
            _model_kwargs(cls, depth),
        )
    if cls.__module__.startswith("casereview"):
        return st.integers(min_value=0).map(lambda i: POOL.pick(cls, i))
    return adversarial()


def _model_kwargs(cls: type[BaseModel], depth: int) -> st.SearchStrategy[object]:
    fields = {}
    for name, info in cls.model_fields.items():
        fields[name] = for_annotation(info.annotation, depth + 1)
    required = [n for n, i in cls.model_fields.items() if i.is_required()]
    optional = [n for n in fields if n not in required]
    return st.builds(
        lambda req, opt: {**req, **opt},
        st.fixed_dictionaries({n: fields[n] for n in required}),
        st.fixed_dictionaries({}, optional={n: fields[n] for n in optional}),
    )


def _hashable(value: object) -> bool:
    try:
        hash(value)
    except Exception:
        return False
    return True


def _dataframe_values() -> list[object]:
    """numpy scalars and pandas' missing markers, when those optional packages are installed."""
    values: list[object] = []
    try:
        import numpy as np

        values += [np.int64(3), np.int64(-1), np.float64("nan"), np.bool_(True), np.str_("Minor")]
        values += [np.datetime64("NaT"), np.datetime64("2024-12-09")]
    except ImportError:  # pragma: no cover - depends on the environment
        pass
    try:
        import pandas as pd

        values += [pd.NA, pd.NaT, pd.Timestamp("2024-12-09")]
    except ImportError:  # pragma: no cover - depends on the environment
        pass
    return values


def special_values() -> list[object]:
    """The hand-picked hostile values, each of which the sweep gives to every parameter."""
    return [
        *_dataframe_values(),
        None,
        memoryview(bytearray(b"Minor")),  # a hashable type whose hash raises ValueError
        *_SPECIAL_INTS,
        10**5000,
        -(10**5000),
        10**4301,
        *_SPECIAL_FLOATS,
        *_SPECIAL_STRINGS,
        *_SPECIAL_DATES,
        *_SPECIAL_DATETIMES,
        *_RANGES,
        True,
        False,
        (),
        [],
        {},
        [None],
        [10**5000],
        ["", " "],
        [float("nan")],
        {"": None},
        b"Minor",
        object(),
        timedelta.max,
        iter([1, 2]),
    ]


def short_special_values() -> list[object]:
    """The sweep's values for the short profile (``make test``): one of each kind of trouble."""
    return [
        None,
        memoryview(bytearray(b"Minor")),
        10**5000,
        -1,
        0,
        float("nan"),
        float("inf"),
        True,
        "",
        " ",
        "¹",
        "٤",
        "x",
        "2024-12-09",
        date.max,
        datetime(2024, 12, 9, 10, 30),
        range(0, 10**20),
        range(10**8),
        [],
        [None],
        {},
        object(),
        b"x",
    ]


@cache
def specials() -> st.SearchStrategy[object]:
    """The hand-picked hostile values, drawn often enough that every parameter meets them."""
    return st.one_of(
        st.sampled_from(
            [
                None,
                *_SPECIAL_INTS,
                *_SPECIAL_FLOATS,
                *_SPECIAL_STRINGS,
                *_SPECIAL_DATES,
                *_SPECIAL_DATETIMES,
                *_RANGES,
                True,
                False,
                (),
                [],
                {},
            ]
        ),
        st.sampled_from([5000, -5000, 4301]).map(_power),
        st.sampled_from([[None], ["", " "], [float("nan")], {"": None}]),
        st.just(5000).map(lambda e: [_power(e)]),  # built when drawn: repr-safe
    )


_CACHE: dict[object, st.SearchStrategy[object]] = {}


def for_parameter(annotation: object) -> st.SearchStrategy[object]:
    """A parameter's value: guided by its annotation, adversarial, or a hand-picked special."""
    try:
        return _CACHE[annotation]
    except KeyError:
        strategy = _CACHE[annotation] = _parameter(annotation)
        return strategy
    except TypeError:  # an unhashable annotation
        return _parameter(annotation)


def _parameter(annotation: object) -> st.SearchStrategy[object]:
    # Each kind gets a third of the draws: ``.map`` keeps one_of from flattening the branches
    # into one long list (where the specials would be one branch among dozens).
    return st.one_of(
        for_annotation(annotation).map(_same), adversarial().map(_same), specials().map(_same)
    )


def _same(value: object) -> object:
    return value
