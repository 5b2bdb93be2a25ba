"""The review placed in time: what is due before the meeting, at it, and in the follow-through.

The seed gives the process as a sequence around one meeting ("Identify a person to
independently chair the meeting") and sets no dates. Validated ``as_of`` a day, a record is
judged as it stood at the end of that day. How the steps are placed is our reading (inferred),
so it only ever *softens* a finding of the seed's rules, never makes one an error:

* **Before the meeting**, the stakeholders and the panel (steps 1-4) are still to do: a gap is
  an info (a recorded fact that fails, such as a chair involved in the person's care, keeps its
  severity). What the meeting does (steps 5-11, the implications of step 13) and what follows
  it are not asked yet.
* **From the meeting day**, steps 1-11 and the implications of step 13 are due, with the
  severity they have for a finished review.
* **The follow-through** — the report back (step 12) and the learning opportunities (step 13) —
  is outstanding (info) until recorded; past the record's own ``report_due_on``, an outstanding
  part of the report back is late (``followup.report-back-on-time``, a warning).
* **Each task** not reported done or withdrawn through case coordination by ``as_of`` is open
  (info) until its target date passes, then late (``followup.task-on-time``, a warning: the
  date is the review's own, the seed sets none).

Without a meeting date nothing can be placed: the review is treated as held, every step of it due.

>>> from datetime import date
>>> from casereview.under1roof import ReviewRecord, Task, validate_process
>>> record = ReviewRecord(
...     meeting_date=date(2024, 6, 12),
...     tasks=[Task(description="Roster", responsible="Team leader", agency="Mental health",
...                 target_date=date(2024, 8, 1))],
...     monitored_through_case_coordination=True,
... )
>>> [(f.severity.value, f.code) for f in validate_process(record, as_of=date(2024, 8, 2)).findings
...  if f.field == "tasks[0]"]
[('warning', 'under1roof.followup.task-on-time')]
"""

from __future__ import annotations

from datetime import date
from enum import Enum

from casereview.errors import CaseReviewError
from casereview.findings import Finding, Severity
from casereview.under1roof import _rules as r
from casereview.under1roof.models import ReviewRecord

__all__ = ["Phase", "phase_of"]


class Phase(Enum):
    """When a rule's finding falls due, relative to the meeting."""

    PREPARATION = "before the meeting"
    MEETING = "at the meeting"
    FOLLOW_THROUGH = "after the meeting"


_PREPARATION = (
    r.STAKEHOLDERS_CONVENED,
    r.STAKEHOLDER_DETAILS,
    r.CHAIR_IDENTIFIED,
    r.CHAIR_NOT_INVOLVED,
    r.CHAIR_INDEPENDENT,
    r.CHAIR_EXPERIENCED,
    r.CHAIR_FACILITATOR,
    r.CHAIR_UNRECORDED,
    r.MEMBER_EXPERIENCED,
    r.MEMBER_INDEPENDENT,
    r.MEMBER_UNRECORDED,
    r.TWO_INDEPENDENT_MEMBERS,
    r.DISTINCT_PEOPLE,
    r.SCRIBE_NOMINATED,
    r.SCRIBE_SEPARATE,
)
_MEETING = (
    r.INTERVENTION_SUMMARY,
    r.SUCCESSES_AND_BARRIERS,
    r.SUCCESS_FACTORS,
    r.BARRIER_FACTORS,
    r.SUCCESS_FACTORS_NAMED,
    r.BARRIER_FACTORS_NAMED,
    r.ALTERNATIVE_ACTIONS,
    r.ALTERNATIVES_EVALUATED,
    r.TASKS_ALLOCATED,
    r.TASK_DESCRIPTION,
    r.TASK_RESPONSIBLE,
    r.TASK_AGENCY,
    r.TASK_TARGET_DATE,
    r.MONITORED,
    r.PROGRESS_RECORDED,
    r.HELPFUL_ACTIONS_ALLOCATED,
    r.LEARNING_IMPLICATIONS,
)
_FOLLOW_THROUGH = (r.REPORT_BACK, r.LEARNING_OPPORTUNITIES)

_PHASES: dict[str, Phase] = {
    **{rule.id: Phase.PREPARATION for rule in _PREPARATION},
    **{rule.id: Phase.MEETING for rule in _MEETING},
    **{rule.id: Phase.FOLLOW_THROUGH for rule in _FOLLOW_THROUGH},
}

