"""Errors, labels, findings, sources and actions: the shared machinery."""

from __future__ import annotations

import json

import pydantic
import pytest
from hypothesis import given
from hypothesis import strategies as st

import casereview
from casereview import (
    SOURCES,
    Action,
    CaseReviewError,
    Citation,
    Finding,
    MissingElementError,
    Provenance,
    Rule,
    Severity,
    SourceKind,
    UnknownValueError,
    Validation,
    action_findings,
    get_source,
)
from casereview._base import FrozenModel
from casereview._labels import LabelEnum
from tests.helpers import assert_matches_snapshot

CITE = Citation(source="cims-case-review-tip-sheet", section="Content of a Case Review")
RULE = Rule(id="core.test-rule", title="A test rule", citation=CITE)


class Colour(LabelEnum):
    LIGHT_BLUE = "Light blue"
    RED = "Red"


class Paint(FrozenModel):
    colour: Colour


# ---------------------------------------------------------------- errors


def test_errors_are_value_errors_with_a_field() -> None:
    assert issubclass(CaseReviewError, ValueError)
    assert issubclass(MissingElementError, CaseReviewError)
    assert issubclass(UnknownValueError, CaseReviewError)
    missing = MissingElementError("duration", "harm 'Severe' needs it")
    assert missing.field == "duration"
    assert str(missing) == "duration is required: harm 'Severe' needs it"
    unknown = UnknownValueError("colour", "Blue", Colour.labels())
    assert unknown.field == "colour"
    assert unknown.allowed == ("Light blue", "Red")
    assert "'Light blue', 'Red'" in str(unknown)


# ---------------------------------------------------------------- labels


@pytest.mark.parametrize(
    "spelling", ["Light blue", "light blue", "  LIGHT BLUE ", "light\t  blue", "LIGHT_BLUE"]
)
def test_label_spellings_parse_to_the_member(spelling: str) -> None:
    assert Colour.parse(spelling, field="colour") is Colour.LIGHT_BLUE
    assert Colour(spelling) is Colour.LIGHT_BLUE
    assert Paint(colour=spelling).colour is Colour.LIGHT_BLUE  # type: ignore[arg-type]


@given(st.sampled_from(list(Colour)), st.sampled_from([str.upper, str.lower, str.title]))
def test_any_case_and_padding_parses(member: Colour, case: object) -> None:
    assert callable(case)
    assert Colour.parse(f"  {case(member.value)} ", field="colour") is member


@pytest.mark.parametrize("bad", ["Blue", 3, "Light-blue", float("inf")])
def test_unknown_labels_are_refused_listing_allowed(bad: object) -> None:
    with pytest.raises(UnknownValueError, match=r"colour: .* allowed: 'Light blue', 'Red'"):
        Colour.parse(bad, field="colour")


@pytest.mark.parametrize("missing", ["", "  ", None, float("nan")])
def test_a_missing_label_is_missing_not_unknown(missing: object) -> None:
    # The input policy: no label given at all is a missing value (code "missing" in the JSON
    # error), listing what may be given; parse_optional reads it as None.
    with pytest.raises(MissingElementError, match=r"colour is required: .*'Light blue', 'Red'"):
        Colour.parse(missing, field="colour")
    assert Colour.parse_optional(missing, field="colour") is None


def test_models_refuse_unknown_labels_naming_field_and_values() -> None:
    with pytest.raises(pydantic.ValidationError) as info:
        Paint(colour="Blue")  # type: ignore[arg-type]
    text = str(info.value)
    assert "colour" in text
    assert "'Light blue' or 'Red'" in text


def test_models_are_frozen_and_forbid_extra_fields() -> None:
    paint = Paint(colour=Colour.RED)
    with pytest.raises(pydantic.ValidationError, match="frozen"):
        paint.colour = Colour.LIGHT_BLUE  # type: ignore[misc]
    with pytest.raises(pydantic.ValidationError, match="gloss"):
        Paint(colour=Colour.RED, gloss=True)  # type: ignore[call-arg]


# ---------------------------------------------------------------- findings


def test_rule_makes_findings_that_carry_its_citation() -> None:
    finding = RULE.finding("Missing.", field="incident_summary", severity=Severity.WARNING)
    assert finding.code == "core.test-rule"
    assert finding.citation == CITE
    assert str(finding) == "[warning] incident_summary: Missing. (core.test-rule)"


def test_validation_ok_only_without_errors() -> None:
    warning = RULE.finding("Hm.", severity=Severity.WARNING)
    error = RULE.finding("No.")
    assert Validation().ok
    assert Validation(findings=(warning,)).ok
    assert not Validation(findings=(warning, error)).ok
    combined = Validation.of([warning], [error])
    assert combined.errors == (error,)
    assert combined.codes == frozenset({"core.test-rule"})
    assert combined.citations == (CITE,)


def test_findings_are_hashable_and_json_round_trip() -> None:
    validation = Validation(findings=(RULE.finding("No.", field="x"),))
    assert hash(validation) == hash(Validation.model_validate_json(validation.model_dump_json()))
    payload = json.loads(validation.model_dump_json())
    assert payload["ok"] is False
    assert payload["findings"][0]["citation"]["provenance"] == "stated"


