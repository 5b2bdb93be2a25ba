"""Tests that kill the mutants of ``vhims/isr.py`` that the rulebook's tests let survive.

Written by the reliability engineer from ``make mutate`` (see ``docs/reliability.md``).
"""

from __future__ import annotations

import pytest

from casereview.errors import CaseReviewError, MissingElementError
from casereview.vhims import (
    HarmDuration,
    HarmLevel,
    InconsistentElementsError,
    LogicMap,
    TreatmentLevel,
    derive_isr,
)


@pytest.mark.parametrize("logic_map", ["default", 5, {"rows": []}])
def test_a_logic_map_of_the_wrong_type_is_refused_naming_its_type(logic_map: object) -> None:
    with pytest.raises(
        CaseReviewError,
        match=r"^logic_map: expected a LogicMap \(LogicMap\.default\(\) or LogicMap\.from_rows",
    ) as caught:
        derive_isr("Minor", logic_map=logic_map)  # type: ignore[arg-type]
    assert caught.value.field == "logic_map"
    assert f"got {type(logic_map).__name__}" in str(caught.value)


def test_a_given_map_reads_every_element_on_the_slow_path() -> None:
    # Spellings that are not exact labels take the slow path; with a map given, each element
    # must still reach the table.
    default = derive_isr(HarmLevel.SEVERE, HarmDuration.PERMANENT, TreatmentLevel.ADVANCED)
    spelled = derive_isr(" severe ", " PERMANENT ", " advanced ", logic_map=LogicMap.default())
    assert spelled == default


def test_a_given_map_honours_strict_on_the_slow_path() -> None:
    with pytest.raises(InconsistentElementsError):
        derive_isr(" no harm ", None, " advanced ", logic_map=LogicMap.default(), strict=True)
    assert derive_isr(" no harm ", None, " advanced ", logic_map=LogicMap.default()).isr == 4


def test_strict_on_the_fast_path_checks_the_treatment_too() -> None:
    with pytest.raises(InconsistentElementsError):
        derive_isr(HarmLevel.NO_HARM, None, TreatmentLevel.ADVANCED, strict=True)


def test_a_missing_treatment_names_the_path() -> None:
    with pytest.raises(MissingElementError, match=r"^treatment is required: the path for harm"):
        derive_isr(" severe ", " temporary ")
    with pytest.raises(MissingElementError, match=r"and duration 'Temporary' continues to the"):
        derive_isr(" severe ", " temporary ", logic_map=LogicMap.default())
