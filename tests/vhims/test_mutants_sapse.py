"""Tests that kill the mutants of ``vhims/sapse.py`` that the rulebook's tests let survive.

Written by the reliability engineer from ``make mutate`` (see ``docs/reliability.md``).
"""

from __future__ import annotations

from typing import Any

import pytest

from casereview.errors import CaseReviewError
from casereview.vhims import Isr, is_sapse

VALID: dict[str, Any] = {
    "incident_type": "Clinical",
    "isr": Isr.MODERATE,
    "clinical_incident": True,
    "went_as_intended": False,
}


@pytest.mark.parametrize(
    "field", ["clinical_incident", "went_as_intended", "under_duty_of_candour"]
)
@pytest.mark.parametrize("value", [1, "maybe", None])
def test_a_bad_flag_is_refused_naming_it(field: str, value: object) -> None:
    pattern = rf"^{field}(: expected| is required: expected) True"
    with pytest.raises(CaseReviewError, match=pattern) as caught:
        is_sapse(**{**VALID, field: value})
    assert caught.value.field == field


@pytest.mark.parametrize("value", [None, "", "   ", 5])
def test_a_missing_incident_type_is_refused_naming_it(value: object) -> None:
    with pytest.raises(CaseReviewError, match=r"^incident_type: ") as caught:
        is_sapse(**{**VALID, "incident_type": value})
    assert caught.value.field == "incident_type"


def test_under_duty_of_candour_decides() -> None:
    assert is_sapse(**VALID) is True
    assert is_sapse(**VALID, under_duty_of_candour=False) is False
    assert is_sapse(**VALID, under_duty_of_candour="No") is False
