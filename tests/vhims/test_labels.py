"""The label policy (casereview._labels) on the VHIMS enums, SAPSE certainty, and the layering."""

from __future__ import annotations

import ast
import enum
import inspect
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

import casereview.vhims as vhims
from casereview._labels import LabelEnum, label_key
from casereview.cims.models import IncidentType
from casereview.errors import CaseReviewError, MissingElementError, UnknownValueError
from casereview.findings import Provenance
from casereview.vhims import (
    ClinicalIncident,
    HarmDuration,
    HarmLevel,
    Isr,
    LogicMap,
    ReviewLevel,
    TreatmentLevel,
    derive_isr,
    is_sapse,
)

VHIMS = Path(vhims.__file__).parent
ENUMS: list[type[LabelEnum]] = [HarmLevel, HarmDuration, TreatmentLevel, ReviewLevel]
NON_ASCII_DIGITS = [
    c for c in map(chr, range(0x80, 0x3000)) if unicodedata.category(c) in ("Nd", "No")
]


# --------------------------------------------------------------------------- digits


@pytest.mark.parametrize("text", ["\u00b9", "\u00b2", "\u0661", "\u0967", "ISR \u00b9", "\uff11"])
def test_non_ascii_digits_are_a_clear_unknown_value(text: str) -> None:
    with pytest.raises(UnknownValueError) as caught:
        Isr.parse(text, field="isr")
    assert caught.value.field == "isr"
    assert "allowed: 1, 2, 3, 4" in str(caught.value)


@given(st.sampled_from(NON_ASCII_DIGITS), st.sampled_from(["", "ISR ", "isr"]))
def test_no_non_ascii_digit_is_ever_a_rating(digit: str, prefix: str) -> None:
    with pytest.raises(UnknownValueError):
        Isr.parse(prefix + digit)


@pytest.mark.parametrize("member", list(Isr))
def test_an_isr_s_own_text_round_trips(member: Isr) -> None:
    assert Isr.parse(str(member)) is member
    assert Isr.parse(str(member).replace("\u2013", "-")) is member
    assert Isr.parse(member.name) is member
    assert Isr.parse(f"ISR {member.value}") is member
    assert Isr.parse(member.label.upper()) is member


def test_an_isr_with_the_wrong_label_is_refused() -> None:
    with pytest.raises(UnknownValueError):
        Isr.parse("ISR 1 \u2013 Minor")


@pytest.mark.parametrize("value", [True, False, 2.0, 0, 5, None, b"1", "", "isr"])
def test_other_isr_values_are_refused(value: object) -> None:
    with pytest.raises(UnknownValueError):
        Isr.parse(value)


# --------------------------------------------------------------------------- foreign members


def test_a_member_of_another_enum_is_refused_even_when_spelled_alike() -> None:
    assert HarmLevel.MINOR.value == TreatmentLevel.MINOR.value
    assert HarmLevel.MINOR != TreatmentLevel.MINOR
    assert HarmLevel.MINOR == "Minor"
    with pytest.raises(UnknownValueError) as caught:
        TreatmentLevel.parse(HarmLevel.MINOR, field="treatment")
    assert caught.value.field == "treatment"
    with pytest.raises(UnknownValueError):
        Isr.parse(HarmLevel.SEVERE)
    with pytest.raises(UnknownValueError):
        HarmLevel.parse(IncidentType.DEATH, field="harm")  # CIMS's "Death"
    with pytest.raises(UnknownValueError):
        Provenance.parse(HarmLevel.MINOR, field="provenance")


def test_derive_isr_refuses_a_foreign_member_in_every_position() -> None:
    with pytest.raises(UnknownValueError) as caught:
        derive_isr(TreatmentLevel.MINOR)
    assert caught.value.field == "harm"
    with pytest.raises(UnknownValueError) as caught:
        derive_isr(IncidentType.DEATH)
    assert caught.value.field == "harm"
    with pytest.raises(UnknownValueError) as caught:
        derive_isr(HarmLevel.DEATH, None, HarmLevel.MINOR)
    assert caught.value.field == "treatment"


def test_models_refuse_a_foreign_member() -> None:
    with pytest.raises(ValidationError, match="treatment"):
        ClinicalIncident(treatment=HarmLevel.MINOR)  # type: ignore[arg-type]
    assert ClinicalIncident.model_validate({"treatment": "minor"}).treatment is TreatmentLevel.MINOR


# --------------------------------------------------------------------------- spellings


@pytest.mark.parametrize("enum_cls", ENUMS, ids=lambda e: e.__name__)
def test_case_white_space_dashes_and_names(enum_cls: type[LabelEnum]) -> None:
    for member in enum_cls:
        assert enum_cls.parse(f"  {member.value.upper()}\t", field="x") is member
        assert enum_cls.parse(member.value.replace(" ", "   "), field="x") is member
        assert enum_cls.parse(member.name.lower(), field="x") is member
        typographic = member.value.replace("-", "\u2011")
        assert enum_cls.parse(typographic, field="x") is member


