"""The base for every casereview model, and the one way records enter a rule.

Every model is frozen, refuses unknown fields, hashes by value and serialises to JSON. Every
function that takes a record passes it through :func:`validated` first.

Before pydantic sees a record, the input policy (:mod:`casereview._input`) is applied once, here,
for every model:

* a missing value (``None``, ``NaN``, ``NaT``, ``pd.NA``, a blank string) in a field that may be
  left out becomes ``None``: a form's empty box is a draft with that part missing, reported by
  the rulebook's ``validate_*`` as a finding, not a refusal; in a required field, ``NaN``,
  ``NaT`` and ``pd.NA`` become ``None`` too, which pydantic refuses as missing;
* a ``bool`` field takes ``True``/``False`` or ``"Yes"``/``"No"``/``"True"``/``"False"`` in any
  case (:func:`~casereview._input.flag`), and nothing else (pydantic alone would take ``1``,
  ``"y"`` and ``"on"``);
* numpy scalars become the Python values they hold (``numpy.int64(3)`` is ``3``);
* a list field is read lazily and refused past :data:`~casereview._input.MAX_ITEMS` items.

>>> from casereview.actions import Action
>>> Action(description="   ", responsible=float("nan")).description is None
True
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping
from functools import cache
from typing import Any, Optional, TypeVar

from pydantic import BaseModel, ConfigDict, ValidationInfo, field_validator, model_validator

from casereview._input import MAX_ITEMS, flag, is_missing
from casereview.errors import CaseReviewError, field_name

__all__ = ["FrozenModel", "validated"]

_M = TypeVar("_M", bound=BaseModel)


class FrozenModel(BaseModel):
    """Immutable pydantic model that refuses unknown fields.

    Results and records are values: they compare and hash by content and never change after
    construction, so they are safe to cache and share between threads.
    """

    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        str_strip_whitespace=True,
        validate_default=False,
        use_enum_values=False,
        # A model instance given as a field value is validated again, like any other value: one
        # made with ``model_copy(update=...)`` was never validated and may hold anything.
        revalidate_instances="always",
    )

    def __repr__(self) -> str:
        # An instance made without validation (``model_copy(update=...)``) may hold values its
        # computed fields cannot use; its repr (which pydantic's error messages show) must not
        # fail because of that.
        try:
            return super().__repr__()
        except Exception:
            return f"<{type(self).__name__} made without validation>"

    @field_validator("*", mode="before")
    @classmethod
    def _apply_input_policy(cls, value: Any, info: ValidationInfo) -> Any:
        name = info.field_name
        if value is None or name is None:
            return value
        if is_missing(value) and (name in _optional_fields(cls) or not isinstance(value, str)):
            # A required field's NaN/NaT/pd.NA is None too, so pydantic refuses it as missing
            # (it would otherwise meet pandas' NaT, a datetime, and fail inside).
            return None
        if _is_numpy_scalar(value):
            value = value.item()
        if name in _flag_fields(cls):
            return flag(value, field=name)
        if _is_collection(value):
            return _bounded(name, value)
        return value

    @model_validator(mode="before")
    @classmethod
    def _accept_consistent_computed_fields(cls, data: Any) -> Any:
        # Computed fields (``Validation.ok``) are in the JSON but derived: a model reads its own
        # JSON back, accepting each one only when it agrees with the fields it is derived from.
        # (``cls.model_computed_fields`` is a plain property on pydantic 2.0; this works on 2.x.)
        computed = cls.__pydantic_decorators__.computed_fields
        if not computed or not isinstance(data, dict) or computed.keys().isdisjoint(data):
            return data
        data = dict(data)
        claimed = {name: data.pop(name) for name in computed if name in data}
        model = cls.model_validate(data)
        for name, value in claimed.items():
            actual = getattr(model, name)
            if value != actual or type(value) is not type(actual):
                msg = f"{name}: {value!r} contradicts the other fields (which make it {actual!r})"
                raise ValueError(msg)
        return data


@cache
def _optional_fields(cls: type[BaseModel]) -> frozenset[str]:
    """The fields of ``cls`` that a draft may leave out (their default is ``None``)."""
    return frozenset(
        name
        for name, field in cls.model_fields.items()
        if not field.is_required() and field.default is None
    )


@cache
def _flag_fields(cls: type[BaseModel]) -> frozenset[str]:
    """The fields of ``cls`` that hold a ``bool`` (or ``bool | None``)."""
    return frozenset(
        name
        for name, field in cls.model_fields.items()
        if field.annotation in (bool, bool | None, Optional[bool])  # noqa: UP045
    )


def _is_numpy_scalar(value: object) -> bool:
    return (
        type(value).__module__ == "numpy"
        and hasattr(value, "item")
        and not hasattr(value, "__len__")
    )


def _is_collection(value: object) -> bool:
    return isinstance(value, Iterable) and not isinstance(
        value, str | bytes | bytearray | Mapping | BaseModel
    )


def _bounded(name: str, value: Iterable[Any]) -> Any:
    if isinstance(value, list | tuple) and len(value) <= MAX_ITEMS:
        return value
    taken = tuple(itertools.islice(value, MAX_ITEMS + 1))
    if len(taken) > MAX_ITEMS:
        raise ValueError(f"{name}: at most {MAX_ITEMS:,} items")
    return taken


def _raw(value: object) -> object:
    """A model's field values as plain data, without serialising (which may fail on bad data)."""
    if isinstance(value, BaseModel):
        return {name: _raw(item) for name, item in value.__dict__.items()}
    if isinstance(value, list | tuple):
        return type(value)(_raw(item) for item in value)
    return value


def validated(value: object, model: type[_M], *, field: str) -> _M:
    """``value`` as a fully validated ``model``: an instance, or a mapping of its fields (JSON).

    An instance is validated again, nested models included: one made with
    ``model_copy(update=...)`` or ``model_construct`` never was, and may hold a raw label, a
    mapping or an empty name. That is refused here by pydantic, naming the field, rather than met
    as an ``AttributeError`` deep inside a rule.

    >>> from casereview.actions import Action
    >>> validated({"responsible": " Team leader "}, Action, field="action").responsible
    'Team leader'
    >>> validated(Action().model_copy(update={"target_date": "soon"}), Action, field="action")
    Traceback (most recent call last):
    ...
    pydantic_core._pydantic_core.ValidationError: 1 validation error for Action
    target_date
    ...
    >>> validated(None, Action, field="action")
    Traceback (most recent call last):
    ...
    casereview.errors.CaseReviewError: action: expected an Action or a mapping of its fields, ...

    Raises:
        pydantic.ValidationError: the fields are malformed (the error names the field).
        CaseReviewError: ``value`` is neither a ``model`` nor a mapping; names ``field``.
    """
    if isinstance(value, model):
        return model.model_validate(_raw(value))
    if isinstance(value, Mapping):
        return model.model_validate(value)
    article = "an" if model.__name__[0] in "AEIOU" else "a"
    raise CaseReviewError(
        f"{field_name(field)}: expected {article} {model.__name__} or a mapping of its fields, "
        f"got {type(value).__name__}",
        field=field,
    )
