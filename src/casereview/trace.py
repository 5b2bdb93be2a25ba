"""The JSON formats every surface shares: one result shape and one error shape.

The command line, the HTTP service and the analysis helpers never invent their own. A decision's
result becomes :func:`result_json` (``casereview.trace/1``); a refusal of any kind, a pydantic
:class:`~pydantic.ValidationError` from a model or a :class:`~casereview.errors.CaseReviewError`
from a function, becomes :func:`error_json` (``casereview.error/1``).

**Results** are generic over the rulebooks' pydantic result models: ``outcome`` is the model's
``model_dump(mode="json")`` as it is, so a field a rulebook adds appears without this module
changing; the rest is gathered from it wherever it occurs (nested results included): every
``rule_id`` and finding ``code`` (``rule_ids``), every finding, every citation (once each, with
its provenance), every ``ruleset``, the ``logic_map`` and ``logic_map_digest``, and the
``holidays_version`` of a calendar result:

>>> from casereview.vhims import derive_isr
>>> result = result_json(derive_isr("Moderate", "Temporary", "Intermediate"), decision="isr")
>>> result["format"], result["decision"], result["outcome"]["isr"]
('casereview.trace/1', 'isr', 2)
>>> result["rule_ids"], result["citations"][0]["provenance"]
(['vhims.isr.path.moderate-temporary-intermediate'], 'stated')

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

import json
from collections.abc import Iterator, Mapping
from typing import Any, Final, TypedDict

from pydantic import BaseModel, ValidationError

from casereview.errors import CaseReviewError, MissingElementError, UnknownValueError

__all__ = [
    "ERROR_FORMAT",
    "RESULT_FORMAT",
    "ErrorEntry",
    "error_entries",
    "error_json",
    "field_path",
    "result_json",
]

ERROR_FORMAT: Final = "casereview.error/1"
"""The version of the error shape; a change of shape changes the number."""

RESULT_FORMAT: Final = "casereview.trace/1"
"""The version of the result shape; a change of shape changes the number."""


def result_json(
    result: BaseModel | Mapping[str, Any] | bool | str | int | float | None,
    *,
    decision: str | None = None,
    inputs: BaseModel | Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """The one JSON result object for a decision's ``result`` (``casereview.trace/1``).

    ``result`` is a rulebook's result model (or an already JSON-able value); ``decision`` names
    the decision (``"isr"``, ``"follow-up"``...); ``inputs`` are the inputs *as understood*
    (a validated request model, so labels appear as the source writes them).

    Keys, always present: ``format``, ``decision``, ``inputs``, ``outcome``, ``rule_ids``,
    ``findings``, ``citations``, ``rulesets``, ``logic_map`` (``{"name", "digest"}`` or
    ``None``) and ``versions`` (``casereview``, and ``holidays`` for calendar results, else
    ``None``). ``docs/formats.md`` gives the JSON Schema.
    """
    from casereview import __version__

    outcome = _plain(result)
    rule_ids: dict[str, None] = {}
    findings: list[Any] = []
    citations: dict[str, Any] = {}
    rulesets: dict[str, Any] = {}
    logic_map: dict[str, Any] | None = None
    holidays_version: str | None = None
    for key, value in _walk(outcome):
        if key == "rule_id" and isinstance(value, str):
            rule_ids.setdefault(value)
        elif key == "findings" and isinstance(value, list):
            for finding in value:
                findings.append(finding)
                if isinstance(finding, dict) and isinstance(finding.get("code"), str):
                    rule_ids.setdefault(finding["code"])
        elif key in ("citations", "citation"):
            for citation in value if isinstance(value, list) else [value]:
                if isinstance(citation, dict):
                    citations.setdefault(json.dumps(citation, sort_keys=True), citation)
        elif key == "ruleset" and value is not None:
            rulesets.setdefault(json.dumps(value, sort_keys=True), value)
        elif key == "logic_map" and isinstance(value, str):
            logic_map = {"name": value, "digest": (logic_map or {}).get("digest")}
        elif key == "logic_map_digest" and isinstance(value, str):
            logic_map = {"name": (logic_map or {}).get("name"), "digest": value}
        elif key == "holidays_version" and isinstance(value, str):
            holidays_version = value
    return {
        "format": RESULT_FORMAT,
        "decision": decision,
        "inputs": _plain(inputs) if inputs is not None else None,
        "outcome": outcome,
        "rule_ids": list(rule_ids),
        "findings": findings,
        "citations": list(citations.values()),
        "rulesets": list(rulesets.values()),
        "logic_map": logic_map,
        "versions": {"casereview": __version__, "holidays": holidays_version},
    }


def _plain(value: object) -> Any:
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def _walk(value: object) -> Iterator[tuple[str, Any]]:
    """Every (key, value) pair of a JSON tree, depth first, parents before children."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield key, item
            yield from _walk(item)
    elif isinstance(value, list):
        for item in value:
            yield from _walk(item)


class ErrorEntry(TypedDict):
    """One thing wrong with the input."""

    code: str
    """``missing``, ``unknown_value``, ``not_rated`` (a logic map leaves the input unrated),
    ``invalid`` or, from a model's own type check, ``invalid.<pydantic type>``."""
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
    code = "missing" if isinstance(exc, MissingElementError) else _code(exc)
    field = exc.field if isinstance(exc, CaseReviewError) else None
    return [ErrorEntry(code=code, field=field, message=str(exc), allowed=None)]


def _code(exc: BaseException) -> str:
    from casereview.vhims import NotRatedError

    return "not_rated" if isinstance(exc, NotRatedError) else "invalid"


def error_json(exc: BaseException) -> dict[str, Any]:
    """The one JSON error object for a refusal: ``{"format": ..., "errors": [...]}``."""
    return {"format": ERROR_FORMAT, "errors": error_entries(exc)}


_PYDANTIC_WORDING: Final = {
    "tuple_type": "expected a list",
    "list_type": "expected a list",
    "frozen_set_type": "expected a list",
    "set_type": "expected a list",
    "dict_type": "expected an object",
    "model_type": "expected an object",
    "model_attributes_type": "expected an object",
}
"""Pydantic messages that speak Python, in the JSON caller's words."""


def _own_entry(cause: CaseReviewError, field: str | None) -> ErrorEntry:
    # One of our errors raised by a validator inside a model: its own code and message, the
    # field as the caller wrote it (the full path), without pydantic's "Value error, " prefix.
    (entry,) = error_entries(cause)
    message = entry["message"]
    if field and cause.field and field != cause.field:
        for sep in (": ", " is required: "):
            if message.startswith(cause.field + sep):
                message = field + message[len(cause.field) :]
                break
    if field and not message.startswith(field):
        message = f"{field}: {message}"
    return ErrorEntry(code=entry["code"], field=field, message=message, allowed=entry["allowed"])


def _pydantic_entry(error: Any) -> ErrorEntry:
    kind = str(error.get("type", "invalid"))
    field = field_path(tuple(error.get("loc", ())))
    cause = (error.get("ctx") or {}).get("error")
    if isinstance(cause, CaseReviewError):
        return _own_entry(cause, field or cause.field)
    message = _PYDANTIC_WORDING.get(kind) or str(error.get("msg", "invalid"))
    if field:
        message = f"{field}: {message}"
    if kind == "missing":
        return ErrorEntry(code="missing", field=field, message=message, allowed=None)
    allowed = _allowed(error)
    if allowed is not None and kind == "enum":
        # One wording for an unknown label, whether the enum or our parser refused it.
        message = str(UnknownValueError(field or "value", error.get("input"), allowed))
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
