"""Short inputs (an element left out) on maps with holes, checked independently of the map.

The expected answers here are computed from the loaded rows themselves and
``check_consistency`` — never from the map's own answer table, which ``derive_isr`` and
``vectors()`` both read — so a map that answers a short input with more certainty than its
ratings allow (audit defect 1) fails here.

The contract (rule ``vhims.map.path-from-ratings``): a path may end at an element only when
every combination under it is rated, all with one ISR — or the unrated ones are all
combinations ``check_consistency`` calls illogical. For an input that leaves an element out:

* no combination it could stand for is rated: ``NotRatedError`` (no value could give an ISR);
* otherwise, unless its path ends before the missing element: ``MissingElementError`` naming
  the element (giving it may reach a rated cell).
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casereview.errors import MissingElementError
from casereview.vhims import (
    HarmDuration,
    HarmLevel,
    Isr,
    LogicMap,
    NotRatedError,
    TreatmentLevel,
    check_consistency,
    derive_isr,
)
from tests.vhims._oracle import INPUTS, Expected, answered, expected, rated_by, under

H, D, T = HarmLevel, HarmDuration, TreatmentLevel


# --------------------------------------------------------------------------- the audit's map

AUDIT_ROWS = [
    {"harm": "Severe", "duration": "Permanent", "treatment": None, "isr": 1},
    {"harm": "Moderate", "duration": "Temporary", "treatment": "Intermediate", "isr": 2},
    {"harm": "Minor", "duration": None, "treatment": None, "isr": 3},
    {"harm": "No harm", "duration": None, "treatment": None, "isr": 4},
]


@pytest.mark.parametrize(
    ("key", "answer"),
    [
        # Severe → Temporary is unrated, so "Severe" alone cannot be ISR 1: ask the duration.
        ((H.SEVERE, None, None), (None, "missing", "duration")),
        ((H.SEVERE, D.PERMANENT, None), (1, None, None)),
        ((H.SEVERE, D.TEMPORARY, None), (None, "not_rated", "logic_map")),
        ((H.SEVERE, D.TEMPORARY, T.ADVANCED), (None, "not_rated", "logic_map")),
        # Moderate → Permanent and the other levels of care are unrated: 2 is not certain.
        ((H.MODERATE, None, None), (None, "missing", "duration")),
        ((H.MODERATE, D.TEMPORARY, None), (None, "missing", "treatment")),
        ((H.MODERATE, D.PERMANENT, None), (None, "not_rated", "logic_map")),
        ((H.MODERATE, D.TEMPORARY, T.INTERMEDIATE), (2, None, None)),
        ((H.MODERATE, None, T.MINOR), (None, "not_rated", "logic_map")),
        ((H.MINOR, None, None), (3, None, None)),
        ((H.NO_HARM, None, None), (4, None, None)),
        ((H.DEATH, None, None), (None, "not_rated", "logic_map")),
    ],
)
def test_the_audit_s_gappy_map_answers_short_inputs_honestly(
    key: tuple[Any, ...], answer: Expected
) -> None:
    logic_map = LogicMap.from_rows(AUDIT_ROWS, name="gappy")
    assert answered(logic_map, key) == answer
    (vector,) = [v for v in logic_map.vectors() if v.key == key]
    assert vector.answer == answer


def test_a_path_ends_early_over_holes_only_where_they_are_illogical() -> None:
    """Minor rated everywhere except combinations check_consistency flags: Minor alone is 3;
    leave out one plausible Minor combination and Minor alone asks for the duration."""
    logical = [
        {"harm": "Minor", "duration": d.value, "treatment": t.value, "isr": 3}
        for _, d, t in under(H.MINOR, None, None)
        if not check_consistency(H.MINOR, d, t)
    ]
    complete = LogicMap.from_rows(logical, name="minor only")
    result = derive_isr("Minor", logic_map=complete)
    assert (result.isr, result.elements_used) == (Isr.MINOR, ("harm",))
    assert "illogical" in (result.citations[0].note or "")

    holed = [r for r in logical if r["treatment"] != "Minor"]  # Minor/Temporary/Minor is logical
    logic_map = LogicMap.from_rows(holed, name="minor holed")
    with pytest.raises(MissingElementError) as caught:
        derive_isr("Minor", logic_map=logic_map)
    assert caught.value.field == "duration"
    with pytest.raises(MissingElementError):
        derive_isr("Minor", "Temporary", logic_map=logic_map)
    assert derive_isr("Minor", "Temporary", "Intermediate", logic_map=logic_map).isr is Isr.MINOR
    with pytest.raises(NotRatedError):
        derive_isr("Minor", "Temporary", "Minor", logic_map=logic_map)


# --------------------------------------------------------------------------- any gappy map


@st.composite
def gappy_rows(draw: st.DrawFn) -> list[dict[str, Any]]:
    """Path rows and grid rows over random prefixes, each prefix rated at most once (so no
    ambiguity), with few ISRs so that short inputs often look decided."""
    rows: list[dict[str, Any]] = []
    taken: set[tuple[Any, ...]] = set()
    for harm in HarmLevel:
        shape = draw(st.sampled_from(["none", "harm", "duration", "grid"]))
        if shape == "harm":
            prefixes: list[tuple[Any, ...]] = [(harm, None, None)]
        elif shape == "duration":
            prefixes = [(harm, d, None) for d in HarmDuration if draw(st.booleans())]
        elif shape == "grid":
            prefixes = [f for f in under(harm, None, None) if draw(st.integers(0, 3))]
        else:
            prefixes = []
        for h, d, t in prefixes:
            if any(f in taken for f in under(h, d, t)):
                continue
            taken.update(under(h, d, t))
            rows.append(
                {
                    "harm": h.value,
                    "duration": d and d.value,
                    "treatment": t and t.value,
                    "isr": draw(st.sampled_from([1, 1, 2, 3])),
                }
            )
    if not rows:
        rows.append({"harm": "Minor", "duration": None, "treatment": None, "isr": 3})
    return rows


@settings(max_examples=150, deadline=None)
@given(gappy_rows())
def test_every_input_on_any_gappy_map_gets_the_contract_s_answer(
    rows: list[dict[str, Any]],
) -> None:
    logic_map = LogicMap.from_rows(rows)
    rated = rated_by(rows)
    vectors = {v.key: v.answer for v in logic_map.vectors()}
    for key in INPUTS:
        want = expected(rated, key)
        assert answered(logic_map, key) == want, key
        assert vectors[key] == want, key


@settings(max_examples=150, deadline=None)
@given(gappy_rows())
def test_an_answered_short_input_is_certain_whatever_the_missing_elements(
    rows: list[dict[str, Any]],
) -> None:
    """Soundness, stated without the path structure: an ISR for an input means every
    combination it could stand for is rated with that ISR, or is unrated and illogical."""
    logic_map = LogicMap.from_rows(rows)
    rated = rated_by(rows)
    for key in INPUTS:
        isr = answered(logic_map, key)[0]
        if isr is None:
            continue
        for full in under(*key):
            assert rated.get(full) == isr or (full not in rated and check_consistency(*full))
