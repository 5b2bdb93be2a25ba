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
from casereview.kentucky_cqi.month import month_view
from casereview.kentucky_cqi.period import period_under_review, referral_in_scope
from casereview.kentucky_cqi.pull import Pull
from casereview.kentucky_cqi.referral import last_investigative_referral
from casereview.kentucky_cqi.review_record import validate_review_record
from casereview.kentucky_cqi.schedule import monthly_schedule, steps_due
from casereview.kentucky_cqi.substitution import substitution_decision
from casereview.kentucky_cqi.tracker import pull_status
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
    lines.extend(tracker_lines())
    return lines


def _worked_pulls() -> tuple[Pull, Pull]:
    """The guide's worked month (docs/kentucky-cqi.md): December 2025 and January 2026."""
    salt = {"fsos": "Adams", "region": "Salt River"}
    january = Pull.from_rows(
        2026,
        1,
        [
            {**salt, "case_number": "C1", "flagged_for_regional_review": True,
             "first_level_completed_on": date(2026, 1, 14)},
            {**salt, "case_number": "C2", "flagged_for_regional_review": False, "sealed": True},
            {**salt, "case_number": "C3", "flagged_for_regional_review": False, "replaces": "C2"},
            {**salt, "case_number": "C4", "flagged_for_regional_review": True},
            {**salt, "case_number": "C5", "flagged_for_regional_review": False,
             "first_level_completed_on": date(2026, 1, 20)},
            {"case_number": "C6", "fsos": "Baker", "region": "Salt River",
             "flagged_for_regional_review": True},
            {**salt, "case_number": "C4", "flagged_for_regional_review": True},
        ],
        vacancies={"Baker": "on leave"},
        substitutions=[
            {"case_number": "C2", "reason": "sealed", "requested_on": date(2026, 1, 7),
             "requested_by": "FSOS"},
        ],
        previous=["C5", "X9"],
    )  # fmt: skip
    december = Pull.from_rows(
        2025,
        12,
        [
            {**salt, "case_number": "D1", "flagged_for_regional_review": True,
             "first_level_completed_on": date(2025, 12, 18),
             "regional_completed_on": date(2026, 1, 21)},
            {**salt, "case_number": "D2", "flagged_for_regional_review": True,
             "first_level_completed_on": date(2025, 12, 22)},
        ],
    )  # fmt: skip
    return december, january


def tracker_lines() -> list[str]:
    """The guide's worked month through the pull tracker, the 26th list and the month view."""
    december, january = _worked_pulls()
    on = date(2026, 1, 27)
    status = pull_status(january, on)
    lines = [f"The January 2026 pull on {_day(on)} (Baker on leave; C2 sealed, replaced by C3):"]
    lines.extend(
        f"  {c.key}: {c.assignment.value}; first level {c.first_level.value}; "
        f"regional {c.regional.value}"
        for c in status.cases
    )
    lines.extend(f"  {finding}" for finding in status.findings)
    view = month_view(2026, 1, pulls=[december, january], on=on)
    lines.append("January 2026: first level of the January pull | regional of the December pull")
    lines.extend(f"  {left:<24} | {right}" for _, left, right in view.side_by_side())
    first, regional = view.review_list
    lines.append(
        f"The month's list to the local level: first level {', '.join(first)}; "
        f"regional {', '.join(regional)}"
    )
    if view.notice is not None:
        lines.append(f"The list sent on {_day(view.notice.on)}:")
        lines.extend(
            f"  regional leadership, {region}: {', '.join(keys)}"
            for region, keys in view.notice.for_regional_leadership
        )
        lines.extend(f"  FSOS {fsos}: {', '.join(keys)}" for fsos, keys in view.notice.for_fsos)
    pick = last_investigative_referral(
        [
            {"referral_id": "R1", "occurred_on": date(2024, 4, 2), "investigative": True,
             "completed": True},
            {"referral_id": "R2", "occurred_on": date(2024, 11, 5), "investigative": True,
             "completed": True},
        ],
        review_date=date(2025, 1, 20),
    )  # fmt: skip
    lines.append(f"Last investigative referral for a review on {_day(date(2025, 1, 20))}:")
    lines.extend(f"  {finding}" for finding in pick.findings[:1])
    return lines
