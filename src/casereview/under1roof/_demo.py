"""The Under 1 Roof walk-through for ``python -m casereview demo``: a panel, then a review."""

from __future__ import annotations

from datetime import date

from casereview.actions import Action
from casereview.findings import Validation
from casereview.under1roof.models import (
    AlternativeAction,
    Panel,
    PanelMember,
    ReviewRecord,
    Trigger,
)
from casereview.under1roof.panel import counted_members, validate_panel
from casereview.under1roof.process import incomplete_steps
from casereview.under1roof.review import validate_review

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
        stakeholders=("Housing provider", "Mental health service"),
        panel=passing,
        intervention_summary="Eighteen months of tenancy support; the tenancy ended in May.",
        successes=("Stable income arranged",),
        barriers=("No after-hours contact",),
        success_factors=("Early Centrelink referral",),
        alternative_actions=(
            AlternativeAction(description="Agree an after-hours contact", could_still_help=True),
        ),
        tasks=(Action(description="After-hours roster", target_date=date(2024, 8, 1)),),
    )
    steps = ", ".join(str(step.number) for step in incomplete_steps(draft))
    lines += [
        f"  Review record, triggered by: {draft.triggers[0].bullet}",
        f"  Steps still incomplete: {steps}",
        *_findings(validate_review(draft)),
    ]
    return lines
