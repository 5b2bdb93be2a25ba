"""When a case review is due, and why its due date cannot be extended.

"Case reviews must be completed by service providers within 21 business days of incident report
endorsement" (``cims.due-date.21-business-days``, stated): the due date is the 21st business day
after the endorsement day, which is not counted, on the Victorian calendar
(``cims.due-date.counting``, inferred). "Please note requests for extension of time are not
applicable to case reviews" (``cims.extension.not-applicable``, stated).

>>> from datetime import date
>>> case_review_due_date(date(2024, 9, 20))  # skips Grand Final Friday, 27 Sep 2024
datetime.date(2024, 10, 22)
>>> extension_decision("case review").granted
False
"""

from __future__ import annotations

from datetime import date, datetime
from typing import NoReturn

from casereview._base import FrozenModel
from casereview.calendar import BusinessCalendar
from casereview.cims import _rules
from casereview.cims.models import FollowUp
from casereview.errors import CaseReviewError
from casereview.findings import Citation

__all__ = [
    "CASE_REVIEW_BUSINESS_DAYS",
    "CaseReviewDue",
    "ExtensionDecision",
    "case_review_due",
    "case_review_due_date",
    "extension_decision",
]

CASE_REVIEW_BUSINESS_DAYS = 21
"""Business days after endorsement within which a case review is completed."""

_CITATIONS = (_rules.DUE_DATE.citation, _rules.BUSINESS_DAY_COUNTING.citation)


class CaseReviewDue(FrozenModel):
    """A case review's due date, explained: the holidays it skips and the calendar used."""

    endorsed_on: date
    due_on: date
    business_days: int
    region: str
    holidays_version: str
    holidays_skipped: tuple[date, ...]
    """Weekday holidays after endorsement up to the due date."""
    rule_id: str = _rules.DUE_DATE.id
    citations: tuple[Citation, ...] = _CITATIONS


class ExtensionDecision(FrozenModel):
    """The answer to a request to extend a follow-up's due date."""

    follow_up: FollowUp
    granted: bool
    reason: str
    rule_id: str
    citations: tuple[Citation, ...]


def case_review_due_date(endorsed_on: date, *, calendar: BusinessCalendar | None = None) -> date:
    """The day a case review is due: the 21st business day after ``endorsed_on``.

    ``calendar`` defaults to :meth:`BusinessCalendar.victoria`; pass one with overrides (a
    council that does not keep Melbourne Cup Day, a gazetted holiday) to honour them.

    Raises:
        CaseReviewError: ``endorsed_on`` is not a date (a datetime is refused: say which day),
            or is outside the calendar's years; ``calendar`` is not a BusinessCalendar.
    """
    cal = _calendar(calendar)
    if type(endorsed_on) is not date:
        _bad_endorsed_on(endorsed_on)
    try:
        return cal.add_business_days(endorsed_on, CASE_REVIEW_BUSINESS_DAYS)
    except CaseReviewError as exc:
        raise exc.renamed("endorsed_on") from None


def case_review_due(
    endorsed_on: date, *, calendar: BusinessCalendar | None = None
) -> CaseReviewDue:
    """:func:`case_review_due_date` with its explanation (holidays skipped, calendar, citations).

    >>> from datetime import date
    >>> due = case_review_due(date(2024, 10, 28))
    >>> due.due_on, due.holidays_skipped  # Melbourne Cup Day
    (datetime.date(2024, 11, 27), (datetime.date(2024, 11, 5),))
    """
    cal = _calendar(calendar)
    due_on = case_review_due_date(endorsed_on, calendar=cal)
    return CaseReviewDue(
        endorsed_on=endorsed_on,
        due_on=due_on,
        business_days=CASE_REVIEW_BUSINESS_DAYS,
        region=cal.region,
        holidays_version=cal.holidays_version,
        holidays_skipped=tuple(d for d, _ in cal.holidays_between(endorsed_on, due_on)),
    )


def extension_decision(follow_up: FollowUp | str = FollowUp.CASE_REVIEW) -> ExtensionDecision:
    """Decide a request to extend the due date of a ``follow_up`` (by default a case review).

    A case review's due date is never extended: the decision is a refusal quoting the tip sheet.

    Raises:
        UnknownValueError: ``follow_up`` is not a FollowUp label.
        CaseReviewError: any other follow-up; the tip sheet decides extensions only for case
            reviews, and this library does not implement the guide's rules for the others.
    """
    kind = FollowUp.parse(follow_up, field="follow_up")
    if kind is not FollowUp.CASE_REVIEW:
        raise CaseReviewError(
            f"follow_up: extensions are decided here only for case reviews; the tip sheet says "
            f"nothing about extending a follow-up of type {kind.value!r}",
            field="follow_up",
        )
    return ExtensionDecision(
        follow_up=kind,
        granted=False,
        reason="Requests for extension of time are not applicable to case reviews.",
        rule_id=_rules.NO_EXTENSION.id,
        citations=(_rules.NO_EXTENSION.citation,),
    )


def _calendar(calendar: object) -> BusinessCalendar:
    if calendar is None:
        return BusinessCalendar.victoria()
    if not isinstance(calendar, BusinessCalendar):
        raise CaseReviewError(
            f"calendar: expected a BusinessCalendar or None, got {type(calendar).__name__}",
            field="calendar",
        )
    return calendar


def _bad_endorsed_on(value: object) -> NoReturn:
    if isinstance(value, datetime):
        raise CaseReviewError(
            f"endorsed_on: expected a date, got the datetime {value!r}; pass .date() to say "
            "which calendar day you mean",
            field="endorsed_on",
        )
    raise CaseReviewError(
        f"endorsed_on: expected a datetime.date, got {type(value).__name__} {value!r}",
        field="endorsed_on",
    )
