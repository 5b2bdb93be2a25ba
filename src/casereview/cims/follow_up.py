"""The follow-up a client incident requires: an investigation, a case or RCA review, or none.

The ruleset is chosen first (:func:`casereview.cims.choose_ruleset`): forced by ``ruleset=``, or
by the submission day, or by what the other dates imply, or the default ``cims-2020`` — and the
decision says which (``ruleset_chosen_by``, ``ruleset_reason``).

``cims-2020`` (the tip sheet's regime, incidents submitted 3 Feb 2020 - 8 Dec 2024):

1. A non-major incident needs no follow-up (``cims.follow-up.non-major``, inferred).
2. A major incident of an investigation type is investigated
   (``cims.cims-2020.follow-up.investigation``, secondary): physical, sexual (including grooming,
   ``cims.cims-2020.follow-up.new-types``, inferred), financial or emotional abuse when the subject
   of allegation is a staff member or a client; poor quality of care; unexplained injury.
3. Every other major incident requires a review (``cims.follow-up.review``, stated): an RCA
   review when service processes or systems were, or appear to be, a significant causal or
   contributing factor (``cims.follow-up.rca-review``), otherwise a case review
   (``cims.follow-up.case-review``), both inferred from the tip sheet's "appropriate". While that
   is unknown the follow-up is ``FollowUp.UNDETERMINED`` with ``needs == ("systemic_factors",)``.

``cims-2024`` (incidents submitted from 9 Dec 2024), for what its public pages state:

1. A major incident of any abuse (including grooming) by a staff member or between clients, of
   neglect, or an unexplained injury is investigated (``cims.cims-2024.follow-up.investigation``,
   secondary). Poor quality of care is no longer a trigger.
2. Anything else is ``FollowUp.UNDETERMINED`` with ``decided == False``: the policy's review
   rules are not held (``cims.cims-2024.follow-up.not-determined``, the gap in ``unknown``). With
   ``apply_2020_rules=True`` the 2020 review rules answer instead, and the decision records it
   (``applied_2020_rules``, provenance inferred, ``cims.cims-2024.apply-2020-rules``).

>>> required_follow_up("Major impact", "Self-harm", systemic_factors=False).follow_up
<FollowUp.CASE_REVIEW: 'Case review'>
>>> decision = required_follow_up("major impact", "self-harm")
>>> decision.follow_up, decision.review_required, decision.needs, decision.ruleset_chosen_by
(<FollowUp.UNDETERMINED: 'Not determined'>, True, ('systemic_factors',), ('default',))
>>> from datetime import date
>>> later = required_follow_up("Major impact", "Self-harm", systemic_factors=False,
...                            submitted_on=date(2025, 3, 3))
>>> later.follow_up, later.decided, later.investigation_required, later.review_required
(<FollowUp.UNDETERMINED: 'Not determined'>, False, False, None)
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from functools import cache, lru_cache
from itertools import product
from types import MappingProxyType

from pydantic import model_validator

from casereview._base import FrozenModel, validated
from casereview._input import option, optional_flag
from casereview.cims import _rules
from casereview.cims.models import AllegationSubject, ClientIncident, FollowUp, Impact, IncidentType
from casereview.cims.rulesets import (
    RULESETS,
    UNKNOWN_2024_REVIEW,
    Ruleset,
    RulesetChoice,
    choose_ruleset,
)
from casereview.errors import MissingElementError
from casereview.findings import Citation, Provenance, Rule

__all__ = [
    "INVESTIGATION_TYPES",
    "INVESTIGATION_TYPES_2024",
    "FollowUpDecision",
    "follow_up_for",
    "required_follow_up",
]

_STAFF_OR_CLIENT = frozenset({AllegationSubject.STAFF, AllegationSubject.CLIENT})

INVESTIGATION_TYPES: Mapping[IncidentType, frozenset[AllegationSubject] | None] = MappingProxyType(
    {
        IncidentType.PHYSICAL_ABUSE: _STAFF_OR_CLIENT,
        IncidentType.SEXUAL_ABUSE: _STAFF_OR_CLIENT,
        IncidentType.SEXUAL_EXPLOITATION_GROOMING: _STAFF_OR_CLIENT,
        IncidentType.FINANCIAL_ABUSE: _STAFF_OR_CLIENT,
        IncidentType.EMOTIONAL_ABUSE: _STAFF_OR_CLIENT,
        IncidentType.POOR_QUALITY_OF_CARE: None,
        IncidentType.INJURY_UNEXPLAINED: None,
    }
)
"""Major incident types investigated under ``cims-2020``, with the subjects of allegation that
make them so (``None``: whoever the subject is). Secondary: the Client incident management guide
(January 2020), as summarised in ``docs/reference/cims.md``; grooming as sexual exploitation is
our reading (``cims.cims-2020.follow-up.new-types``)."""

INVESTIGATION_TYPES_2024: Mapping[IncidentType, frozenset[AllegationSubject] | None] = (
    MappingProxyType(
        {
            **{t: _STAFF_OR_CLIENT for t in IncidentType if t.is_abuse},
            IncidentType.NEGLECT: None,
            IncidentType.INJURY_UNEXPLAINED: None,
        }
    )
)
"""Major incident types investigated under ``cims-2024``
(``cims.cims-2024.follow-up.investigation``, secondary): any abuse when the subject of
allegation is a staff member (staff-to-client) or a client (client-to-client); neglect and
unexplained injury whoever the subject is."""

_TRIGGERS = {"cims-2020": INVESTIGATION_TYPES, "cims-2024": INVESTIGATION_TYPES_2024}
_INVESTIGATION_RULE = {
    "cims-2020": _rules.INVESTIGATION,
    "cims-2024": _rules.INVESTIGATION_2024,
}


class FollowUpDecision(FrozenModel):
    """The follow-up an incident requires, why, under which ruleset, and what is not known.

    * ``follow_up`` — the decided follow-up, or ``FollowUp.UNDETERMINED``;
    * ``decided`` — false when the rules held and the answers given do not decide it;
    * ``investigation_required`` — always known (a missing answer that decides it is refused);
    * ``review_required`` — true for a required review (of a decided type or not), false when no
      review is required, ``None`` when the rules held do not say (``cims-2024``);
    * ``needs`` — answers the caller can give to decide it (``"systemic_factors"``);
    * ``unknown`` — what the rules held lack to decide it (it stays unknown);
    * ``ruleset``, ``ruleset_chosen_by``, ``ruleset_reason`` — which regime answered and how it
      was chosen (see :class:`casereview.cims.RulesetChoice`);
    * ``applied_2020_rules`` — the caller opted in (``apply_2020_rules=True``) and a 2020 rule
      answered for this ``cims-2024`` incident; ``provenance`` is then ``inferred``;
    * ``provenance`` — of the rule that decided (``rule_id``); ``inferred`` when the opt-in or
      our reading of a 2024-named type under the 2020 rules took part;
    * ``reason`` and ``citations`` — the explanation and every rule behind it.
    """

    follow_up: FollowUp
    decided: bool
    investigation_required: bool
    review_required: bool | None
    needs: tuple[str, ...] = ()
    unknown: tuple[str, ...] = ()
    impact: Impact
    incident_type: IncidentType
    subject_of_allegation: AllegationSubject | None
    systemic_factors: bool | None
    ruleset: Ruleset
    ruleset_chosen_by: tuple[str, ...]
    ruleset_reason: str
    applied_2020_rules: bool = False
    provenance: Provenance
    rule_id: str
    reason: str
    citations: tuple[Citation, ...]

    @model_validator(mode="after")
    def _consistent(self) -> FollowUpDecision:
        # A decision read back from JSON must agree with itself (the flags follow follow_up).
        undetermined = self.follow_up is FollowUp.UNDETERMINED
        if self.decided is undetermined:
            raise ValueError(
                f"decided={self.decided} contradicts follow_up {self.follow_up.value!r}"
            )
        if self.investigation_required is not (self.follow_up is FollowUp.INVESTIGATION):
            raise ValueError(
                f"investigation_required={self.investigation_required} contradicts follow_up "
                f"{self.follow_up.value!r}"
            )
        return self


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
            With neither decisive, the default ``cims-2020`` is used and the decision says so.
        ruleset: ``"cims-2020"`` or ``"cims-2024"`` forces that regime (recorded).
        apply_2020_rules: under ``cims-2024``, answer what the 2024 rules held do not decide with
            the 2020 review rules (recorded, provenance inferred). An option: exactly True/False.

    Raises:
        UnknownValueError: an unknown label; the message lists the allowed labels.
        MissingElementError: a major abuse incident without ``subject_of_allegation``.
        CaseReviewError: a malformed flag, option or date, dates out of order, a day before CIMS
            or under the unimplemented 2017 guide, an unknown ``ruleset``.
    """
    choice = choose_ruleset(submitted_on=submitted_on, occurred_on=occurred_on, ruleset=ruleset)
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
    )
    return _decision(
        incident.impact,
        incident.incident_type,
        incident.subject_of_allegation,
        incident.systemic_factors,
        choice,
        apply_2020_rules,
    )


