"""The period under review and the last completed investigative referral."""

from __future__ import annotations

from calendar import monthrange
from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from casereview import CaseReviewError, Provenance
from casereview.kentucky_cqi import PeriodUnderReview, period_under_review, referral_in_scope


@pytest.mark.parametrize(
    ("review_date", "start"),
    [
        (date(2024, 6, 15), date(2023, 6, 15)),
        (date(2024, 2, 29), date(2023, 2, 28)),  # leap day: clamped to the month's end
        (date(2025, 2, 28), date(2024, 2, 28)),  # not the leap day 2024-02-29
        (date(2024, 2, 28), date(2023, 2, 28)),
        (date(2024, 3, 1), date(2023, 3, 1)),
        (date(2025, 3, 1), date(2024, 3, 1)),
        (date(2024, 12, 31), date(2023, 12, 31)),
        (date(2024, 1, 1), date(2023, 1, 1)),
        (date(2000, 2, 29), date(1999, 2, 28)),
    ],
)
def test_start_is_the_same_day_twelve_months_earlier_clamped(
    review_date: date, start: date
) -> None:
    period = period_under_review(review_date)
    assert (period.start, period.end) == (start, review_date)


def test_the_period_cites_the_seed_and_our_reading() -> None:
    period = period_under_review(date(2024, 6, 15))
    assert [c.provenance for c in period.citations] == [Provenance.STATED, Provenance.INFERRED]
    assert period.citations[0].quote == (
        "The case review instrument is to be used to review the case or child information for "
        "the last 12 months."
    )


def test_both_ends_are_included() -> None:
    period = period_under_review(date(2024, 2, 29))
    assert period.includes(date(2023, 2, 28))
    assert period.includes(date(2024, 2, 29))
    assert not period.includes(date(2023, 2, 27))
    assert not period.includes(date(2024, 3, 1))
    assert period.days == 367


@given(st.dates(min_value=date(2, 1, 1)))
def test_the_period_is_twelve_months(review_date: date) -> None:
    period = period_under_review(review_date)
    assert period.end == review_date
    # Same month a year earlier, same day, clamped to that month's last day: stated without
    # relativedelta, which the implementation uses.
    year, month = review_date.year - 1, review_date.month
    assert period.start == date(year, month, min(review_date.day, monthrange(year, month)[1]))
    assert 365 <= period.days <= 367
    assert period.includes(period.start)
    assert period.includes(period.end)
    assert not period.includes(period.start - timedelta(days=1))
    if review_date.day <= 28:
        assert period.start == review_date.replace(year=review_date.year - 1)


@pytest.mark.parametrize(
    ("occurred_on", "in_scope"),
    [
        (date(2024, 6, 15), True),
        (date(2023, 9, 1), True),
        (date(2023, 6, 15), True),
        (date(2023, 6, 14), False),
        (date(2020, 1, 1), False),
    ],
)
def test_the_last_completed_investigative_referral(occurred_on: date, in_scope: bool) -> None:
    scope = referral_in_scope(date(2024, 6, 15), occurred_on=occurred_on)
    assert scope.in_scope is in_scope
    assert scope.findings[0].code == "kentucky_cqi.period.last-investigative-referral"
    assert ("review it" if in_scope else "not reviewed") in scope.findings[0].message
    assert scope.citations[0].quote == (
        "Review the last completed investigative referral if one occurred in the last 12 months."
    )


def test_a_referral_on_a_leap_day_anniversary() -> None:
    assert referral_in_scope(date(2025, 2, 28), occurred_on=date(2024, 2, 29)).in_scope
    assert not referral_in_scope(date(2025, 2, 28), occurred_on=date(2024, 2, 27)).in_scope
    assert referral_in_scope(date(2024, 2, 29), occurred_on=date(2023, 2, 28)).in_scope


def test_bad_dates_are_refused_naming_the_field() -> None:
    with pytest.raises(CaseReviewError, match=r"^review_date:.*\.date\(\)") as caught:
        period_under_review(datetime(2024, 6, 15, 10, 0))
    assert caught.value.field == "review_date"
    # The input policy: an ISO 'YYYY-MM-DD' string is a date (it was refused before issue 15).
    assert period_under_review("2024-06-15") == period_under_review(date(2024, 6, 15))
    with pytest.raises(CaseReviewError) as caught:
        period_under_review("15/06/2024")
    assert caught.value.field == "review_date"
    with pytest.raises(CaseReviewError) as caught:
        period_under_review(10**5000)  # type: ignore[arg-type]
    assert caught.value.field == "review_date"
    assert period_under_review(date(2024, 6, 15)).includes("2024-01-01")
    with pytest.raises(CaseReviewError) as caught:
        period_under_review(date(2024, 6, 15)).includes(5)  # type: ignore[arg-type]
    assert caught.value.field == "d"
    with pytest.raises(CaseReviewError) as caught:
        period_under_review(date(1, 6, 1))
    assert caught.value.field == "review_date"
    with pytest.raises(CaseReviewError) as caught:
        referral_in_scope(date(2024, 6, 15), occurred_on=date(2024, 6, 16))
    assert caught.value.field == "occurred_on"
    with pytest.raises(CaseReviewError) as caught:
        referral_in_scope(date(2024, 6, 15), occurred_on="January")
    assert caught.value.field == "occurred_on"


def test_a_period_cannot_end_before_it_starts() -> None:
    with pytest.raises(ValidationError, match="start must not be after end"):
        PeriodUnderReview(start=date(2024, 2, 1), end=date(2024, 1, 1))
