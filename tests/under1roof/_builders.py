"""Valid panels and complete review records, to be broken one part at a time by the tests."""

from __future__ import annotations

from datetime import date
from typing import Any

from casereview.under1roof import (
    AlternativeAction,
    Panel,
    PanelMember,
    ReviewRecord,
    Stakeholder,
    Task,
    Trigger,
)

MEETING = date(2024, 6, 12)


def chair(**changes: Any) -> PanelMember:
    facts: dict[str, Any] = {
        "name": "Ann Ng",
        "involved_in_care": False,
        "independent": True,
        "experienced": True,
        "facilitator": True,
    }
    return PanelMember(**(facts | changes))


def member(name: str, **changes: Any) -> PanelMember:
    facts: dict[str, Any] = {
        "name": name,
        "involved_in_care": False,
        "independent": True,
        "experienced": True,
    }
    return PanelMember(**(facts | changes))


def panel(**changes: Any) -> Panel:
    parts: dict[str, Any] = {
        "chair": chair(),
        "members": (member("Bo Li"), member("Cy Ode")),
        "scribe": "Di Roe",
    }
    return Panel(**(parts | changes))


def record(**changes: Any) -> ReviewRecord:
    parts: dict[str, Any] = {
        "triggers": (Trigger.TENANCY_AT_RISK,),
        "case_id": "U1R-2024-017",
        "meeting_date": MEETING,
        "stakeholders": (
            Stakeholder(name="Jo Park", agency="Community housing provider", role="Tenancy worker"),
            Stakeholder(name="Sam Roy", agency="Area mental health service", role="Case manager"),
            Stakeholder(name="Lee Fox", agency="Tenant advocacy service", role="Advocate"),
        ),
        "panel": panel(),
        "intervention_summary": "Eighteen months of tenancy support; the tenancy ended in May.",
        "successes": ("Stable income arranged",),
        "barriers": ("No after-hours contact",),
        "success_factors": ("Early Centrelink referral",),
        "barrier_factors": ("Services closed at 5 pm",),
        "alternative_actions": (
            AlternativeAction(
                description="Agree an after-hours contact",
                barrier="No after-hours contact",
                could_still_help=True,
            ),
        ),
        "tasks": (
            Task(
                description="Set up an after-hours contact roster",
                responsible="Mental health team leader",
                agency="Area mental health service",
                target_date=date(2024, 8, 1),
            ),
        ),
        "monitored_through_case_coordination": True,
        "key_learning": "Agree after-hours cover before a crisis.",
        "reported_to_case_coordination_group": True,
        "reported_to_managers_meetings": True,
        "learning_implications": ("After-hours planning is not taught",),
        "learning_opportunities": ("Joint training on crisis planning",),
    }
    return ReviewRecord(**(parts | changes))
