"""The CIMS follow-up of every row: investigation, case review, RCA review, review or none.

:func:`casereview.cims.required_follow_up` for columns, each distinct row decided once.

>>> follow_up_column(["Major impact", "Non-major impact"], ["Self-harm", "Death"],
...                  systemic_factors=["No", None])
[<FollowUp.CASE_REVIEW: 'Case review'>, <FollowUp.NONE: 'No follow-up required'>]
>>> follow_up_table(["Major impact"], ["Self-harm"])[0]["decided"]
False
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Final

from casereview._input import choice, is_missing, option, optional_flag
from casereview.analysis import _columns as c
from casereview.analysis import _frames as o
from casereview.analysis import _rows as r
from casereview.analysis._columns import Errors
from casereview.cims import RULESETS, FollowUp, FollowUpDecision, required_follow_up
from casereview.errors import CaseReviewError

__all__ = [
    "FOLLOW_UP_CATEGORIES",
    "FOLLOW_UP_TABLE_COLUMNS",
    "follow_up_column",
    "follow_up_table",
]

FOLLOW_UP_CATEGORIES: Final[tuple[str, ...]] = tuple(f.value for f in FollowUp)
"""The categories of a follow-up column in pandas, in :class:`~casereview.cims.FollowUp` order.

Unordered on purpose: the CIMS guidance ranks no follow-up above another (an investigation is
a separate process; a case review or an RCA review is chosen by whether systems contributed,
not by severity; "Not determined" is no level), so an ordered dtype would let ``<`` and sorting
claim a scale the source does not state.
"""

IMPLEMENTED: Final[tuple[str, ...]] = tuple(r.id for r in RULESETS if r.implemented)
"""The rulesets ``ruleset=`` may force (``cims-2020``, ``cims-2024``)."""

FOLLOW_UP_TABLE_COLUMNS: Final = (
    "follow_up",
    "decided",
    "investigation",
    "review_required",
    "needs",
    "unknown",
    "ruleset",
    "ruleset_chosen_by",
    "ruleset_reason",
    "applied_2020_rules",
    "provenance",
    "rule_id",
)
"""The columns of :func:`follow_up_table`."""

_FLAGS: Final = frozenset({"decided", "investigation", "review_required", "applied_2020_rules"})

_NAMES: Final = (
    "impact",
    "incident_type",
    "subject_of_allegation",
    "systemic_factors",
    "submitted_on",
    "occurred_on",
)


def decide_follow_up(ruleset: str | None, apply_2020_rules: bool = False) -> Any:
    """The per-row decision: missing values as ``None``, flags and dates by the input policy.

    ``ruleset`` and ``apply_2020_rules`` are checked here, once, not row by row.
    """
    forced = None if ruleset is None else choice(ruleset, IMPLEMENTED, field="ruleset")
    opt_in = option(apply_2020_rules, field="apply_2020_rules")

    def decide(
        impact: object,
        incident_type: object,
        subject: object,
        systemic: object,
        submitted_on: object,
        occurred_on: object,
    ) -> FollowUpDecision:
        return required_follow_up(
            None if is_missing(impact) else impact,  # type: ignore[arg-type]
            None if is_missing(incident_type) else incident_type,  # type: ignore[arg-type]
            subject_of_allegation=None if is_missing(subject) else subject,  # type: ignore[arg-type]
            systemic_factors=optional_flag(systemic, field="systemic_factors"),
            submitted_on=c.as_day(
                None if is_missing(submitted_on) else submitted_on, "submitted_on"
            ),
            occurred_on=c.as_day(None if is_missing(occurred_on) else occurred_on, "occurred_on"),
            ruleset=forced,
            apply_2020_rules=opt_in,
        )

    return decide


def _provenance(decision: FollowUpDecision) -> str:
    """The deciding rule's provenance."""
    return str(decision.provenance.value)


def decided_follow_ups(
    impact: object,
    incident_type: object,
    subject_of_allegation: object,
    systemic_factors: object,
    submitted_on: object,
    occurred_on: object,
    ruleset: str | None,
    apply_2020_rules: bool = False,
    mode: str = "none",
) -> r.Decided[FollowUpDecision]:
    """Read the columns and decide every distinct row (shared with the what-if comparison)."""
    columns = c.read_columns(
        impact=impact,
        incident_type=incident_type,
        subject_of_allegation=subject_of_allegation,
        systemic_factors=systemic_factors,
        submitted_on=submitted_on,
        occurred_on=occurred_on,
    )
    for name in ("impact", "incident_type"):
        if name not in columns.raw:
            raise CaseReviewError(f"{name}: expected a column, got None", field=name)
    for name in _NAMES:
        columns.raw.setdefault(name, [None] * columns.n)
    return r.decide_rows(columns, _NAMES, decide_follow_up(ruleset, apply_2020_rules), mode=mode)