def _decision(
    impact: object,
    incident_type: object,
    subject: object,
    systemic: object,
    choice: RulesetChoice,
    apply_2020_rules: object,
) -> FollowUpDecision:
    # Hot path: members skip parsing; the outcome is a look-up in a precomputed table.
    key = (
        impact if type(impact) is Impact else Impact.parse(impact, field="impact"),
        incident_type
        if type(incident_type) is IncidentType
        else IncidentType.parse(incident_type, field="incident_type"),
        subject
        if subject is None or type(subject) is AllegationSubject
        else AllegationSubject.parse(subject, field="subject_of_allegation"),
        systemic if systemic is None or type(systemic) is bool else _flag(systemic),
    )
    opt_in = option(apply_2020_rules, field="apply_2020_rules")
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
    return outcome.model_copy(
        update={
            "ruleset": choice.ruleset,
            "ruleset_chosen_by": choice.chosen_by,
            "ruleset_reason": choice.reason,
            "citations": (
                *outcome.citations,
                _rules.RULESET_SELECTION.citation,
                *((_rules.CUT_OVER_2024.citation,) if choice.ruleset.id == "cims-2024" else ()),
            ),
        }
    )


def _flag(value: object) -> bool | None:
    return optional_flag(value, field="systemic_factors")


_Key = tuple[Impact, IncidentType, AllegationSubject | None, bool | None]


