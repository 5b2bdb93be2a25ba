"""The follow-up a client incident requires: an investigation, a case or RCA review, or none.

The rules (the tip sheet's regime, incidents submitted 3 Feb 2020 - 8 Dec 2024):

1. A non-major incident needs no follow-up (``cims.follow-up.non-major``, inferred).
2. A major incident of an investigation type is investigated (``cims.follow-up.investigation``,
   secondary): physical, sexual, financial or emotional abuse when the subject of allegation is a
   staff member or a client; poor quality of care; unexplained injury.
3. Every other major incident requires a review (``cims.follow-up.review``, stated): an RCA
   review when service processes or systems were, or appear to be, a significant causal or
   contributing factor (``cims.follow-up.rca-review``), otherwise a case review
   (``cims.follow-up.case-review``). While that is unknown the result is ``FollowUp.REVIEW``
   with ``needs == ("systemic_factors",)``: a review is required, its type is not yet decided.

>>> required_follow_up("Major impact", "Self-harm", systemic_factors=False).follow_up
<FollowUp.CASE_REVIEW: 'Case review'>
>>> decision = required_follow_up("major impact", "self-harm")
>>> decision.follow_up, decision.review_required, decision.needs
(<FollowUp.REVIEW: 'Incident review'>, True, ('systemic_factors',))
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from functools import cache
from itertools import product
from types import MappingProxyType

from casereview._base import FrozenModel
from casereview.cims import _rules
from casereview.cims.models import AllegationSubject, ClientIncident, FollowUp, Impact, IncidentType
from casereview.cims.rulesets import DEFAULT_RULESET, RULESETS, Ruleset, implemented_ruleset
from casereview.errors import CaseReviewError, MissingElementError
from casereview.findings import Citation, Rule

__all__ = ["INVESTIGATION_TYPES", "FollowUpDecision", "follow_up_for", "required_follow_up"]

_ABUSE_BY_STAFF_OR_CLIENT = frozenset({AllegationSubject.STAFF, AllegationSubject.CLIENT})

INVESTIGATION_TYPES: Mapping[IncidentType, frozenset[AllegationSubject] | None] = MappingProxyType(
    {
        IncidentType.PHYSICAL_ABUSE: _ABUSE_BY_STAFF_OR_CLIENT,
        IncidentType.SEXUAL_ABUSE: _ABUSE_BY_STAFF_OR_CLIENT,
        IncidentType.FINANCIAL_ABUSE: _ABUSE_BY_STAFF_OR_CLIENT,
        IncidentType.EMOTIONAL_ABUSE: _ABUSE_BY_STAFF_OR_CLIENT,
        IncidentType.POOR_QUALITY_OF_CARE: None,
        IncidentType.INJURY_UNEXPLAINED: None,
    }
)
"""Major incident types investigated under the 2020 rules, with the subjects of allegation that
make them so (``None``: whoever the subject is). Secondary: the Client incident management guide
(January 2020), as summarised in ``docs/reference/cims.md``."""


class FollowUpDecision(FrozenModel):
    """The follow-up an incident requires, why, and under which ruleset.

    ``follow_up`` is ``FollowUp.REVIEW`` when a review is required but its type awaits the answers
    named in ``needs`` (only ``"systemic_factors"``). ``review_required`` is true for any review.
    """

    follow_up: FollowUp
    review_required: bool
    needs: tuple[str, ...] = ()
    impact: Impact
    incident_type: IncidentType
    subject_of_allegation: AllegationSubject | None
    systemic_factors: bool | None
    ruleset: Ruleset
    rule_id: str
    reason: str
    citations: tuple[Citation, ...]

    @property
    def decided(self) -> bool:
        """The follow-up is fully decided (nothing in ``needs``)."""
        return not self.needs


def required_follow_up(
    impact: Impact | str,
    incident_type: IncidentType | str,
    *,
    subject_of_allegation: AllegationSubject | str | None = None,
    systemic_factors: bool | None = None,
    submitted_on: date | None = None,
) -> FollowUpDecision:
    """The follow-up a client incident report requires.

    Args:
        impact: the incident's impact (a member or its label).
        incident_type: the incident type (a member or its label).
        subject_of_allegation: who is alleged to have caused an abuse incident; required for a
            major abuse incident, ignored otherwise.
        systemic_factors: whether service processes or systems were, or appear to be, a
            significant causal or contributing factor; decides between an RCA review and a case
            review. ``None`` while unknown.
        submitted_on: the day the incident report was submitted, which selects the ruleset;
            ``None`` uses the tip sheet's regime (3 Feb 2020 - 8 Dec 2024).

    Raises:
        UnknownValueError: an unknown label; the message lists the allowed labels.
        MissingElementError: a major abuse incident without ``subject_of_allegation``.
        CaseReviewError: ``systemic_factors`` is not a bool, or ``submitted_on`` is not a date
            or falls under a ruleset this library does not implement (the message names it).
    """
    # Hot path: members skip parsing; the outcome is a look-up in a precomputed table.
    key = (
        impact if type(impact) is Impact else Impact.parse(impact, field="impact"),
        incident_type
        if type(incident_type) is IncidentType
        else IncidentType.parse(incident_type, field="incident_type"),
        subject_of_allegation
        if subject_of_allegation is None or type(subject_of_allegation) is AllegationSubject
        else AllegationSubject.parse(subject_of_allegation, field="subject_of_allegation"),
        _check_systemic(systemic_factors),
    )
    ruleset = DEFAULT_RULESET if submitted_on is None else implemented_ruleset(submitted_on)
    outcome = _table(ruleset.id)[key]
    if isinstance(outcome, str):
        raise MissingElementError("subject_of_allegation", outcome)
    return outcome


def follow_up_for(incident: ClientIncident) -> FollowUpDecision:
    """:func:`required_follow_up` for an incident; its ``reported_on`` selects the ruleset."""
    if not isinstance(incident, ClientIncident):
        raise CaseReviewError(
            f"incident: expected a ClientIncident, got {type(incident).__name__}", field="incident"
        )
    return required_follow_up(
        incident.impact,
        incident.incident_type,
        subject_of_allegation=incident.subject_of_allegation,
        systemic_factors=incident.systemic_factors,
        submitted_on=incident.reported_on,
    )


def _check_systemic(value: object) -> bool | None:
    if value is None or type(value) is bool:
        return value
    raise CaseReviewError(
        f"systemic_factors: expected True, False or None (unknown), got {value!r}",
        field="systemic_factors",
    )


_Key = tuple[Impact, IncidentType, AllegationSubject | None, bool | None]


@cache
def _table(ruleset_id: str) -> Mapping[_Key, FollowUpDecision | str]:
    """Every input combination's outcome, computed once per ruleset (a str: what is missing)."""
    (ruleset,) = (r for r in RULESETS if r.id == ruleset_id)
    subjects: tuple[AllegationSubject | None, ...] = (None, *AllegationSubject)
    return MappingProxyType(
        {
            key: _decide(ruleset, *key)
            for key in product(Impact, IncidentType, subjects, (None, False, True))
        }
    )


