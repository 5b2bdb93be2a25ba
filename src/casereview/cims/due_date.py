"""When a case review is due, and why its due date cannot be extended — by ruleset.

"Case reviews must be completed by service providers within 21 business days of incident report
endorsement" (``cims.due-date.21-business-days``, stated): the due date is the 21st business day
after the endorsement day, which is not counted, on the Victorian calendar
(``cims.due-date.counting``, inferred). The date rests on both, so a due date's provenance is
``inferred`` (a result is no surer than its weakest premise). "Please note requests for
extension of time are not applicable to case reviews" (``cims.extension.not-applicable``,
stated).

Both are the tip sheet's, so the ``cims-2020`` regime's. For an incident under ``cims-2024`` the
review timeframe and extensions are not known (``cims.cims-2024.due-date.not-determined``,
``cims.cims-2024.extension.not-determined``): :func:`case_review_due` and :func:`extension_decision`
then answer ``decided=False`` with no date or verdict, unless the caller passes
``apply_2020_rules=True`` (recorded, provenance inferred). So do they when the dates leave
``cims-2024`` possible (a report endorsed on or after 9 Dec 2024 with no submission day):
no 2020 rule is applied by default (``cims.ruleset.not-determined``).
:func:`case_review_due_date` is the bare 21-business-day rule (the fast path; it chooses no
ruleset).

>>> from datetime import date
>>> case_review_due_date(date(2024, 9, 20))  # skips Grand Final Friday, 27 Sep 2024
datetime.date(2024, 10, 22)
>>> extension_decision("case review", submitted_on=date(2024, 5, 1)).granted
False
>>> later = case_review_due(date(2025, 3, 3), occurred_on=date(2025, 2, 26))
>>> later.decided, later.due_on, later.ruleset.id
(False, None, 'cims-2024')
>>> open_ = case_review_due(date(2025, 3, 3))  # submitted before or after 9 Dec 2024?
>>> open_.decided, open_.ruleset_chosen_by
(False, ('undetermined',))
"""

from __future__ import annotations

from datetime import date

from pydantic import model_validator

from casereview._base import FrozenModel
from casereview._input import day, option
from casereview.calendar import BusinessCalendar
from casereview.cims import _rules
from casereview.cims._rules import weakest
from casereview.cims.models import FollowUp
from casereview.cims.rulesets import (
    UNKNOWN_2024_DUE_DATE,
    UNKNOWN_2024_EXTENSION,
    Ruleset,
    RulesetChoice,
    choose_ruleset,
)
from casereview.errors import CaseReviewError
from casereview.findings import Citation, Provenance, Rule

__all__ = [
    "CASE_REVIEW_BUSINESS_DAYS",
    "CaseReviewDue",
    "ExtensionDecision",
    "case_review_due",
    "case_review_due_date",
    "extension_decision",
]

CASE_REVIEW_BUSINESS_DAYS = 21
"""Business days after endorsement within which a case review is completed (``cims-2020``)."""


class CaseReviewDue(FrozenModel):
    """A case review's due date, explained: the ruleset, the holidays it skips, the calendar.

    ``due_on`` is ``None`` (and ``decided`` false) when the ruleset's review timeframe is not
    known (``cims-2024``, or dates that leave it possible, without ``apply_2020_rules=True``);
    ``unknown`` names the gap. ``applied_2020_rules`` records the opt-in. ``provenance`` is the
    weakest of ``citations``: a decided date rests on the inferred counting rule.
    """

    endorsed_on: date
    due_on: date | None
    decided: bool
    business_days: int | None
    region: str
    holidays_version: str
    holidays_skipped: tuple[date, ...]
    """Weekday holidays after endorsement up to the due date."""
    ruleset: Ruleset
    ruleset_chosen_by: tuple[str, ...]
    ruleset_reason: str
    applied_2020_rules: bool = False
    unknown: tuple[str, ...] = ()
    provenance: Provenance
    reason: str
    rule_id: str
    citations: tuple[Citation, ...]

    @model_validator(mode="after")
    def _consistent(self) -> CaseReviewDue:
        if self.decided is (self.due_on is None):
            raise ValueError(f"decided={self.decided} contradicts due_on={self.due_on}")
        return self


class ExtensionDecision(FrozenModel):
    """The answer to a request to extend a follow-up's due date.

    ``granted`` is ``None`` (and ``decided`` false) when the ruleset's answer is not known.
    ``provenance`` is the weakest of ``citations``.
    """

    follow_up: FollowUp
    granted: bool | None
    decided: bool
    reason: str
    ruleset: Ruleset
    ruleset_chosen_by: tuple[str, ...]
    ruleset_reason: str
    applied_2020_rules: bool = False
    unknown: tuple[str, ...] = ()
    provenance: Provenance
    rule_id: str
    citations: tuple[Citation, ...]

    @model_validator(mode="after")
    def _consistent(self) -> ExtensionDecision:
        if self.decided is (self.granted is None):
            raise ValueError(f"decided={self.decided} contradicts granted={self.granted}")
        return self


