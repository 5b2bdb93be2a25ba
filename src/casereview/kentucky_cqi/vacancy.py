"""Cases the TWS-M112 assigns to a vacant FSOS position.

>>> outcome = vacant_position_outcome("Extended medical leave", flagged_for_regional_review=True)
>>> outcome.unassign, outcome.first_level_review_completed, outcome.reassignment_required
(True, False, False)
>>> outcome.regional_review_proceeds, outcome.notify_regional_management
(True, True)
"""

from __future__ import annotations

from functools import cache

from casereview._input import flag
from casereview.findings import Finding, Rule, Severity
from casereview.kentucky_cqi._cite import inferred, stated
from casereview.kentucky_cqi.models import VacancyOutcome, VacancyReason

__all__ = ["VACANCY_RULES", "vacant_position_outcome"]

_SECTION = "CQI Case Review Procedures"
_INFO = Severity.INFO

VACANT_POSITIONS = stated(
    "kentucky_cqi.vacancy.positions",
    "Vacant FSOS positions include leave, extended medical leave and transfer out of the region",
    section=_SECTION,
    quote=(
        "Vacant FSOS positions include FSOSes that are on leave, extended medical leave, or have "
        "transferred to another position outside of the region."
    ),
)
UNFILLED_POSITION = inferred(
    "kentucky_cqi.vacancy.unfilled-position",
    "A position nobody holds is vacant",
    section=_SECTION,
    quote=(
        "Vacant FSOS positions include FSOSes that are on leave, extended medical leave, or have "
        "transferred to another position outside of the region."
    ),
    note=(
        "The seed says vacant positions 'include' the three cases listed, so the list is not "
        "closed; a position with no FSOS in it at all is vacant in the word's plain sense and is "
        "treated like the listed ones."
    ),
)
UNASSIGN = stated(
    "kentucky_cqi.vacancy.unassign-not-reassign",
    "The CQI specialist un-assigns the case and need not reassign it",
    section=_SECTION,
    quote=(
        "If the TWS-M112 selects a case that is assigned to a vacant FSOS position, the CQI "
        "specialist is NOT required to reassign that case review to another FSOS, however, the "
        "CQI specialist is required to and un-assign the case(s) from the vacant FSOS."
    ),
)
FIRST_LEVEL_NOT_COMPLETED = stated(
    "kentucky_cqi.vacancy.first-level-not-completed",
    "The first-level review of a vacant position's case is not completed",
    section=_SECTION,
    quote="The first-level review will not be completed.",
)
REGIONAL_PROCEEDS = stated(
    "kentucky_cqi.vacancy.regional-proceeds",
    "A regional review of the case still proceeds when the case is flagged for one",
    section=_SECTION,
    quote=(
        "However, if that case is also flagged for a regional review, those reviews will proceed."
    ),
)
NOTIFY_REGIONAL_MANAGEMENT = stated(
    "kentucky_cqi.vacancy.notify-regional-management",
    "Regional management is notified when an un-assigned case is flagged for regional review",
    section=_SECTION,
    quote=(
        "CQI specialists should notify regional management if a vacant FSOS case review has been "
        "un-assigned and is flagged for a regional review."
    ),
)
NO_EXEMPTION = stated(
    "kentucky_cqi.vacancy.no-exemption",
    "No exemption is requested: CQI specialists un-assign first-level reviews themselves",
    section=_SECTION,
    quote=(
        "CQI specialists are no longer required to ask for exemptions for first-level case "
        "reviews. CQI specialists can un-assign these cases in CQI-CARES 2.0."
    ),
)

VACANCY_RULES: tuple[Rule, ...] = (
    VACANT_POSITIONS,
    UNFILLED_POSITION,
    UNASSIGN,
    FIRST_LEVEL_NOT_COMPLETED,
    REGIONAL_PROCEEDS,
    NOTIFY_REGIONAL_MANAGEMENT,
    NO_EXEMPTION,
)


def vacant_position_outcome(
    reason: VacancyReason | str, *, flagged_for_regional_review: bool | str
) -> VacancyOutcome:
    """What happens to a TWS-M112 case assigned to an FSOS position vacant for ``reason``.

    The CQI specialist un-assigns the case (no exemption asked) and need not reassign it; its
    first-level review is not completed. When the case is also flagged for a regional review,
    that review proceeds and regional management is notified; otherwise there is no regional
    review to proceed and nobody to notify.

    ``reason`` is a :class:`VacancyReason`, its label or a short form (``"on leave"``).
    ``flagged_for_regional_review`` must be given (``True``/``False`` or ``"Yes"``/``"No"``): the
    outcome depends on it.

    Raises:
        UnknownValueError: ``reason`` is not a vacancy reason (the allowed labels are listed).
        MissingElementError: ``flagged_for_regional_review`` is missing (``None``, blank).
        CaseReviewError: ``flagged_for_regional_review`` is not a flag.
    """
    member = VacancyReason.parse(reason, field="reason")
    flagged = flag(flagged_for_regional_review, field="flagged_for_regional_review")
    return _outcome(member, flagged)


@cache
def _outcome(reason: VacancyReason, flagged: bool) -> VacancyOutcome:
    why = UNFILLED_POSITION if reason is VacancyReason.UNFILLED else VACANT_POSITIONS
    findings: list[Finding] = [
        why.finding(
            f"{reason.value!r}: the FSOS position is vacant", field="reason", severity=_INFO
        ),
        UNASSIGN.finding(
            "the CQI specialist un-assigns the case from the vacant FSOS; reassigning it to "
            "another FSOS is not required",
            severity=_INFO,
        ),
        NO_EXEMPTION.finding(
            "no exemption is requested: the CQI specialist un-assigns it in CQI-CARES 2.0",
            severity=_INFO,
        ),
        FIRST_LEVEL_NOT_COMPLETED.finding(
            "the first-level review will not be completed", severity=_INFO
        ),
    ]
    if flagged:
        findings += [
            REGIONAL_PROCEEDS.finding(
                "the case is flagged for a regional review: that review proceeds",
                field="flagged_for_regional_review",
                severity=_INFO,
            ),
            NOTIFY_REGIONAL_MANAGEMENT.finding(
                "notify regional management: the case was un-assigned and is flagged for a "
                "regional review",
                field="flagged_for_regional_review",
                severity=_INFO,
            ),
        ]
    return VacancyOutcome(
        reason=reason,
        flagged_for_regional_review=flagged,
        unassign=True,
        first_level_review_completed=False,
        reassignment_required=False,
        regional_review_proceeds=flagged,
        notify_regional_management=flagged,
        exemption_required=False,
        findings=tuple(findings),
    )