def test_a_hyphen_is_not_a_space() -> None:
    assert ReviewLevel.parse("in\u2013depth case review", field="x") is (
        ReviewLevel.IN_DEPTH_CASE_REVIEW
    )
    with pytest.raises(UnknownValueError):
        ReviewLevel.parse("In depth case review", field="x")
    with pytest.raises(UnknownValueError):
        HarmLevel.parse("No-harm", field="harm")
    assert label_key(" A\u2014B ") == "a-b"


# --------------------------------------------------------------------------- SAPSE certainty


@pytest.mark.parametrize(
    "fields",
    [
        {"harm": "Minor"},  # ISR 3 whatever the rest
        {"harm": "No harm", "incident_type": "Clinical"},
        {"under_duty_of_candour": False},
        {"went_as_intended": True, "harm": "Severe"},
        {"clinical_incident": False},
        {"incident_type": "Non-clinical", "harm": "Death"},
    ],
)
def test_is_sapse_is_false_when_the_given_fields_already_settle_it(
    fields: dict[str, object],
) -> None:
    assert ClinicalIncident.model_validate(fields).is_sapse() is False


def test_is_sapse_still_needs_what_would_make_it_true() -> None:
    with pytest.raises(MissingElementError) as caught:
        ClinicalIncident(harm=HarmLevel.SEVERE).is_sapse()
    assert caught.value.field == "incident_type"
    almost = ClinicalIncident(
        harm=HarmLevel.SEVERE,
        incident_type="Clinical",
        clinical_incident=True,
        went_as_intended=False,
        under_duty_of_candour=True,
    )
    with pytest.raises(MissingElementError) as caught:
        almost.is_sapse()  # Severe: the duration decides between ISR 1 and 2
    assert caught.value.field == "duration"
    assert almost.possible_isrs() == {Isr.SEVERE, Isr.MODERATE}
    assert ClinicalIncident().possible_isrs() == set(Isr)


def test_is_sapse_certainty_follows_the_map_given() -> None:
    rows = [r for r in LogicMap.default().to_rows() if r["harm"] != "Minor"]
    rows.append({"harm": "Minor", "duration": None, "treatment": None, "isr": 2})
    generous = LogicMap.from_rows(rows, name="minor is 2")
    minor = ClinicalIncident(harm=HarmLevel.MINOR, incident_type="Clinical")
    assert minor.is_sapse() is False
    with pytest.raises(MissingElementError):
        minor.is_sapse(logic_map=generous)


def test_no_boolean_default_in_a_vhims_model_answers_for_the_caller() -> None:
    """Every bool field of a VHIMS record defaults to None (not recorded), never to an answer."""
    models = [
        obj for obj in vars(vhims).values() if inspect.isclass(obj) and issubclass(obj, BaseModel)
    ]
    assert ClinicalIncident in models
    checked = 0
    for model in models:
        for name, field in model.model_fields.items():
            if field.annotation in (bool, bool | None) and not field.is_required():
                checked += 1
                assert field.default is None, f"{model.__name__}.{name} defaults to {field.default}"
    assert checked >= 3


def test_is_sapse_flags_follow_the_input_policy() -> None:
    kwargs = {"incident_type": "Clinical", "isr": 2, "clinical_incident": "Yes"}
    assert is_sapse(**kwargs, went_as_intended="no")  # type: ignore[arg-type]
    with pytest.raises(CaseReviewError, match="went_as_intended"):
        is_sapse(**kwargs, went_as_intended="n")  # type: ignore[arg-type]
    with pytest.raises(MissingElementError):
        is_sapse(**kwargs, went_as_intended=None)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- layering


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def test_models_import_no_decision_module() -> None:
    imported = _imports(VHIMS / "models.py")
    assert not {m for m in imported if m.startswith("casereview.vhims")}


@pytest.mark.source_layout
def test_vhims_modules_hold_one_idea_each() -> None:
    """No module past ~400 lines, but _rules.py: the rule declarations, one block per rule."""
    for path in VHIMS.glob("*.py"):
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if path.name != "_rules.py":
            assert lines <= 450, f"{path.name} has {lines} lines"


def test_the_decision_modules_do_not_import_the_record() -> None:
    for path in VHIMS.glob("*.py"):
        if path.name not in ("incident.py", "__init__.py"):
            assert "casereview.vhims.incident" not in _imports(path), path.name


def test_enums_are_enums() -> None:
    assert all(issubclass(e, enum.Enum) for e in ENUMS)
