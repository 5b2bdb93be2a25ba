"""JSON Schemas that tell the truth: what each schema allows is what the code accepts.

The models are forgiving at the edge (``casereview._labels``, ``casereview._input``): a label in
any case, with outer white space and inner runs of white space, typographic quotes, or the
member's name (``"NO_HARM"``); a flag as ``true``/``false`` or ``"Yes"``/``"No"``/``"True"``/
``"False"`` in any case; a blank string for a field that may be left out. Pydantic's default
schemas list only the exact labels and booleans. :class:`TruthfulJsonSchema` widens them, for
input models only (outputs always carry the exact labels):

* a label enum: ``anyOf`` the exact labels and a string ``pattern`` that matches exactly the
  spellings the enum parses (each letter as a class of every character that case-folds to it,
  white space as the characters Python treats as white space); ECMA-262 syntax, no flags;
* a flag: ``anyOf`` a boolean and a string pattern for the four words;
* a field that may be left out: also a blank string (read as not given);
* a required text (``min_length=1``): not blank (text is stripped before its length counts).

>>> schema = json_schema("IsrRequest")
>>> sorted(schema["$defs"]["HarmLevel"]["anyOf"][0]["enum"])[:2]
['Death', 'Minor']
>>> import re
>>> pattern = schema["$defs"]["HarmLevel"]["anyOf"][1]["pattern"]
>>> bool(re.search(pattern, "  no   HARM ")), bool(re.search(pattern, "NO_HARM"))
(True, True)
>>> bool(re.search(pattern, "no harms"))
False
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from functools import cache
from typing import Any, Final

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaMode, JsonSchemaValue
from pydantic_core import core_schema

from casereview._aliases import AliasedLabelEnum
from casereview._labels import _DASHES, LabelEnum, label_key
from casereview.errors import UnknownValueError

__all__ = [
    "ERROR_SCHEMA",
    "RESULT_SCHEMA",
    "TruthfulJsonSchema",
    "json_schema",
    "model_names",
    "schemas",
]

_DIALECT: Final = "https://json-schema.org/draft/2020-12/schema"


@cache
def _whitespace(extra: str = "") -> str:
    """A character class of what ``str.split()`` and ``str.strip()`` treat as white space.

    ``extra`` adds characters read as white space too (hyphens and en dashes, for aliases).
    """
    spaces = [chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()]
    return "[" + "".join(_escape(c) for c in (*spaces, *extra)) + "]"


@cache
def _folds() -> dict[str, tuple[str, ...]]:
    """Case-folded text -> every single character that folds to it, as ``label_key`` reads it.

    Typographic quotes count as plain quotes, typographic dashes and the minus sign as ``-``.
    """
    table: dict[str, list[str]] = {}
    quotes = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        folded = char.translate(quotes).translate(_DASHES).casefold()
        if folded and len(folded) <= 3 and folded.isascii():
            table.setdefault(folded, []).append(char)
    return {k: tuple(v) for k, v in table.items()}


def _escape(char: str) -> str:
    if char.isascii() and char.isalnum():
        return char
    code = ord(char)
    if code > 0xFFFF:  # pragma: no cover - no astral character folds to ASCII
        raise ValueError("astral characters cannot be written in an ECMA-262 class without /u")
    return f"\\u{code:04x}"


def _word_pattern(word: str) -> str:
    """A pattern for every spelling whose case fold is ``word`` (a folded word, no spaces)."""
    folds = _folds()

    @cache
    def tail(i: int) -> str:
        if i == len(word):
            return ""
        single = "[" + "".join(_escape(c) for c in folds.get(word[i], (word[i],))) + "]"
        choices = [single + tail(i + 1)]
        for size in (2, 3):
            piece = word[i : i + size]
            if len(piece) == size and piece in folds:
                multi = "".join(_escape(c) for c in folds[piece])
                choices.append(f"[{multi}]" + tail(i + size))
        return choices[0] if len(choices) == 1 else "(?:" + "|".join(choices) + ")"

    return tail(0)


def _spelling_pattern(
    texts: Iterator[str] | tuple[str, ...], *, fold_inner: bool, separators: str = ""
) -> str:
    """An anchored pattern for every spelling that normalises to one of ``texts``.

    ``separators`` are characters read as white space (and so folded with it).
    """
    ws = _whitespace(separators)
    alternatives = []
    for text in dict.fromkeys(label_key(t) for t in texts):
        words = text.split(" ") if fold_inner else [text]
        alternatives.append(f"{ws}+".join(_word_pattern(w) for w in words))
    return f"^{ws}*(?:" + "|".join(alternatives) + f"){ws}*$"


def label_pattern(enum: type[LabelEnum]) -> str:
    """The pattern of every spelling ``enum`` parses: its labels and member names.

    An :class:`~casereview._aliases.AliasedLabelEnum` also parses its documented aliases, and
    reads hyphens and en dashes as white space (``"first-level"`` is ``"first level"``). In a
    label itself every typographic dash reads as ``-`` (``"Self\u2014harm"`` is ``"Self-harm"``),
    as :func:`~casereview._labels.label_key` reads it.
    """
    exact = _spelling_pattern((*(m.value for m in enum), *(m.name for m in enum)), fold_inner=True)
    if issubclass(enum, AliasedLabelEnum):
        from casereview._aliases import _everything

        aliased = _spelling_pattern(tuple(_everything(enum)), fold_inner=True, separators="-\u2013")
        return f"(?:{aliased})|(?:{exact})"
    return exact


@cache
def flag_pattern() -> str:
    """The pattern of the strings a flag takes: yes/no/true/false, any case, outer spaces."""
    # ``flag`` strips and case-folds, but does not fold inner white space (the words have none).
    return _spelling_pattern(("yes", "no", "true", "false"), fold_inner=False)


@cache
def blank_pattern() -> str:
    """The pattern of a blank string (only white space): a field left out."""
    return f"^{_whitespace()}*$"


def _widen(schema: JsonSchemaValue, alternative: JsonSchemaValue) -> JsonSchemaValue:
    meta: dict[str, Any] = {
        k: schema[k] for k in ("title", "description", "default") if k in schema
    }
    rest = {k: v for k, v in schema.items() if k not in meta}
    options = list(rest["anyOf"]) if list(rest) == ["anyOf"] else [rest]
    return {**meta, "anyOf": [*options, alternative]}


class TruthfulJsonSchema(GenerateJsonSchema):
    """Pydantic's schema generator, widened to what the input policy accepts (validation mode)."""

    def enum_schema(self, schema: core_schema.EnumSchema) -> JsonSchemaValue:
        """A label enum: its exact labels, or any spelling it parses."""
        base = super().enum_schema(schema)
        cls = schema["cls"]
        if self.mode != "validation" or not issubclass(cls, LabelEnum):
            return base
        return _widen(base, {"type": "string", "pattern": label_pattern(cls)})

    def bool_schema(self, schema: core_schema.BoolSchema) -> JsonSchemaValue:
        """A flag: a boolean, or yes/no/true/false in any case."""
        base = super().bool_schema(schema)
        if self.mode != "validation":
            return base
        return _widen(base, {"type": "string", "pattern": flag_pattern()})

    def str_schema(self, schema: core_schema.StringSchema) -> JsonSchemaValue:
        """Text is stripped before its length is checked: a required text is not blank."""
        base = super().str_schema(schema)
        if self.mode == "validation" and base.get("minLength") == 1 and "pattern" not in base:
            base["pattern"] = f"[^{_whitespace()[1:-1]}]"
        return base

    def default_schema(self, schema: core_schema.WithDefaultSchema) -> JsonSchemaValue:
        """A field that may be left out (default ``None``) also takes a blank string."""
        base = super().default_schema(schema)
        if self.mode != "validation" or "default" not in schema or schema["default"] is not None:
            return base
        return _widen(base, {"type": "string", "pattern": blank_pattern()})


