"""The Kentucky CQI walk-through of ``python -m casereview demo``: one pull month, end to end."""

from __future__ import annotations

from datetime import date

from casereview.calendar import BusinessCalendar
from casereview.kentucky_cqi.caps import check_caps
from casereview.kentucky_cqi.models import (
    PermanencyAnswer,
    Requester,
    ReviewChild,
    ReviewRecord,
    SubstitutionReason,
    SubstitutionRequest,
    VacancyReason,
)
from casereview.kentucky_cqi.period import period_under_review, referral_in_scope
from casereview.kentucky_cqi.review_record import validate_review_record
from casereview.kentucky_cqi.schedule import monthly_schedule, steps_due
from casereview.kentucky_cqi.substitution import substitution_decision
from casereview.kentucky_cqi.vacancy import vacant_position_outcome

__all__ = ["section"]

_YEAR, _MONTH = 2025, 1


def _day(d: date) -> str:
    return d.strftime("%a %d %b %Y")


def section() -> list[str]:
    """The cycle of the January 2025 TWS-M112 pull, with the decisions met along the way."""
    lines: list[str] = []
    written = monthly_schedule(_YEAR, _MONTH)
    ky = monthly_schedule(_YEAR, _MONTH, calendar=BusinessCalendar.kentucky())
    lines.append("TWS-M112 pull for January 2025 (month two: February 2025), dates as the seed")
    lines.append("writes them; '->' shows a Kentucky business-day reminder where it differs:")
    for step, business in zip(written.steps, ky.steps, strict=True):
        moved = f" -> {_day(business.when)}" if business.adjusted else ""
        lines.append(
            f"  {step.timing.value:>2} {_day(step.when)}{moved}  {step.step.value}"
            f"  [{step.rule_id}, {step.citation.provenance.value}]"
        )

    on = date(2025, 1, 12)
    status = steps_due(_YEAR, _MONTH, on)
    lines.append(f"On {_day(on)}:")
    lines.append(f"  due today: {', '.join(s.field for s in status.due) or 'nothing'}")
    lines.append(f"  overdue unless done: {', '.join(s.field for s in status.overdue)}")
    lines.append(f"  passed: {', '.join(s.field for s in status.passed)}")
    lines.append(f"  next: {status.upcoming[0].step.value} by {_day(status.upcoming[0].when)}")

    lines.append("Substitution requests:")
    requests = (
        SubstitutionRequest(
            reason=SubstitutionReason.SEALED,
            requested_on=date(2025, 1, 8),
            pull_year=_YEAR,
            pull_month=_MONTH,
            requested_by=Requester.FSOS,
        ),
        SubstitutionRequest(
            reason=SubstitutionReason.INVESTIGATION_WITH_EXTENSION,
            requested_on=date(2025, 1, 9),
            pull_year=_YEAR,
            pull_month=_MONTH,
            investigation_has_extension=False,
            requested_by=Requester.FSOS,
        ),
        SubstitutionRequest(
            reason=SubstitutionReason.RAPID_RESPONSE_CASE_MANAGER,
            requested_on=date(2025, 1, 10),
            pull_year=_YEAR,
            pull_month=_MONTH,
            rapid_response_is_case_manager=False,
        ),
        SubstitutionRequest(
            reason=SubstitutionReason.CONTROLLED_ACCESS,
            requested_on=date(2025, 1, 14),
            pull_year=_YEAR,
            pull_month=_MONTH,
            requested_by=Requester.FSOS,
        ),
    )
    for request in requests:
        decision = substitution_decision(request)
        verdict = "accepted" if decision.eligible else "refused"
        why = "; ".join(f.message for f in decision.errors) or "meets the substitution clause"
        lines.append(
            f"  {request.reason.value!r} asked {_day(request.requested_on)}: {verdict} ({why})"
        )

    caps = check_caps(
        first_level={"Adams": 4, "Baker": 5, "Clark": 3},
        regional={"Salt River": 18, "Two Rivers": 19},
    )
    lines.append("Caps for the month (4 per FSOS, 18 per region):")
    lines.extend(f"  {finding}" for finding in caps.findings)

    vacancy = vacant_position_outcome(
        VacancyReason.EXTENDED_MEDICAL_LEAVE, flagged_for_regional_review=True
    )
    lines.append(
        "A case assigned to an FSOS on extended medical leave, flagged for regional review: "
        f"un-assign={vacancy.unassign}, first-level completed="
        f"{vacancy.first_level_review_completed}, reassign={vacancy.reassignment_required}, "
        f"regional proceeds={vacancy.regional_review_proceeds}, notify regional management="
        f"{vacancy.notify_regional_management}"
    )

    review_date = date(2025, 1, 20)
    period = period_under_review(review_date)
    lines.append(
        f"A review on {_day(review_date)} covers {_day(period.start)} to {_day(period.end)}"
    )
    for occurred in (date(2024, 1, 20), date(2024, 1, 19)):
        scope = referral_in_scope(review_date, occurred_on=occurred)
        verdict = "reviewed" if scope.in_scope else "not reviewed"
        lines.append(f"  last investigative referral on {_day(occurred)}: {verdict}")

    record = ReviewRecord(
        case_id="OOHC-1",
        out_of_home_care=True,
        children=(ReviewChild(child_id="Child A", target=True), ReviewChild(child_id="Child B")),
        permanency_answers=(
            PermanencyAnswer(question="Permanency goal established timely", child_id="Child A"),
            PermanencyAnswer(question="Concurrent planning", child_id="Child B"),
        ),
    )
    lines.append("An OOHC review with a permanency answer about the wrong child:")
    lines.extend(f"  {finding}" for finding in validate_review_record(record).findings)
    return lines
