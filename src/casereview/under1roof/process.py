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
from casereview.actions import action_findings
from casereview.errors import CaseReviewError
from casereview.findings import Finding, Severity, Validation
from casereview.under1roof import _rules as r
from casereview.under1roof.models import Panel, ProcessStep, ReviewRecord
from casereview.under1roof.panel import _panel_findings

__all__ = ["incomplete_steps", "step_of", "validate_process"]

_STEP_OF_RULE: dict[str, ProcessStep] = {
    r.STAKEHOLDERS_CONVENED.id: ProcessStep.CONVENE,
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
    r.ALTERNATIVE_ACTIONS.id: ProcessStep.ALTERNATIVE_ACTIONS,
    r.ALTERNATIVES_EVALUATED.id: ProcessStep.EVALUATE_ALTERNATIVES,
    r.HELPFUL_ACTIONS_ALLOCATED.id: ProcessStep.TASKS,
    r.TASKS_ALLOCATED.id: ProcessStep.TASKS,
    r.TASK_DESCRIPTION.id: ProcessStep.TASKS,
    r.TASK_RESPONSIBLE.id: ProcessStep.TASKS,
    r.TASK_TARGET_DATE.id: ProcessStep.TASKS,
    r.MONITORED.id: ProcessStep.TASKS,
    r.REPORT_BACK.id: ProcessStep.REPORT_BACK,
    r.LEARNING_IMPLICATIONS.id: ProcessStep.LEARNING,
    r.LEARNING_OPPORTUNITIES.id: ProcessStep.LEARNING,
}


def step_of(finding: Finding) -> ProcessStep | None:
    """The process step a finding is about (``None`` for triggers and the order of steps)."""
    if not isinstance(finding, Finding):
        raise CaseReviewError(
            f"finding: expected a Finding, got {type(finding).__name__}", field="finding"
        )
    return _STEP_OF_RULE.get(finding.code)


def validate_process(
    record: ReviewRecord | Mapping[str, Any], *, scribe_may_double: bool = False
) -> Validation:
    """Report each step of the case review process that ``record`` leaves out or falls short on.

    Findings come in step order; steps 2-4 are :func:`validate_panel` on ``record.panel``.
    ``record`` is a :class:`ReviewRecord` or a mapping of its fields.

    >>> from casereview.under1roof import ReviewRecord
    >>> result = validate_process(ReviewRecord(intervention_summary="Tenancy support since May"))
    >>> result.ok
    False
    >>> [step.number for step in incomplete_steps(ReviewRecord())]
    [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]
    """
    checked = validated(record, ReviewRecord, field="record")
    return Validation(findings=_process_findings(checked, scribe_may_double=scribe_may_double))


def incomplete_steps(
    record: ReviewRecord | Mapping[str, Any], *, scribe_may_double: bool = False
) -> tuple[ProcessStep, ...]:
    """The steps with at least one error finding, in step order."""
    checked = validated(record, ReviewRecord, field="record")
    findings = _process_findings(checked, scribe_may_double=scribe_may_double)
    steps = {step_of(f) for f in findings if f.severity is Severity.ERROR}
    return tuple(step for step in ProcessStep if step in steps)


def _process_findings(record: ReviewRecord, *, scribe_may_double: bool) -> tuple[Finding, ...]:
    out: list[Finding] = []
    # Step 1
    if not record.stakeholders:
        out.append(
            r.STAKEHOLDERS_CONVENED.finding(
                "Step 1: no key stakeholders are recorded as convened.", field="stakeholders"
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
    # Step 6
    for part, value in (("successes", record.successes), ("barriers", record.barriers)):
        if value is None:
            out.append(
                r.SUCCESSES_AND_BARRIERS.finding(
                    f"Step 6: {part} are not identified (record an empty list if there were none).",
                    field=part,
                )
            )
    # Step 7
    if record.success_factors is None and record.successes != ():
        out.append(
            r.SUCCESS_FACTORS.finding(
                "Step 7: factors which contributed to success are not analysed.",
                field="success_factors",
            )
        )
    # Steps 8-10
    barriers_found = record.barriers != ()
    if record.barrier_factors is None and barriers_found:
        out.append(
            r.BARRIER_FACTORS.finding(
                "Step 8: factors which contributed to barriers are not analysed.",
                field="barrier_factors",
            )
        )
    alternatives = record.alternative_actions
    if alternatives is None and barriers_found:
        out.append(
            r.ALTERNATIVE_ACTIONS.finding(
                "Step 9: no alternative set of actions responding to the barriers.",
                field="alternative_actions",
            )
        )
        out.append(
            r.ALTERNATIVES_EVALUATED.finding(
                "Step 10: no alternative actions are evaluated for whether they could still make "
                "a positive difference.",
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
    # Step 11
    out.extend(_task_findings(record))
    # Step 12
    if record.key_learning is None:
        out.append(
            r.REPORT_BACK.finding(
                "Step 12: key learning is not translated into a report.", field="key_learning"
            )
        )
    for attribute, audience in (
        ("reported_to_case_coordination_group", "the case coordination group"),
        ("reported_to_managers_meetings", "the managers' meetings"),
    ):
        if getattr(record, attribute) is not True:
            out.append(
                r.REPORT_BACK.finding(
                    f"Step 12: the report back to {audience} is not recorded.", field=attribute
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
    return tuple(out)


def _task_findings(record: ReviewRecord) -> list[Finding]:
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
        out.extend(
            action_findings(
                tasks,
                field="tasks",
                description_rule=r.TASK_DESCRIPTION,
                responsible_rule=r.TASK_RESPONSIBLE,
                target_date_rule=r.TASK_TARGET_DATE,
            )
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
    if tasks != () and record.monitored_through_case_coordination is not True:
        state = (
            "is not"
            if record.monitored_through_case_coordination is False
            else "is not recorded as"
        )
        out.append(
            r.MONITORED.finding(
                f"Step 11: implementation {state} monitored through case coordination.",
                field="monitored_through_case_coordination",
            )
        )
    return out


def _order_findings(record: ReviewRecord) -> list[Finding]:
    out: list[Finding] = []
    latest: tuple[ProcessStep, date] | None = None
    for entry in record.step_dates:  # sorted by step number
        if latest is not None and entry.completed_on < latest[1]:
            before, on = latest
            out.append(
                r.STEP_ORDER.finding(
                    f"Step {entry.step.number} was completed on {entry.completed_on}, before "
                    f"step {before.number} (completed on {on}).",
                    field="step_dates",
                    severity=Severity.WARNING,
                )
            )
        if latest is None or entry.completed_on >= latest[1]:
            latest = (entry.step, entry.completed_on)
    return out
