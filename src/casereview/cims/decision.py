"""The follow-up decision, and every input combination's outcome under each regime.

:class:`FollowUpDecision` is the result of :func:`casereview.cims.required_follow_up`. Its
outcomes are precomputed here, once per regime, for every combination of impact, incident type,
subject of allegation and systemic factors (``_table``): the rules of ``cims-2020`` and
``cims-2024`` as :mod:`casereview.cims.follow_up` describes them, each outcome citing the rules
behind it, its ``provenance`` the weakest of those citations. :mod:`casereview.cims.follow_up`
chooses the ruleset and looks the outcome up.

>>> from casereview.cims.models import Impact, IncidentType
>>> outcome = _table("cims-2024", False)[(Impact.MAJOR, IncidentType.NEGLECT, None, None)]
>>> outcome.follow_up, outcome.rule_id
(<FollowUp.INVESTIGATION: 'Incident investigation'>, 'cims.cims-2024.follow-up.investigation')
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from itertools import product
from types import MappingProxyType

from pydantic import model_validator

from casereview._base import FrozenModel
from casereview.cims import _rules
from casereview.cims.models import AllegationSubject, FollowUp, Impact, IncidentType
from casereview.cims.rulesets import (
    RULESETS,
    UNKNOWN_2024_REVIEW,
    UNKNOWN_2024_VOLUNTEER,
    Ruleset,
)
from casereview.findings import Citation, Provenance, Rule

__all__ = [
    "INVESTIGATION_TYPES",
    "INVESTIGATION_TYPES_2024",
    "FollowUpDecision",
]

_STAFF_OR_CLIENT = frozenset({AllegationSubject.STAFF, AllegationSubject.CLIENT})
_STAFF_VOLUNTEER_OR_CLIENT = _STAFF_OR_CLIENT | {AllegationSubject.VOLUNTEER}

INVESTIGATION_TYPES: Mapping[IncidentType, frozenset[AllegationSubject] | None] = MappingProxyType(
    {
        IncidentType.PHYSICAL_ABUSE: _STAFF_VOLUNTEER_OR_CLIENT,
        IncidentType.SEXUAL_ABUSE: _STAFF_VOLUNTEER_OR_CLIENT,
        IncidentType.SEXUAL_EXPLOITATION_GROOMING: _STAFF_VOLUNTEER_OR_CLIENT,
        IncidentType.FINANCIAL_ABUSE: _STAFF_VOLUNTEER_OR_CLIENT,
        IncidentType.EMOTIONAL_ABUSE: _STAFF_VOLUNTEER_OR_CLIENT,
        IncidentType.POOR_QUALITY_OF_CARE: None,
        IncidentType.INJURY_UNEXPLAINED: None,
    }
)
"""Major incident types investigated under ``cims-2020``, with the subjects of allegation that
make them so (``None``: whoever the subject is). Secondary: the Client incident management guide
(January 2020), as summarised in the research note (source ``ref-cims``), whose "staff member
(including a volunteer)" makes a volunteer subject investigated too; grooming as sexual
exploitation is our reading (``cims.cims-2020.follow-up.new-types``)."""

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
unexplained injury whoever the subject is. Two readings qualify it: grooming between clients is
inferred (the client-to-client clause is elided), and a volunteer subject, absent here, is not
determined (``cims.cims-2024.follow-up.volunteer``)."""

_TRIGGERS = {"cims-2020": INVESTIGATION_TYPES, "cims-2024": INVESTIGATION_TYPES_2024}
_INVESTIGATION_RULE = {
    "cims-2020": _rules.INVESTIGATION,
    "cims-2024": _rules.INVESTIGATION_2024,
}


