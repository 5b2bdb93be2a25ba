"""Tests that kill the mutants of ``vhims/review.py`` that the rulebook's tests let survive.

Written by the reliability engineer from ``make mutate`` (see ``docs/reliability.md``): each
asserts what the decision table and its refusals promise, not how they are written.
"""

from __future__ import annotations

import itertools

import pytest

from casereview.errors import CaseReviewError
from casereview.vhims import Isr, ReviewLevel, minimum_review, review_requirement

ANSWERS = (True, False, None)


# Every combination but ISR 1 without a sentinel event or the answer (refused; tested below).
DECIDED = [
    (isr, sentinel, system)
    for isr, sentinel, system in itertools.product(Isr, (True, False), ANSWERS)
    if not (isr is Isr.SEVERE and not sentinel and system is None)
]


@pytest.mark.parametrize(("isr", "sentinel", "system"), DECIDED)
def test_every_requirement_records_the_facts_it_was_decided_on(
    isr: Isr, sentinel: bool, system: bool | None
) -> None:
    requirement = review_requirement(isr, sentinel_event=sentinel, system_or_process_issues=system)
    assert requirement.isr is isr
    assert requirement.sentinel_event is sentinel
    assert requirement.level is minimum_review(
        isr, sentinel_event=sentinel, system_or_process_issues=system
    )
    expected = (
        ReviewLevel.ROOT_CAUSE_ANALYSIS
        if sentinel or (isr is Isr.SEVERE and system)
        else ReviewLevel.IN_DEPTH_CASE_REVIEW
        if isr in (Isr.SEVERE, Isr.MODERATE)
        else ReviewLevel.AGGREGATE_REVIEW
    )
    assert requirement.level is expected


@pytest.mark.parametrize("value", ["maybe", 1, 2.5, ()])
def test_a_non_bool_sentinel_event_is_refused_naming_it(value: object) -> None:
    with pytest.raises(CaseReviewError, match=r"^sentinel_event: expected True") as caught:
        review_requirement(Isr.MINOR, sentinel_event=value)  # type: ignore[arg-type]
    assert caught.value.field == "sentinel_event"


@pytest.mark.parametrize("value", ["maybe", 1, 2.5, ()])
def test_a_non_bool_system_or_process_issues_is_refused_naming_it(value: object) -> None:
    with pytest.raises(
        CaseReviewError, match=r"^system_or_process_issues: expected True"
    ) as caught:
        review_requirement(Isr.SEVERE, system_or_process_issues=value)  # type: ignore[arg-type]
    assert caught.value.field == "system_or_process_issues"


def test_isr_1_without_the_answer_says_why_it_is_needed() -> None:
    with pytest.raises(CaseReviewError, match="system_or_process_issues") as caught:
        review_requirement(Isr.SEVERE)
    message = str(caught.value)
    assert "for ISR 1 the minimum review is a root cause analysis when system or process" in message
    assert (
        "issues directly contributed to the outcome, otherwise an in-depth case review" in message
    )
