"""A CIMS incident from report to completed case review.

Run: ``.venv/bin/python examples/cims_case_review.py``
"""

from __future__ import annotations

from datetime import date, timedelta

from casereview.cims import (
    Action,
    CaseReviewReport,
    ClientIncident,
    ClientParticipation,
    FollowUp,
    Impact,
    IncidentType,
    can_combine,
    case_review_due,
    extension_decision,
    follow_up_for,
    validate_case_review,
)


def main() -> None:
    # Labels as an incident system stores them are parsed at the edge.
    incident = ClientIncident.model_validate(
        {
            "id": "CIMS-2024-0411",
            "client": "C-77",
            "incident_type": "self-harm",
            "impact": "Major impact",
            "occurred_on": "2024-11-29",
            "reported_on": "2024-11-29",
            "endorsed_on": "2024-12-02",
        }
    )
    decision = follow_up_for(incident)
    print(
        f"{incident.id} ({decision.ruleset.id}, chosen by {decision.ruleset_chosen_by}): "
        f"{decision.follow_up.value} (needs {decision.needs})"
    )
    decision = follow_up_for(incident.model_copy(update={"systemic_factors": False}))
    print(f"  once systemic factors are ruled out: {decision.follow_up.value}")
    assert decision.follow_up is FollowUp.CASE_REVIEW

    assert incident.endorsed_on is not None
    due = case_review_due(incident.endorsed_on, submitted_on=incident.reported_on)
    assert due.due_on is not None
    print(f"  case review due {due.due_on} (skipping {', '.join(map(str, due.holidays_skipped))})")
    print(f"  extension: {extension_decision(submitted_on=incident.reported_on).reason}")

    draft = CaseReviewReport(
        incident_ids=(incident.id,),
        incident_summary="The client self-harmed in their room after a family contact visit.",
        endorsed_on=incident.endorsed_on,
    )
    print("  draft findings:")
    for finding in validate_case_review(draft, submitted_on=incident.reported_on).findings:
        print(f"    {finding}")

    complete = CaseReviewReport.model_validate(
        {
            **draft.model_dump(),
            "management_assessment": "Staff responded promptly and followed the safety plan.",
            "contributing_factors": ["Distress after family contact"],
            "actions": [
                Action(
                    description="Debrief with the client after each family contact visit",
                    responsible="Case manager, L. Osei",
                    target_date=date(2025, 1, 10),
                    taken_at_time_of_incident=False,
                )
            ],
            "administrative_information": "Eastside Youth Residential; CIMS-2024-0411",
            "incident_frequency": "pattern for client",
            "reviewer_name": "M. Rossi",
            "reviewer_position": "Practice Leader",
            "review_date": due.due_on,
            "participation": ClientParticipation(client_engaged=True, interviews_conducted=False),
        }
    )
    checked = validate_case_review(complete, submitted_on=incident.reported_on)
    print(f"  completed review ok: {checked.ok}")

    second = ClientIncident.model_validate(
        {
            **dict(incident),
            "id": "CIMS-2024-0420",
            "occurred_on": date(2024, 12, 3),
            "reported_on": date(2024, 12, 3),
            "endorsed_on": None,
            "systemic_factors": False,
        }
    )
    first = incident.model_copy(update={"systemic_factors": False})
    combined = can_combine([first, second], window=timedelta(days=7))
    print(f"  one review for {combined.qualifying}: {combined.allowed}")
    for assessment in combined.assessments:
        print(f"    {assessment.incident_id}: {'; '.join(assessment.reasons)}")

    # An incident that occurred after the 2024 policy began: its investigation triggers are
    # known, the rest is not; the 2020 rules answer only when asked, and the result says so.
    later = ClientIncident(
        id="CIMS-2026-0042",
        client="C-77",
        incident_type=IncidentType.POOR_QUALITY_OF_CARE,
        impact=Impact.MAJOR,
        systemic_factors=False,
        occurred_on=date(2026, 2, 10),
    )
    unknown = follow_up_for(later)
    print(
        f"{later.id} ({unknown.ruleset.id}): {unknown.follow_up.value}; decided={unknown.decided}"
    )
    print(f"  unknown: {unknown.unknown[0]}")
    assumed = follow_up_for(later, apply_2020_rules=True)
    print(
        f"  with apply_2020_rules=True: {assumed.follow_up.value} "
        f"(provenance {assumed.provenance.value})"
    )
    what_if = follow_up_for(later, ruleset="cims-2020")
    print(f"  what if cims-2020: {what_if.follow_up.value} ({what_if.ruleset_reason})")


if __name__ == "__main__":
    main()