@cache
def _table(ruleset_id: str, apply_2020_rules: bool) -> Mapping[_Key, FollowUpDecision | str]:
    """Every input combination's outcome, computed once per ruleset (a str: what is missing)."""
    subjects: tuple[AllegationSubject | None, ...] = (None, *AllegationSubject)
    return MappingProxyType(
        {
            key: _decide(ruleset_id, apply_2020_rules, *key)
            for key in product(Impact, IncidentType, subjects, (None, False, True))
        }
    )


def _placeholder_ruleset(ruleset_id: str) -> Ruleset:
    (ruleset,) = (r for r in RULESETS if r.id == ruleset_id)
    return ruleset


def _decide(
    ruleset_id: str,
    apply_2020_rules: bool,
    impact: Impact,
    incident_type: IncidentType,
    subject: AllegationSubject | None,
    systemic: bool | None,
) -> FollowUpDecision | str:
    what = f"{impact.value.lower()} {incident_type.value.lower()} incident"
    triggers = _TRIGGERS[ruleset_id]
    investigation_rule = _INVESTIGATION_RULE[ruleset_id]
    new_type = incident_type in (IncidentType.NEGLECT, IncidentType.SEXUAL_EXPLOITATION_GROOMING)
    type_rules = (_rules.NEW_TYPES_2020,) if ruleset_id == "cims-2020" and new_type else ()

    def decision(
        follow_up: FollowUp,
        rule: Rule,
        reason: str,
        *cited: Rule,
        review_required: bool | None,
        needs: tuple[str, ...] = (),
        unknown: tuple[str, ...] = (),
        applied: bool = False,
    ) -> FollowUpDecision:
        return FollowUpDecision(
            follow_up=follow_up,
            decided=follow_up is not FollowUp.UNDETERMINED,
            investigation_required=follow_up is FollowUp.INVESTIGATION,
            review_required=review_required,
            needs=needs,
            unknown=unknown,
            impact=impact,
            incident_type=incident_type,
            subject_of_allegation=subject,
            systemic_factors=systemic,
            ruleset=_placeholder_ruleset(ruleset_id),  # replaced by the call's choice
            ruleset_chosen_by=("default",),
            ruleset_reason="",
            applied_2020_rules=applied,
            provenance=(Provenance.INFERRED if applied or type_rules else rule.citation.provenance),
            rule_id=rule.id,
            reason=reason,
            citations=tuple(r.citation for r in cited),
        )

    # 1. Investigation triggers (major only).
    if impact is Impact.MAJOR and incident_type in triggers:
        subjects = triggers[incident_type]
        if subjects is None or (subject is not None and subject in subjects):
            by = (
                f" with the subject of allegation a {subject.value.lower()}"
                if subjects is not None and subject is not None
                else ""
            )
            return decision(
                FollowUp.INVESTIGATION,
                investigation_rule,
                f"A {what}{by} requires an incident investigation ({ruleset_id}).",
                *((_rules.MAJOR_FOLLOW_UP,) if ruleset_id == "cims-2020" else ()),
                investigation_rule,
                *type_rules,
                review_required=False,
            )
        if subject is None:
            allowed = ", ".join(repr(s.value) for s in AllegationSubject)
            return (
                f"a {what} is investigated under {ruleset_id} when the subject of allegation is "
                f"a staff member or a client, and not otherwise; give one of {allowed}"
            )
        what += f" with the subject of allegation '{subject.value.lower()}'"

    # 2. cims-2024: nothing else is determined by the rules held, unless the caller opts in.
    if ruleset_id == "cims-2024":
        if not apply_2020_rules:
            return decision(
                FollowUp.UNDETERMINED,
                _rules.FOLLOW_UP_UNKNOWN_2024,
                f"A {what} needs no investigation under cims-2024; whether it then needs a review, "
                "and of which type, is not determined by the rules this library holds (the 2024 "
                "policy's chapter 4 was not reachable). Pass apply_2020_rules=True to apply the "
                "2020 review rules, recorded as an inferred choice.",
                _rules.INVESTIGATION_2024,
                _rules.FOLLOW_UP_UNKNOWN_2024,
                review_required=None,
                unknown=(UNKNOWN_2024_REVIEW,),
            )
        decided = _review_2020(what, impact, systemic, "cims-2024 (2020 review rules applied)")
        follow_up, rule, reason, cited, review_required, needs = decided
        return decision(
            follow_up,
            rule,
            reason + " The 2020 review rules were applied at the caller's request "
            "(apply_2020_rules=True): an inferred choice, not a rule of the 2024 policy.",
            _rules.INVESTIGATION_2024,
            _rules.APPLY_2020_RULES,
            *cited,
            review_required=review_required,
            needs=needs,
            applied=True,
        )

    # 3. cims-2020: non-major -> none; other major -> a case or RCA review.
    follow_up, rule, reason, cited, review_required, needs = _review_2020(
        what, impact, systemic, ruleset_id
    )
    return decision(
        follow_up,
        rule,
        reason,
        *cited[:1],
        *((_rules.INVESTIGATION,) if impact is Impact.MAJOR else ()),
        *type_rules,
        *cited[1:],
        review_required=review_required,
        needs=needs,
    )