_DEFAULT_CALENDAR: list[BusinessCalendar] = []


def _victoria() -> BusinessCalendar:
    """The default Victoria calendar, built on first use and kept (the hot path's one look-up)."""
    if not _DEFAULT_CALENDAR:
        _DEFAULT_CALENDAR.append(BusinessCalendar.victoria())
    return _DEFAULT_CALENDAR[0]


def case_review_due_date(endorsed_on: date, *, calendar: BusinessCalendar | None = None) -> date:
    """The 21st business day after ``endorsed_on``: the tip sheet's (``cims-2020``) rule.

    ``calendar`` defaults to a cached :meth:`BusinessCalendar.victoria`; pass one with overrides
    (a council that does not keep Melbourne Cup Day, a gazetted holiday) to honour them. This is
    the bare rule and chooses no ruleset: for an incident, :func:`case_review_due` says which
    regime answers (and gives no date under ``cims-2024`` unless asked to apply this rule).

    Raises:
        CaseReviewError: ``endorsed_on`` is not a date or ``'YYYY-MM-DD'`` (a datetime is
            refused: say which day), or is outside the calendar's years; ``calendar`` is not a
            BusinessCalendar.
    """
    cal = _victoria() if calendar is None else _calendar(calendar)
    if type(endorsed_on) is not date:
        endorsed_on = day(endorsed_on, field="endorsed_on")
    try:
        return cal.add_business_days(endorsed_on, CASE_REVIEW_BUSINESS_DAYS)
    except CaseReviewError as exc:
        raise exc.renamed("endorsed_on") from None


def case_review_due(
    endorsed_on: date | str,
    *,
    calendar: BusinessCalendar | None = None,
    submitted_on: date | str | None = None,
    occurred_on: date | str | None = None,
    ruleset: str | None = None,
    apply_2020_rules: bool = False,
) -> CaseReviewDue:
    """The case review due date for a report endorsed on ``endorsed_on``, under its ruleset.

    The ruleset is chosen as for :func:`casereview.cims.required_follow_up` (``endorsed_on``
    also bounds the submission day: a report endorsed before 9 Dec 2024 was submitted before
    it). Under ``cims-2020``: the 21st business day after endorsement, with the holidays it
    skips. Under ``cims-2024``, or when the dates leave it possible (endorsed on or after
    9 Dec 2024, no ``submitted_on``): not determined (``due_on is None``), unless
    ``apply_2020_rules=True`` applies the 21-business-day rule, recorded as inferred.

    >>> from datetime import date
    >>> due = case_review_due(date(2024, 10, 28), submitted_on=date(2024, 10, 25))
    >>> due.due_on, due.holidays_skipped  # Melbourne Cup Day
    (datetime.date(2024, 11, 27), (datetime.date(2024, 11, 5),))
    >>> case_review_due(date(2025, 3, 3), submitted_on=date(2025, 2, 27),
    ...                 apply_2020_rules=True).provenance
    <Provenance.INFERRED: 'inferred'>
    """
    cal = _calendar(calendar)
    endorsed = day(endorsed_on, field="endorsed_on")
    opt_in = option(apply_2020_rules, field="apply_2020_rules")
    choice = choose_ruleset(
        submitted_on=submitted_on,
        occurred_on=occurred_on,
        endorsed_on=endorsed,
        ruleset=ruleset,
        apply_2020_rules=opt_in,
    )
    if choice.ruleset.id == "cims-2024" and not opt_in:
        citations = _cite(_rules.DUE_DATE_UNKNOWN_2024, choice=choice)
        return CaseReviewDue(
            endorsed_on=endorsed,
            due_on=None,
            decided=False,
            business_days=None,
            region=cal.region,
            holidays_version=cal.holidays_version,
            holidays_skipped=(),
            unknown=(UNKNOWN_2024_DUE_DATE,),
            provenance=weakest(citations),
            reason=_open_reason(choice, "submitted_on")
            + "The review timeframe under cims-2024 is not determined by the rules this library "
            "holds; pass apply_2020_rules=True to apply the tip sheet's 21 business days, "
            "recorded as an inferred choice.",
            rule_id=_rules.DUE_DATE_UNKNOWN_2024.id,
            citations=citations,
            ruleset=choice.ruleset,
            ruleset_chosen_by=choice.chosen_by,
            ruleset_reason=choice.reason,
        )
    due_on = case_review_due_date(endorsed, calendar=cal)
    applied = choice.ruleset.id == "cims-2024" or choice.opted_in
    reason = f"The 21st business day after endorsement on {endorsed.isoformat()}"
    if applied:
        reason += (
            " (the tip sheet's cims-2020 rule, applied to a cims-2024 incident, or one that may "
            "be, at the caller's request: an inferred choice)"
        )
    elif choice.is_default:
        reason += f" ({choice.reason})"
    citations = _cite(
        *((_rules.APPLY_2020_RULES,) if applied else ()),
        _rules.DUE_DATE,
        _rules.BUSINESS_DAY_COUNTING,
        choice=choice,
    )
    return CaseReviewDue(
        endorsed_on=endorsed,
        due_on=due_on,
        decided=True,
        business_days=CASE_REVIEW_BUSINESS_DAYS,
        region=cal.region,
        holidays_version=cal.holidays_version,
        holidays_skipped=tuple(d for d, _ in cal.holidays_between(endorsed, due_on)),
        applied_2020_rules=applied,
        provenance=weakest(citations),
        reason=reason + ".",
        rule_id=_rules.DUE_DATE.id,
        citations=citations,
        ruleset=choice.ruleset,
        ruleset_chosen_by=choice.chosen_by,
        ruleset_reason=choice.reason,
    )


