"""The rulebook's edge: a model, or a mapping of its fields, validated before any rule runs."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeVar

from pydantic import BaseModel

from casereview.errors import CaseReviewError

_Model = TypeVar("_Model", bound=BaseModel)


def as_model(value: object, model: type[_Model], *, field: str) -> _Model:
    """``value`` validated as ``model``.

    A mapping of the model's fields is validated; an instance is validated again, because one
    made with ``model_copy(update=...)`` never was. Anything else is refused naming ``field``.

    Raises:
        pydantic.ValidationError: the fields are malformed (the error names the field).
        CaseReviewError: ``value`` is neither a ``model`` nor a mapping.
    """
    if isinstance(value, model | Mapping):
        return model.model_validate(dict(value))
    raise CaseReviewError(
        f"{field}: expected a {model.__name__} or a mapping of its fields, "
        f"got {type(value).__name__}",
        field=field,
    )
