"""Actions and action plans, shared by the rulebooks.

An :class:`Action` is one thing someone will do: a description, the person responsible and the
date it is due. A draft may leave any part out; :func:`action_findings` reports what is missing,
under the rule ids the calling rulebook passes (each rulebook cites its own source).

>>> from datetime import date
>>> Action(description="Refresher training on record keeping", responsible="Team leader",
...        target_date=date(2024, 3, 1)).is_complete
True
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from pydantic import Field

from casereview._base import FrozenModel, validated
from casereview._input import items, text
from casereview.errors import CaseReviewError
from casereview.findings import Finding, Rule

__all__ = ["Action", "action_findings"]


class Action(FrozenModel):
    """One action of an action plan: what, who is responsible, and by when."""

    description: str | None = Field(default=None, min_length=1)
    responsible: str | None = Field(default=None, min_length=1)
    target_date: date | None = None

    @property
    def is_complete(self) -> bool:
        """The action names what, who and when."""
        return None not in (self.description, self.responsible, self.target_date)


def action_findings(
    actions: Sequence[Action],
    *,
    field: str,
    description_rule: Rule,
    responsible_rule: Rule,
    target_date_rule: Rule,
) -> tuple[Finding, ...]:
    """A finding per missing part of each action; ``field`` reads like ``actions[2].responsible``.

    ``actions`` is a list of :class:`Action` (or mappings of their fields); each rule is a
    :class:`~casereview.findings.Rule`. Anything else is refused naming the parameter (an action
    by its place, ``tasks[0]``): a :class:`~casereview.errors.CaseReviewError` or pydantic's
    ``ValidationError``.

    >>> from casereview.findings import Citation
    >>> cite = Citation(source="under1roof-case-review", section="Case review process")
    >>> rule = Rule(id="example.action", title="Actions are complete", citation=cite)
    >>> [f.field for f in action_findings([Action(description="Call the landlord")],
    ...     field="tasks", description_rule=rule, responsible_rule=rule, target_date_rule=rule)]
    ['tasks[0].responsible', 'tasks[0].target_date']
    """
    field = _field(field)
    description_rule = validated(description_rule, Rule, field="description_rule")
    responsible_rule = validated(responsible_rule, Rule, field="responsible_rule")
    target_date_rule = validated(target_date_rule, Rule, field="target_date_rule")
    findings: list[Finding] = []
    for i, given in enumerate(items(actions, field=field)):
        where = f"{field}[{i}]"
        action = validated(given, type(given) if isinstance(given, Action) else Action, field=where)
        if action.description is None:
            findings.append(
                description_rule.finding(
                    f"{where} has no description.", field=f"{where}.description"
                )
            )
        if action.responsible is None:
            findings.append(
                responsible_rule.finding(
                    f"{where} names no staff member responsible.", field=f"{where}.responsible"
                )
            )
        if action.target_date is None:
            findings.append(
                target_date_rule.finding(
                    f"{where} has no target date for completion.", field=f"{where}.target_date"
                )
            )
    return tuple(findings)


def _field(value: object) -> str:
    name = text(value, field="field")
    if name is None:
        raise CaseReviewError(
            "field: expected the name of the actions field, got nothing", field="field"
        )
    return name