def follow_up_column(
    impact: Iterable[object],
    incident_type: Iterable[object],
    *,
    subject_of_allegation: Iterable[object] | None = None,
    systemic_factors: Iterable[object] | None = None,
    submitted_on: Iterable[object] | None = None,
    occurred_on: Iterable[object] | None = None,
    ruleset: str | None = None,
    apply_2020_rules: bool = False,
    errors: Errors = "raise",
) -> Any:
    """The follow-up each incident requires: a list of :class:`~casereview.cims.FollowUp`.

    Every keyword column is optional (``None``: not recorded for any row). ``systemic_factors``
    takes ``True``/``False`` or ``"Yes"``/``"No"``; ``submitted_on`` (and ``occurred_on``, when
    the day it occurred) select the ruleset row by row, unless ``ruleset`` (``"cims-2020"`` or
    ``"cims-2024"``) forces one for every row; ``apply_2020_rules=True`` opts ``cims-2024``
    incidents in to the 2020 review rules (recorded as inferred). With pandas a categorical
    Series (:data:`FOLLOW_UP_CATEGORIES`) on the input's index. ``errors`` as everywhere in
    :mod:`casereview.analysis`.
    """
    mode = c.error_mode(errors)
    decided = decided_follow_ups(
        impact,
        incident_type,
        subject_of_allegation,
        systemic_factors,
        submitted_on,
        occurred_on,
        ruleset,
        apply_2020_rules,
        mode,
    )
    records = r.settle(decided, mode)
    if decided.columns.pandas:
        result = o.categorical(
            decided,
            lambda d: FOLLOW_UP_CATEGORIES.index(d.follow_up.value),
            FOLLOW_UP_CATEGORIES,
            ordered=False,
        ).rename("follow_up")
    else:
        result = decided.map(lambda d: d.follow_up)
    return c.finish(result, records, decided.columns)


def follow_up_table(
    impact: Iterable[object],
    incident_type: Iterable[object],
    *,
    subject_of_allegation: Iterable[object] | None = None,
    systemic_factors: Iterable[object] | None = None,
    submitted_on: Iterable[object] | None = None,
    occurred_on: Iterable[object] | None = None,
    ruleset: str | None = None,
    apply_2020_rules: bool = False,
    errors: Errors = "raise",
) -> Any:
    """The follow-up with its explanation: the columns :data:`FOLLOW_UP_TABLE_COLUMNS`.

    ``decided`` is false while the rules held do not determine the follow-up (a review whose
    type awaits ``systemic_factors``); ``needs`` names what the caller can still give
    (``"systemic_factors"``) and ``unknown`` what the rules held lack, or ``None``; ``ruleset``
    is the id of the ruleset that answered, ``ruleset_chosen_by``/``ruleset_reason`` how it was
    chosen; ``provenance`` is the deciding rule's; ``investigation`` is whether an incident
    investigation is required (missing where the rules held do not say, e.g. a volunteer's
    alleged abuse under cims-2024). Arguments as :func:`follow_up_column`.
    """
    mode = c.error_mode(errors)
    decided = decided_follow_ups(
        impact,
        incident_type,
        subject_of_allegation,
        systemic_factors,
        submitted_on,
        occurred_on,
        ruleset,
        apply_2020_rules,
        mode,
    )
    records = r.settle(decided, mode)
    projections: dict[str, Any] = {
        "decided": lambda d: bool(d.decided),
        # None where the rules held do not say (a volunteer under cims-2024), never False.
        "investigation": lambda d: d.investigation_required,
        "review_required": lambda d: d.review_required,
        "needs": lambda d: ", ".join(d.needs) or None,
        "unknown": lambda d: ", ".join(d.unknown) or None,
        "ruleset": lambda d: d.ruleset.id,
        "ruleset_chosen_by": lambda d: ", ".join(d.ruleset_chosen_by) or None,
        "ruleset_reason": lambda d: d.ruleset_reason,
        "applied_2020_rules": lambda d: d.applied_2020_rules,
        "provenance": lambda d: _provenance(d),
        "rule_id": lambda d: d.rule_id,
    }
    columns = decided.columns
    if columns.pandas:
        pd = c.pandas()
        data: dict[str, Any] = {
            "follow_up": o.categorical(
                decided,
                lambda d: FOLLOW_UP_CATEGORIES.index(d.follow_up.value),
                FOLLOW_UP_CATEGORIES,
                ordered=False,
            )
        }
        for name in FOLLOW_UP_TABLE_COLUMNS[1:]:
            if name in _FLAGS:
                data[name] = o.booleans(decided, projections[name])
            else:
                data[name] = o.strings(decided, projections[name])
        return c.finish(pd.DataFrame(data, index=columns.index), records, columns)
    empty = dict.fromkeys(FOLLOW_UP_TABLE_COLUMNS)
    per_outcome = decided.per_outcome(
        lambda d: {"follow_up": d.follow_up, **{k: f(d) for k, f in projections.items()}},
        missing=empty,
    )
    return c.finish([dict(per_outcome[code]) for code in decided.codes], records, columns)
