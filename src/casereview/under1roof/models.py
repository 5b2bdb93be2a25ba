"""The types of an Under 1 Roof case review: the panel, the stakeholders and the review record.

Drafts are valid objects: every part of a record may be left out (``None``) and every fact about
a panel member may be unrecorded (``None``). Completeness and eligibility are reported as
findings by :func:`~casereview.under1roof.validate_panel`,
:func:`~casereview.under1roof.validate_process` and
:func:`~casereview.under1roof.validate_review`. Malformed data (a wrong type, an empty name, an
unknown trigger label, a step dated twice) is refused by pydantic with the field named.

For list-valued steps, ``None`` means *the step was not done* and an empty tuple means *the step
was done and found nothing* (a review of an entirely positive outcome may find no barriers).

The record follows the meeting through: the meeting date and the case (an id, no personal data),
who was there, the tasks allocated and their progress at case coordination
(:mod:`~casereview.under1roof.tasks`), the report back and the learning opportunities. The seed's
two lists, :class:`Trigger` and :class:`ProcessStep`, live in :mod:`~casereview.under1roof.labels`.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Annotated, Any

from pydantic import Field, field_validator, model_validator

from casereview._base import FrozenModel
from casereview._input import choice, day, text
from casereview._labels import normalise_label
from casereview.actions import Action
from casereview.errors import MissingElementError
from casereview.under1roof.labels import ProcessStep, Trigger
from casereview.under1roof.tasks import Task

__all__ = [
    "AlternativeAction",
    "Panel",
    "PanelMember",
    "ProcessStep",
    "ReviewRecord",
    "Stakeholder",
    "StepDate",
    "Trigger",
    "same_person",
]

Text = Annotated[str, Field(min_length=1)]
"""A non-empty string (outer white space is stripped first)."""


def same_person(a: str, b: str) -> bool:
    """Whether two names name the same person: compared with case and white space folded.

    >>> same_person("Dana  Lee", " dana lee")
    True
    >>> same_person("Dana Lee", "Dana Leigh")
    False
    """
    return normalise_label(_name(a, "a")) == normalise_label(_name(b, "b"))


def _name(value: object, field: str) -> str:
    name = text(value, field=field)
    if name is None:
        raise MissingElementError(field, "expected a name")
    return name


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
    agency: Text | None = None
    """The agency the person works for (kept for the record; no rule turns on it)."""


class Stakeholder(FrozenModel):
    """A key stakeholder convened to the review (step 1): who, from which agency, in what role.

    A plain string is read as the stakeholder's ``name`` (a person, or an agency named as such);
    agency and role are then missing, and :func:`~casereview.under1roof.validate_review` says so.
    """

    name: Text | None = None
    agency: Text | None = None
    role: Text | None = None
    """The stakeholder's role in the person's situation (e.g. tenancy worker, case manager)."""


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

    # The meeting
    case_id: Text | None = None
    """The person's case, as the host system identifies it (no personal data is needed)."""
    meeting_date: date | None = None
    """The day the review meeting is (or was) held: the follow-through is placed around it."""

    # Case review process
    stakeholders: tuple[Stakeholder, ...] = ()
    """Step 1: the key stakeholders convened, with their agency and role (a plain string is a
    stakeholder's name)."""
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
    tasks: tuple[Task, ...] | None = None
    """Step 11: the tasks allocated, each with its owner and agency, due date and progress (a
    plain :class:`~casereview.actions.Action` is accepted as a task)."""
    monitored_through_case_coordination: bool | None = None
    """Step 11: implementation is monitored through case coordination."""
    key_learning: Text | None = None
    """Step 12: the key learning, translated into a report."""
    reported_to_case_coordination_group: bool | None = None
    """Step 12: the report went back to the case coordination group."""
    reported_to_managers_meetings: bool | None = None
    """Step 12: the report went back to the managers' meetings."""
    reported_to_case_coordination_group_on: date | None = None
    """Step 12: the day the report went to the case coordination group (implies it went)."""
    reported_to_managers_meetings_on: date | None = None
    """Step 12: the day the report went to the managers' meetings (implies it went)."""
    report_due_on: date | None = None
    """The day the review planned to report back by (its own date: the seed sets none)."""
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

    @field_validator("stakeholders", mode="before")
    @classmethod
    def _name_only_stakeholders(cls, value: Any) -> Any:
        if isinstance(value, list | tuple):
            return tuple(_stakeholder(item) for item in value)
        return value

    @field_validator("tasks", mode="before")
    @classmethod
    def _actions_are_tasks(cls, value: Any) -> Any:
        if isinstance(value, list | tuple):
            return tuple(_task(item) for item in value)
        return value

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

    @model_validator(mode="after")
    def _dated_reports_went(self) -> ReviewRecord:
        for flag, dated in (
            ("reported_to_case_coordination_group", "reported_to_case_coordination_group_on"),
            ("reported_to_managers_meetings", "reported_to_managers_meetings_on"),
        ):
            if getattr(self, flag) is False and getattr(self, dated) is not None:
                msg = f"{dated}: a report dated {getattr(self, dated)} contradicts {flag}=False"
                raise ValueError(msg)
        return self

    def reported_to(self, audience: str, on: date | str | None = None) -> bool:
        """Whether the report went to ``audience`` by ``on``.

        ``audience`` is ``"case_coordination_group"`` or ``"managers_meetings"``. A dated
        report counts from its date; an undated ``True`` counts on any day.
        """
        which = choice(audience, _AUDIENCES, field="audience")
        limit = None if on is None else day(on, field="on")
        dated: date | None = getattr(self, f"reported_to_{which}_on")
        if dated is not None:
            return limit is None or dated <= limit
        return getattr(self, f"reported_to_{which}") is True

    def completed_on(self, step: ProcessStep) -> date | None:
        """The date ``step`` was completed, if the record dates it."""
        for entry in self.step_dates:
            if entry.step is step:
                return entry.completed_on
        return None


_AUDIENCES = ("case_coordination_group", "managers_meetings")


def _stakeholder(item: Any) -> Any:
    if isinstance(item, str) and item.strip():
        return {"name": item}
    return item


def _task(item: Any) -> Any:
    if isinstance(item, Action) and not isinstance(item, Task):
        return dict(item)
    return item