# Recorded facts that fail: not "still to do", so they keep their severity before the meeting.
_FAILURES = frozenset(
    rule.id
    for rule in (
        r.CHAIR_NOT_INVOLVED,
        r.CHAIR_INDEPENDENT,
        r.CHAIR_EXPERIENCED,
        r.CHAIR_FACILITATOR,
        r.MEMBER_EXPERIENCED,
        r.MEMBER_INDEPENDENT,
        r.DISTINCT_PEOPLE,
        r.SCRIBE_SEPARATE,
    )
)


def phase_of(finding: Finding) -> Phase | None:
    """When the rule behind ``finding`` falls due (``None``: the record as a whole, or timing).

    >>> from casereview.under1roof import ReviewRecord, validate_process
    >>> first = validate_process(ReviewRecord()).findings[0]
    >>> first.code, phase_of(first)
    ('under1roof.process.stakeholders-convened', <Phase.PREPARATION: 'before the meeting'>)
    """
    if not isinstance(finding, Finding):
        raise CaseReviewError(
            f"finding: expected a Finding, got {type(finding).__name__}", field="finding"
        )
    return _PHASES.get(finding.code)


def _placed(
    findings: tuple[Finding, ...], record: ReviewRecord, as_of: date | None
) -> tuple[Finding, ...]:
    """``findings`` for a finished review, placed as of ``as_of`` around the meeting."""
    meeting = record.meeting_date
    if as_of is None:
        return findings
    before = meeting is not None and as_of < meeting
    late_report = record.report_due_on is not None and as_of > record.report_due_on and not before
    out: list[Finding] = []
    for finding in findings:
        phase = _PHASES.get(finding.code)
        if phase is None or finding.severity is Severity.INFO:
            out.append(finding)
        elif phase is Phase.PREPARATION:
            if before and finding.code not in _FAILURES:
                out.append(_info(finding, f"to do before the meeting on {meeting}"))
            else:
                out.append(finding)
        elif before:
            continue  # not asked until the meeting
        elif phase is Phase.MEETING:
            out.append(finding)
        elif late_report and finding.code == r.REPORT_BACK.id:
            out.append(
                r.REPORT_ON_TIME.finding(
                    f"{finding.message.rstrip('.')}: the review set {record.report_due_on} for "
                    f"the report back (as of {as_of}).",
                    field=finding.field,
                    severity=Severity.WARNING,
                )
            )
        else:
            out.append(_info(finding, "outstanding: the seed sets no date for it"))
    return tuple(out)


def _info(finding: Finding, why: str) -> Finding:
    message = f"{finding.message.rstrip('.')} ({why})."
    return finding.model_copy(update={"severity": Severity.INFO, "message": message})


def _task_timeline_findings(record: ReviewRecord, as_of: date | None) -> list[Finding]:
    """Each progress update's gaps; and, ``as_of`` a day, each task open or late by then."""
    out: list[Finding] = []
    tasks = record.tasks or ()
    for i, task in enumerate(tasks):
        for j, update in enumerate(task.progress):
            for part, what in (("on", "date"), ("status", "status")):
                if getattr(update, part) is None:
                    out.append(
                        r.PROGRESS_RECORDED.finding(
                            f"Step 11: tasks[{i}].progress[{j}] records no {what}; it is not "
                            "used to judge the task.",
                            field=f"tasks[{i}].progress[{j}].{part}",
                            severity=Severity.WARNING,
                        )
                    )
    if as_of is None or (record.meeting_date is not None and as_of < record.meeting_date):
        return out
    for i, task in enumerate(tasks):
        latest = task.latest_update(as_of)
        if task.target_date is None or (
            latest is not None and latest.status is not None and latest.status.closed
        ):
            continue
        what = f"tasks[{i}] ({task.description or 'no description'}; owner "
        what += f"{task.responsible or 'not named'})"
        last = (
            "no progress reported through case coordination"
            if latest is None or latest.status is None
            else f"last reported {latest.status.value} on {latest.on}"
        )
        if task.target_date < as_of:
            out.append(
                r.TASK_ON_TIME.finding(
                    f"Step 11: {what} was due on {task.target_date} and is not done as of "
                    f"{as_of}: {last}.",
                    field=f"tasks[{i}]",
                    severity=Severity.WARNING,
                )
            )
        else:
            out.append(
                r.TASK_ON_TIME.finding(
                    f"Step 11: {what} is open, due on {task.target_date}: {last}.",
                    field=f"tasks[{i}]",
                    severity=Severity.INFO,
                )
            )
    return out
