"""The minimum level of review an incident needs, from its ISR (secondary source).

The guidance: "The ISR determines the minimum level of review and action required in response
to an incident", and a higher level is always allowed. The mapping itself is from the
Department of Health's *Clinical incident investigations and responsibilities* page (secondary):
root cause analysis for every sentinel event and for ISR 1 incidents where system or process
issues directly contributed; in-depth case review for other ISR 1 incidents and all ISR 2;
aggregate review (as a minimum) for ISR 3 and 4.

>>> minimum_review(2)
<ReviewLevel.IN_DEPTH_CASE_REVIEW: 'In-depth case review'>
>>> minimum_review(Isr.SEVERE, system_or_process_issues=True)
<ReviewLevel.ROOT_CAUSE_ANALYSIS: 'Root cause analysis'>
>>> minimum_review(1)
Traceback (most recent call last):
...
casereview.errors.MissingElementError: system_or_process_issues is required: ...
"""

from __future__ import annotations

from casereview._base import FrozenModel
from casereview._input import flag, optional_flag
from casereview.errors import MissingElementError
from casereview.findings import Citation, Rule
from casereview.vhims import _rules
from casereview.vhims.models import Isr, ReviewLevel

__all__ = ["ReviewRequirement", "minimum_review", "review_requirement"]


class ReviewRequirement(FrozenModel):
    """The minimum review for an incident, the rule that decided it and its citations.

    ``level`` is a minimum: a higher level of review is always allowed.
    """

    level: ReviewLevel
    isr: Isr
    sentinel_event: bool
    rule_id: str
    citations: tuple[Citation, ...]


def _requirement(rule: Rule, level: ReviewLevel, isr: Isr, sentinel: bool) -> ReviewRequirement:
    return ReviewRequirement(
        level=level,
        isr=isr,
        sentinel_event=sentinel,
        rule_id=rule.id,
        citations=(rule.citation, _rules.REVIEW_IS_MINIMUM.citation),
    )


def _table() -> dict[tuple[Isr, bool, bool | None], ReviewRequirement]:
    """Every answer, built once: (isr, sentinel event, system or process issues) → requirement."""
    r, level = _rules, ReviewLevel
    table: dict[tuple[Isr, bool, bool | None], ReviewRequirement] = {}
    for isr in Isr:
        table[(isr, True, None)] = _requirement(
            r.REVIEW_SENTINEL_RCA, level.ROOT_CAUSE_ANALYSIS, isr, True
        )
    table[(Isr.SEVERE, False, True)] = _requirement(
        r.REVIEW_ISR1_SYSTEM_RCA, level.ROOT_CAUSE_ANALYSIS, Isr.SEVERE, False
    )
    table[(Isr.SEVERE, False, False)] = _requirement(
        r.REVIEW_ISR1_IN_DEPTH, level.IN_DEPTH_CASE_REVIEW, Isr.SEVERE, False
    )
    table[(Isr.MODERATE, False, None)] = _requirement(
        r.REVIEW_ISR2_IN_DEPTH, level.IN_DEPTH_CASE_REVIEW, Isr.MODERATE, False
    )
    for isr in (Isr.MINOR, Isr.NO_HARM):
        table[(isr, False, None)] = _requirement(
            r.REVIEW_ISR3_4_AGGREGATE, level.AGGREGATE_REVIEW, isr, False
        )
    return table


_TABLE = _table()


def review_requirement(
    isr: Isr | int | str,
    *,
    sentinel_event: bool = False,
    system_or_process_issues: bool | None = None,
) -> ReviewRequirement:
    """The minimum review with the deciding rule and citations (see :func:`minimum_review`).

    Like :func:`minimum_review`, it assumes the incident is not a sentinel event unless
    ``sentinel_event=True`` is passed.
    """
    rating = Isr.parse(isr, field="isr")
    sentinel_event = flag(sentinel_event, field="sentinel_event")
    system_or_process_issues = optional_flag(
        system_or_process_issues, field="system_or_process_issues"
    )
    if sentinel_event:
        return _TABLE[(rating, True, None)]
    if rating is Isr.SEVERE:
        if system_or_process_issues is None:
            raise MissingElementError(
                "system_or_process_issues",
                "for ISR 1 the minimum review is a root cause analysis when system or process "
                "issues directly contributed to the outcome, otherwise an in-depth case review "
                f"({_rules.REVIEW_ISR1_SYSTEM_RCA.id}, {_rules.REVIEW_ISR1_IN_DEPTH.id})",
            )
        return _TABLE[(rating, False, system_or_process_issues)]
    return _TABLE[(rating, False, None)]


def minimum_review(
    isr: Isr | int | str,
    *,
    sentinel_event: bool = False,
    system_or_process_issues: bool | None = None,
) -> ReviewLevel:
    """The minimum :class:`ReviewLevel` for an incident of this ISR.

    Sentinel events always need a root cause analysis. ISR 1 needs
    ``system_or_process_issues`` (did system or process issues directly contribute?) and raises
    :class:`~casereview.errors.MissingElementError` naming it when it is ``None``; for other
    ratings it is not consulted.

    **The default assumes the incident is not a sentinel event.** ``sentinel_event`` defaults
    to ``False`` (the public contract's signature): a call that leaves it out answers *as if
    the incident is not a sentinel event*. For a sentinel event that gives less than the root
    cause analysis every sentinel event needs (an in-depth or aggregate review for ISR 1-4
    without system issues). Which incidents are sentinel events is the caller's to say: pass
    ``sentinel_event=True`` for one, or ``False`` to record that it is not.

    >>> minimum_review(3).value, minimum_review(3, sentinel_event=True).value
    ('Aggregate review', 'Root cause analysis')
    """
    return review_requirement(
        isr, sentinel_event=sentinel_event, system_or_process_issues=system_or_process_issues
    ).level
