"""Types of the Kentucky CQI rulebook: labels, inputs and the frozen results the decisions return.

Enum values are labels close to the seed's own wording ("Sealed cases", "Extended medical
leave"); they parse forgivingly (any case, spaces folded, member names, and for the enums people
type by hand the short forms listed by ``.aliases()``) and refuse anything else with the allowed
labels listed.
"""

from __future__ import annotations

from datetime import date

from pydantic import Field, computed_field, field_validator, model_validator

from casereview._aliases import label_or_member
from casereview._base import FrozenModel
from casereview._input import day
from casereview.errors import CaseReviewError
from casereview.findings import Citation, Finding, citations_of, errors_of
from casereview.kentucky_cqi.labels import (
    Requester,
    ReviewLevel,
    Step,
    SubstitutionReason,
    Timing,
    VacancyReason,
)

__all__ = [
    "MonthlySchedule",
    "PeriodUnderReview",
    "PermanencyAnswer",
    "Referral",
    "ReferralPick",
    "ReferralScope",
    "Requester",
    "ReviewChild",
    "ReviewLevel",
    "ReviewRecord",
    "ScheduledStep",
    "Step",
    "StepsDue",
    "SubstitutionDecision",
    "SubstitutionReason",
    "SubstitutionRequest",
    "Timing",
    "VacancyOutcome",
    "VacancyReason",
]


# ---------------------------------------------------------------------------- monthly schedule


class ScheduledStep(FrozenModel):
    """One step of a pull's cycle: when it falls, when the seed writes it, and the rule behind it.

    ``field`` is the :class:`MonthlySchedule` attribute holding the same date; ``cycle_month`` is
    1 for the pull month and 2 for the month after it. ``when`` differs from ``as_written`` only
    when a business calendar moved the step off a weekend or holiday.
    """

    step: Step
    field: str
    cycle_month: int = Field(ge=1, le=2)
    timing: Timing
    when: date
    as_written: date
    rule_id: str
    citation: Citation

    @property
    def adjusted(self) -> bool:
        """A business calendar moved this step off the date the seed writes."""
        return self.when != self.as_written


class MonthlySchedule(FrozenModel):
    """Every date of the review cycle for one TWS-M112 pull (month one = the pull month).

    ``calendar`` names the business calendar that moved dates off non-business days
    (``"US-KY"``), or is ``None`` when the dates are the seed's calendar dates as written.
    ``steps`` is the same schedule as a table of (step, date, rule), in order;
    ``cycle_citations`` cite what applies to the cycle as a whole (the two-month window, and the
    business-day policy when a calendar moved dates).
    """

    pull_year: int
    pull_month: int = Field(ge=1, le=12)
    report_generated_by: date
    loaded_on: date
    fsos_start_by: date
    substitution_request_by: date
    fsos_complete_by: date
    monitoring_starts_on: date
    regional_assignments_by: date
    regional_complete_by: date
    regional_monitoring_starts_on: date
    calendar: str | None = None
    steps: tuple[ScheduledStep, ...]
    cycle_citations: tuple[Citation, ...] = ()

    @property
    def month_two(self) -> tuple[int, int]:
        """(year, month) of month two: the month after the pull (January after December)."""
        return (
            (self.pull_year + 1, 1)
            if self.pull_month == 12
            else (self.pull_year, self.pull_month + 1)
        )

    @property
    def citations(self) -> tuple[Citation, ...]:
        """The distinct citations behind the schedule, step by step."""
        return tuple(dict.fromkeys((*(s.citation for s in self.steps), *self.cycle_citations)))

    def step(self, step: Step | str) -> ScheduledStep:
        """The scheduled entry for ``step``: a member or its label (``"FSOS initiate reviews"``).

        Raises:
            UnknownValueError: not a step of the cycle, listing the steps.
            CaseReviewError: this schedule does not hold the step (one built by hand).
        """
        wanted = Step.parse(step, field="step")
        for entry in self.steps:
            if entry.step is wanted:
                return entry
        raise CaseReviewError(f"step: this schedule holds no {wanted.value!r}", field="step")