@pytest.mark.parametrize("bad_id", ["Bad Id", "x..y", "", "UPPER"])
def test_rule_ids_are_stable_slugs(bad_id: str) -> None:
    with pytest.raises(pydantic.ValidationError, match="id"):
        Rule(id=bad_id, title="t", citation=CITE)


def test_citation_needs_source_and_section() -> None:
    with pytest.raises(pydantic.ValidationError, match="section"):
        Citation(source="x", section="")
    assert str(CITE) == "cims-case-review-tip-sheet, 'Content of a Case Review' (stated)"
    inferred = Citation(source="x", section="y", provenance="INFERRED")  # type: ignore[arg-type]
    assert inferred.provenance is Provenance.INFERRED


def test_finding_schema_snapshot() -> None:
    assert_matches_snapshot("core-validation.schema.json", Validation.model_json_schema())


# ---------------------------------------------------------------- sources


def test_sources_registry() -> None:
    seeds = {s.id for s in SOURCES.values() if s.kind is SourceKind.SEED}
    assert seeds == {
        "vhims-isr-guidance",
        "cims-case-review-tip-sheet",
        "kentucky-cqi-instructions",
        "under1roof-case-review",
    }
    assert all(
        s.location and s.location.startswith("seed ") for s in SOURCES.values() if s.id in seeds
    )
    assert get_source("holidays-package").kind is SourceKind.SECONDARY
    with pytest.raises(UnknownValueError, match="vhims-isr-guidance"):
        get_source("vhims")
    with pytest.raises(TypeError):
        SOURCES["x"] = SOURCES["vhims-isr-guidance"]  # type: ignore[index]


def test_reference_notes_are_shipped_in_docs() -> None:
    # The reference pages are generated from the registry and the catalogue when the docs site
    # is built (tools/docs_pages.py), at the location the registry gives.
    from tools.docs_pages import pages

    generated = pages()
    for source in SOURCES.values():
        if source.kind is SourceKind.REFERENCE:
            assert source.location is not None
            assert source.location.removeprefix("docs/") in generated, source.location


# ---------------------------------------------------------------- actions


def test_action_findings_name_each_missing_part() -> None:
    from datetime import date

    actions = [
        Action(description="Training", responsible="Team leader", target_date=date(2024, 3, 1)),
        Action(),
    ]
    findings = action_findings(
        actions,
        field="actions",
        description_rule=RULE,
        responsible_rule=RULE,
        target_date_rule=RULE,
    )
    assert [f.field for f in findings] == [
        "actions[1].description",
        "actions[1].responsible",
        "actions[1].target_date",
    ]
    assert actions[0].is_complete
    assert not actions[1].is_complete


def test_action_refuses_malformed_dates_and_reads_blank_text_as_missing() -> None:
    with pytest.raises(pydantic.ValidationError, match="target_date"):
        Action(target_date="2024-02-30")  # type: ignore[arg-type]
    with pytest.raises(pydantic.ValidationError, match="responsible"):
        Action(responsible=42)  # type: ignore[arg-type]
    # A form's empty box is a draft with that part missing (the input policy), not a refusal.
    blank = Action(description="", responsible="   ", target_date=float("nan"))  # type: ignore[arg-type]
    assert blank == Action()


def test_public_api_is_listed() -> None:
    for name in casereview.__all__:
        assert hasattr(casereview, name), name
    assert isinstance(Finding, type)


def test_validation_json_with_a_contradicting_ok_is_refused() -> None:
    validation = Validation(findings=(RULE.finding("No."),))
    payload = json.loads(validation.model_dump_json())
    payload["ok"] = True
    with pytest.raises(pydantic.ValidationError, match="ok: True contradicts the other fields"):
        Validation.model_validate(payload)


# ---------------------------------------------------------------- the edge: validated()


class Plan(FrozenModel):
    actions: tuple[Action, ...] = ()


def test_validated_accepts_models_and_mappings() -> None:
    from casereview._base import validated

    plan = validated({"actions": [{"responsible": "Lee"}]}, Plan, field="plan")
    assert plan.actions[0].responsible == "Lee"
    assert validated(plan, Plan, field="plan") == plan


def test_validated_revalidates_nested_values_smuggled_in_by_model_copy() -> None:
    from casereview._base import validated

    smuggled = Plan().model_copy(update={"actions": ({"target_date": "2024-02-30"},)})
    with pytest.raises(pydantic.ValidationError, match=r"actions\.0\.target_date"):
        validated(smuggled, Plan, field="plan")


@pytest.mark.parametrize("bad", [None, 3, "actions", ["x"]])
def test_validated_refuses_what_is_neither_naming_the_field(bad: object) -> None:
    from casereview._base import validated

    with pytest.raises(CaseReviewError, match=r"^plan: expected a Plan or a mapping") as info:
        validated(bad, Plan, field="plan")
    assert info.value.field == "plan"
