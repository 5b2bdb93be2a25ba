"""The JSON formats every surface shares: one error shape (and, with it, the result shape).

The command line, the HTTP service and the analysis helpers never invent their own: a refusal
of any kind, a pydantic :class:`~pydantic.ValidationError` from a model or a
:class:`~casereview.errors.CaseReviewError` from a function, becomes the same JSON object.

``format`` is versioned: ``casereview.error/1``. Each entry of ``errors`` names the ``field``
as the caller wrote it (``actions[0].responsible``), a ``code``, the ``message``, and the
``allowed`` values where the field takes one of a list:

>>> from casereview.vhims import derive_isr
>>> try:
...     derive_isr("Serious")
... except ValueError as exc:
...     error = error_json(exc)
>>> error["format"], error["errors"][0]["code"], error["errors"][0]["field"]
('casereview.error/1', 'unknown_value', 'harm')
>>> error["errors"][0]["allowed"][:2]
['Death', 'Serious Sexual Safety Event']
"""

from __future__ import annotations

from typing import Any, Final, TypedDict

from pydantic import ValidationError

from casereview.errors import CaseReviewError, MissingElementError, UnknownValueError

__all__ = ["ERROR_FORMAT", "ErrorEntry", "error_entries", "error_json", "field_path"]

ERROR_FORMAT: Final = "casereview.error/1"
"""The version of the error shape; a change of shape changes the number."""


class ErrorEntry(TypedDict):
    """One thing wrong with the input."""

    code: str
    """``missing``, ``unknown_value``, ``invalid`` or, from a model, ``invalid.<pydantic type>``."""
    field: str | None
    """The field or parameter at fault, as the caller named it (``actions[0].responsible``)."""
    message: str
    allowed: list[str] | None
    """The allowed values, when the field takes one of a list."""


def field_path(loc: tuple[int | str, ...] | list[int | str]) -> str | None:
    """A pydantic error location as the caller writes it.

    >>> field_path(("actions", 0, "responsible"))
    'actions[0].responsible'
    >>> field_path(()) is None
    True
    """
    path = ""
    for part in loc:
        if isinstance(part, int):
            path += f"[{part}]"
        else:
            path += f".{part}" if path else str(part)
    return path or None


def error_entries(exc: BaseException) -> list[ErrorEntry]:
    """The entries of :func:`error_json` for ``exc``."""
    if isinstance(exc, ValidationError):
        return [_pydantic_entry(error) for error in exc.errors()]
    if isinstance(exc, UnknownValueError):
        return [
            ErrorEntry(
                code="unknown_value",
                field=exc.field,
                message=str(exc),
                allowed=[str(a) for a in exc.allowed],
            )
        ]
    code = "missing" if isinstance(exc, MissingElementError) else "invalid"
    field = exc.field if isinstance(exc, CaseReviewError) else None
    return [ErrorEntry(code=code, field=field, message=str(exc), allowed=None)]


def error_json(exc: BaseException) -> dict[str, Any]:
    """The one JSON error object for a refusal: ``{"format": ..., "errors": [...]}``."""
    return {"format": ERROR_FORMAT, "errors": error_entries(exc)}


def _pydantic_entry(error: Any) -> ErrorEntry:
    kind = str(error.get("type", "invalid"))
    field = field_path(tuple(error.get("loc", ())))
    message = str(error.get("msg", "invalid"))
    if field:
        message = f"{field}: {message}"
    if kind == "missing":
        return ErrorEntry(code="missing", field=field, message=message, allowed=None)
    allowed = _allowed(error)
    code = "unknown_value" if allowed is not None else f"invalid.{kind}"
    return ErrorEntry(code=code, field=field, message=message, allowed=allowed)


def _allowed(error: Any) -> list[str] | None:
    # A label refused inside a model: pydantic's "enum" error, or our UnknownValueError raised
    # by a validator (pydantic keeps it in ctx["error"]).
    ctx = error.get("ctx") or {}
    cause = ctx.get("error")
    if isinstance(cause, UnknownValueError):
        return [str(a) for a in cause.allowed]
    if error.get("type") == "enum" and isinstance(ctx.get("expected"), str):
        return _split_expected(ctx["expected"])
    return None


def _split_expected(expected: str) -> list[str]:
    # pydantic writes "'A', 'B' or 'C'"; labels never contain "', '" or "' or '".
    text = expected.strip()
    parts: list[str] = []
    for chunk in text.split("', '"):
        parts.extend(chunk.split("' or '"))
    return [part.strip("'") for part in parts]
