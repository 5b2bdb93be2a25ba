"""Whether a review record covers the thirteen steps of the seed's "Case review process".

Each step missing from the record is its own finding, whose message starts ``Step N`` and whose
``field`` names the part of :class:`~casereview.under1roof.ReviewRecord` to fill in. Steps 2-4
are the panel, checked by :func:`~casereview.under1roof.validate_panel` (fields prefixed
``panel.``). Tasks (step 11) are the shared :class:`~casereview.actions.Action`: each needs a
description, the person responsible and a target date.

``None`` means a step was not done; an empty tuple means it was done and found nothing. A step
that depends on an earlier one is not asked for when the earlier one found nothing (no barriers:
no barrier factors and no alternative actions; no tasks: no monitoring; no learning
implications: no learning opportunities).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from casereview._base import validated
from casereview._input import day, option
from casereview.actions import action_findings
from casereview.errors import CaseReviewError
from casereview.findings import Finding, Severity, Validation
from casereview.under1roof import _rules as r
from casereview.under1roof.followup import _placed, _task_timeline_findings
from casereview.under1roof.models import Panel, ProcessStep, ReviewRecord
from casereview.under1roof.panel import _panel_findings

__all__ = ["incomplete_steps", "step_of", "validate_process"]

_STEP_OF_RULE: dict[str, ProcessStep] = {
    r.STAKEHOLDERS_CONVENED.id: ProcessStep.CONVENE,
    r.STAKEHOLDER_DETAILS.id: ProcessStep.CONVENE,
    r.CHAIR_IDENTIFIED.id: ProcessStep.CHAIR,
    r.CHAIR_NOT_INVOLVED.id: ProcessStep.CHAIR,
    r.CHAIR_INDEPENDENT.id: ProcessStep.CHAIR,
    r.CHAIR_EXPERIENCED.id: ProcessStep.CHAIR,
    r.CHAIR_FACILITATOR.id: ProcessStep.CHAIR,
    r.CHAIR_UNRECORDED.id: ProcessStep.CHAIR,
    r.MEMBER_EXPERIENCED.id: ProcessStep.INDEPENDENT_MEMBERS,
    r.MEMBER_INDEPENDENT.id: ProcessStep.INDEPENDENT_MEMBERS,
    r.MEMBER_UNRECORDED.id: ProcessStep.INDEPENDENT_MEMBERS,
    r.TWO_INDEPENDENT_MEMBERS.id: ProcessStep.INDEPENDENT_MEMBERS,
    r.DISTINCT_PEOPLE.id: ProcessStep.INDEPENDENT_MEMBERS,
    r.SCRIBE_NOMINATED.id: ProcessStep.SCRIBE,
    r.SCRIBE_SEPARATE.id: ProcessStep.SCRIBE,
    r.INTERVENTION_SUMMARY.id: ProcessStep.SUMMARY,
    r.SUCCESSES_AND_BARRIERS.id: ProcessStep.SUCCESSES_AND_BARRIERS,
    r.SUCCESS_FACTORS.id: ProcessStep.SUCCESS_FACTORS,
    r.BARRIER_FACTORS.id: ProcessStep.BARRIER_FACTORS,
    r.SUCCESS_FACTORS_NAMED.id: ProcessStep.SUCCESS_FACTORS,
    r.BARRIER_FACTORS_NAMED.id: ProcessStep.BARRIER_FACTORS,
    r.ALTERNATIVE_ACTIONS.id: ProcessStep.ALTERNATIVE_ACTIONS,
    r.ALTERNATIVES_EVALUATED.id: ProcessStep.EVALUATE_ALTERNATIVES,
    r.HELPFUL_ACTIONS_ALLOCATED.id: ProcessStep.TASKS,
    r.TASKS_ALLOCATED.id: ProcessStep.TASKS,
    r.TASK_DESCRIPTION.id: ProcessStep.TASKS,
    r.TASK_RESPONSIBLE.id: ProcessStep.TASKS,
    r.TASK_TARGET_DATE.id: ProcessStep.TASKS,
    r.MONITORED.id: ProcessStep.TASKS,
    r.TASK_AGENCY.id: ProcessStep.TASKS,
    r.PROGRESS_RECORDED.id: ProcessStep.TASKS,
    r.TASK_ON_TIME.id: ProcessStep.TASKS,
    r.REPORT_ON_TIME.id: ProcessStep.REPORT_BACK,
    r.REPORT_BACK.id: ProcessStep.REPORT_BACK,
    r.LEARNING_IMPLICATIONS.id: ProcessStep.LEARNING,
    r.LEARNING_OPPORTUNITIES.id: ProcessStep.LEARNING,
}


def step_of(finding: Finding) -> ProcessStep | None:
    """The process step a finding is about.

    ``None`` for the record as a whole: the trigger, the case, the meeting date, step order.
    """
    if not isinstance(finding, Finding):
        raise CaseReviewError(
            f"finding: expected a Finding, got {type(finding).__name__}", field="finding"
        )
    return _STEP_OF_RULE.get(finding.code)


def validate_process(
    record: ReviewRecord | Mapping[str, Any],
    *,
    scribe_may_double: bool = False,
    as_of: date | str | None = None,
) -> Validation:
    """Report each step of the case review process that ``record`` leaves out or falls short on.

    Findings come in step order; steps 2-4 are :func:`validate_panel` on ``record.panel``.
    ``record`` is a :class:`ReviewRecord` or a mapping of its fields.

    Without ``as_of`` the review is judged as finished: every step is due. With ``as_of`` (a
    date or ``"YYYY-MM-DD"``) it is judged as it stood at the end of that day, around its
    ``meeting_date``: before the meeting, what the meeting needs (stakeholders, the panel) is
    still to do (info) and nothing after it is asked; from the meeting on, its steps are due;
    the report back and learning opportunities are outstanding (info) until done, or late
    (warning) past the record's own ``report_due_on``; each task is open (info) until its target
    date passes, then late (warning), unless reported done or withdrawn through case
    coordination by then. Progress and reports dated after ``as_of`` are not yet known.

    >>> from datetime import date
    >>> from casereview.under1roof import ReviewRecord
    >>> result = validate_process(ReviewRecord(intervention_summary="Tenancy support since May"))
    >>> result.ok
    False
    >>> [step.number for step in incomplete_steps(ReviewRecord())]
    [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]
    >>> draft = ReviewRecord(meeting_date=date(2024, 6, 12))
    >>> validate_process(draft, as_of=date(2024, 6, 3)).ok
    True
    >>> [step.number for step in incomplete_steps(draft, as_of="2024-06-12")]
    [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13]
    """
    checked = validated(record, ReviewRecord, field="record")
    return Validation(findings=_process_findings(checked, **_options(scribe_may_double, as_of)))


def incomplete_steps(
    record: ReviewRecord | Mapping[str, Any],
    *,
    scribe_may_double: bool = False,
    as_of: date | str | None = None,
) -> tuple[ProcessStep, ...]:
    """The steps with at least one error finding, in step order.

    ``as_of`` places the review in time as for :func:`validate_process`.
    """
    checked = validated(record, ReviewRecord, field="record")
    findings = _process_findings(checked, **_options(scribe_may_double, as_of))
    steps = {step_of(f) for f in findings if f.severity is Severity.ERROR}
    return tuple(step for step in ProcessStep if step in steps)


def _options(scribe_may_double: object, as_of: object) -> dict[str, Any]:
    """The keyword arguments, checked by the input policy."""
    return {
        "scribe_may_double": option(scribe_may_double, field="scribe_may_double"),
        "as_of": None if as_of is None else day(as_of, field="as_of"),
    }


def _process_findings(
    record: ReviewRecord, *, scribe_may_double: bool, as_of: date | None
) -> tuple[Finding, ...]:
    out: list[Finding] = []
    if as_of is not None and record.meeting_date is None:
        out.append(
            r.MEETING_DATED.finding(
                f"No meeting date: the review cannot be placed in time as of {as_of}, so it is "
                "treated as held, every step of it due.",
                field="meeting_date",
                severity=Severity.WARNING,
            )
        )
    # Step 1: an entry that names nobody (no name, agency or role) convenes nobody.
    named = [
        (i, s)
        for i, s in enumerate(record.stakeholders)
        if (s.name, s.agency, s.role) != (None, None, None)
    ]
    if not named:
        out.append(
            r.STAKEHOLDERS_CONVENED.finding(
                "Step 1: no key stakeholders are recorded as convened.", field="stakeholders"
            )
        )
    for i, stakeholder in named:
        who = stakeholder.name or f"stakeholders[{i}]"
        for part in ("agency", "role"):
            if getattr(stakeholder, part) is None:
                out.append(
                    r.STAKEHOLDER_DETAILS.finding(
                        f"Step 1: the {part} of {who} is not recorded.",
                        field=f"stakeholders[{i}].{part}",
                        severity=Severity.WARNING,
                    )
                )
    # Steps 2-4
    out.extend(
        _panel_findings(
            record.panel or Panel(), prefix="panel.", scribe_may_double=scribe_may_double
        )
    )
    # Step 5
    if record.intervention_summary is None:
        out.append(
            r.INTERVENTION_SUMMARY.finding(
                "Step 5: no summary of the intervention.", field="intervention_summary"
            )
        )
    out.extend(_analysis_findings(record))
    # Step 11
    out.extend(_task_findings(record, as_of))
    # Step 12
    if record.key_learning is None:
        out.append(
            r.REPORT_BACK.finding(
                "Step 12: key learning is not translated into a report.", field="key_learning"
            )
        )
    for audience, words in (
        ("case_coordination_group", "the case coordination group"),
        ("managers_meetings", "the managers' meetings"),
    ):
        if not record.reported_to(audience, as_of):
            out.append(
                r.REPORT_BACK.finding(
                    f"Step 12: the report back to {words} is not recorded.",
                    field=f"reported_to_{audience}",
                )
            )
    # Step 13
    if record.learning_implications is None:
        out.append(
            r.LEARNING_IMPLICATIONS.finding(
                "Step 13: general implications for learning and development are not identified "
                "(record an empty list if there are none).",
                field="learning_implications",
            )
        )
    elif record.learning_implications and not record.learning_opportunities:
        out.append(
            r.LEARNING_OPPORTUNITIES.finding(
                "Step 13: learning implications are identified but no learning opportunity "
                "(such as training) is established.",
                field="learning_opportunities",
            )
        )
    out.extend(_order_findings(record))
    return _placed(tuple(out), record, as_of)


def _analysis_findings(record: ReviewRecord) -> list[Finding]:
    """Steps 6-10: successes and barriers, their factors, and the alternative actions.

    Once step 6 identifies successes (or barriers), "the factors which contributed" are
    analysed: an empty list of factors is not an analysis. Once it identifies barriers, the
    alternative set of actions responds to them: an empty set responds to none.
    """
    out: list[Finding] = []
    # Step 6
    for part, value in (("successes", record.successes), ("barriers", record.barriers)):
        if value is None:
            out.append(
                r.SUCCESSES_AND_BARRIERS.finding(
                    f"Step 6: {part} are not identified (record an empty list if there were none).",
                    field=part,
                )
            )
    # Steps 7-8
    for rule, named, step, found, factors, part, field in (
        (
            r.SUCCESS_FACTORS,
            r.SUCCESS_FACTORS_NAMED,
            7,
            record.successes,
            record.success_factors,
            "success",
            "success",
        ),
        (
            r.BARRIER_FACTORS,
            r.BARRIER_FACTORS_NAMED,
            8,
            record.barriers,
            record.barrier_factors,
            "barriers",
            "barrier",
        ),
    ):
        if found == () or factors:
            continue
        if factors is None:
            message = f"Step {step}: factors which contributed to {part} are not analysed."
            out.append(rule.finding(message, field=f"{field}_factors"))
            continue
        identified = f"step 6 identified {len(found)}" if found else "step 6 is not recorded"
        out.append(
            named.finding(
                f"Step {step}: the analysis records no factor which contributed to {part}, "
                f"though {identified} (our reading: an analysis that names nothing is likely "
                "unfinished).",
                field=f"{field}_factors",
                severity=Severity.WARNING,
            )
        )
    # Steps 9-10
    barriers_found = record.barriers != ()
    alternatives = record.alternative_actions
    if not alternatives and barriers_found:
        state = "is empty" if alternatives == () else "is not developed"
        out.append(
            r.ALTERNATIVE_ACTIONS.finding(
                f"Step 9: the alternative set of actions responding to the barriers {state}.",
                field="alternative_actions",
            )
        )
        if alternatives is None:  # an empty set is one shortfall (step 9), not two
            out.append(
                r.ALTERNATIVES_EVALUATED.finding(
                    "Step 10: no alternative actions are evaluated for whether they could still "
                    "make a positive difference.",
                    field="alternative_actions",
                )
            )
    for i, action in enumerate(alternatives or ()):
        if action.could_still_help is None:
            out.append(
                r.ALTERNATIVES_EVALUATED.finding(
                    f"Step 10: whether '{action.description}' could still make a positive "
                    "difference is not evaluated.",
                    field=f"alternative_actions[{i}].could_still_help",
                )
            )
    return out


def _task_findings(record: ReviewRecord, as_of: date | None) -> list[Finding]:
    out: list[Finding] = []
    tasks = record.tasks
    if tasks is None:
        out.append(
            r.TASKS_ALLOCATED.finding(
                "Step 11: no tasks and responsibilities are allocated (record an empty list if "
                "the review allocated none).",
                field="tasks",
            )
        )
    else:
        for finding in action_findings(
            tasks,
            field="tasks",
            description_rule=r.TASK_DESCRIPTION,
            responsible_rule=r.TASK_RESPONSIBLE,
            target_date_rule=r.TASK_TARGET_DATE,
        ):
            if finding.code == r.TASK_TARGET_DATE.id:  # our reading: a warning
                finding = finding.model_copy(update={"severity": Severity.WARNING})
            out.append(finding.model_copy(update={"message": f"Step 11: {finding.message}"}))
        out.extend(
            r.TASK_AGENCY.finding(
                f"Step 11: tasks[{i}] names no agency for its owner.",
                field=f"tasks[{i}].agency",
                severity=Severity.WARNING,
            )
            for i, task in enumerate(tasks)
            if task.agency is None
        )
        helpful = [a for a in record.alternative_actions or () if a.could_still_help]
        if not tasks and helpful:
            out.append(
                r.HELPFUL_ACTIONS_ALLOCATED.finding(
                    f"{len(helpful)} alternative action(s) could still make a positive "
                    "difference, but no task is allocated.",
                    field="tasks",
                    severity=Severity.WARNING,
                )
            )
    monitored = record.monitored_through_case_coordination
    if monitored is None and any(
        u.on is not None and (as_of is None or u.on <= as_of)
        for task in tasks or ()
        for u in task.progress
    ):
        monitored = True  # progress reported through case coordination shows the monitoring
    if tasks and monitored is not True:  # no tasks recorded: nothing to monitor yet
        state = "is not" if monitored is False else "is not recorded as"
        out.append(
            r.MONITORED.finding(
                f"Step 11: implementation {state} monitored through case coordination.",
                field="monitored_through_case_coordination",
            )
        )
    out.extend(_task_timeline_findings(record, as_of))
    return out


def _in_order(days: list[date]) -> set[int]:
    """The indexes of the longest run of ``days`` in order (earliest-listed kept on a tie).

    The entries left out are the causes of the disorder: one step dated late is one finding,
    not one for every step after it.
    """
    longest = [1] * len(days)  # longest in-order run starting at i
    for i in range(len(days) - 2, -1, -1):
        longest[i] = 1 + max(
            (longest[j] for j in range(i + 1, len(days)) if days[j] >= days[i]), default=0
        )
    kept: set[int] = set()
    want = max(longest, default=0)
    last: date | None = None
    for i, day_ in enumerate(days):
        if want and longest[i] == want and (last is None or day_ >= last):
            kept.add(i)
            last, want = day_, want - 1
    return kept


def _order_findings(record: ReviewRecord) -> list[Finding]:
    out: list[Finding] = []
    entries = record.step_dates  # sorted by step number
    kept = _in_order([e.completed_on for e in entries])
    for i, entry in enumerate(entries):
        if i in kept:
            continue
        earlier = [entries[k] for k in sorted(kept) if k < i]
        later = [entries[k] for k in sorted(kept) if k > i]
        before = [e for e in earlier if e.completed_on > entry.completed_on]
        if before:
            other = before[-1]
            relation = "before"
        else:
            other = next(e for e in later if e.completed_on < entry.completed_on)
            relation = "after"
        out.append(
            r.STEP_ORDER.finding(
                f"Step {entry.step.number} was completed on {entry.completed_on}, {relation} "
                f"step {other.step.number} (completed on {other.completed_on}).",
                field="step_dates",
                severity=Severity.WARNING,
            )
        )
    meeting = record.meeting_date
    if meeting is None:
        return out
    dated: list[tuple[str, date | None]] = [
        (f"tasks[{i}].progress[{j}].on", update.on)
        for i, task in enumerate(record.tasks or ())
        for j, update in enumerate(task.progress)
    ]
    dated += [
        (f"reported_to_{audience}_on", getattr(record, f"reported_to_{audience}_on"))
        for audience in ("case_coordination_group", "managers_meetings")
    ]
    out.extend(
        r.STEP_ORDER.finding(
            f"{where} is {on}, before the meeting on {meeting}: follow-through comes after it.",
            field=where,
            severity=Severity.WARNING,
        )
        for where, on in dated
        if on is not None and on < meeting
    )
    return out
