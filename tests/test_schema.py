"""The JSON Schemas tell the truth: what they admit the models accept, and no more."""

from __future__ import annotations

import re
from enum import Enum
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, TypeAdapter, ValidationError

from casereview._aliases import AliasedLabelEnum
from casereview._input import flag, is_missing
from casereview._labels import LabelEnum
from casereview.decisions import (
    DECISIONS,
    DueDateRequest,
    FollowUpRequest,
    IsrRequest,
    ReviewRequest,
    SapseRequest,
)
from casereview.errors import CaseReviewError
from casereview.schema import (
    blank_pattern,
    flag_pattern,
    json_schema,
    label_pattern,
    model_names,
)
from tests.helpers import assert_matches_snapshot

from_schema = pytest.importorskip("hypothesis_jsonschema").from_schema


def _label_enums() -> list[type[LabelEnum]]:
    """Every label enum an input model uses."""
    found: dict[str, type[LabelEnum]] = {}

    def visit(annotation: Any) -> None:
        if isinstance(annotation, type) and issubclass(annotation, LabelEnum):
            found[annotation.__qualname__ + annotation.__module__] = annotation
        elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
            for field in annotation.model_fields.values():
                visit(field.annotation)
        for arg in getattr(annotation, "__args__", ()):
            visit(arg)

    for decision in DECISIONS.values():
        visit(decision.request_model())
    return list(found.values())


ENUMS = _label_enums()


def accepted(enum: type[LabelEnum], value: str) -> bool:
    try:
        member = enum.parse(value, field="x")
    except CaseReviewError:
        by_parse = False
    else:
        by_parse = True
        assert TypeAdapter(enum).validate_python(value) is member
    return by_parse


def test_every_input_label_enum_is_covered() -> None:
    names = {e.__name__ for e in ENUMS}
    assert {"HarmLevel", "Impact", "IncidentFrequency", "SubstitutionReason", "Trigger"} <= names


@pytest.mark.parametrize("enum", ENUMS, ids=lambda e: e.__name__)
@settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_every_spelling_the_pattern_admits_is_accepted(
    enum: type[LabelEnum], data: st.DataObject
) -> None:
    value = data.draw(from_schema({"type": "string", "pattern": label_pattern(enum)}))
    assert accepted(enum, value), value


def _mutations(label: str) -> st.SearchStrategy[str]:
    chars = st.sampled_from([" ", "\t", "\u00a0", "_", "-", "s", "x", "\u017f", "\u212a", "'"])

    @st.composite
    def mutate(draw: st.DrawFn) -> str:
        text = list(label)
        for _ in range(draw(st.integers(0, 3))):
            action = draw(st.sampled_from(["case", "insert", "delete"]))
            if not text:
                break
            at = draw(st.integers(0, len(text) - 1))
            if action == "case":
                text[at] = text[at].swapcase()
            elif action == "insert":
                text.insert(at, draw(chars))
            else:
                del text[at]
        return "".join(text)

    return mutate()


@pytest.mark.parametrize("enum", ENUMS, ids=lambda e: e.__name__)
@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_the_pattern_and_the_parser_agree_on_near_misses(
    enum: type[LabelEnum], data: st.DataObject
) -> None:
    labels = [*enum.labels(), *(m.name for m in enum)]
    if issubclass(enum, AliasedLabelEnum):
        labels += list(enum.aliases())
    value = data.draw(_mutations(data.draw(st.sampled_from(labels))) | st.text(max_size=12))
    in_schema = re.search(label_pattern(enum), value) is not None
    assert in_schema == accepted(enum, value), value


@pytest.mark.parametrize(
    "refused", ["no harms", "noharm", "No-harm", "Severe.", "", "1", "N0 harm", "harm"]
)
def test_hand_made_refusals_are_refused_by_both(refused: str) -> None:
    from casereview.vhims import HarmLevel

    assert re.search(label_pattern(HarmLevel), refused) is None
    assert not accepted(HarmLevel, refused)


def test_aliases_are_admitted_with_hyphens_read_as_spaces() -> None:
    from casereview.kentucky_cqi import SubstitutionReason

    pattern = label_pattern(SubstitutionReason)
    for spelling in ("sealed", " SEALED ", "transferred-out-of-region", "Sealed\u2013cases"):
        assert accepted(SubstitutionReason, spelling), spelling
        assert re.search(pattern, spelling), spelling
    assert not accepted(SubstitutionReason, "seal")
    assert re.search(pattern, "seal") is None


def test_unicode_case_folds_are_admitted_exactly() -> None:
    from casereview.cims import AllegationSubject

    pattern = label_pattern(AllegationSubject)
    for spelling in ("Sta\ufb00 member", "STAFF\u00a0MEMBER", "\u017ftaff member", " staff "):
        assert re.search(pattern, spelling), spelling
        assert accepted(AllegationSubject, spelling), spelling
    for refused in ("staff_member", "staffmember", "staff  member."):
        assert re.search(pattern, refused) is None, refused
        assert not accepted(AllegationSubject, refused), refused


def _flag_accepts(value: str) -> bool:
    try:
        flag(value, field="x")
    except CaseReviewError:
        return False
    return True


@settings(max_examples=100, deadline=None)
@given(
    value=st.sampled_from(["yes", "No", "TRUE", "false"]).flatmap(
        lambda word: st.tuples(st.sampled_from(["", " ", "\t\n"]), st.just(word)).map(
            lambda parts: parts[0] + "".join(c.swapcase() if c in "aeo" else c for c in parts[1])
        )
    )
    | st.text(max_size=8)
)
def test_the_flag_pattern_and_the_flag_policy_agree(value: str) -> None:
    assert (re.search(flag_pattern(), value) is not None) == _flag_accepts(value), value


