"""The last completed investigative referral in the last 12 months (seed: CQI Case Review
Procedures)."""

from __future__ import annotations

import itertools
from datetime import date
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from casereview import CaseReviewError, Severity
from casereview.kentucky_cqi import Referral, last_investigative_referral

REVIEW = date(2025, 1, 20)  # the period under review is 2024-01-20 .. 2025-01-20


def ref(
    rid: str, on: date, investigative: bool | None = True, completed: bool | None = True
) -> dict[str, Any]:
    return {
        "referral_id": rid,
        "occurred_on": on,
        "investigative": investigative,
        "completed": completed,
    }


def test_the_last_completed_investigative_one_is_picked() -> None:
    pick = last_investigative_referral(
        [
            ref("R1", date(2024, 3, 1)),
            ref("R2", date(2024, 10, 1)),
            ref("R3", date(2024, 12, 1), completed=False),  # not completed
            ref("R4", date(2025, 1, 2), investigative=False),  # not investigative
        ],
        review_date=REVIEW,
    )
    assert pick.referral is not None
    assert pick.referral.referral_id == "R2"
    assert pick.index == 1
    assert pick.reviewed
    assert pick.findings[0].code == "kentucky_cqi.period.last-investigative-referral"
    assert pick.findings[0].citation is not None
    assert pick.findings[0].citation.quote == (
        "Review the last completed investigative referral if one occurred in the last 12 months."
    )
    assert all(f.severity is Severity.INFO for f in pick.findings)


@pytest.mark.parametrize(
    ("occurred", "reviewed"),
    [(date(2024, 1, 20), True), (date(2024, 1, 19), False), (REVIEW, True)],
)
def test_the_last_one_is_reviewed_only_within_the_12_months(occurred: date, reviewed: bool) -> None:
    pick = last_investigative_referral([ref("R", occurred)], review_date=REVIEW)
    assert pick.reviewed is reviewed
    assert pick.last_completed is not None
    assert pick.last_completed.occurred_on == occurred


def test_none_when_there_is_no_completed_investigative_referral() -> None:
    pick = last_investigative_referral(
        [ref("R", date(2024, 6, 1), completed=False)], review_date="2025-01-20"
    )
    assert pick.referral is None
    assert pick.last_completed is None
    assert "none to review" in pick.findings[0].message
    assert last_investigative_referral([], review_date=REVIEW).referral is None


def test_an_unrecorded_referral_that_could_be_the_one_is_a_warning_never_a_guess() -> None:
    pick = last_investigative_referral(
        [ref("R1", date(2024, 5, 1)), ref("R2", date(2024, 8, 1), investigative=None)],
        review_date=REVIEW,
    )
    assert pick.referral is not None
    assert pick.referral.referral_id == "R1"
    warnings = [f for f in pick.findings if f.severity is Severity.WARNING]
    assert [f.field for f in warnings] == ["referrals[1]"]
    assert "investigative not recorded" in warnings[0].message
    # An unrecorded referral older than the one picked cannot change the pick: no warning.
    older = last_investigative_referral(
        [ref("R0", date(2024, 2, 1), completed=None), ref("R1", date(2024, 5, 1))],
        review_date=REVIEW,
    )
    assert not any(f.severity is Severity.WARNING for f in older.findings)


def test_two_on_the_last_day_is_a_warning_and_the_later_listed_is_picked() -> None:
    pick = last_investigative_referral(
        [ref("A", date(2024, 9, 9)), ref("B", date(2024, 9, 9))], review_date=REVIEW
    )
    assert pick.referral is not None
    assert pick.referral.referral_id == "B"
    assert any(
        f.severity is Severity.WARNING and "does not say" in f.message for f in pick.findings
    )


def test_a_completion_date_means_completed() -> None:
    r = Referral(occurred_on=date(2024, 5, 1), investigative=True, completed_on=date(2024, 6, 1))
    assert r.is_completed is True
    pick = last_investigative_referral([r], review_date=REVIEW)
    assert pick.reviewed
    assert "referrals[0]" in pick.findings[0].message  # named by position without an id
    with pytest.raises(ValidationError):
        Referral(occurred_on=date(2024, 5, 1), completed=False, completed_on=date(2024, 6, 1))


def test_bad_input_is_refused_naming_the_field() -> None:
    with pytest.raises(CaseReviewError, match=r"^referrals\[0\]\.occurred_on: "):
        last_investigative_referral([ref("R", date(2025, 2, 1))], review_date=REVIEW)
    with pytest.raises(CaseReviewError, match=r"^referrals: "):
        last_investigative_referral("R1", review_date=REVIEW)
    with pytest.raises(CaseReviewError, match=r"^review_date: "):
        last_investigative_referral([], review_date="soon")


TRI = (True, False, None)


def test_every_combination_of_two_referrals() -> None:
    """Both readings of the sentence agree: the last one, then in the period, or the reverse."""
    days = (date(2023, 12, 1), date(2024, 1, 20), date(2024, 7, 1), REVIEW)
    for (d1, i1, c1), (d2, i2, c2) in itertools.product(
        itertools.product(days, TRI, TRI), repeat=2
    ):
        refs = [ref("A", d1, i1, c1), ref("B", d2, i2, c2)]
        pick = last_investigative_referral(refs, review_date=REVIEW)
        done = [(d, n) for d, i, c, n in ((d1, i1, c1, "A"), (d2, i2, c2, "B")) if i and c]
        in_period = [(d, n) for d, n in done if d >= date(2024, 1, 20)]
        expected = max(in_period)[1] if in_period else None  # ties: the later listed ("B")
        assert (pick.referral.referral_id if pick.referral else None) == expected


@given(st.lists(st.dates(date(2022, 1, 1), REVIEW), max_size=8))
def test_the_pick_is_never_older_than_another_completed_one(days: list[date]) -> None:
    pick = last_investigative_referral(
        [ref(str(i), d) for i, d in enumerate(days)], review_date=REVIEW
    )
    if pick.referral is not None:
        assert pick.referral.occurred_on == max(days)
    else:
        assert not days or max(days) < date(2024, 1, 20)