class FollowUpDecision(FrozenModel):
    """The follow-up an incident requires, why, under which ruleset, and what is not known.

    * ``follow_up`` — the decided follow-up, or ``FollowUp.UNDETERMINED``;
    * ``decided`` — false when the rules held and the answers given do not decide it;
    * ``investigation_required`` — known whenever the rules held decide it (a missing answer
      that decides it is refused); ``None`` when they do not (a volunteer subject under
      ``cims-2024``, or dates that leave both regimes possible and the regimes disagree);
    * ``review_required`` — true for a required review (of a decided type or not), false when no
      review is required, ``None`` when the rules held do not say (``cims-2024``);
    * ``needs`` — answers the caller can give to decide it (``"systemic_factors"``);
    * ``unknown`` — what the rules held lack to decide it (it stays unknown);
    * ``ruleset``, ``ruleset_chosen_by``, ``ruleset_reason`` — which regime answered and how it
      was chosen (see :class:`casereview.cims.RulesetChoice`);
    * ``applied_2020_rules`` — the caller opted in (``apply_2020_rules=True``) and a 2020 rule
      answered for this ``cims-2024`` incident; ``provenance`` is then ``inferred``;
    * ``provenance`` — the weakest of the citations: a decision is no surer than its least
      certain premise (``inferred`` when the opt-in, the default ruleset or one of our readings
      took part);
    * ``reason`` and ``citations`` — the explanation and every rule behind it.
    """

    follow_up: FollowUp
    decided: bool
    investigation_required: bool | None
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
        investigated = self.follow_up is FollowUp.INVESTIGATION
        if self.investigation_required is not investigated and not (
            undetermined and self.investigation_required is None
        ):
            raise ValueError(
                f"investigation_required={self.investigation_required} contradicts follow_up "
                f"{self.follow_up.value!r}"
            )
        return self


def _unique(*citations: Citation) -> tuple[Citation, ...]:
    return tuple(dict.fromkeys(citations))


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
        investigation_required: bool | None = False,
    ) -> FollowUpDecision:
        citations = _unique(*(r.citation for r in cited))
        return FollowUpDecision(
            follow_up=follow_up,
            decided=follow_up is not FollowUp.UNDETERMINED,
            investigation_required=(
                True if follow_up is FollowUp.INVESTIGATION else investigation_required
            ),
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
            provenance=_rules.weakest((rule.citation, *citations)),
            rule_id=rule.id,
            reason=reason,
            citations=citations,
        )

    # 0. cims-2024: "a staff member" may or may not include a volunteer (not said).
    volunteer = (
        ruleset_id == "cims-2024"
        and impact is Impact.MAJOR
        and incident_type.is_abuse
        and subject is AllegationSubject.VOLUNTEER
    )
    if volunteer and not apply_2020_rules:
        return decision(
            FollowUp.UNDETERMINED,
            _rules.VOLUNTEER_2024,
            f"A {what} with the subject of allegation a volunteer: the cims-2024 trigger names "
            "'a staff member', and whether that includes a volunteer is not determined by the "
            "rules this library holds (the 2020 guide said it did). Pass apply_2020_rules=True "
            "to apply the 2020 reading, recorded as an inferred choice.",
            _rules.INVESTIGATION_2024,
            _rules.VOLUNTEER_2024,
            review_required=None,
            unknown=(UNKNOWN_2024_VOLUNTEER,),
            investigation_required=None,
        )
    if volunteer:
        return decision(
            FollowUp.INVESTIGATION,
            _rules.APPLY_2020_RULES,
            f"A {what} with the subject of allegation a volunteer requires an incident "
            "investigation under the 2020 guide's reading of 'staff member (including a "
            "volunteer)', applied at the caller's request (apply_2020_rules=True): an inferred "
            "choice, not a rule of the 2024 policy.",
            _rules.INVESTIGATION_2024,
            _rules.VOLUNTEER_2024,
            _rules.APPLY_2020_RULES,
            _rules.INVESTIGATION,
            review_required=False,
            applied=True,
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
                *(
                    (_rules.GROOMING_BETWEEN_CLIENTS_2024,)
                    if ruleset_id == "cims-2024"
                    and incident_type is IncidentType.SEXUAL_EXPLOITATION_GROOMING
                    and subject is AllegationSubject.CLIENT
                    else ()
                ),
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
