"""Tests that kill the mutants of ``vhims/sapse.py`` that the rulebook's tests let survive.

Written by the reliability engineer from ``make mutate`` (see ``docs/reliability.md``).
"""

from __future__ import annotations

from typing import Any

import pytest

from casereview.errors import CaseReviewError, MissingElementError
from casereview.vhims import Isr, is_sapse

VALID: dict[str, Any] = {
    "incident_type": "Clinical",
    "isr": Isr.MODERATE,
    "clinical_incident": True,
    "went_as_intended": False,
}


FLAGS = ["clinical_incident", "went_as_intended", "under_duty_of_candour"]


@pytest.mark.parametrize("field", FLAGS)
@pytest.mark.parametrize("value", [1, "maybe", 2.5])
def test_a_bad_flag_is_refused_naming_it(field: str, value: object) -> None:
    with pytest.raises(CaseReviewError, match=rf"^{field}: expected True") as caught:
        is_sapse(**{**VALID, field: value})
    assert caught.value.field == field


@pytest.mark.parametrize("field", [*FLAGS, "incident_type"])
@pytest.mark.parametrize("value", [None, "", "   "])
def test_a_missing_fact_the_answer_depends_on_is_named(field: str, value: object) -> None:
    with pytest.raises(MissingElementError, match=rf"^{field} is required: ") as caught:
        is_sapse(**{**VALID, field: value})
    assert caught.value.field == field


@pytest.mark.parametrize("value", [5, 2.5, ["Clinical"]])
def test_an_incident_type_that_is_not_text_is_refused_naming_it(value: object) -> None:
    with pytest.raises(CaseReviewError, match=r"^incident_type: ") as caught:
        is_sapse(**{**VALID, "incident_type": value})
    assert caught.value.field == "incident_type"


def test_under_duty_of_candour_decides() -> None:
    assert is_sapse(**VALID) is True
    assert is_sapse(**VALID, under_duty_of_candour=False) is False
    assert is_sapse(**VALID, under_duty_of_candour="No") is False
