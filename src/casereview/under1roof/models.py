"""The types of an Under 1 Roof case review: triggers, the panel, and the review record.

Drafts are valid objects: every part of a record may be left out (``None``) and every fact about
a panel member may be unrecorded (``None``). Completeness and eligibility are reported as
findings by :func:`~casereview.under1roof.validate_panel`,
:func:`~casereview.under1roof.validate_process` and
:func:`~casereview.under1roof.validate_review`. Malformed data (a wrong type, an empty name, an
unknown trigger label, a step dated twice) is refused by pydantic with the field named.

For list-valued steps, ``None`` means *the step was not done* and an empty tuple means *the step
was done and found nothing* (a review of an entirely positive outcome may find no barriers).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Annotated, Any

from pydantic import Field, field_validator

from casereview._base import FrozenModel
from casereview._labels import LabelEnum, normalise_label
from casereview.actions import Action

__all__ = [
    "AlternativeAction",
    "Panel",
    "PanelMember",
    "ProcessStep",
    "ReviewRecord",
    "StepDate",
    "Trigger",
    "same_person",
]

Text = Annotated[str, Field(min_length=1)]
"""A non-empty string (outer white space is stripped first)."""


class Trigger(LabelEnum):
    """The six reasons the seed gives that might trigger a case review.

    Each label is a verbatim fragment of the seed's bullet (under "Why a case review?"), so it
    can be found in the source; :attr:`bullet` gives the whole bullet. The seed's list is
    illustrative ("might include"): a review may record another reason in
    :attr:`ReviewRecord.other_trigger`.

    >>> Trigger.parse("ADVERSE_EVENT", field="triggers[0]") is Trigger.ADVERSE_EVENT
    True
    >>> Trigger.parse("adverse event", field="triggers[0]")
    Traceback (most recent call last):
    ...
    casereview.errors.UnknownValueError: triggers[0]: 'adverse event' is not an allowed value; ...
    """

    SUSTAINED_DIFFICULTIES = "sustained difficulties in achieving the planned outcome"
    TENANCY_AT_RISK = (
        "complex and intersecting issues cause the tenancy to be at risk or to have ended"
    )
    NO_AGREEMENT = "difficulties reaching agreement on the course of action or the desired outcome"
    ENGAGEMENT_DIFFICULTIES = "difficulties engaging all stakeholders needed to pursue an outcome"
    ADVERSE_EVENT = (
        "an adverse event has occurred despite continued effort by multiple stakeholders"
    )
    SIGNIFICANT_LEARNING = "significant learning and/or outcomes worth explicit reflection"

    @property
    def bullet(self) -> str:
        """The seed's whole bullet for this reason."""
        return _TRIGGER_BULLETS[self]


_TRIGGER_BULLETS: dict[Trigger, str] = {
    Trigger.SUSTAINED_DIFFICULTIES: (
        "sustained difficulties in achieving the planned outcome (such as housing or support)"
    ),
    Trigger.TENANCY_AT_RISK: (
        "continued complex and intersecting issues cause the tenancy to be at risk or to have "
        "ended despite everyone's efforts"
    ),
    Trigger.NO_AGREEMENT: (
        "difficulties reaching agreement on the course of action or the desired outcome"
    ),
    Trigger.ENGAGEMENT_DIFFICULTIES: (
        "difficulties engaging all stakeholders needed to pursue an outcome"
    ),
    Trigger.ADVERSE_EVENT: (
        "an adverse event has occurred despite continued effort by multiple stakeholders"
    ),
    Trigger.SIGNIFICANT_LEARNING: (
        "a case study includes significant learning and/or outcomes worth explicit reflection, "
        "documentation and application to new situations."
    ),
}


class ProcessStep(LabelEnum):
    """The thirteen steps of the seed's "Case review process", in the seed's order.

    Each label is the seed's bullet, verbatim (the final full stop dropped).

    >>> ProcessStep.SCRIBE.number
    4
    >>> ProcessStep(ProcessStep.SCRIBE.value)
    <ProcessStep.SCRIBE: 'Nominate a scribe'>
    """

    CONVENE = "Convene key stakeholders"
    CHAIR = (
        "Identify a person to independently chair the meeting (someone who has not been involved "
        "in the person's care and who is an experienced practitioner and facilitator)"
    )
    INDEPENDENT_MEMBERS = (
        "Involve at least two other experienced practitioners/managers who are independent of "
        "the situation"
    )
    SCRIBE = "Nominate a scribe"
    SUMMARY = "Generate a summary of the intervention"
    SUCCESSES_AND_BARRIERS = "Identify successes and where there were barriers to success"
    SUCCESS_FACTORS = "Analyse factors which contributed to success"
    BARRIER_FACTORS = "Analyse factors which contributed to barriers"
    ALTERNATIVE_ACTIONS = (
        "Develop an alternative set of actions responding to the identified barriers"
    )
    EVALUATE_ALTERNATIVES = (
        "Evaluate if any of those actions could still make a positive difference"
    )
    TASKS = (
        "Allocate tasks and responsibilities and monitor implementation through case coordination"
    )
    REPORT_BACK = (
        "Translate key learning into a report back to the case coordination group and the "
        "managers' meetings"
    )
    LEARNING = (
        "Identify any general implications for learning and development and establish learning "
        "opportunities such as training"
    )

    @property
    def number(self) -> int:
        """The step's position in the seed's list, from 1."""
        return _STEP_NUMBERS[self]