# ---------------------------------------------------------------------------- the models


def _models() -> dict[str, tuple[type[BaseModel], JsonSchemaMode]]:
    from casereview import cims, evaluate, kentucky_cqi, under1roof, vhims
    from casereview.decisions import DECISIONS
    from casereview.findings import Citation, Finding, Validation

    found: dict[str, tuple[type[BaseModel], JsonSchemaMode]] = {}
    for name, decision in DECISIONS.items():
        found[f"request.{name}"] = (decision.request_model(), "validation")
    inputs: dict[str, tuple[type[BaseModel], ...]] = {
        "cims": (cims.ClientIncident, cims.CaseReviewReport),
        "vhims": (vhims.ClinicalIncident, evaluate.VhimsIncident),
        "kentucky_cqi": (kentucky_cqi.SubstitutionRequest, kentucky_cqi.ReviewRecord),
        "under1roof": (under1roof.Panel, under1roof.PanelMember, under1roof.ReviewRecord),
    }
    outputs: dict[str, tuple[type[BaseModel], ...]] = {
        "core": (Citation, Finding, Validation),
        "cims": (cims.FollowUpDecision, cims.CaseReviewDue, cims.ExtensionDecision),
        "vhims": (
            vhims.IsrResult,
            vhims.ReviewRequirement,
            vhims.LogicMapRow,
            vhims.SentinelEventDeadlines,
            vhims.DutyOfCandourDeadlines,
        ),
        "kentucky_cqi": (
            kentucky_cqi.SubstitutionDecision,
            kentucky_cqi.MonthlySchedule,
            kentucky_cqi.PeriodUnderReview,
        ),
        "evaluate": (
            evaluate.SapseResult,
            evaluate.CimsEvaluation,
            evaluate.VhimsEvaluation,
        ),
    }
    for group, models in inputs.items():
        for model in models:
            found[f"{group}.{model.__name__}"] = (model, "validation")
    for group, models in outputs.items():
        for model in models:
            found.setdefault(f"{group}.{model.__name__}", (model, "serialization"))
    return found


