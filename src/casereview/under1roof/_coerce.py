"""Accept a model or its JSON-like mapping at the edge; refuse anything else, naming the field."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from casereview._base import FrozenModel
from casereview.errors import CaseReviewError

__all__ = ["coerce"]

_M = TypeVar("_M", bound=FrozenModel)


def coerce(value: _M | Mapping[str, Any], model: type[_M], *, field: str) -> _M:
    """``value`` as a validated ``model``: a model or a mapping, validated by pydantic.

    A model is validated again: one made with ``model_copy(update=...)`` (or
    ``model_construct``) never was, and may hold a mapping, an empty name or a wrong type; that
    is refused here, with the field named, not met as an ``AttributeError`` deep in a rule.

    >>> from casereview.under1roof.models import Panel
    >>> coerce({"scribe": " Di "}, Panel, field="panel").scribe
    'Di'
    >>> coerce(Panel().model_copy(update={"scribe": ""}), Panel, field="panel")
    Traceback (most recent call last):
    ...
    pydantic_core._pydantic_core.ValidationError: 1 validation error for Panel
    scribe
    ...
    >>> coerce(None, Panel, field="panel")  # type: ignore[arg-type]
    Traceback (most recent call last):
    ...
    casereview.errors.CaseReviewError: panel: expected a Panel or a mapping, got NoneType
    """
    if isinstance(value, model):
        return model.model_validate(value.model_dump(warnings=False))
    if isinstance(value, Mapping):
        return model.model_validate(value)
    msg = f"{field}: expected a {model.__name__} or a mapping, got {type(value).__name__}"
    raise CaseReviewError(msg, field=field)
