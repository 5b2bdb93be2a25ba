"""The tasks a review allocates (step 11), and their progress as monitored at case coordination.

The seed: "Allocate tasks and responsibilities and monitor implementation through case
coordination". A :class:`Task` is the shared :class:`~casereview.actions.Action` (what, who is
responsible — the task's owner — and the target date it is due) plus the owner's agency and the
progress reported at case coordination, one :class:`ProgressUpdate` per report.

The seed sets no dates of its own: a task's due date is the one the review gave it, and whether a
task is late is judged against that date (see :func:`~casereview.under1roof.validate_review`
with ``as_of=``).

>>> from datetime import date
>>> task = Task(
...     description="Set up an after-hours contact roster",
...     responsible="Mental health team leader",
...     agency="Area mental health service",
...     target_date=date(2024, 8, 1),
...     progress=[
...         {"on": "2024-07-10", "status": "in progress"},
...         {"on": "2024-08-14", "status": "done", "note": "Roster in use"},
...     ],
... )
>>> task.status_on(date(2024, 8, 1)), task.status_on(date(2024, 8, 14))
(<TaskStatus.IN_PROGRESS: 'in progress'>, <TaskStatus.DONE: 'done'>)
>>> task.status_on(date(2024, 7, 1)) is None
True
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import Field

from casereview._base import FrozenModel, validated
from casereview._input import day
from casereview._labels import LabelEnum
from casereview.actions import Action

__all__ = ["ProgressUpdate", "Task", "TaskStatus"]

Text = Annotated[str, Field(min_length=1)]


class TaskStatus(LabelEnum):
    """Where a task stands when case coordination reviews it (our labels: the seed has none)."""

    NOT_STARTED = "not started"
    IN_PROGRESS = "in progress"
    DONE = "done"
    WITHDRAWN = "withdrawn"
    """No longer pursued (case coordination decided it could no longer make a difference)."""

    @property
    def closed(self) -> bool:
        """Done or withdrawn: nothing is still owed."""
        return self in (TaskStatus.DONE, TaskStatus.WITHDRAWN)


class ProgressUpdate(FrozenModel):
    """One report on a task at case coordination: when, and where the task stood.

    Either part may be missing in a draft; an update with no date cannot be placed in time and
    is not used to judge the task (a finding says so).
    """

    on: date | None = None
    """The day the progress was reported (the case coordination meeting)."""
    status: TaskStatus | None = None
    note: Text | None = None


class Task(Action):
    """A task allocated by the review, and its progress as reported through case coordination.

    What it is, its owner (``responsible``) and the owner's agency, its due date
    (``target_date``), and the progress updates.
    A plain :class:`~casereview.actions.Action` is accepted wherever a task is expected.
    """

    agency: Text | None = None
    """The agency of the task's owner (Under 1 Roof reviews are multi-agency)."""
    progress: tuple[ProgressUpdate, ...] = ()
    """The progress reported through case coordination, in any order (read by date)."""

    def latest_update(self, on: date | str | None = None) -> ProgressUpdate | None:
        """The latest dated update with a status reported on or before ``on`` (any day if None).

        Updates are read by date, whatever their order in the list; of two on one day, the one
        listed later wins.
        """
        limit = None if on is None else day(on, field="on")
        latest: ProgressUpdate | None = None
        # A task made with model_copy(update=...) was never validated: check it before reading.
        for update in validated(self, Task, field="task").progress:
            if update.on is None or update.status is None:
                continue
            if limit is not None and update.on > limit:
                continue
            if latest is None or latest.on is None or update.on >= latest.on:
                latest = update
        return latest

    def status_on(self, on: date | str | None = None) -> TaskStatus | None:
        """The task's status as last reported on or before ``on`` (``None``: nothing reported).

        Without ``on``, the last status reported at all.
        """
        latest = self.latest_update(on)
        return None if latest is None else latest.status