class StepsDue(FrozenModel):
    """Where a pull's cycle stands on one day.

    * ``due`` — events ("on") on that day, and deadlines ("by") from their reminder (``when``)
      to the seed's date (``as_written``), both included;
    * ``overdue`` — deadlines whose seed date has passed: overdue unless already done;
    * ``passed`` — events ("on") whose date has passed (the load happened, monitoring started);
    * ``upcoming`` — steps whose date is still ahead.
    """

    pull_year: int
    pull_month: int = Field(ge=1, le=12)
    on: date
    due: tuple[ScheduledStep, ...]
    overdue: tuple[ScheduledStep, ...]
    passed: tuple[ScheduledStep, ...]
    upcoming: tuple[ScheduledStep, ...]

    @property
    def citations(self) -> tuple[Citation, ...]:
        """The distinct citations of the steps due or overdue."""
        return tuple(dict.fromkeys(s.citation for s in (*self.due, *self.overdue)))


# ---------------------------------------------------------------------------- substitution


class SubstitutionRequest(FrozenModel):
    """A request to substitute a case on the TWS-M112 pull of (``pull_year``, ``pull_month``).

    ``investigation_has_extension`` matters only for
    :attr:`SubstitutionReason.INVESTIGATION_WITH_EXTENSION` and
    ``rapid_response_is_case_manager`` only for
    :attr:`SubstitutionReason.RAPID_RESPONSE_CASE_MANAGER`; ``None`` means not recorded.
    ``requested_by`` ``None`` means the requester was not recorded (then it is not checked).
    ``level`` is the review level the substitution is for; ``None`` reads it from the requester
    (a regional reviewer's request is second-level; any other is first-level) and the decision
    says so.
    """

    reason: SubstitutionReason
    requested_on: date
    pull_year: int = Field(ge=1, le=9998)
    pull_month: int = Field(ge=1, le=12)
    investigation_has_extension: bool | None = None
    rapid_response_is_case_manager: bool | None = None
    requested_by: Requester | None = None
    level: ReviewLevel | None = None

    _labels = field_validator("reason", "requested_by", "level", mode="before")(label_or_member)


class SubstitutionDecision(FrozenModel):
    """Whether a substitution request can be accepted, and why.

    ``findings`` holds one finding per check (deadline, requester, reason and its condition):
    ``info`` when the check is met, ``error`` when it is not. ``eligible`` is true when no finding
    is an error. ``level`` is the review level decided for (the request's, or read from its
    requester); ``deadline`` is the seed's date for a first-level request (the 12th of the pull
    month), also shown for a second-level one, for which the seed sets none.
    """

    request: SubstitutionRequest
    deadline: date
    findings: tuple[Finding, ...]
    level: ReviewLevel = ReviewLevel.FIRST

    @computed_field  # type: ignore[prop-decorator]
    @property
    def eligible(self) -> bool:
        """No finding of error severity: the substitution can be accepted."""
        return not errors_of(self.findings)

    @property
    def errors(self) -> tuple[Finding, ...]:
        """The findings that refuse the substitution."""
        return errors_of(self.findings)

    @property
    def citations(self) -> tuple[Citation, ...]:
        """The distinct citations behind the decision."""
        return citations_of(self.findings)


# ---------------------------------------------------------------------------- vacant FSOS


class VacancyOutcome(FrozenModel):
    """What happens to a TWS-M112 case assigned to a vacant FSOS position."""

    reason: VacancyReason
    flagged_for_regional_review: bool
    unassign: bool
    first_level_review_completed: bool
    reassignment_required: bool
    regional_review_proceeds: bool
    notify_regional_management: bool
    exemption_required: bool
    findings: tuple[Finding, ...]

    @property
    def citations(self) -> tuple[Citation, ...]:
        """The distinct citations behind the outcome."""
        return citations_of(self.findings)


# ---------------------------------------------------------------------------- what is reviewed


