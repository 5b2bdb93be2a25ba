"""The last completed investigative referral of a case, if it occurred in the last 12 months.

The seed: "Review the last completed investigative referral if one occurred in the last 12
months." (*CQI Case Review Procedures*, rule ``kentucky_cqi.period.last-investigative-referral``,
stated). From a case's referrals, :func:`last_investigative_referral` keeps the completed
investigative ones, takes the one that occurred last, and reviews it when it occurred within the
period under review (:func:`~casereview.kentucky_cqi.period_under_review`). Taking the last one
first and then asking whether it is in the period, or taking the last one within the period,
give the same answer: if the last one is older than 12 months, so are all the others.

A referral whose type or completion is not recorded is never guessed: when it could be the one
reviewed, a warning names it.

>>> from datetime import date
>>> pick = last_investigative_referral(
...     [
...         {"referral_id": "R1", "occurred_on": date(2024, 3, 2), "investigative": True,
...          "completed": True},
...         {"referral_id": "R2", "occurred_on": date(2024, 9, 9), "investigative": True,
...          "completed": True},
...         {"referral_id": "R3", "occurred_on": date(2024, 11, 1), "investigative": True,
...          "completed": False},
...     ],
...     review_date=date(2025, 1, 20),
... )
>>> pick.referral.referral_id, pick.reviewed
('R2', True)
"""

from __future__ import annotations

from casereview._base import validated
from casereview._input import day, items
from casereview.errors import CaseReviewError
from casereview.findings import Finding, Severity
from casereview.kentucky_cqi.models import Referral, ReferralPick
from casereview.kentucky_cqi.period import BOUNDARIES, LAST_REFERRAL, period_under_review

__all__ = ["last_investigative_referral"]


def _name(i: int, referral: Referral) -> str:
    return f"referral {referral.referral_id!r}" if referral.referral_id else f"referrals[{i}]"


def last_investigative_referral(referrals: object, *, review_date: object) -> ReferralPick:
    """The referral a review on ``review_date`` looks at, from a case's ``referrals``.

    ``referrals`` is a list of :class:`Referral` (or mappings of its fields). The result's
    ``referral`` is the last completed investigative referral when it occurred within the period
    under review (``reviewed`` true), and ``None`` otherwise; ``last_completed`` is that referral
    whatever its date. Findings cite the rule, the period, and each referral that could not be
    judged (type or completion not recorded, later than the one picked, within the period): a
    ``warning``. Two completed investigative referrals on the same last day are a ``warning``
    too (the seed does not say which is "last"); the one listed later is picked.

    Raises:
        CaseReviewError: ``referrals`` is not a list, ``review_date`` not a date, or a referral
            occurred after the review date.
        pydantic.ValidationError: a malformed referral (the error names the field).
    """
    on = day(review_date, field="review_date")
    period = period_under_review(on)
    given = tuple(
        validated(r, Referral, field=f"referrals[{i}]")
        for i, r in enumerate(items(referrals, field="referrals"))
    )
    for i, referral in enumerate(given):
        if referral.occurred_on > on:
            raise CaseReviewError(
                f"referrals[{i}].occurred_on: {referral.occurred_on.isoformat()} is after the "
                f"review date {on.isoformat()}",
                field=f"referrals[{i}].occurred_on",
            )
    span = f"{period.start.isoformat()} to {period.end.isoformat()}"
    candidates = [
        (i, r) for i, r in enumerate(given) if r.investigative is True and r.is_completed is True
    ]
    findings: list[Finding] = [
        BOUNDARIES.finding(
            f"the period under review is {span}, both days included",
            field="review_date",
            severity=Severity.INFO,
        )
    ]
    last: tuple[int, Referral] | None = None
    for i, r in candidates:
        if last is None or r.occurred_on >= last[1].occurred_on:
            last = (i, r)
    if last is not None:
        ties = [i for i, r in candidates if r.occurred_on == last[1].occurred_on]
        if len(ties) > 1:
            findings.append(
                LAST_REFERRAL.finding(
                    f"{len(ties)} completed investigative referrals occurred on "
                    f"{last[1].occurred_on.isoformat()} (referrals{ties}): the seed does not say "
                    f"which is last; {_name(*last)}, listed last, is picked",
                    field="referrals",
                    severity=Severity.WARNING,
                )
            )
    floor = last[1].occurred_on if last is not None else period.start
    for i, r in enumerate(given):
        unknown = [
            what
            for what, value in (("investigative", r.investigative), ("completed", r.is_completed))
            if value is None
        ]
        if (
            unknown
            and r.investigative is not False
            and r.is_completed is not False
            and r.occurred_on >= floor
            and period.includes(r.occurred_on)
        ):
            findings.append(
                LAST_REFERRAL.finding(
                    f"{_name(i, r)} ({r.occurred_on.isoformat()}): {' and '.join(unknown)} "
                    "not recorded; if it is a completed investigative referral, it is the "
                    "one to review",
                    field=f"referrals[{i}]",
                    severity=Severity.WARNING,
                )
            )
    reviewed = last is not None and period.includes(last[1].occurred_on)
    if last is None:
        message = "no completed investigative referral recorded: none to review"
    elif reviewed:
        message = (
            f"the last completed investigative referral, {_name(*last)}, occurred on "
            f"{last[1].occurred_on.isoformat()}, within the period under review ({span}): "
            "review it"
        )
    else:
        message = (
            f"the last completed investigative referral, {_name(*last)}, occurred on "
            f"{last[1].occurred_on.isoformat()}, before the period under review ({span}): none "
            "is reviewed"
        )
    findings.insert(0, LAST_REFERRAL.finding(message, field="referrals", severity=Severity.INFO))
    return ReferralPick(
        review_date=on,
        period=period,
        referral=last[1] if reviewed and last is not None else None,
        index=last[0] if reviewed and last is not None else None,
        last_completed=last[1] if last is not None else None,
        findings=tuple(findings),
    )