def _review_2020(
    what: str, impact: Impact, systemic: bool | None, regime: str
) -> tuple[FollowUp, Rule, str, tuple[Rule, ...], bool, tuple[str, ...]]:
    """The 2020 rules for an incident that is not investigated."""
    if impact is Impact.NON_MAJOR:
        return (
            FollowUp.NONE,
            _rules.NON_MAJOR,
            f"A {what} needs neither an investigation nor a review ({regime}).",
            (_rules.NON_MAJOR,),
            False,
            (),
        )
    not_investigated = (
        f"A {what} is not an investigation type, so it requires an incident review ({regime})"
    )
    review_rules = (_rules.MAJOR_FOLLOW_UP, _rules.REVIEW)
    if systemic is None:
        return (
            FollowUp.UNDETERMINED,
            _rules.REVIEW,
            f"{not_investigated}: an RCA review if service processes or systems were, or appear "
            "to be, a significant causal or contributing factor, otherwise a case review; "
            "systemic_factors is needed to decide which.",
            (*review_rules, _rules.CASE_REVIEW, _rules.RCA_REVIEW),
            True,
            ("systemic_factors",),
        )
    if systemic:
        return (
            FollowUp.RCA_REVIEW,
            _rules.RCA_REVIEW,
            f"{not_investigated}; service processes or systems were, or appear to be, a "
            "significant causal or contributing factor: a root cause analysis review.",
            (*review_rules, _rules.RCA_REVIEW),
            True,
            (),
        )
    return (
        FollowUp.CASE_REVIEW,
        _rules.CASE_REVIEW,
        f"{not_investigated}; service processes or systems were not, and do not appear to be, a "
        "significant causal or contributing factor: a case review.",
        (*review_rules, _rules.CASE_REVIEW),
        True,
        (),
    )
