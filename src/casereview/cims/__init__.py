"""Victorian Client Incident Management System (CIMS): follow-up, due date, completeness.

Source: the CIMS case review tip sheet (DFFH, April 2023), quoting the Client incident
management guide (January 2020), and the DFFH pages on the policy in force from 9 December 2024;
see ``docs/cims.md`` for each rule beside the sentence it implements, and for which rules of
each regime are implemented, secondary or unknown.

* :func:`required_follow_up` — investigation, case review, RCA review or none, by ruleset
  (``cims-2020`` or ``cims-2024``); ``decided`` is false when the rules held do not decide.
* :func:`case_review_due_date` — the 21st business day after endorsement (Victoria).
* :func:`extension_decision` — extensions are not applicable to case reviews.
* :func:`validate_case_review` — the tip sheet's minimum content and practice rules.
* :func:`can_combine` — one case review for several incidents of one client.

>>> from datetime import date
>>> required_follow_up("Major impact", "Unexplained injury").follow_up
<FollowUp.INVESTIGATION: 'Incident investigation'>
>>> case_review_due_date(date(2024, 12, 2))
datetime.date(2025, 1, 3)
>>> required_follow_up("Major impact", "Neglect", occurred_on=date(2026, 1, 5)).ruleset.id
'cims-2024'
"""

from casereview.cims._rules import RULE_RULESETS, RULES
from casereview.cims.combining import (
    SIMILAR_INCIDENT_TYPES,
    CombineAssessment,
    CombineResult,
    can_combine,
)
from casereview.cims.completeness import validate_case_review
from casereview.cims.due_date import (
    CASE_REVIEW_BUSINESS_DAYS,
    CaseReviewDue,
    ExtensionDecision,
    case_review_due,
    case_review_due_date,
    extension_decision,
)
from casereview.cims.follow_up import (
    INVESTIGATION_TYPES,
    INVESTIGATION_TYPES_2024,
    FollowUpDecision,
    follow_up_for,
    required_follow_up,
)
from casereview.cims.models import (
    Action,
    AllegationSubject,
    Barrier,
    CaseReviewReport,
    ClientIncident,
    ClientParticipation,
    FollowUp,
    Impact,
    IncidentFrequency,
    IncidentType,
)
from casereview.cims.rulesets import (
    DEFAULT_RULESET,
    RULESETS,
    Ruleset,
    RulesetChoice,
    choose_ruleset,
    implemented_ruleset,
    ruleset_for,
)

__all__ = [
    "CASE_REVIEW_BUSINESS_DAYS",
    "DEFAULT_RULESET",
    "INVESTIGATION_TYPES",
    "INVESTIGATION_TYPES_2024",
    "RULES",
    "RULESETS",
    "RULE_RULESETS",
    "SIMILAR_INCIDENT_TYPES",
    "Action",
    "AllegationSubject",
    "Barrier",
    "CaseReviewDue",
    "CaseReviewReport",
    "ClientIncident",
    "ClientParticipation",
    "CombineAssessment",
    "CombineResult",
    "ExtensionDecision",
    "FollowUp",
    "FollowUpDecision",
    "Impact",
    "IncidentFrequency",
    "IncidentType",
    "Ruleset",
    "RulesetChoice",
    "can_combine",
    "case_review_due",
    "case_review_due_date",
    "choose_ruleset",
    "extension_decision",
    "follow_up_for",
    "implemented_ruleset",
    "required_follow_up",
    "ruleset_for",
    "validate_case_review",
]