def extension_decision(
    follow_up: FollowUp | str = FollowUp.CASE_REVIEW,
    *,
    submitted_on: date | str | None = None,
    occurred_on: date | str | None = None,
    ruleset: str | None = None,
    apply_2020_rules: bool = False,
) -> ExtensionDecision:
    """Decide a request to extend the due date of a ``follow_up`` (by default a case review).

    Under ``cims-2020`` a case review's due date is never extended: the decision is a refusal
    quoting the tip sheet. Under ``cims-2024`` the answer is not known (``granted is None``,
    ``decided`` false) unless ``apply_2020_rules=True`` applies the tip sheet's refusal,
    recorded as inferred; so is it when the dates leave ``cims-2024`` possible. With no date
    at all the default ``cims-2020`` is assumed (``provenance`` inferred, the reason says so).
    The ruleset is chosen as for :func:`casereview.cims.required_follow_up`.

    Raises:
        UnknownValueError: ``follow_up`` is not a FollowUp label.
        CaseReviewError: any follow-up but a case review (the tip sheet decides extensions only
            for case reviews); bad dates, ``ruleset`` or ``apply_2020_rules``.
    """
    kind = FollowUp.parse(follow_up, field="follow_up")
    if kind is not FollowUp.CASE_REVIEW:
        raise CaseReviewError(
            f"follow_up: extensions are decided here only for case reviews; the tip sheet says "
            f"nothing about extending a follow-up of type {kind.value!r}",
            field="follow_up",
        )
    opt_in = option(apply_2020_rules, field="apply_2020_rules")
    choice = choose_ruleset(
        submitted_on=submitted_on,
        occurred_on=occurred_on,
        ruleset=ruleset,
        apply_2020_rules=opt_in,
    )
    if choice.ruleset.id == "cims-2024" and not opt_in:
        citations = _cite(_rules.EXTENSION_UNKNOWN_2024, choice=choice)
        return ExtensionDecision(
            follow_up=kind,
            granted=None,
            decided=False,
            reason=_open_reason(choice, "submitted_on")
            + "Whether a review's due date can be extended under cims-2024 is not determined by "
            "the rules this library holds; pass apply_2020_rules=True to apply the tip sheet's "
            "refusal, recorded as an inferred choice.",
            unknown=(UNKNOWN_2024_EXTENSION,),
            provenance=weakest(citations),
            rule_id=_rules.EXTENSION_UNKNOWN_2024.id,
            citations=citations,
            ruleset=choice.ruleset,
            ruleset_chosen_by=choice.chosen_by,
            ruleset_reason=choice.reason,
        )
    applied = choice.ruleset.id == "cims-2024" or choice.opted_in
    reason = "Requests for extension of time are not applicable to case reviews."
    if applied:
        reason += " (The tip sheet's cims-2020 rule, applied at the caller's request.)"
    elif choice.is_default:
        reason += f" ({choice.reason[:1].upper()}{choice.reason[1:]}.)"
    citations = _cite(
        *((_rules.APPLY_2020_RULES,) if applied else ()), _rules.NO_EXTENSION, choice=choice
    )
    return ExtensionDecision(
        follow_up=kind,
        granted=False,
        decided=True,
        reason=reason,
        applied_2020_rules=applied,
        provenance=weakest(citations),
        rule_id=_rules.NO_EXTENSION.id,
        citations=citations,
        ruleset=choice.ruleset,
        ruleset_chosen_by=choice.chosen_by,
        ruleset_reason=choice.reason,
    )


def _cite(*rules: Rule, choice: RulesetChoice) -> tuple[Citation, ...]:
    chosen = _rules.selection_rules(choice.chosen_by)
    return tuple(dict.fromkeys(r.citation for r in (*rules, *chosen)))


def _open_reason(choice: RulesetChoice, submitted: str) -> str:
    if not choice.is_open:
        return ""
    return f"{choice.reason[:1].upper()}{choice.reason[1:]}; give {submitted} or ruleset=. "


def _calendar(calendar: object) -> BusinessCalendar:
    if calendar is None:
        return _victoria()
    if not isinstance(calendar, BusinessCalendar):
        raise CaseReviewError(
            f"calendar: expected a BusinessCalendar or None, got {type(calendar).__name__}",
            field="calendar",
        )
    return calendar
