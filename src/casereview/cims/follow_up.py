"""The follow-up a client incident requires: an investigation, a case or RCA review, or none.

The ruleset is chosen first (:func:`casereview.cims.choose_ruleset`): forced by ``ruleset=``, or
by the submission day, or by what the other dates imply, or (with no date at all) the default
``cims-2020`` — and the decision says which (``ruleset_chosen_by``, ``ruleset_reason``). When
the dates leave ``cims-2020`` and ``cims-2024`` both possible, the follow-up is decided only
where both give the same answer (``cims.ruleset.not-determined``); ``apply_2020_rules=True``
applies ``cims-2020`` instead. A decision's ``provenance`` is the weakest of its citations.

``cims-2020`` (the tip sheet's regime, incidents submitted 3 Feb 2020 - 8 Dec 2024):

1. A non-major incident needs no follow-up (``cims.follow-up.non-major``, inferred).
2. A major incident of an investigation type is investigated
   (``cims.cims-2020.follow-up.investigation``, secondary): physical, sexual (including grooming,
   ``cims.cims-2020.follow-up.new-types``, inferred), financial or emotional abuse when the subject
   of allegation is a staff member (including a volunteer) or a client; poor quality of care;
   unexplained injury.
3. Every other major incident requires a review (``cims.follow-up.review``, stated): an RCA
   review when service processes or systems were, or appear to be, a significant causal or
   contributing factor (``cims.follow-up.rca-review``), otherwise a case review
   (``cims.follow-up.case-review``), both inferred from the tip sheet's "appropriate". While that
   is unknown the follow-up is ``FollowUp.UNDETERMINED`` with ``needs == ("systemic_factors",)``.

``cims-2024`` (incidents submitted from 9 Dec 2024), for what its public pages state:

1. A major incident of any abuse (including grooming) by a staff member or between clients, of
   neglect, or an unexplained injury is investigated (``cims.cims-2024.follow-up.investigation``,
   secondary). Poor quality of care is no longer a trigger. Grooming between clients rests on
   the pages' elided client-to-client clause (inferred,
   ``cims.cims-2024.follow-up.grooming-between-clients``); abuse by a volunteer is not
   determined (``cims.cims-2024.follow-up.volunteer``: "staff member" is all the pages say).
2. Anything else is ``FollowUp.UNDETERMINED`` with ``decided == False``: the policy's review
   rules are not held (``cims.cims-2024.follow-up.not-determined``, the gap in ``unknown``). With
   ``apply_2020_rules=True`` the 2020 review rules answer instead, and the decision records it
   (``applied_2020_rules``, provenance inferred, ``cims.cims-2024.apply-2020-rules``).

>>> required_follow_up("Major impact", "Self-harm", systemic_factors=False).follow_up
<FollowUp.CASE_REVIEW: 'Case review'>
>>> decision = required_follow_up("major impact", "self-harm")
>>> decision.follow_up, decision.review_required, decision.needs, decision.ruleset_chosen_by
(<FollowUp.UNDETERMINED: 'Not determined'>, True, ('systemic_factors',), ('default',))
>>> decision.provenance  # the default ruleset is an assumption
<Provenance.INFERRED: 'inferred'>
>>> from datetime import date
>>> later = required_follow_up("Major impact", "Self-harm", systemic_factors=False,
...                            submitted_on=date(2025, 3, 3))
>>> later.follow_up, later.decided, later.investigation_required, later.review_required
(<FollowUp.UNDETERMINED: 'Not determined'>, False, False, None)
>>> either = required_follow_up("Major impact", "Sexual abuse", subject_of_allegation="Staff",
...                             occurred_on=date(2024, 11, 4))  # either regime: investigated
>>> either.follow_up, either.ruleset_chosen_by
(<FollowUp.INVESTIGATION: 'Incident investigation'>, ('undetermined',))
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from functools import lru_cache

from casereview._base import validated
from casereview._input import option, optional_flag
from casereview.cims import _rules
from casereview.cims.decision import (
    INVESTIGATION_TYPES,
    INVESTIGATION_TYPES_2024,
    FollowUpDecision,
    _Key,
    _table,
    _unique,
)
from casereview.cims.models import AllegationSubject, ClientIncident, FollowUp, Impact, IncidentType
from casereview.cims.rulesets import RulesetChoice, choose_ruleset
from casereview.errors import MissingElementError

__all__ = [
    "INVESTIGATION_TYPES",
    "INVESTIGATION_TYPES_2024",
    "FollowUpDecision",
    "follow_up_for",
    "required_follow_up",
]


def required_follow_up(
    impact: Impact | str,
    incident_type: IncidentType | str,
    *,
    subject_of_allegation: AllegationSubject | str | None = None,
    systemic_factors: bool | str | None = None,
    submitted_on: date | str | None = None,
    occurred_on: date | str | None = None,
    ruleset: str | None = None,
    apply_2020_rules: bool = False,
) -> FollowUpDecision:
    """The follow-up a client incident report requires.

    Args:
        impact: the incident's impact (a member or its label).
        incident_type: the incident type (a member or its label).
        subject_of_allegation: who is alleged to have caused an abuse incident; required for a
            major abuse incident, ignored otherwise.
        systemic_factors: whether service processes or systems were, or appear to be, a
            significant causal or contributing factor (a flag: True/False or Yes/No); decides
            between an RCA review and a case review. ``None`` while unknown.
        submitted_on: the day the report was submitted, which selects the ruleset.
        occurred_on: the day the incident occurred; without ``submitted_on``, a day on or after
            9 Dec 2024 selects ``cims-2024`` (and one within the 2020 regime leaves it open).
            Dates that leave cims-2020 and cims-2024 both possible decide the follow-up only
            where both agree; with no date at all, the default ``cims-2020`` is assumed.
        ruleset: ``"cims-2020"`` or ``"cims-2024"`` forces that regime (recorded).
        apply_2020_rules: under ``cims-2024``, answer what the 2024 rules held do not decide with
            the 2020 rules (recorded, provenance inferred); when the dates leave both regimes
            possible, apply ``cims-2020``. An option: exactly True/False.

    Raises:
        UnknownValueError: an unknown label; the message lists the allowed labels.
        MissingElementError: a major abuse incident without ``subject_of_allegation``.
        CaseReviewError: a malformed flag, option or date, dates out of order, a day before CIMS
            or under the unimplemented 2017 guide, an unknown ``ruleset``.
    """
    choice = choose_ruleset(
        submitted_on=submitted_on,
        occurred_on=occurred_on,
        ruleset=ruleset,
        apply_2020_rules=apply_2020_rules,
    )
    return _decision(
        impact, incident_type, subject_of_allegation, systemic_factors, choice, apply_2020_rules
    )


def follow_up_for(
    incident: ClientIncident | Mapping[str, object],
    *,
    ruleset: str | None = None,
    apply_2020_rules: bool = False,
) -> FollowUpDecision:
    """:func:`required_follow_up` for an incident.

    ``incident`` may be a :class:`ClientIncident` or a mapping of its fields (validated first).
    Its ``reported_on`` selects the ruleset; without it, ``occurred_on`` and ``endorsed_on``
    bound the submission day (an incident that occurred on or after 9 Dec 2024 is under
    ``cims-2024``). Messages and ``ruleset_chosen_by`` use the incident's field names.
    """
    incident = validated(incident, ClientIncident, field="incident")
    choice = choose_ruleset(
        submitted_on=incident.reported_on,
        occurred_on=incident.occurred_on,
        endorsed_on=incident.endorsed_on,
        ruleset=ruleset,
        names={"submitted_on": "reported_on"},
        apply_2020_rules=apply_2020_rules,
    )
    return _decision(
        incident.impact,
        incident.incident_type,
        incident.subject_of_allegation,
        incident.systemic_factors,
        choice,
        apply_2020_rules,
        "reported_on",
    )


def _decision(
    impact: object,
    incident_type: object,
    subject: object,
    systemic: object,
    choice: RulesetChoice,
    apply_2020_rules: object,
    submitted_field: str = "submitted_on",
) -> FollowUpDecision:
    # Hot path: members skip parsing; the outcome is a look-up in a precomputed table.
    key = (
        impact if type(impact) is Impact else Impact.parse(impact, field="impact"),
        incident_type
        if type(incident_type) is IncidentType
        else IncidentType.parse(incident_type, field="incident_type"),
        subject
        if subject is None or type(subject) is AllegationSubject
        else AllegationSubject.parse_optional(subject, field="subject_of_allegation"),
        systemic if systemic is None or type(systemic) is bool else _flag(systemic),
    )
    opt_in = option(apply_2020_rules, field="apply_2020_rules")
    if choice.is_open:
        decision = _open(key, choice.possible, choice.reason, submitted_field)
    else:
        decision = _chosen(key, opt_in, choice.ruleset.id, choice.chosen_by, choice.reason)
    if isinstance(decision, str):
        raise MissingElementError("subject_of_allegation", decision)
    return decision


@lru_cache(maxsize=8192)
def _chosen(
    key: _Key, opt_in: bool, ruleset_id: str, chosen_by: tuple[str, ...], reason: str
) -> FollowUpDecision | str:
    """The precomputed outcome for ``key`` under a ruleset choice, built once per choice."""
    outcome = _table(ruleset_id, opt_in)[key]
    if isinstance(outcome, str):
        return outcome
    choice = RulesetChoice(ruleset=outcome.ruleset, chosen_by=chosen_by, reason=reason)
    update: dict[str, object] = {}
    if choice.opted_in:  # an open choice settled by the opt-in: the 2020 rules, recorded
        update = {
            "applied_2020_rules": True,
            "reason": outcome.reason + " The dates leave cims-2024 possible; cims-2020 was "
            "applied at the caller's request (apply_2020_rules=True): an inferred choice.",
        }
    citations = _unique(
        *outcome.citations, *(r.citation for r in _rules.selection_rules(choice.chosen_by))
    )
    return outcome.model_copy(
        update={
            **update,
            "ruleset": choice.ruleset,
            "ruleset_chosen_by": choice.chosen_by,
            "ruleset_reason": choice.reason,
            "citations": citations,
            "provenance": _rules.weakest(citations),
        }
    )


@lru_cache(maxsize=8192)
def _open(
    key: _Key, possible: tuple[str, ...], reason: str, submitted: str
) -> FollowUpDecision | str:
    """The outcome when the dates leave cims-2020 and cims-2024 both possible.

    Decided where both regimes give the same decided follow-up; otherwise not determined, with
    what each says. (A possible cims-2017, not implemented, is assumed away as by the default.)
    """
    old, new = _table("cims-2020", False)[key], _table("cims-2024", False)[key]
    if isinstance(new, str):
        return new
    if isinstance(old, str):
        return old
    chosen_by = ("undetermined",)
    citations = _unique(
        *old.citations, *new.citations, *(r.citation for r in _rules.selection_rules(chosen_by))
    )
    common = {
        "ruleset": new.ruleset,
        "ruleset_chosen_by": chosen_by,
        "ruleset_reason": reason,
        "citations": citations,
        "provenance": _rules.weakest(citations),
    }
    if old.decided and new.decided and old.follow_up is new.follow_up:
        return new.model_copy(
            update={
                **common,
                "reason": f"Both regimes the dates allow agree. cims-2020: {old.reason} "
                f"cims-2024: {new.reason}",
            }
        )

    def agreed(a: bool | None, b: bool | None) -> bool | None:
        return a if a is b else None

    return FollowUpDecision.model_validate(
        {
            **new.model_dump(exclude={"citations", "ruleset"}),
            **common,
            "follow_up": FollowUp.UNDETERMINED,
            "decided": False,
            "investigation_required": agreed(
                old.investigation_required, new.investigation_required
            ),
            "review_required": agreed(old.review_required, new.review_required),
            "needs": tuple(dict.fromkeys((submitted, *old.needs, *new.needs))),
            "unknown": tuple(dict.fromkeys((*old.unknown, *new.unknown))),
            "applied_2020_rules": False,
            "rule_id": _rules.RULESET_OPEN.id,
            "reason": (
                f"{reason[:1].upper()}{reason[1:]}, and the regimes do not give one answer — "
                f"cims-2020: {_answer(old)}; cims-2024: {_answer(new)}. Give "
                f"{submitted} (or ruleset=) to decide, or pass apply_2020_rules=True to apply "
                "cims-2020, recorded as an inferred choice."
            ),
        }
    )


def _answer(decision: FollowUpDecision) -> str:
    """What one regime answers, for the reason of an open choice."""
    if decision.decided:
        return decision.follow_up.value
    if decision.needs:
        return f"not determined without {', '.join(decision.needs)}"
    return "not determined by the rules this library holds"


def _flag(value: object) -> bool | None:
    return optional_flag(value, field="systemic_factors")
