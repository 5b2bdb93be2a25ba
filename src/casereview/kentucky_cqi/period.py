"""The period under review: the last 12 months, and the last completed investigative referral.

>>> from datetime import date
>>> period_under_review(date(2024, 2, 29))  # a leap day: 12 months earlier is clamped
PeriodUnderReview(start=datetime.date(2023, 2, 28), end=datetime.date(2024, 2, 29))
>>> referral_in_scope(date(2024, 6, 30), occurred_on=date(2023, 6, 30)).in_scope
True
"""

from __future__ import annotations

from datetime import date

from dateutil.relativedelta import relativedelta

from casereview._input import day
from casereview.errors import CaseReviewError
from casereview.findings import Rule, Severity
from casereview.kentucky_cqi._cite import inferred, stated
from casereview.kentucky_cqi.models import PeriodUnderReview, ReferralScope

__all__ = ["PERIOD_RULES", "period_under_review", "referral_in_scope"]

TWELVE_MONTHS = stated(
    "kentucky_cqi.period.twelve-months",
    "A review covers the last 12 months of the case or child",
    section="Period Under Review",
    quote=(
        "The case review instrument is to be used to review the case or child information for "
        "the last 12 months."
    ),
)
BOUNDARIES = inferred(
    "kentucky_cqi.period.boundaries",
    "The period runs from the same day 12 months earlier to the review date, both included",
    section="Period Under Review",
    quote=(
        "The case review instrument is to be used to review the case or child information for "
        "the last 12 months."
    ),
    note=(
        "The seed says 'the last 12 months' without saying where they start. The period ends on "
        "the review date and starts on the same day of the month 12 months earlier (the last "
        "day of that month when it is shorter: a review on 29 Feb 2024 starts on 28 Feb 2023). "
        "Both ends are included, so an event exactly 12 months before the review is in the "
        "period: the generous reading, which reviews rather than skips it."
    ),
)
LAST_REFERRAL = stated(
    "kentucky_cqi.period.last-investigative-referral",
    "The last completed investigative referral is reviewed if it occurred in the last 12 months",
    section="CQI Case Review Procedures",
    quote="Review the last completed investigative referral if one occurred in the last 12 months.",
)

PERIOD_RULES: tuple[Rule, ...] = (TWELVE_MONTHS, BOUNDARIES, LAST_REFERRAL)

_TWELVE_MONTHS = relativedelta(months=12)
_FIRST_REVIEW_DATE = date(2, 1, 1)


def period_under_review(review_date: date | str) -> PeriodUnderReview:
    """The 12 months a review on ``review_date`` covers.

    ``.start`` is the same day 12 months earlier, clamped to the end of a shorter month;
    ``.end`` is ``review_date``; both are included (:meth:`PeriodUnderReview.includes`).

    Raises:
        CaseReviewError: ``review_date`` is not a ``datetime.date`` or ``'YYYY-MM-DD'`` (a
            ``datetime`` is refused: say which calendar day you mean), or is in the year 1.
    """
    review_date = _check_date(review_date, "review_date")
    if review_date < _FIRST_REVIEW_DATE:
        raise CaseReviewError(
            f"review_date: {review_date.isoformat()} has no date 12 months earlier",
            field="review_date",
        )
    return PeriodUnderReview(
        start=review_date - _TWELVE_MONTHS,
        end=review_date,
        citations=(TWELVE_MONTHS.citation, BOUNDARIES.citation),
    )


def referral_in_scope(review_date: date | str, *, occurred_on: date | str) -> ReferralScope:
    """Whether the last completed investigative referral (occurred ``occurred_on``) is reviewed.

    It is reviewed when it occurred within the period under review of ``review_date``. Pass the
    date the referral occurred (the seed: "if one occurred in the last 12 months").

    Raises:
        CaseReviewError: a date is not a ``datetime.date`` (or ``'YYYY-MM-DD'``), or
            ``occurred_on`` is after ``review_date`` (a completed referral cannot lie in the
            future).
    """
    review_date = _check_date(review_date, "review_date")
    period = period_under_review(review_date)
    occurred_on = _check_date(occurred_on, "occurred_on")
    if occurred_on > review_date:
        raise CaseReviewError(
            f"occurred_on: {occurred_on.isoformat()} is after the review date "
            f"{review_date.isoformat()}; a completed referral cannot be in the future",
            field="occurred_on",
        )
    in_scope = period.includes(occurred_on)
    span = f"{period.start.isoformat()} to {period.end.isoformat()}"
    message = (
        f"the referral occurred on {occurred_on.isoformat()}, within the period under review "
        f"({span}): review it"
        if in_scope
        else f"the referral occurred on {occurred_on.isoformat()}, before the period under "
        f"review ({span}): it is not reviewed"
    )
    return ReferralScope(
        occurred_on=occurred_on,
        period=period,
        in_scope=in_scope,
        findings=(
            LAST_REFERRAL.finding(message, field="occurred_on", severity=Severity.INFO),
            BOUNDARIES.finding(
                f"the period under review is {span}, both days included",
                field="review_date",
                severity=Severity.INFO,
            ),
        ),
    )


def _check_date(value: object, field: str) -> date:
    return day(value, field=field)
