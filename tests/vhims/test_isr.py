"""derive_isr: every path of the reference table, the worked examples, every input combination."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from casereview.errors import CaseReviewError, MissingElementError, UnknownValueError
from casereview.findings import Provenance
from casereview.vhims import (
    WORKED_EXAMPLES,
    HarmDuration,
    HarmLevel,
    InconsistentElementsError,
    Isr,
    IsrResult,
    LogicMap,
    TreatmentLevel,
    derive_isr,
)
from tests.helpers import normalise_text, seed_text

H, D, T = HarmLevel, HarmDuration, TreatmentLevel

# The 14 rows of docs/reference/vhims-isr.md, "Reconstructed logic map (default table)",
# written out independently of the library: (harm, duration, treatment, ISR, stated?).
REFERENCE_TABLE = [
    ("Death", None, None, 1, False),
    ("Serious Sexual Safety Event", None, None, 1, False),
    ("Severe", "Permanent", None, 1, False),
    ("Severe", "Temporary", "Advanced", 1, True),
    ("Severe", "Temporary", "Intermediate", 2, False),
    ("Severe", "Temporary", "Minor", 2, False),
    ("Severe", "Temporary", "No additional treatment and care", 2, False),
    ("Moderate", "Permanent", None, 1, False),
    ("Moderate", "Temporary", "Advanced", 1, False),
    ("Moderate", "Temporary", "Intermediate", 2, True),
    ("Moderate", "Temporary", "Minor", 2, False),
    ("Moderate", "Temporary", "No additional treatment and care", 2, False),
    ("Minor", None, None, 3, True),
    ("No harm", None, None, 4, True),
]


@pytest.mark.parametrize(("harm", "duration", "treatment", "isr", "stated"), REFERENCE_TABLE)
def test_every_row_of_the_reference_table(
    harm: str, duration: str | None, treatment: str | None, isr: int, stated: bool
) -> None:
    result = derive_isr(harm, duration, treatment)
    assert result.isr == isr
    assert result.confirmed is stated
    assert result.provenance is (Provenance.STATED if stated else Provenance.INFERRED)
    used = ("harm", "duration", "treatment")[: 1 + (duration is not None) + (treatment is not None)]
    assert result.elements_used == used
    assert result.harm.value == harm
    assert (result.duration and result.duration.value) == duration
    assert (result.treatment and result.treatment.value) == treatment
    assert result.ruleset == "VHIMS MDS v2"
    cell = result.citations[0]
    if stated:
        assert cell.source == "vhims-isr-guidance"
        assert cell.section.startswith("Case: ")
    else:
        assert cell.source == "ref-vhims-isr"
        assert cell.note


def test_the_default_map_is_exactly_the_reference_table() -> None:
    rows = {
        (r.harm.value, r.duration and r.duration.value, r.treatment and r.treatment.value): (
            r.isr.value,
            r.citation.provenance is Provenance.STATED,
        )
        for r in LogicMap.default()
    }
    assert rows == {(h, d, t): (i, s) for h, d, t, i, s in REFERENCE_TABLE}


@pytest.mark.parametrize(
    ("name", "harm", "duration", "treatment", "isr"),
    [
        ("Rebecca", H.MODERATE, D.TEMPORARY, T.INTERMEDIATE, Isr.MODERATE),
        ("Harry", H.MINOR, None, None, Isr.MINOR),
        ("Tony", H.SEVERE, D.TEMPORARY, T.ADVANCED, Isr.SEVERE),
        ("Emma", H.NO_HARM, None, None, Isr.NO_HARM),
    ],
)
def test_worked_examples_of_the_guidance(
    name: str,
    harm: HarmLevel,
    duration: HarmDuration | None,
    treatment: TreatmentLevel | None,
    isr: Isr,
) -> None:
    result = derive_isr(harm, duration, treatment)
    assert result.isr is isr
    assert result.confirmed
    cell = result.citations[0]
    assert cell.section == f"Case: {name}"
    text = seed_text("vhims-isr-guidance")
    assert normalise_text(cell.section) in text
    assert cell.quote is not None
    assert f"**ISR of {isr.value}**" in cell.quote
    assert normalise_text(cell.quote) in text


def test_worked_examples_data_matches_the_derivation() -> None:
    assert [e.name for e in WORKED_EXAMPLES] == ["Rebecca", "Harry", "Tony", "Emma"]
    for example in WORKED_EXAMPLES:
        result = derive_isr(example.harm, example.duration, example.treatment)
        assert (result.isr, result.elements_used) == (example.isr, example.elements_used)


HARMS = list(HarmLevel)
DURATIONS: list[HarmDuration | None] = [None, *HarmDuration]
TREATMENTS: list[TreatmentLevel | None] = [None, *TreatmentLevel]
COMBINATIONS = list(itertools.product(HARMS, DURATIONS, TREATMENTS))


def test_there_are_90_combinations() -> None:
    assert len(COMBINATIONS) == 6 * 3 * 5


@pytest.mark.parametrize(("harm", "duration", "treatment"), COMBINATIONS)
def test_every_combination_derives_or_names_the_missing_element(
    harm: HarmLevel, duration: HarmDuration | None, treatment: TreatmentLevel | None
) -> None:
    ends_at_harm = harm in (H.DEATH, H.SERIOUS_SEXUAL_SAFETY_EVENT, H.MINOR, H.NO_HARM)
    ends_at_duration = duration is D.PERMANENT
    if ends_at_harm:
        assert derive_isr(harm, duration, treatment).elements_used == ("harm",)
    elif duration is None:
        with pytest.raises(MissingElementError) as caught:
            derive_isr(harm, duration, treatment)
        assert caught.value.field == "duration"
        assert harm.value in str(caught.value)
    elif ends_at_duration:
        assert derive_isr(harm, duration, treatment).elements_used == ("harm", "duration")
    elif treatment is None:
        with pytest.raises(MissingElementError) as caught:
            derive_isr(harm, duration, treatment)
        assert caught.value.field == "treatment"
    else:
        result = derive_isr(harm, duration, treatment)
        assert result.elements_used == ("harm", "duration", "treatment")
        assert (result.harm, result.duration, result.treatment) == (harm, duration, treatment)


@pytest.mark.parametrize(("harm", "duration", "treatment"), COMBINATIONS)
def test_labels_give_the_same_answer_as_members(
    harm: HarmLevel, duration: HarmDuration | None, treatment: TreatmentLevel | None
) -> None:
    def run(*args: object) -> object:
        try:
            return derive_isr(*args)  # type: ignore[arg-type]
        except MissingElementError as exc:
            return ("missing", exc.field)

    labels = [None if e is None else f"  {e.value.upper()} " for e in (harm, duration, treatment)]
    assert run(harm, duration, treatment) == run(*labels)


def test_members_return_the_precomputed_result_object() -> None:
    first = derive_isr(H.SEVERE, D.TEMPORARY, T.ADVANCED)
    assert derive_isr(H.SEVERE, D.TEMPORARY, T.ADVANCED) is first
    assert derive_isr("severe", "temporary", "advanced") is first
    assert first in LogicMap.default().results


def test_results_are_frozen_and_serialise() -> None:
    result = derive_isr("Minor")
    with pytest.raises(ValueError, match="frozen"):
        result.isr = Isr.SEVERE  # type: ignore[misc]
    again = IsrResult.model_validate_json(result.model_dump_json())
    assert again == result
    assert result.model_dump(mode="json")["isr"] == 3
    assert str(result) == "ISR 3 \u2013 Minor (Minor; confirmed by the source)"


# --------------------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (("Serious",), "harm"),
        (("Severe", "Forever", "Advanced"), "duration"),
        (("Severe", "Temporary", "Lots"), "treatment"),
        (("Minor", "Forever"), "duration"),  # refused even where the path would not consult it
        (("Death", None, "Lots"), "treatment"),
        ((H.SEVERE, D.PERMANENT, "Lots"), "treatment"),
        ((3,), "harm"),
        (([],), "harm"),
        ((H.SEVERE, T.MINOR, T.MINOR), "duration"),  # a treatment level is not a duration
    ],
)
def test_unknown_values_are_refused_naming_the_field(args: tuple[object, ...], field: str) -> None:
    with pytest.raises(UnknownValueError) as caught:
        derive_isr(*args)  # type: ignore[arg-type]
    assert caught.value.field == field
    assert "allowed:" in str(caught.value)


def test_unknown_harm_lists_the_allowed_labels() -> None:
    with pytest.raises(UnknownValueError) as caught:
        derive_isr("Serious")
    assert caught.value.allowed == tuple(h.value for h in HarmLevel)


@pytest.mark.parametrize("blank", [None, "", "   "])
def test_missing_harm_is_named(blank: str | None) -> None:
    with pytest.raises(MissingElementError) as caught:
        derive_isr(blank)  # type: ignore[arg-type]
    assert caught.value.field == "harm"


def test_blank_duration_counts_as_not_recorded() -> None:
    with pytest.raises(MissingElementError) as caught:
        derive_isr("Moderate", "  ", "Minor")
    assert caught.value.field == "duration"
    assert derive_isr("Minor", "", "").isr is Isr.MINOR


def test_strict_refuses_implausible_combinations_only() -> None:
    with pytest.raises(InconsistentElementsError) as caught:
        derive_isr(H.NO_HARM, D.TEMPORARY, strict=True)
    assert caught.value.field == "duration"
    assert [f.code for f in caught.value.findings] == ["vhims.consistency.no-harm-with-duration"]
    assert isinstance(caught.value, CaseReviewError)
    with pytest.raises(InconsistentElementsError):
        derive_isr("severe", "temporary", "minor", strict=True)
    assert derive_isr(H.NO_HARM, D.TEMPORARY).isr is Isr.NO_HARM
    assert derive_isr(H.SEVERE, D.TEMPORARY, T.ADVANCED, strict=True).isr is Isr.SEVERE


# --------------------------------------------------------------------------- properties

HARM_ORDER = [H.NO_HARM, H.MINOR, H.MODERATE, H.SEVERE, H.DEATH]
TREATMENT_ORDER = [
    T.NO_ADDITIONAL_TREATMENT_AND_CARE,
    T.MINOR,
    T.INTERMEDIATE,
    T.ADVANCED,
]


def _full(harm: HarmLevel, duration: HarmDuration, treatment: TreatmentLevel) -> int:
    return derive_isr(harm, duration, treatment).isr.value


@given(
    st.sampled_from(HARM_ORDER),
    st.sampled_from(HARM_ORDER),
    st.sampled_from(list(HarmDuration)),
    st.sampled_from(list(TreatmentLevel)),
)
def test_more_harm_is_never_less_severe(
    a: HarmLevel, b: HarmLevel, d: HarmDuration, t: TreatmentLevel
) -> None:
    low, high = sorted((a, b), key=HARM_ORDER.index)
    assert _full(high, d, t) <= _full(low, d, t)


@given(
    st.sampled_from([H.NO_HARM, H.MINOR, H.MODERATE]),
    st.sampled_from(list(HarmDuration)),
    st.sampled_from(list(TreatmentLevel)),
)
def test_a_serious_sexual_safety_event_is_never_less_severe_than_moderate_or_less(
    lower: HarmLevel, d: HarmDuration, t: TreatmentLevel
) -> None:
    assert _full(H.SERIOUS_SEXUAL_SAFETY_EVENT, d, t) <= _full(lower, d, t)


@given(st.sampled_from(HARMS), st.sampled_from(list(TreatmentLevel)))
def test_permanent_is_never_less_severe_than_temporary(h: HarmLevel, t: TreatmentLevel) -> None:
    assert _full(h, D.PERMANENT, t) <= _full(h, D.TEMPORARY, t)


@given(
    st.sampled_from(HARMS),
    st.sampled_from(list(HarmDuration)),
    st.sampled_from(TREATMENT_ORDER),
    st.sampled_from(TREATMENT_ORDER),
)
def test_more_care_is_never_less_severe(
    h: HarmLevel, d: HarmDuration, a: TreatmentLevel, b: TreatmentLevel
) -> None:
    low, high = sorted((a, b), key=TREATMENT_ORDER.index)
    assert _full(h, d, high) <= _full(h, d, low)


@given(
    st.sampled_from([H.MODERATE, H.SEVERE]),
    st.sampled_from(list(HarmDuration)),
    st.sampled_from(list(TreatmentLevel)),
)
def test_moderate_or_severe_harm_is_never_isr_3_or_4(
    h: HarmLevel, d: HarmDuration, t: TreatmentLevel
) -> None:
    assert derive_isr(h, d, t).isr in (Isr.SEVERE, Isr.MODERATE)


@given(
    st.sampled_from(HARMS),
    st.sampled_from(list(HarmDuration)),
    st.sampled_from(list(TreatmentLevel)),
    st.sampled_from(DURATIONS),
    st.sampled_from(TREATMENTS),
)
def test_unused_elements_never_change_the_result(
    h: HarmLevel,
    d: HarmDuration,
    t: TreatmentLevel,
    other_d: HarmDuration | None,
    other_t: TreatmentLevel | None,
) -> None:
    result = derive_isr(h, d, t)
    used = result.elements_used
    replaced = derive_isr(
        h, d if "duration" in used else other_d, t if "treatment" in used else other_t
    )
    assert replaced is result


def _spellings(value: str) -> st.SearchStrategy[str]:
    return st.sampled_from(
        [value, value.upper(), value.lower(), value.title(), f"  {value} ", f"\t{value.upper()}\n"]
    )


@given(
    st.sampled_from(HARMS).flatmap(lambda h: st.tuples(st.just(h), _spellings(h.value))),
    st.sampled_from(list(HarmDuration)).flatmap(
        lambda d: st.tuples(st.just(d), _spellings(d.value))
    ),
    st.sampled_from(list(TreatmentLevel)).flatmap(
        lambda t: st.tuples(st.just(t), _spellings(t.value))
    ),
)
def test_label_spelling_variants_give_the_same_result(
    harm: tuple[HarmLevel, str],
    duration: tuple[HarmDuration, str],
    treatment: tuple[TreatmentLevel, str],
) -> None:
    assert derive_isr(harm[1], duration[1], treatment[1]) is derive_isr(
        harm[0], duration[0], treatment[0]
    )


def test_logic_map_must_be_a_logic_map() -> None:
    with pytest.raises(CaseReviewError) as caught:
        derive_isr("Minor", logic_map=[])  # type: ignore[arg-type]
    assert caught.value.field == "logic_map"
    custom = LogicMap.from_rows(LogicMap.default().to_rows())
    with pytest.raises(MissingElementError):
        derive_isr("Severe", logic_map=custom)
    with pytest.raises(UnknownValueError):
        derive_isr("Sever", logic_map=custom)