_STEP_NUMBERS: dict[ProcessStep, int] = {step: i for i, step in enumerate(ProcessStep, start=1)}


def same_person(a: str, b: str) -> bool:
    """Whether two names name the same person: compared with case and white space folded.

    >>> same_person("Dana  Lee", " dana lee")
    True
    >>> same_person("Dana Lee", "Dana Leigh")
    False
    """
    return normalise_label(a) == normalise_label(b)


class PanelMember(FrozenModel):
    """A person on the review panel (chair or member) and the facts their eligibility turns on.

    Each fact is ``True``/``False`` when known and ``None`` when not recorded; validation reports
    an unrecorded fact apart from a failed one.
    """

    name: Text
    """Who the person is. People are compared by name, case and white space folded."""
    involved_in_care: bool | None = None
    """Has been involved in the person's care (a chair must not have been)."""
    independent: bool | None = None
    """Is independent of the situation (a counted member must be)."""
    experienced: bool | None = None
    """Is an experienced practitioner (or, for a member, manager)."""
    facilitator: bool | None = None
    """Is a facilitator (the chair must be)."""


class Panel(FrozenModel):
    """The review panel: an independent chair, at least two other members, and a scribe.

    Any part may be missing in a draft.
    """

    chair: PanelMember | None = None
    members: tuple[PanelMember, ...] = ()
    """The other people on the panel (the chair is not listed here); those who are experienced
    and independent count toward step 3's "at least two other"."""
    scribe: Text | None = None
    """The name of the nominated scribe."""


class AlternativeAction(FrozenModel):
    """One action of the alternative set developed in response to the barriers (step 9)."""

    description: Text
    barrier: Text | None = None
    """The identified barrier it responds to, when the review records one."""
    could_still_help: bool | None = None
    """Step 10: whether it could still make a positive difference (None: not yet evaluated)."""


class StepDate(FrozenModel):
    """The date a process step was completed."""

    step: ProcessStep
    completed_on: date


class ReviewRecord(FrozenModel):
    """The record of one Under 1 Roof case review: why it was convened and each process step.

    Every field may be left out of a draft; :func:`~casereview.under1roof.validate_review`
    reports what is missing. ``step_dates`` also accepts a mapping of step to date.
    """

    # Why a case review?
    triggers: tuple[Trigger, ...] = ()
    """The seed's reasons that apply (duplicates are dropped, the order kept)."""
    other_trigger: Text | None = None
    """Another reason, in words, when none of the seed's six fits (the seed's list is open)."""

    # Case review process
    stakeholders: tuple[Text, ...] = ()
    """Step 1: the key stakeholders convened (people or agencies)."""
    panel: Panel | None = None
    """Steps 2-4: the chair, the other members and the scribe."""
    intervention_summary: Text | None = None
    """Step 5: the summary of the intervention."""
    successes: tuple[Text, ...] | None = None
    """Step 6: the successes identified (empty: none were found)."""
    barriers: tuple[Text, ...] | None = None
    """Step 6: where there were barriers to success (empty: none were found)."""
    success_factors: tuple[Text, ...] | None = None
    """Step 7: the factors which contributed to success."""
    barrier_factors: tuple[Text, ...] | None = None
    """Step 8: the factors which contributed to barriers."""
    alternative_actions: tuple[AlternativeAction, ...] | None = None
    """Step 9 (and, on each action, step 10): the alternative set of actions."""
    tasks: tuple[Action, ...] | None = None
    """Step 11: the tasks allocated, each with who is responsible and a target date."""
    monitored_through_case_coordination: bool | None = None
    """Step 11: implementation is monitored through case coordination."""
    key_learning: Text | None = None
    """Step 12: the key learning, translated into a report."""
    reported_to_case_coordination_group: bool | None = None
    """Step 12: the report went back to the case coordination group."""
    reported_to_managers_meetings: bool | None = None
    """Step 12: the report went back to the managers' meetings."""
    learning_implications: tuple[Text, ...] | None = None
    """Step 13: general implications for learning and development (empty: none)."""
    learning_opportunities: tuple[Text, ...] | None = None
    """Step 13: the learning opportunities established, such as training."""

    step_dates: tuple[StepDate, ...] = ()
    """When steps were completed (optional), in step order; each step at most once."""

    @field_validator("triggers")
    @classmethod
    def _drop_repeated_triggers(cls, value: tuple[Trigger, ...]) -> tuple[Trigger, ...]:
        return tuple(dict.fromkeys(value))

    @field_validator("step_dates", mode="before")
    @classmethod
    def _accept_mapping(cls, value: Any) -> Any:
        if isinstance(value, Mapping):
            return tuple({"step": step, "completed_on": on} for step, on in value.items())
        return value

    @field_validator("step_dates")
    @classmethod
    def _one_date_per_step(cls, value: tuple[StepDate, ...]) -> tuple[StepDate, ...]:
        seen: set[ProcessStep] = set()
        for entry in value:
            if entry.step in seen:
                msg = f"step {entry.step.number} ({entry.step.name}) is dated more than once"
                raise ValueError(msg)
            seen.add(entry.step)
        return tuple(sorted(value, key=lambda entry: entry.step.number))

    def completed_on(self, step: ProcessStep) -> date | None:
        """The date ``step`` was completed, if the record dates it."""
        for entry in self.step_dates:
            if entry.step is step:
                return entry.completed_on
        return None
