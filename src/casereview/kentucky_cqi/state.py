"""Where each case of a pull stands on one day: the frozen results of the pull tracker.

:func:`~casereview.kentucky_cqi.pull_status` returns a :class:`PullStatus`: one
:class:`CaseState` per review item (assignment, first-level and regional status with their
deadlines, substitutions decided, vacancy and notification), the findings that cite the rules,
the caps checked, and the pull's steps due that day.
"""

from __future__ import annotations

from datetime import date

from pydantic import computed_field

from casereview._base import FrozenModel
from casereview._labels import LabelEnum
from casereview.errors import CaseReviewError, shown
from casereview.findings import Citation, Finding, Validation, citations_of, errors_of
from casereview.kentucky_cqi.models import (
    StepsDue,
    SubstitutionDecision,
    SubstitutionReason,
    VacancyReason,
)

__all__ = ["Assignment", "CaseState", "PullStatus", "ReviewStatus"]


class Assignment(LabelEnum):
    """Who holds a case's first-level review."""

    ASSIGNED = "Assigned"
    """Assigned to its FSOS (by the TWS-M112, or as a substitute pulled in)."""
    SUBSTITUTED = "Substituted"
    """A substitution was accepted: the case leaves the pull."""
    UNASSIGNED_VACANT = "Un-assigned (vacant FSOS)"
    """Its FSOS position is vacant: the CQI specialist un-assigns it."""
    FSOS_NOT_RECORDED = "FSOS not recorded"
    """The row names no FSOS."""


class ReviewStatus(LabelEnum):
    """Where one review (first-level or regional) of a case stands on a day."""

    NOT_REQUIRED = "Not required"
    """No such review: substituted, un-assigned (first level), or not flagged (regional)."""
    NOT_RECORDED = "Not recorded"
    """Cannot tell: the row names no FSOS (first level: whose review, and whether the position is
    vacant, is unknown), or whether the case is flagged for a regional review is not recorded."""
    UPCOMING = "Not yet open"
    """Before the review's month: first level before the load (6th), regional before month two."""
    DUE = "Due"
    """Open and not completed; its deadline has not passed."""
    OVERDUE = "Overdue"
    """Not completed and its deadline (the 25th) has passed."""
    DONE = "Done"
    """Completed (data entered in CQI-CARES 2.0) by its deadline."""
    DONE_LATE = "Done late"
    """Completed after its deadline."""


class CaseState(FrozenModel):
    """One review item of a pull on a day.

    ``row`` is the index of its row in :attr:`Pull.rows`; ``key`` is the case number, with the
    child when the row names one. Dates after the day asked about are not yet known to the state.
    ``pulled_previous_month`` is ``None`` when the previous pull was not given.
    ``substitutable_for`` lists the reasons the row's facts would support (the FSOS may ask by
    the 12th); ``substitutions`` are the decisions on the requests made so far.
    """

    row: int
    key: str
    case_number: str
    child_id: str | None
    fsos: str | None
    region: str | None
    assignment: Assignment
    vacancy: VacancyReason | None
    first_level: ReviewStatus
    first_level_due: date
    first_level_completed_on: date | None
    flagged_for_regional_review: bool | None
    regional: ReviewStatus
    regional_due: date
    regional_completed_on: date | None
    notify_regional_management: bool
    replaces: str | None
    replaced_by: tuple[str, ...]
    pulled_previous_month: bool | None
    substitutable_for: tuple[SubstitutionReason, ...]
    substitutions: tuple[SubstitutionDecision, ...]

    @property
    def completed(self) -> bool:
        """Every review the case needs is done (late or not); ``False`` while one is not."""
        done = {ReviewStatus.DONE, ReviewStatus.DONE_LATE, ReviewStatus.NOT_REQUIRED}
        return self.first_level in done and self.regional in done


class PullStatus(FrozenModel):
    """A pull on one day: each case's state, the findings, the caps and the steps due.

    ``findings`` cite the rules: overdue reviews (errors), cap breaches (errors, from
    ``caps``), vacancies and notifications, substitution requests, duplicates, cross-pull
    matches and facts not recorded. ``ok`` is true when none is an error. ``caps`` counts this
    pull's first-level reviews per FSOS (month one's workload) and its regional reviews per
    region (month two's); :func:`~casereview.kentucky_cqi.month_view` puts each in its month.
    """

    pull_year: int
    pull_month: int
    on: date
    cases: tuple[CaseState, ...]
    findings: tuple[Finding, ...]
    caps: Validation
    steps: StepsDue

    @computed_field  # type: ignore[prop-decorator]
    @property
    def ok(self) -> bool:
        """No finding of error severity."""
        return not errors_of(self.findings)

    @property
    def errors(self) -> tuple[Finding, ...]:
        """The findings of error severity."""
        return errors_of(self.findings)

    @property
    def citations(self) -> tuple[Citation, ...]:
        """The distinct citations behind the findings."""
        return citations_of(self.findings)

    def case(self, key: str) -> CaseState:
        """The state of the item ``key`` (a case number, or ``"case/child"``).

        Raises:
            CaseReviewError: no such item on the pull (naming ``key``).
        """
        for state in self.cases:
            if state.key == key:
                return state
        raise CaseReviewError(f"key: {shown(key)} is not an item on this pull", field="key")

    def first_level(self, status: ReviewStatus) -> tuple[str, ...]:
        """The keys of the items whose first-level review has ``status``."""
        return tuple(c.key for c in self.cases if c.first_level is status)

    def regional(self, status: ReviewStatus) -> tuple[str, ...]:
        """The keys of the items whose regional review has ``status``."""
        return tuple(c.key for c in self.cases if c.regional is status)

    @property
    def regional_management_notices(self) -> tuple[str, ...]:
        """Cases un-assigned from a vacant FSOS and flagged for a regional review.

        The CQI specialist tells regional management about each of them.
        """
        return tuple(c.key for c in self.cases if c.notify_regional_management)