class PeriodUnderReview(FrozenModel):
    """The 12 months a review covers: ``start`` to ``end`` (the review date), both included.

    ``citations`` are the rules that fixed the period (left out of the ``repr``).

    >>> from datetime import date
    >>> period = PeriodUnderReview(start=date(2023, 2, 28), end=date(2024, 2, 29))
    >>> period.includes(date(2023, 2, 28)), period.includes(date(2023, 2, 27))
    (True, False)
    """

    start: date
    end: date
    citations: tuple[Citation, ...] = Field(default=(), repr=False)

    @model_validator(mode="after")
    def _ordered(self) -> PeriodUnderReview:
        if self.start > self.end:
            raise ValueError("start must not be after end")
        return self

    def includes(self, d: date | str) -> bool:
        """``d`` (a date or ``'YYYY-MM-DD'``) falls within the period, both ends included.

        Raises:
            CaseReviewError: ``d`` is not a date (the error names ``d``).
        """
        return self.start <= day(d, field="d") <= self.end

    @property
    def days(self) -> int:
        """The number of days in the period, both ends counted."""
        return (self.end - self.start).days + 1


class ReferralScope(FrozenModel):
    """Whether the last completed investigative referral is reviewed, and why."""

    occurred_on: date
    period: PeriodUnderReview
    in_scope: bool
    findings: tuple[Finding, ...]

    @property
    def citations(self) -> tuple[Citation, ...]:
        """The distinct citations behind the answer."""
        return citations_of(self.findings)


class Referral(FrozenModel):
    """One referral on a case's history, as far as the last-investigative-referral rule needs it.

    ``investigative`` and ``completed`` are ``None`` when not recorded; a ``completed_on`` date
    means completed. ``referral_id`` is optional (findings then name the referral by position).
    """

    referral_id: str | None = None
    occurred_on: date
    investigative: bool | None = None
    completed: bool | None = None
    completed_on: date | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Referral:
        if self.completed is False and self.completed_on is not None:
            raise ValueError("completed_on: given for a referral recorded as not completed")
        if self.completed_on is not None and self.completed_on < self.occurred_on:
            raise ValueError("completed_on: before the referral occurred (occurred_on)")
        return self

    @property
    def is_completed(self) -> bool | None:
        """Completed (``completed`` or a ``completed_on`` date), not, or ``None``: not recorded."""
        return True if self.completed_on is not None else self.completed


class ReferralPick(FrozenModel):
    """Which referral a review looks at: the last completed investigative one, if in the period.

    ``referral`` (and its position ``index`` in the list given) is ``None`` when there is none
    to review; ``last_completed`` is the last completed investigative referral whatever its date.
    """

    review_date: date
    period: PeriodUnderReview
    referral: Referral | None
    index: int | None
    last_completed: Referral | None
    findings: tuple[Finding, ...]

    @property
    def reviewed(self) -> bool:
        """A referral is to be reviewed."""
        return self.referral is not None

    @property
    def citations(self) -> tuple[Citation, ...]:
        """The distinct citations behind the answer."""
        return citations_of(self.findings)


class ReviewChild(FrozenModel):
    """A child on the reviewed case; ``target`` marks the OOHC target child."""

    child_id: str = Field(min_length=1)
    target: bool = False


class PermanencyAnswer(FrozenModel):
    """An answer to a permanency question, naming the child it is about (``None``: not named)."""

    question: str = Field(min_length=1)
    child_id: str | None = Field(default=None, min_length=1)
    answer: str | None = None


class ReviewRecord(FrozenModel):
    """A case review record, as far as the target-child rule needs it.

    ``out_of_home_care`` is ``None`` when the case type is not recorded. Child ids are unique.
    """

    case_id: str | None = None
    out_of_home_care: bool | None = None
    children: tuple[ReviewChild, ...] = ()
    permanency_answers: tuple[PermanencyAnswer, ...] = ()

    @model_validator(mode="after")
    def _unique_children(self) -> ReviewRecord:
        ids = [c.child_id for c in self.children]
        duplicated = sorted({i for i in ids if ids.count(i) > 1})
        if duplicated:
            raise ValueError(f"children: child ids must be unique; repeated: {duplicated}")
        return self

    @property
    def target_children(self) -> tuple[str, ...]:
        """The ids of the children marked as the target child."""
        return tuple(c.child_id for c in self.children if c.target)
