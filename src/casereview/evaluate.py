"""One-call evaluation: everything the rules decide about one incident, in one result.

For a CIMS :class:`~casereview.cims.ClientIncident`: the follow-up it requires and, for a case
review, the day it is due. For a VHIMS clinical incident (:class:`VhimsIncident`, a
:class:`~casereview.vhims.ClinicalIncident` with the facts the other rules need): the ISR, the
plausibility of its elements, the minimum review, whether it is a SAPSE, and the sentinel event
and duty of candour deadlines.

Nothing is guessed. A part the rules cannot decide yet is listed in ``undecided`` with the error
that says what is missing (the same entries as :func:`casereview.trace.error_entries`); a part
that does not apply to this incident is named in ``not_applicable``.

>>> from casereview.cims import ClientIncident
>>> result = evaluate(ClientIncident(id="C-1", client="P-1", impact="Major impact",
...                                  incident_type="Self-harm", systemic_factors=False))
>>> result.follow_up.follow_up.value, [u.part for u in result.undecided]
('Case review', ['case_review_due'])
>>> vhims = evaluate(VhimsIncident(harm="Severe", duration="Temporary", treatment="Advanced"))
>>> int(vhims.isr.isr), sorted({u.part for u in vhims.undecided})
(1, ['review', 'sapse', 'sentinel_deadlines'])

A surface-level module above the rulebooks; the core never imports it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any, Literal, TypeVar, overload

from pydantic import ConfigDict, model_validator

from casereview._base import FrozenModel
from casereview.cims import (
    CaseReviewDue,
    ClientIncident,
    FollowUp,
    FollowUpDecision,
    case_review_due,
    follow_up_for,
)
from casereview.errors import CaseReviewError
from casereview.findings import Citation, Finding
from casereview.vhims import (
    ClinicalIncident,
    DutyOfCandourDeadlines,
    IsrResult,
    LogicMap,
    ReviewRequirement,
    SentinelEventDeadlines,
    duty_of_candour_deadlines,
    is_sapse,
    review_requirement,
    sentinel_event_deadlines,
)
from casereview.vhims._rules import SAPSE_CRITERIA

__all__ = [
    "CimsEvaluation",
    "EvaluationRequest",
    "SapseResult",
    "Undecided",
    "VhimsEvaluation",
    "VhimsIncident",
    "evaluate",
]

_T = TypeVar("_T")


class Undecided(FrozenModel):
    """A part of the evaluation the rules cannot decide yet, and why (an error entry)."""

    part: str
    code: str
    field: str | None
    message: str


class SapseResult(FrozenModel):
    """Whether a clinical incident may be considered a SAPSE, and the rule that says so."""

    sapse: bool
    rule_id: str
    citations: tuple[Citation, ...]


class VhimsIncident(ClinicalIncident):
    """A VHIMS clinical incident with the facts the review and deadline rules need.

    ``sentinel_event`` and ``system_or_process_issues`` decide the minimum review;
    ``aware_on`` (and ``notified_on``) the sentinel event deadlines; ``identified_at`` (a date
    and time) the duty of candour deadlines of a SAPSE. Each may be left out: what it decides is
    then reported as undecided.
    """

    sentinel_event: bool | None = None
    system_or_process_issues: bool | None = None
    aware_on: date | None = None
    notified_on: date | None = None
    identified_at: datetime | None = None


class CimsEvaluation(FrozenModel):
    """What the CIMS rules decide about one client incident."""

    rulebook: Literal["cims"] = "cims"
    incident: ClientIncident
    follow_up: FollowUpDecision | None = None
    case_review_due: CaseReviewDue | None = None
    undecided: tuple[Undecided, ...] = ()
    not_applicable: tuple[str, ...] = ()


class VhimsEvaluation(FrozenModel):
    """What the VHIMS rules decide about one clinical incident."""

    rulebook: Literal["vhims"] = "vhims"
    incident: VhimsIncident
    isr: IsrResult | None = None
    consistency: tuple[Finding, ...] = ()
    review: ReviewRequirement | None = None
    sapse: SapseResult | None = None
    sentinel_deadlines: SentinelEventDeadlines | None = None
    candour_deadlines: DutyOfCandourDeadlines | None = None
    undecided: tuple[Undecided, ...] = ()
    not_applicable: tuple[str, ...] = ()


_EXACTLY_ONE: dict[str, Any] = {
    "oneOf": [
        {
            "required": [given],
            "properties": {given: {"type": "object"}, other: {"not": {"type": "object"}}},
        }
        for given, other in (("cims", "vhims"), ("vhims", "cims"))
    ]
}


class EvaluationRequest(FrozenModel):
    """One incident to evaluate: exactly one of ``cims`` or ``vhims``."""

    model_config = ConfigDict(json_schema_extra=_EXACTLY_ONE)

    cims: ClientIncident | None = None
    vhims: VhimsIncident | None = None

    @model_validator(mode="after")
    def _exactly_one(self) -> EvaluationRequest:
        if (self.cims is None) == (self.vhims is None):
            raise ValueError("give exactly one incident: cims or vhims")
        return self

    def incident(self) -> ClientIncident | VhimsIncident:
        """The incident given."""
        incident = self.cims if self.cims is not None else self.vhims
        assert incident is not None
        return incident


@overload
def evaluate(incident: ClientIncident, *, logic_map: LogicMap | None = None) -> CimsEvaluation: ...
@overload
def evaluate(
    incident: ClinicalIncident, *, logic_map: LogicMap | None = None
) -> VhimsEvaluation: ...
def evaluate(
    incident: ClientIncident | ClinicalIncident, *, logic_map: LogicMap | None = None
) -> CimsEvaluation | VhimsEvaluation:
    """Everything the rules decide about ``incident`` (see the module docstring).

    ``logic_map`` rates a VHIMS incident's ISR (default: the built-in reconstruction).

    Raises:
        CaseReviewError: ``incident`` is neither a CIMS ``ClientIncident`` nor a VHIMS
            ``ClinicalIncident``.
    """
    if isinstance(incident, ClientIncident):
        return _cims(incident)
    if isinstance(incident, ClinicalIncident):
        if not isinstance(incident, VhimsIncident):
            incident = VhimsIncident.model_validate(incident.model_dump())
        return _vhims(incident, logic_map)
    raise CaseReviewError(
        "incident: expected a casereview.cims.ClientIncident or a casereview.vhims."
        f"ClinicalIncident, got {type(incident).__name__}",
        field="incident",
    )


class _Parts:
    """Collects each part's answer, or why it is undecided."""

    def __init__(self) -> None:
        self.undecided: list[Undecided] = []
        self.not_applicable: list[str] = []

    def attempt(self, part: str, compute: Callable[[], _T]) -> _T | None:
        from casereview.trace import error_entries

        try:
            return compute()
        except CaseReviewError as exc:
            for entry in error_entries(exc):
                self.undecided.append(
                    Undecided(
                        part=part,
                        code=entry["code"],
                        field=entry["field"],
                        message=entry["message"],
                    )
                )
            return None

    def missing(self, part: str, field: str, message: str) -> None:
        self.undecided.append(
            Undecided(part=part, code="missing", field=field, message=f"{field}: {message}")
        )