@cache
def _registry() -> dict[str, tuple[type[BaseModel], JsonSchemaMode]]:
    return _models()


def model_names() -> tuple[str, ...]:
    """The names :func:`json_schema` takes (``request.isr``, ``vhims.IsrResult``, ``result``...).

    ``request.*`` are the decisions' inputs; the others are named by rulebook; ``result`` and
    ``error`` are the two envelope formats of :mod:`casereview.trace`.
    """
    return (*_registry(), "result", "error")


def _resolve(name: str) -> str:
    registry = _registry()
    if name in registry or name in ("result", "error"):
        return name
    by_class = [key for key, (model, _) in registry.items() if model.__name__ == name]
    by_short = [key for key in registry if key.split(".", 1)[1] == name]
    matches = list(dict.fromkeys(by_class + by_short))
    if len(matches) == 1:
        return matches[0]
    raise UnknownValueError("model", name, model_names())


def json_schema(name: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the model called ``name`` (see :func:`model_names`).

    A bare class name (``IsrRequest``, ``IsrResult``) works when it is unambiguous.

    Raises:
        UnknownValueError: no model has that name; lists the names.
    """
    schema: dict[str, Any] = json.loads(_schema_text(_resolve(name)))  # a fresh copy each time
    return schema


@cache
def _schema_text(key: str) -> str:
    if key == "result":
        return json.dumps(RESULT_SCHEMA)
    if key == "error":
        return json.dumps(ERROR_SCHEMA)
    model, mode = _registry()[key]
    schema = model.model_json_schema(schema_generator=TruthfulJsonSchema, mode=mode)
    return json.dumps({"$schema": _DIALECT, **schema})


def schemas() -> dict[str, dict[str, Any]]:
    """Every schema, by name."""
    return {name: json_schema(name) for name in model_names()}


_ENTRY: Final[dict[str, Any]] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["code", "field", "message", "allowed"],
    "properties": {
        "code": {
            "type": "string",
            "description": "missing, unknown_value, invalid, or invalid.<pydantic error type>",
        },
        "field": {"type": ["string", "null"], "description": "as the caller named it"},
        "message": {"type": "string"},
        "allowed": {"type": ["array", "null"], "items": {"type": "string"}},
    },
}

ERROR_SCHEMA: Final[dict[str, Any]] = {
    "$schema": _DIALECT,
    "title": "casereview.error/1",
    "description": "One refusal: every entry names the field at fault.",
    "type": "object",
    "required": ["format", "errors"],
    "additionalProperties": False,
    "properties": {
        "format": {"const": "casereview.error/1"},
        "errors": {"type": "array", "minItems": 1, "items": _ENTRY},
        "id": {"description": "batch only: the id of the input line, when it gave one"},
    },
}
"""The JSON Schema of :func:`casereview.trace.error_json`."""

_CITATION: Final[dict[str, Any]] = {
    "type": "object",
    "required": ["source", "section", "provenance"],
    "properties": {
        "source": {"type": "string"},
        "section": {"type": "string"},
        "quote": {"type": ["string", "null"]},
        "provenance": {"enum": ["stated", "secondary", "inferred"]},
        "note": {"type": ["string", "null"]},
    },
}

RESULT_SCHEMA: Final[dict[str, Any]] = {
    "$schema": _DIALECT,
    "title": "casereview.trace/1",
    "description": "One decision's result: outcome, inputs as understood, rules and citations.",
    "type": "object",
    "required": [
        "format",
        "decision",
        "inputs",
        "outcome",
        "rule_ids",
        "findings",
        "citations",
        "rulesets",
        "logic_map",
        "versions",
    ],
    "additionalProperties": False,
    "properties": {
        "format": {"const": "casereview.trace/1"},
        "decision": {"type": ["string", "null"], "description": "isr, follow-up, due-date..."},
        "inputs": {
            "type": ["object", "null"],
            "description": "the inputs as understood (labels as the source writes them)",
        },
        "outcome": {
            "description": "the rulebook's result model as JSON (its schema: casereview schema)"
        },
        "rule_ids": {"type": "array", "items": {"type": "string"}},
        "findings": {"type": "array", "items": {"type": "object"}},
        "citations": {"type": "array", "items": _CITATION},
        "rulesets": {
            "type": "array",
            "items": {"type": ["string", "object"]},
            "description": "every ruleset named in the outcome (a name, or a ruleset object)",
        },
        "logic_map": {
            "anyOf": [
                {"type": "null"},
                {
                    "type": "object",
                    "required": ["name", "digest"],
                    "properties": {
                        "name": {"type": ["string", "null"]},
                        "digest": {"type": ["string", "null"]},
                    },
                },
            ]
        },
        "versions": {
            "type": "object",
            "required": ["casereview", "holidays"],
            "properties": {
                "casereview": {"type": "string"},
                "holidays": {"type": ["string", "null"], "description": "calendar results"},
            },
        },
        "id": {"description": "batch only: the id of the input line, when it gave one"},
    },
}
"""The JSON Schema of :func:`casereview.trace.result_json`."""