def _decide(
    ruleset: Ruleset,
    impact: Impact,
    incident_type: IncidentType,
    subject: AllegationSubject | None,
    systemic: bool | None,
) -> FollowUpDecision | str:
    what = f"{impact.value.lower()} {incident_type.value.lower()} incident"
    ruleset_cite = _rules.RULESET_SELECTION.citation

    def decision(
        follow_up: FollowUp, rule: Rule, reason: str, *cited: Rule, needs: tuple[str, ...] = ()
    ) -> FollowUpDecision:
        return FollowUpDecision(
            follow_up=follow_up,
            review_required=follow_up.is_review,
            needs=needs,
            impact=impact,
            incident_type=incident_type,
            subject_of_allegation=subject,
            systemic_factors=systemic,
            ruleset=ruleset,
            rule_id=rule.id,
            reason=reason,
            citations=(*(r.citation for r in cited), ruleset_cite),
        )

    if impact is Impact.NON_MAJOR:
        return decision(
            FollowUp.NONE,
            _rules.NON_MAJOR,
            f"A {what} needs neither an investigation nor a review.",
            _rules.NON_MAJOR,
        )
    if incident_type in INVESTIGATION_TYPES:
        investigated_subjects = INVESTIGATION_TYPES[incident_type]
        if investigated_subjects is None:
            return decision(
                FollowUp.INVESTIGATION,
                _rules.INVESTIGATION,
                f"A {what} requires an incident investigation.",
                _rules.MAJOR_FOLLOW_UP,
                _rules.INVESTIGATION,
            )
        if subject is None:
            allowed = ", ".join(repr(s.value) for s in AllegationSubject)
            return (
                f"a {what} is investigated when the subject of allegation is a staff member or a "
                f"client and reviewed otherwise; give one of {allowed}"
            )
        if subject in investigated_subjects:
            return decision(
                FollowUp.INVESTIGATION,
                _rules.INVESTIGATION,
                f"A {what} with the subject of allegation a {subject.value.lower()} requires an "
                "incident investigation.",
                _rules.MAJOR_FOLLOW_UP,
                _rules.INVESTIGATION,
            )
        what += f" with the subject of allegation '{subject.value.lower()}'"
    not_investigated = f"A {what} is not an investigation type, so it requires an incident review"
    review_rules = (_rules.MAJOR_FOLLOW_UP, _rules.INVESTIGATION, _rules.REVIEW)
    if systemic is None:
        return decision(
            FollowUp.REVIEW,
            _rules.REVIEW,
            f"{not_investigated}: an RCA review if service processes or systems were, or appear "
            "to be, a significant causal or contributing factor, otherwise a case review; "
            "systemic_factors is needed to decide which.",
            *review_rules,
            _rules.CASE_REVIEW,
            _rules.RCA_REVIEW,
            needs=("systemic_factors",),
        )
    if systemic:
        return decision(
            FollowUp.RCA_REVIEW,
            _rules.RCA_REVIEW,
            f"{not_investigated}; service processes or systems were, or appear to be, a "
            "significant causal or contributing factor: a root cause analysis review.",
            *review_rules,
            _rules.RCA_REVIEW,
        )
    return decision(
        FollowUp.CASE_REVIEW,
        _rules.CASE_REVIEW,
        f"{not_investigated}; service processes or systems were not, and do not appear to be, a "
        "significant causal or contributing factor: a case review.",
        *review_rules,
        _rules.CASE_REVIEW,
    )
