"""Under 1 Roof multi-agency case reviews: triggers, the panel, the process and its follow-through.

The only authority is the Under 1 Roof "Community in action — Case review" guidance (seed
``under1roof-case-review``): why a case review might be triggered, the case review process in
thirteen steps (an independent chair, at least two other independent experienced people, a
scribe, then summary, analysis, alternative actions, tasks, report back and learning), and the
supportive spirit it is held in. A :class:`ReviewRecord` follows one review from before its
meeting to the report back; ``validate_review(record, as_of=day)`` says what is missing or late
on that day.

>>> from casereview.under1roof import Panel, PanelMember, validate_panel
>>> chair = PanelMember(name="Ann Ng", involved_in_care=False, experienced=True, facilitator=True)
>>> member = dict(independent=True, experienced=True)
>>> panel = Panel(
...     chair=chair,
...     members=[PanelMember(name="Bo Li", **member), PanelMember(name="Cy Ode", **member)],
...     scribe="Di Roe",
... )
>>> validate_panel(panel).ok
True
"""

from casereview.under1roof._rules import RULES
from casereview.under1roof.followup import Phase, phase_of
from casereview.under1roof.labels import ProcessStep, Trigger
from casereview.under1roof.models import (
    AlternativeAction,
    Panel,
    PanelMember,
    ReviewRecord,
    Stakeholder,
    StepDate,
    same_person,
)
from casereview.under1roof.panel import counted_members, validate_panel
from casereview.under1roof.process import incomplete_steps, step_of, validate_process
from casereview.under1roof.review import validate_review, validate_triggers
from casereview.under1roof.tasks import ProgressUpdate, Task, TaskStatus

__all__ = [
    "RULES",
    "AlternativeAction",
    "Panel",
    "PanelMember",
    "Phase",
    "ProcessStep",
    "ProgressUpdate",
    "ReviewRecord",
    "Stakeholder",
    "StepDate",
    "Task",
    "TaskStatus",
    "Trigger",
    "counted_members",
    "incomplete_steps",
    "phase_of",
    "same_person",
    "step_of",
    "validate_panel",
    "validate_process",
    "validate_review",
    "validate_triggers",
]
