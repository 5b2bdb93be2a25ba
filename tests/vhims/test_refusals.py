"""Bad input to the VHIMS rulebook gets a CaseReviewError or a ValidationError, never another
exception (the contract fuzzer's findings, reproduced; see /work/notes/fuzz-findings.md)."""

from __future__ import annotations

import contextlib
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from casereview._labels import label_key, normalise_label
from casereview.errors import CaseReviewError
from casereview.vhims import (
    ClinicalIncident,
    HarmDuration,
    HarmLevel,
    Isr,
    LogicMap,
    TreatmentLevel,
    derive_isr,
    duty_of_candour_deadlines,
    is_sapse,
    sentinel_event_deadlines,
)
from casereview.vhims.consistency import InconsistentElementsError

BIG = 10**5000
ROW = {"harm": "Death", "isr": 1}

CALLS: list[tuple[str, Callable[[], object]]] = [
    ("normalise_label(2)", lambda: normalise_label(2)),  # type: ignore[arg-type]
    ("label_key(None)", lambda: label_key(None)),  # type: ignore[arg-type]
    ("InconsistentElementsError('x')", lambda: InconsistentElementsError("x")),  # type: ignore[arg-type]
    ("InconsistentElementsError(0)", lambda: InconsistentElementsError(0)),  # type: ignore[arg-type]
    ("InconsistentElementsError(())", lambda: InconsistentElementsError(())),
    ("InconsistentElementsError({})", lambda: InconsistentElementsError({})),  # type: ignore[arg-type]
    ("sentinel(aware_on=BIG)", lambda: sentinel_event_deadlines(aware_on=BIG)),  # type: ignore[arg-type]
    ("candour(identified_at=(BIG,))", lambda: duty_of_candour_deadlines(identified_at=(BIG,))),  # type: ignore[arg-type]
    ("LogicMap(0)", lambda: LogicMap(0)),  # type: ignore[arg-type]
    ("from_rows(10, source=BIG)", lambda: LogicMap.from_rows(10, source=BIG)),  # type: ignore[arg-type]
    ("from_rows(harm=BIG)", lambda: LogicMap.from_rows([{"harm": BIG, "isr": BIG}])),
    (
        "from_rows(codes={harm: {BIG: ...}})",
        lambda: LogicMap.from_rows([ROW], codes={"harm": {BIG: "Death"}}),
    ),
    ("from_rows(codes={BIG: {}})", lambda: LogicMap.from_rows([ROW], codes={BIG: {}})),
    ("from_rows(name=BIG)", lambda: LogicMap.from_rows([ROW], name=BIG)),  # type: ignore[arg-type]
    ("from_rows(citation={BIG: 1})", lambda: LogicMap.from_rows([{**ROW, "citation": {BIG: 1}}])),
    ("from_csv_text(BIG)", lambda: LogicMap.from_csv_text(BIG)),  # type: ignore[arg-type]
    ("from_json_text(deep)", lambda: LogicMap.from_json_text("[" * 100_000)),
    ("diff(BIG)", lambda: LogicMap.default().diff(BIG)),  # type: ignore[arg-type]
    ("to_rows(grid=BIG)", lambda: LogicMap.default().to_rows(grid=BIG)),  # type: ignore[arg-type]
    ("answer(BIG)", lambda: LogicMap.default().answer(BIG)),  # type: ignore[arg-type]
    ("answer([[]])", lambda: LogicMap.default().answer(([], None, None))),  # type: ignore[arg-type]
    ("derive_isr(logic_map=BIG)", lambda: derive_isr("Death", logic_map=BIG)),  # type: ignore[arg-type]
    ("derive_isr(strict=BIG)", lambda: derive_isr("Death", strict=BIG)),  # type: ignore[arg-type]
    ("derive_isr(BIG)", lambda: derive_isr(BIG)),  # type: ignore[arg-type]
    ("Isr.parse(long)", lambda: Isr.parse("x" * 200_000)),
    ("is_sapse(logic_map=5)", lambda: ClinicalIncident().is_sapse(logic_map=5)),  # type: ignore[arg-type]
    ("possible_isrs(logic_map=5)", lambda: ClinicalIncident().possible_isrs(logic_map=5)),  # type: ignore[arg-type]
    (
        "derive_isr(logic_map=5)",
        lambda: ClinicalIncident(harm=HarmLevel.DEATH).derive_isr(logic_map=5),  # type: ignore[arg-type]
    ),
    (
        "is_sapse(BIG)",
        lambda: is_sapse(incident_type=BIG, isr=1, clinical_incident=1.0, went_as_intended=1.0),  # type: ignore[arg-type]
    ),
]


@pytest.mark.parametrize(("name", "call"), CALLS, ids=[name for name, _ in CALLS])
def test_bad_input_is_refused_by_the_contract(name: str, call: Callable[[], object]) -> None:
    with pytest.raises((CaseReviewError, ValidationError)):
        call()


# --------------------------------------------------------------------------- properties


LABELS = [m.value for e in (HarmLevel, HarmDuration, TreatmentLevel) for m in e]
VALUES = st.one_of(
    st.none(),
    st.sampled_from([*LABELS, "-", "", "ISR 2", "stated", "1", "\u00b9", *HarmLevel, *Isr]),
    st.text(max_size=12),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.just(BIG),
    st.floats(),
    st.booleans(),
    st.lists(st.integers(), max_size=2),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)
KEYS = st.sampled_from(
    ["harm", "duration", "treatment", "isr", "provenance", "source", "quote", "note", "citation",
     "Level of harm", "ISR", "x"]
)  # fmt: skip
ROWS = st.lists(st.dictionaries(KEYS, VALUES, max_size=6), max_size=6)


@settings(max_examples=200, deadline=None)
@given(ROWS, st.one_of(st.none(), st.just({"harm": {"H": "Death"}}), VALUES))
def test_any_rows_load_or_are_refused_by_the_contract(rows: object, codes: object) -> None:
    try:
        loaded = LogicMap.from_rows(rows, codes=codes)  # type: ignore[arg-type]
    except (CaseReviewError, ValidationError):
        return
    assert LogicMap.from_rows(loaded.to_rows()).diff(loaded) == ()
    assert len(loaded.vectors()) == 90


@settings(max_examples=200, deadline=None)
@given(VALUES, VALUES, VALUES, st.one_of(st.booleans(), VALUES))
def test_derive_isr_answers_or_refuses_by_the_contract(
    harm: object, duration: object, treatment: object, strict: object
) -> None:
    with contextlib.suppress(CaseReviewError):
        derive_isr(harm, duration, treatment, strict=strict)  # type: ignore[arg-type]
    with contextlib.suppress(CaseReviewError):
        Isr.parse(harm)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_any_text_loads_or_is_refused_by_the_contract(text: str) -> None:
    for load in (LogicMap.from_csv_text, LogicMap.from_json_text):
        with contextlib.suppress(CaseReviewError):
            load(text)
