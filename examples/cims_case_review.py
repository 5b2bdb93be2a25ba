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
    print(f"{incident.id}: {decision.follow_up.value} (needs {decision.needs})")
    decision = follow_up_for(incident.model_copy(update={"systemic_factors": False}))
    print(f"  once systemic factors are ruled out: {decision.follow_up.value}")
    assert decision.follow_up is FollowUp.CASE_REVIEW

    assert incident.endorsed_on is not None
    due = case_review_due(incident.endorsed_on)
    print(f"  case review due {due.due_on} (skipping {', '.join(map(str, due.holidays_skipped))})")
    print(f"  extension: {extension_decision().reason}")

    draft = CaseReviewReport(
        incident_ids=(incident.id,),
        incident_summary="The client self-harmed in their room after a family contact visit.",
        endorsed_on=incident.endorsed_on,
    )
    print("  draft findings:")
    for finding in validate_case_review(draft).findings:
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
    print(f"  completed review ok: {validate_case_review(complete).ok}")

    second = ClientIncident.model_validate(
        {
            **dict(incident),
            "id": "CIMS-2024-0420",
            "occurred_on": date(2024, 12, 3),
            "reported_on": date(2024, 12, 3),
            "endorsed_on": None,
        }
    )
    combined = can_combine([incident, second], window=timedelta(days=7))
    print(f"  one review for {combined.qualifying}: {combined.allowed}")


if __name__ == "__main__":
    main()
