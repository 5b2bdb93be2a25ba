"""An Under 1 Roof case review: check the panel, the review record, then follow it through.

Run: ``.venv/bin/python examples/under1roof_panel.py``
"""

from __future__ import annotations

from datetime import date

from casereview.under1roof import (
    AlternativeAction,
    Panel,
    PanelMember,
    ProgressUpdate,
    ReviewRecord,
    Stakeholder,
    Task,
    TaskStatus,
    Trigger,
    counted_members,
    incomplete_steps,
    validate_panel,
    validate_review,
)


def main() -> None:
    # A host system would build these from its own records (or ReviewRecord.model_validate(json)).
    panel = Panel(
        chair=PanelMember(
            name="Ann Ng", involved_in_care=False, experienced=True, facilitator=True
        ),
        members=(
            PanelMember(name="Bo Li", independent=True, experienced=True),
            PanelMember(name="Eve Tan", involved_in_care=True, experienced=True),
        ),
        scribe="Di Roe",
    )
    result = validate_panel(panel)
    print(f"Panel ok: {result.ok}; counted: {[m.name for m in counted_members(panel)]}")
    for finding in result.findings:
        print(f"  {finding}")

    # Invite a second independent practitioner.
    panel = panel.model_copy(
        update={
            "members": (
                *panel.members,
                PanelMember(name="Cy Ode", independent=True, experienced=True),
            )
        }
    )
    print(f"With Cy Ode: ok {validate_panel(panel).ok}")

    record = ReviewRecord(
        triggers=(Trigger.SUSTAINED_DIFFICULTIES,),
        case_id="U1R-2024-044",
        meeting_date=date(2024, 8, 20),
        stakeholders=(
            Stakeholder(name="Kim Vo", agency="Community housing", role="Housing worker"),
            Stakeholder(name="Ray Ito", agency="Disability support provider", role="Coordinator"),
        ),
        panel=panel,
        intervention_summary="Two years of support to find stable housing.",
        successes=("NDIS plan approved",),
        barriers=("No suitable vacancies",),
        success_factors=("Joint assessment",),
        barrier_factors=("Long waiting lists",),
        alternative_actions=(
            AlternativeAction(description="Apply for head-leased housing", could_still_help=True),
        ),
        tasks=(
            Task(
                description="Lodge the head-lease application",
                responsible="Housing worker",
                agency="Community housing",
                target_date=date(2024, 9, 30),
                progress=(ProgressUpdate(on=date(2024, 9, 17), status=TaskStatus.IN_PROGRESS),),
            ),
        ),
        monitored_through_case_coordination=True,
        key_learning="Start head-lease applications at the first sign of a long wait.",
        report_due_on=date(2024, 10, 15),
        learning_implications=(),
    )
    review = validate_review(record)
    print(
        f"Review ok: {review.ok}; steps to finish: {[s.number for s in incomplete_steps(record)]}"
    )
    for finding in review.findings:
        print(f"  {finding}")

    # Follow the review through: what is missing or late on a given day.
    for as_of in (date(2024, 8, 1), date(2024, 10, 1), date(2024, 10, 16)):
        result = validate_review(record, as_of=as_of)
        print(f"As of {as_of}: ok {result.ok}")
        for finding in result.findings:
            print(f"  {finding}")


if __name__ == "__main__":
    main()
