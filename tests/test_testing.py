from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from casereview import BusinessCalendar, CaseReviewError
from casereview.testing import business_days, isr_elements, label_spellings
from casereview.vhims import HarmDuration, HarmLevel, LogicMap, TreatmentLevel, derive_isr

VIC = BusinessCalendar.victoria()
ALL_MEMBERS = [*HarmLevel, *HarmDuration, *TreatmentLevel]


@given(isr_elements())
def test_isr_elements_always_derive(elements: tuple[object, ...]) -> None:
    harm, duration, treatment = elements
    assert derive_isr(harm, duration, treatment).isr in (1, 2, 3, 4)  # type: ignore[arg-type]


@given(isr_elements(with_unused=False))
def test_without_unused_only_the_path_is_filled(elements: tuple[object, ...]) -> None:
    harm, duration, treatment = elements
    used = derive_isr(harm, duration, treatment).elements_used  # type: ignore[arg-type]
    assert (duration is not None) == ("duration" in used)
    assert (treatment is not None) == ("treatment" in used)


def test_isr_elements_cover_every_path() -> None:
    paths = {
        tuple(r[k] for k in ("harm", "duration", "treatment")) for r in LogicMap.default().to_rows()
    }
    seen: set[tuple[object, ...]] = set()

    @given(isr_elements(with_unused=False))
    def collect(elements: tuple[object, ...]) -> None:
        seen.add(tuple(None if e is None else e.value for e in elements))  # type: ignore[attr-defined]

    collect()
    assert seen == paths


@given(st.sampled_from(ALL_MEMBERS).flatmap(lambda m: st.tuples(st.just(m), label_spellings(m))))
def test_label_spellings_parse_back(pair: tuple[object, str]) -> None:
    member, spelling = pair
    assert type(member).parse(spelling, field="x") is member  # type: ignore[attr-defined]


@given(business_days(VIC, min_value=date(2024, 1, 1), max_value=date(2024, 12, 31)))
def test_business_days_are_business_days_within_bounds(d: date) -> None:
    assert VIC.is_business_day(d)
    assert date(2024, 1, 1) <= d <= date(2024, 12, 31)


def test_business_days_with_no_business_day_in_bounds() -> None:
    with pytest.raises(CaseReviewError, match="no business day between"):
        business_days(VIC, min_value=date(2024, 12, 25), max_value=date(2024, 12, 26))
