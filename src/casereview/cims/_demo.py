"""The CIMS walk-through for ``python -m casereview demo``: incident to completed case review."""

from __future__ import annotations

from datetime import date, timedelta

from casereview.cims._rules import RULES
from casereview.cims.combining import can_combine
from casereview.cims.completeness import validate_case_review
from casereview.cims.due_date import case_review_due, extension_decision
from casereview.cims.follow_up import follow_up_for
from casereview.cims.models import (
    Action,
    Barrier,
    CaseReviewReport,
    ClientIncident,
    ClientParticipation,
    Impact,
    IncidentFrequency,
    IncidentType,
)

__all__ = ["section"]


def _day(d: date) -> str:
    return d.strftime("%a %d %b %Y")


def section() -> list[str]:
    """Lines of the CIMS walk-through (no printing)."""
    incident = ClientIncident(
        id="CIMS-2024-0318",
        client="C-1024",
        incident_type=IncidentType.ABSENT_CLIENT,
        impact=Impact.MAJOR,
        occurred_on=date(2024, 10, 24),
        reported_on=date(2024, 10, 25),
        endorsed_on=date(2024, 10, 28),
    )
    lines = [
        f"Incident {incident.id}: {incident.impact.value}, {incident.incident_type.value}, "
        f"client {incident.client}; reported {_day(date(2024, 10, 25))}, endorsed "
        f"{_day(date(2024, 10, 28))}",
    ]

    pending = follow_up_for(incident)
    lines.append(
        f"  Follow-up ({pending.ruleset.id}): {pending.follow_up.value}; "
        f"type needs {', '.join(pending.needs)}"
    )
    answered = follow_up_for(incident.model_copy(update={"systemic_factors": False}))
    deciding = {rule.id: rule for rule in RULES}[answered.rule_id]
    lines.append(
        f"  Systemic factors: no -> {answered.follow_up.value} [{answered.rule_id}]: "
        f'"{deciding.citation.quote}"'
    )

    due = case_review_due(date(2024, 10, 28), submitted_on=date(2024, 10, 25))
    assert due.due_on is not None  # cims-2020: the tip sheet's 21 business days
    skipped = ", ".join(_day(d) for d in due.holidays_skipped)
    lines.append(f"  Due: {_day(due.due_on)} (21 business days after endorsement; skips {skipped})")
    refusal = extension_decision(answered.follow_up, submitted_on=date(2024, 10, 25))
    lines.append(
        f"  Extension requested: {'granted' if refusal.granted else 'refused'}: {refusal.reason}"
    )

    at_the_time = Action(
        description="Police notified and the client collected from the station",
        responsible="Night shift worker, P. Tran",
        target_date=date(2024, 10, 24),
        taken_at_time_of_incident=True,
    )
    draft = CaseReviewReport(
        incident_ids=(incident.id,),
        incident_summary="The client left the unit overnight and was found by police at 3 am.",
        actions=(at_the_time, Action(description="Review night-time checks")),
        review_date=date(2024, 11, 28),
        endorsed_on=date(2024, 10, 28),
        barriers=(Barrier.POOR_DOCUMENTATION,),
        participation=ClientParticipation(interviews_conducted=True, child_protection_client=True),
    )
    result = validate_case_review(draft, submitted_on=date(2024, 10, 25))
    lines.append(f"  Draft review: ok={result.ok}, {len(result.findings)} findings")
    lines += [f"    {finding}" for finding in result.findings]

    complete = draft.model_copy(
        update={
            "management_assessment": "Staff followed the absent client procedure promptly.",
            "contributing_factors": ("A placement change the week before",),
            "actions": (
                Action(
                    description="Add a 2 am check to the night routine",
                    responsible="House supervisor, A. Lee",
                    target_date=date(2024, 12, 13),
                    taken_at_time_of_incident=False,
                ),
                Action(
                    description="Refresher training on record keeping policy for unit staff",
                    responsible="Team leader, J. Smith",
                    target_date=date(2025, 1, 31),
                    taken_at_time_of_incident=False,
                    addresses_record_keeping=True,
                ),
            ),
            "administrative_information": "Northside Residential Care; CIMS-2024-0318",
            "incident_frequency": IncidentFrequency.PATTERN_FOR_CLIENT,
            "reviewer_name": "R. Nguyen",
            "reviewer_position": "Quality and Safeguarding Manager",
            "review_date": date(2024, 11, 27),
            "participation": ClientParticipation(
                client_engaged=True,
                interviews_conducted=True,
                key_support_person_offered=True,
                child_protection_client=True,
                child_protection_engaged=True,
                care_team_discussion=True,
            ),
        }
    )
    done = validate_case_review(complete, submitted_on=date(2024, 10, 25))
    lines.append(
        f"  Completed review dated {_day(date(2024, 11, 27))}: ok={done.ok}, "
        f"{len(done.findings)} findings"
    )

    incident = incident.model_copy(update={"systemic_factors": False})
    earlier = incident.model_copy(
        update={
            "id": "CIMS-2024-0301",
            "occurred_on": date(2024, 10, 18),
            "reported_on": date(2024, 10, 18),
            "endorsed_on": date(2024, 10, 21),
        }
    )
    other_client = incident.model_copy(update={"id": "CIMS-2024-0322", "client": "C-2048"})
    combined = can_combine([earlier, incident, other_client], window=timedelta(days=14))
    lines.append(
        f"  One case review for several incidents (window 14 days, the caller's choice): "
        f"{'allowed' if combined.allowed else 'not allowed'} for {', '.join(combined.qualifying)}"
    )
    for assessment in combined.assessments:
        verdict = "qualifies" if assessment.qualifies else "does not qualify"
        lines.append(f"    {assessment.incident_id} {verdict}: {'; '.join(assessment.reasons)}")
    return lines
