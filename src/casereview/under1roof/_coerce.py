"""Accept a model or its JSON-like mapping at the edge; refuse anything else, naming the field."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from casereview._base import FrozenModel
from casereview.errors import CaseReviewError

__all__ = ["coerce"]

_M = TypeVar("_M", bound=FrozenModel)


def coerce(value: _M | Mapping[str, Any], model: type[_M], *, field: str) -> _M:
    """``value`` as a ``model``: a model passes through; a mapping is validated by pydantic.

    >>> from casereview.under1roof.models import Panel
    >>> coerce({"scribe": " Di "}, Panel, field="panel").scribe
    'Di'
    >>> coerce(None, Panel, field="panel")  # type: ignore[arg-type]
    Traceback (most recent call last):
    ...
    casereview.errors.CaseReviewError: panel: expected a Panel or a mapping, got NoneType
    """
    if isinstance(value, model):
        return value
    if isinstance(value, Mapping):
        return model.model_validate(value)
    msg = f"{field}: expected a {model.__name__} or a mapping, got {type(value).__name__}"
    raise CaseReviewError(msg, field=field)
