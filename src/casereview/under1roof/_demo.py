"""The Under 1 Roof walk-through for ``python -m casereview demo``.

A panel, a review record, then one review followed through around its meeting.
"""

from __future__ import annotations

from datetime import date

from casereview.findings import Validation
from casereview.under1roof.labels import Trigger
from casereview.under1roof.models import (
    AlternativeAction,
    Panel,
    PanelMember,
    ReviewRecord,
    Stakeholder,
)
from casereview.under1roof.panel import counted_members, validate_panel
from casereview.under1roof.process import incomplete_steps
from casereview.under1roof.review import validate_review
from casereview.under1roof.tasks import ProgressUpdate, Task, TaskStatus

__all__ = ["section"]


def _findings(result: Validation) -> list[str]:
    return [f"    {finding}" for finding in result.findings] or ["    (no findings)"]


def _panel_lines(title: str, panel: Panel) -> list[str]:
    result = validate_panel(panel)
    counted = ", ".join(m.name for m in counted_members(panel)) or "nobody"
    verdict = "meets the seed" if result.ok else "falls short"
    return [
        f"  {title}: {verdict} (counted toward the two others: {counted})",
        *_findings(result),
    ]


def section() -> list[str]:
    """A panel that falls short, the same panel put right, then a review record checked."""
    chair = PanelMember(name="Ann Ng", involved_in_care=False, experienced=True, facilitator=True)
    short = Panel(
        chair=chair.model_copy(update={"facilitator": None}),
        members=(
            PanelMember(name="Bo Li", independent=True, experienced=True),
            PanelMember(name="BO  LI", independent=True, experienced=True),
            PanelMember(name="Eve Tan", involved_in_care=True, experienced=True),
        ),
        scribe="ann ng",
    )
    passing = Panel(
        chair=chair,
        members=(
            PanelMember(name="Bo Li", independent=True, experienced=True),
            PanelMember(name="Eve Tan", involved_in_care=True, experienced=True),
            PanelMember(name="Cy Ode", independent=True, experienced=True),
        ),
        scribe="Di Roe",
    )
    lines = [
        "Under 1 Roof case review panel (seed: 'Case review process', steps 2-4):",
        *_panel_lines("Draft panel", short),
        *_panel_lines("Panel put right (Eve Tan still sits in, uncounted)", passing),
    ]

    draft = ReviewRecord(
        triggers=(Trigger.TENANCY_AT_RISK,),
        stakeholders=(
            Stakeholder(name="Jo Park", agency="Community housing", role="Tenancy worker"),
            Stakeholder(name="Sam Roy", agency="Mental health service", role="Case manager"),
        ),
        panel=passing,
        intervention_summary="Eighteen months of tenancy support; the tenancy ended in May.",
        successes=("Stable income arranged",),
        barriers=("No after-hours contact",),
        success_factors=("Early Centrelink referral",),
        alternative_actions=(
            AlternativeAction(description="Agree an after-hours contact", could_still_help=True),
        ),
        tasks=(Task(description="After-hours roster", target_date=date(2024, 8, 1)),),
    )
    steps = ", ".join(str(step.number) for step in incomplete_steps(draft))
    lines += [
        f"  Review record, triggered by: {draft.triggers[0].bullet}",
        f"  Steps still incomplete: {steps}",
        *_findings(validate_review(draft)),
    ]
    independent = passing.model_copy(
        update={"members": tuple(m for m in passing.members if m.name != "Eve Tan")}
    )
    return lines + _follow_through(draft, independent)


def _update(on: date, status: TaskStatus) -> ProgressUpdate:
    return ProgressUpdate(on=on, status=status)


def _follow_through(draft: ReviewRecord, panel: Panel) -> list[str]:
    """One finished record, validated as it stood on five days around its meeting."""
    meeting = date(2024, 6, 12)
    roster = Task(
        description="After-hours roster",
        responsible="Mental health team leader",
        agency="Mental health service",
        target_date=date(2024, 7, 1),
        progress=(
            _update(date(2024, 6, 26), TaskStatus.IN_PROGRESS),
            _update(date(2024, 7, 24), TaskStatus.DONE),
        ),
    )
    record = draft.model_copy(
        update={
            "case_id": "U1R-2024-031",
            "meeting_date": meeting,
            "panel": panel,
            "barrier_factors": ("Services close at 5 pm",),
            "tasks": (roster,),
            "monitored_through_case_coordination": True,
            "key_learning": "Agree after-hours cover before a crisis.",
            "report_due_on": date(2024, 7, 15),
            "reported_to_case_coordination_group_on": date(2024, 7, 24),
            "reported_to_managers_meetings_on": date(2024, 8, 5),
            "learning_implications": ("Crisis planning is not taught",),
            "learning_opportunities": ("Joint training on crisis planning",),
        }
    )
    lines = [f"  Following review {record.case_id} through (meeting on {meeting}):"]
    unready = record.model_copy(update={"panel": panel.model_copy(update={"scribe": None})})
    early = validate_review(unready, as_of=date(2024, 5, 22))
    lines.append(f"   draft as of 2024-05-22, no scribe yet: {'ok' if early.ok else 'not ok'}")
    lines += [f"  {line}" for line in _findings(early)]
    for as_of in (
        date(2024, 6, 1),
        meeting,
        date(2024, 7, 2),
        date(2024, 7, 25),
        date(2024, 8, 5),
    ):
        result = validate_review(record, as_of=as_of)
        verdict = "ok" if result.ok else "not ok"
        lines.append(f"   as of {as_of}: {verdict}")
        lines += [f"  {line}" for line in _findings(result)]
    return lines