def _cims(incident: ClientIncident) -> CimsEvaluation:
    parts = _Parts()
    decision = parts.attempt("follow_up", lambda: follow_up_for(incident))
    due: CaseReviewDue | None = None
    if decision is None or not decision.decided:
        parts.missing(
            "case_review_due",
            "follow_up",
            "a case review is due 21 business days after endorsement; whether this incident "
            "needs a case review is not decided yet",
        )
    elif decision.follow_up is FollowUp.CASE_REVIEW:
        endorsed = incident.endorsed_on
        if endorsed is None:
            parts.missing(
                "case_review_due", "endorsed_on", "the case review is due 21 business days after it"
            )
        else:
            due = parts.attempt(
                "case_review_due",
                lambda: case_review_due(
                    endorsed, submitted_on=incident.reported_on, occurred_on=incident.occurred_on
                ),
            )
            if due is not None and not due.decided:
                parts.missing("case_review_due", "ruleset", due.reason)
    else:
        parts.not_applicable.append("case_review_due")
    return CimsEvaluation(
        incident=incident,
        follow_up=decision,
        case_review_due=due,
        undecided=tuple(parts.undecided),
        not_applicable=tuple(parts.not_applicable),
    )


def _vhims(incident: VhimsIncident, logic_map: LogicMap | None) -> VhimsEvaluation:
    parts = _Parts()
    isr = parts.attempt("isr", lambda: incident.derive_isr(logic_map=logic_map))
    consistency: tuple[Finding, ...] = ()
    if incident.harm is not None:
        consistency = parts.attempt("consistency", incident.consistency) or ()
    review: ReviewRequirement | None = None
    sapse: SapseResult | None = None
    if isr is not None:
        review = _review(parts, incident, isr)
        sapse = _sapse(parts, incident, isr)
    sentinel = _sentinel(parts, incident)
    candour: DutyOfCandourDeadlines | None = None
    if sapse is not None and sapse.sapse:
        identified = incident.identified_at
        if identified is None:
            parts.missing(
                "candour_deadlines", "identified_at", "the duty of candour counts from it"
            )
        else:
            candour = parts.attempt(
                "candour_deadlines", lambda: duty_of_candour_deadlines(identified_at=identified)
            )
    elif sapse is not None:
        parts.not_applicable.append("candour_deadlines")
    return VhimsEvaluation(
        incident=incident,
        isr=isr,
        consistency=consistency,
        review=review,
        sapse=sapse,
        sentinel_deadlines=sentinel,
        candour_deadlines=candour,
        undecided=tuple(parts.undecided),
        not_applicable=tuple(parts.not_applicable),
    )


