"""The base for every casereview model, and the one way records enter a rule.

Every model is frozen, refuses unknown fields, hashes by value and serialises to JSON. Every
function that takes a record passes it through :func:`validated` first.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, model_validator

from casereview.errors import CaseReviewError

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
    )

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


def validated(value: object, model: type[_M], *, field: str) -> _M:
    """``value`` as a fully validated ``model``: an instance, or a mapping of its fields (JSON).

    An instance is validated again, nested models included: one made with
    ``model_copy(update=...)`` or ``model_construct`` never was, and may hold a raw label, a
    mapping or an empty name. That is refused here by pydantic, naming the field, rather than met
    as an ``AttributeError`` deep inside a rule.

    >>> from casereview.actions import Action
    >>> validated({"responsible": " Team leader "}, Action, field="action").responsible
    'Team leader'
    >>> validated(Action().model_copy(update={"responsible": ""}), Action, field="action")
    Traceback (most recent call last):
    ...
    pydantic_core._pydantic_core.ValidationError: 1 validation error for Action
    responsible
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
        return model.model_validate(value.model_dump(warnings=False))
    if isinstance(value, Mapping):
        return model.model_validate(value)
    article = "an" if model.__name__[0] in "AEIOU" else "a"
    raise CaseReviewError(
        f"{field}: expected {article} {model.__name__} or a mapping of its fields, "
        f"got {type(value).__name__}",
        field=field,
    )