@settings(max_examples=50, deadline=None)
@given(value=st.text(max_size=6))
def test_the_blank_pattern_is_the_missing_policy(value: str) -> None:
    assert (re.search(blank_pattern(), value) is not None) == is_missing(value)


_SIMPLE: list[type[BaseModel]] = [
    IsrRequest,
    FollowUpRequest,
    DueDateRequest,
    ReviewRequest,
    SapseRequest,
]


@pytest.mark.parametrize("model", _SIMPLE, ids=lambda m: m.__name__)
@settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_every_request_the_schema_admits_is_accepted(
    model: type[BaseModel], data: st.DataObject
) -> None:
    schema = model.model_json_schema(schema_generator=_generator())
    value = data.draw(_objects(schema, schema.get("$defs", {})))
    model.model_validate(value)


def _objects(schema: dict[str, Any], defs: dict[str, Any]) -> st.SearchStrategy[Any]:
    """Values of ``schema``: objects built here, leaves by hypothesis-jsonschema."""
    if "$ref" in schema:
        return _objects(defs[schema["$ref"].rsplit("/", 1)[1]], defs)
    if "anyOf" in schema:
        return st.one_of([_objects(option, defs) for option in schema["anyOf"]])
    if schema.get("type") == "object":
        properties = schema.get("properties", {})
        required = set(schema.get("required", ()))
        return st.fixed_dictionaries(
            {k: _objects(v, defs) for k, v in properties.items() if k in required},
            optional={k: _objects(v, defs) for k, v in properties.items() if k not in required},
        )
    leaf = {k: v for k, v in schema.items() if k not in ("title", "description", "default")}
    strategy: st.SearchStrategy[Any] = from_schema(leaf)
    return strategy


@pytest.mark.parametrize(
    ("model", "value"),
    [
        (ReviewRequest, {"isr": True}),
        (ReviewRequest, {"isr": "1"}),
        (ReviewRequest, {"isr": 5}),
        (
            SapseRequest,
            {
                "incident_type": "Clinical",
                "isr": 1,
                "clinical_incident": "y",
                "went_as_intended": "No",
            },
        ),
        (
            SapseRequest,
            {
                "incident_type": "Clinical",
                "isr": 1,
                "clinical_incident": 1,
                "went_as_intended": "No",
            },
        ),
        (IsrRequest, {"harm": "Serious"}),
        (
            SapseRequest,
            {
                "incident_type": " \t",
                "isr": 1,
                "clinical_incident": True,
                "went_as_intended": False,
            },
        ),
        (IsrRequest, {"harm": "Minor", "extra": 1}),
        (DueDateRequest, {"endorsed_on": "soon"}),
        (DueDateRequest, {"endorsed_on": 1704067200}),
        (DueDateRequest, {"endorsed_on": "2024-01-01T00:00:00"}),
        (FollowUpRequest, {"impact": "Major", "incident_type": "Death", "submitted_on": "2024"}),
    ],
)
def test_refused_requests_are_refused_by_schema_and_model(
    model: type[BaseModel], value: dict[str, Any]
) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = model.model_json_schema(schema_generator=_generator())
    checker = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    assert not checker.is_valid(value)
    with pytest.raises(ValidationError):
        model.model_validate(value)


def _generator() -> Any:
    from casereview.schema import TruthfulJsonSchema

    return TruthfulJsonSchema


def test_outputs_carry_the_exact_labels() -> None:
    output = json_schema("vhims.IsrResult")
    harm = output["$defs"]["HarmLevel"]
    assert "anyOf" not in harm
    assert harm["enum"][0] == "Death"


def test_unknown_names_are_refused_listing_the_names() -> None:
    with pytest.raises(CaseReviewError, match="model"):
        json_schema("Nope")
    with pytest.raises(CaseReviewError):
        json_schema("ReviewRecord")  # ambiguous: Kentucky or Under 1 Roof


def test_every_label_enum_value_type_is_str() -> None:
    for enum in ENUMS:
        assert all(isinstance(m.value, str) for m in enum)
        assert issubclass(enum, Enum)


@pytest.mark.parametrize("name", model_names())
def test_schema_snapshots(name: str) -> None:
    assert_matches_snapshot(f"schema/{name}.schema.json", json_schema(name))


# Every character the label parsing reads as "-" (``_labels._DASHES``), and dash-like characters
# it does not: the schema must agree with the code on each, in every label that has a dash.
_DASH_LIKE = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2043\ufe58\ufe63\uff0d\u00ad_~"


@pytest.mark.parametrize("enum", ENUMS, ids=lambda e: e.__name__)
def test_the_pattern_and_the_parser_agree_on_every_dash(enum: type[LabelEnum]) -> None:
    from casereview._labels import label_key

    labels = [*enum.labels(), *(m.name for m in enum)]
    if issubclass(enum, AliasedLabelEnum):
        labels += list(enum.aliases())
    pattern = label_pattern(enum)
    for label in labels:
        key = label_key(label)
        for at, char in enumerate(key):
            if char != "-":
                continue
            for dash in _DASH_LIKE:
                value = key[:at] + dash + key[at + 1 :]
                in_schema = re.search(pattern, value) is not None
                assert in_schema == accepted(enum, value), (label, value)


def test_cims_dashed_labels_are_admitted_with_a_plain_hyphen() -> None:
    from casereview.cims import IncidentType

    pattern = label_pattern(IncidentType)
    for spelling in (
        "Sexual exploitation - grooming",
        "Sexual exploitation \u2014 grooming",
        "Self\u2014harm",
        "Self\u2010harm",
        "Self\u2212harm",
        "SELF\u2013HARM",
    ):
        assert re.search(pattern, spelling), spelling
        assert accepted(IncidentType, spelling), spelling