def _review(parts: _Parts, incident: VhimsIncident, isr: IsrResult) -> ReviewRequirement | None:
    sentinel = incident.sentinel_event
    if sentinel is None:
        parts.missing(
            "review", "sentinel_event", "every sentinel event needs a root cause analysis"
        )
        return None
    return parts.attempt(
        "review",
        lambda: review_requirement(
            isr.isr,
            sentinel_event=sentinel,
            system_or_process_issues=incident.system_or_process_issues,
        ),
    )


def _sapse(parts: _Parts, incident: VhimsIncident, isr: IsrResult) -> SapseResult | None:
    facts: dict[str, Any] = {
        name: getattr(incident, name)
        for name in ("incident_type", "clinical_incident", "went_as_intended")
    }
    facts["under_duty_of_candour"] = incident.under_duty_of_candour
    absent = [name for name, value in facts.items() if value is None]
    if absent:
        for name in absent:
            parts.missing("sapse", name, "the SAPSE criteria test it")
        return None
    answer = parts.attempt("sapse", lambda: is_sapse(isr=isr.isr, **facts))
    if answer is None:
        return None
    return SapseResult(
        sapse=answer, rule_id=SAPSE_CRITERIA.id, citations=(SAPSE_CRITERIA.citation,)
    )


def _sentinel(parts: _Parts, incident: VhimsIncident) -> SentinelEventDeadlines | None:
    if incident.sentinel_event is False:
        parts.not_applicable.append("sentinel_deadlines")
        return None
    if incident.sentinel_event is None:
        parts.missing(
            "sentinel_deadlines", "sentinel_event", "the deadlines apply to sentinel events"
        )
        return None
    aware = incident.aware_on
    if aware is None:
        parts.missing("sentinel_deadlines", "aware_on", "the deadlines count from it")
        return None
    return parts.attempt(
        "sentinel_deadlines",
        lambda: sentinel_event_deadlines(aware_on=aware, notified_on=incident.notified_on),
    )
