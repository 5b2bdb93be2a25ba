"""The CIMS types: incidents, follow-ups, case review reports and their actions.

Enums carry readable labels (``"Physical abuse"``, ``"one-off"``) and parse forgivingly at the
edge (any case, folded white space, or the member name). Models are frozen and refuse malformed
data (a wrong type, an impossible date, an unknown label) with a pydantic error naming the field.
A draft case review with missing parts is a valid :class:`CaseReviewReport`; what it lacks is
reported by :func:`casereview.cims.validate_case_review`.

>>> from datetime import date
>>> incident = ClientIncident(
...     id="CIMS-1001", client="C-42", incident_type="physical abuse", impact="Major impact",
...     subject_of_allegation="staff member", occurred_on=date(2024, 3, 4),
... )
>>> incident.incident_type, incident.subject_of_allegation
(<IncidentType.PHYSICAL_ABUSE: 'Physical abuse'>, <AllegationSubject.STAFF: 'Staff member'>)
>>> IncidentFrequency.parse("Pattern for  CLIENT", field="incident_frequency")
<IncidentFrequency.PATTERN_FOR_CLIENT: 'pattern for client'>
>>> AllegationSubject.parse("volunteer", field="subject_of_allegation")
<AllegationSubject.VOLUNTEER: 'Volunteer'>
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import Field, ValidationInfo, field_validator, model_validator

from casereview._base import FrozenModel
from casereview._labels import LabelEnum
from casereview.actions import Action as _SharedAction

__all__ = [
    "Action",
    "AllegationSubject",
    "Barrier",
    "CaseReviewReport",
    "ClientIncident",
    "ClientParticipation",
    "FollowUp",
    "Impact",
    "IncidentFrequency",
    "IncidentType",
]

_Text = Annotated[str, Field(min_length=1)]


class Impact(LabelEnum):
    """The impact rating of a client incident (Client incident management guide, January 2020).

    *Major impact*: the unanticipated death of a client; severe physical, emotional or
    psychological injury or suffering likely to cause ongoing trauma; or a pattern of incidents
    for one client that together reach that level. *Non-major impact*: everything below that.
    """

    MAJOR = "Major impact"
    NON_MAJOR = "Non-major impact"


class IncidentType(LabelEnum):
    """Client incident types the follow-up rules distinguish.

    The abuse types include their sub-kinds as the guide groups them: sexual abuse includes sexual
    exploitation; emotional abuse includes psychological and cultural abuse.
    ``SEXUAL_EXPLOITATION_GROOMING`` and ``NEGLECT`` are named by the 2024 policy's public
    pages, spelt as they spell them ("Sexual exploitation \u2013 grooming", with an en dash;
    a hyphen is accepted too). ``OTHER`` stands for any CIMS incident type not listed here
    that is not abuse, neglect or an injury (none of which calls for an investigation under
    either ruleset held; the full 2024 type list is not known).
    """

    PHYSICAL_ABUSE = "Physical abuse"
    SEXUAL_ABUSE = "Sexual abuse"
    SEXUAL_EXPLOITATION_GROOMING = "Sexual exploitation \u2013 grooming"
    FINANCIAL_ABUSE = "Financial abuse"
    EMOTIONAL_ABUSE = "Emotional abuse"
    NEGLECT = "Neglect"
    POOR_QUALITY_OF_CARE = "Poor quality of care"
    INJURY_UNEXPLAINED = "Unexplained injury"
    INJURY_EXPLAINED = "Explained injury"
    SELF_HARM = "Self-harm"
    DEATH = "Death"
    MEDICATION_ERROR = "Medication error"
    ABSENT_CLIENT = "Absent client"
    OTHER = "Other incident type"

    @classmethod
    def _missing_(cls, value: object) -> IncidentType | None:
        found = super()._missing_(value)
        if found is None and isinstance(value, str):
            found = super()._missing_(value.replace("-", "\u2013"))
        return found

    @classmethod
    def parse(cls, value: object, *, field: str) -> IncidentType:
        """The member for ``value``; "Sexual exploitation - grooming" (a hyphen) is accepted."""
        if isinstance(value, str) and not isinstance(value, cls) and "-" in value:
            found = cls._missing_(value)
            if found is not None:
                return found
        return super().parse(value, field=field)

    @property
    def is_abuse(self) -> bool:
        """One of the abuse types (physical, sexual, grooming, financial, emotional)."""
        return self in _ABUSE


_ABUSE = frozenset(
    {
        IncidentType.PHYSICAL_ABUSE,
        IncidentType.SEXUAL_ABUSE,
        IncidentType.SEXUAL_EXPLOITATION_GROOMING,
        IncidentType.FINANCIAL_ABUSE,
        IncidentType.EMOTIONAL_ABUSE,
    }
)


class AllegationSubject(LabelEnum):
    """Who is alleged to have caused an abuse incident (the *subject of allegation*)."""

    STAFF = "Staff member"
    """A staff member of the service provider. A volunteer is entered as :attr:`VOLUNTEER`:
    whether a "staff member" includes one depends on the regime."""
    VOLUNTEER = "Volunteer"
    """A volunteer of the service provider. Investigated like a staff member under
    ``cims-2020`` (the 2020 guide: "staff member (including a volunteer)"); not determined under
    ``cims-2024``, whose pages say only "staff member" (``cims.cims-2024.follow-up.volunteer``)."""
    CLIENT = "Client"
    """Another client."""
    OTHER = "Other person"
    """Anyone else (a family member, a member of the public, an unknown person)."""


class FollowUp(LabelEnum):
    """The follow-up a client incident report requires.

    ``UNDETERMINED`` ("Not determined") is the answer when the follow-up is not decided: the
    incident needs no investigation, and the rules held and the answers given do not decide what
    follows. It replaces the former ``REVIEW`` ("Incident review"). The decision says why:

    * under ``cims-2020``, a review is required (``review_required is True``) but its type awaits
      ``systemic_factors`` (named in ``needs``);
    * under ``cims-2024``, the policy's review rules are not held (``review_required is None``,
      the gap named in ``unknown``) unless the caller opts in to the 2020 rules.

    It is never a guess, and never a default for a decided follow-up.
    """

    INVESTIGATION = "Incident investigation"
    CASE_REVIEW = "Case review"
    RCA_REVIEW = "Root cause analysis review"
    NONE = "No follow-up required"
    UNDETERMINED = "Not determined"

    @property
    def is_review(self) -> bool:
        """A case review or an RCA review."""
        return self in (FollowUp.CASE_REVIEW, FollowUp.RCA_REVIEW)


class IncidentFrequency(LabelEnum):
    """The tip sheet's incident frequency: one-off / pattern for staff / pattern for client."""

    ONE_OFF = "one-off"
    PATTERN_FOR_STAFF = "pattern for staff"
    PATTERN_FOR_CLIENT = "pattern for client"


class Barrier(LabelEnum):
    """The tip sheet's barriers to completing every component of a case review."""

    CLIENT_LEFT = "Client no longer a client of the service provider nor of Child Protection"
    STAFF_LEFT = "Critical staff no longer employees of the service provider"
    POOR_DOCUMENTATION = "Poor documentation of the actions taken during or following the incident"
    """Within the provider's influence: the action plan should include a record-keeping action."""


class ClientIncident(FrozenModel):
    """One client incident report.

    ``reported_on`` is the day the report was submitted in CIMS (it selects the ruleset; without
    it, ``occurred_on`` and ``endorsed_on`` may); ``endorsed_on`` the day it was endorsed (the
    case review clock starts then). The dates may be left out while they are unknown, but dates
    given must be in order — occurred, reported, endorsed — or the record is refused (the one
    date-order policy: :class:`CaseReviewReport` refuses a review dated before endorsement).
    ``systemic_factors`` records, once known, whether service processes or systems were, or appear
    to be, a significant causal or contributing factor.
    """

    id: _Text
    client: _Text
    incident_type: IncidentType
    impact: Impact
    subject_of_allegation: AllegationSubject | None = None
    systemic_factors: bool | None = None
    occurred_on: date | None = None
    reported_on: date | None = None
    endorsed_on: date | None = None

    @field_validator("reported_on")
    @classmethod
    def _reported_after_occurred(cls, value: date | None, info: ValidationInfo) -> date | None:
        occurred = info.data.get("occurred_on")
        if value is not None and occurred is not None and value < occurred:
            msg = f"reported_on {value} is before occurred_on {occurred}"
            raise ValueError(msg)
        return value

    @field_validator("endorsed_on")
    @classmethod
    def _endorsed_after_reported(cls, value: date | None, info: ValidationInfo) -> date | None:
        for earlier in ("reported_on", "occurred_on"):
            other = info.data.get(earlier)
            if value is not None and other is not None and value < other:
                msg = f"endorsed_on {value} is before {earlier} {other}"
                raise ValueError(msg)
        return value


class Action(_SharedAction):
    """One action of a case review action plan.

    Extends :class:`casereview.actions.Action` (``description``, ``responsible``,
    ``target_date``) with two flags the tip sheet's rules need:

    * ``taken_at_time_of_incident`` — the action was taken when the incident happened. The plan
      "should not be a re-statement of actions taken at the time of the incident".
    * ``addresses_record_keeping`` — the action improves documentation / record keeping (for
      example refresher training on record keeping policy), the improvement a documentation
      barrier calls for. An explicit flag, not a guess from the description's words.

    Both default to ``None`` (the report does not say): no default asserts a fact. A rule that
    needs the answer reports it as not checkable (info), never as a breach.
    """

    taken_at_time_of_incident: bool | None = None
    addresses_record_keeping: bool | None = None


class ClientParticipation(FrozenModel):
    """How the client took part in the review (each answer may be left out of a draft).

    * ``client_engaged`` — the client was engaged in the review process.
    * ``interviews_conducted`` — interviews (of clients, staff or managers) were conducted.
    * ``key_support_person_offered`` — appropriate support, including a key support person, was
      offered to the client.
    * ``child_protection_client`` — the client is a child protection client.
    * ``child_protection_engaged`` — engagement with Child Protection staff to help engage the
      client is documented.
    * ``care_team_discussion`` — the completed review was (or is scheduled to be) discussed at the
      client's Care Team meeting.
    """

    client_engaged: bool | None = None
    interviews_conducted: bool | None = None
    key_support_person_offered: bool | None = None
    child_protection_client: bool | None = None
    child_protection_engaged: bool | None = None
    care_team_discussion: bool | None = None


class CaseReviewReport(FrozenModel):
    """A CIMS case review report, complete or draft.

    The tip sheet's minimum content, in its order: ``incident_summary``,
    ``management_assessment``, ``contributing_factors``, ``actions`` (each with the staff member
    responsible and a target date), ``administrative_information``, ``incident_frequency``,
    ``reviewer_name`` and ``reviewer_position``, ``review_date``. Also: ``incident_ids`` (one, or
    several when incidents are combined), ``endorsed_on`` (the incident report's endorsement, which
    starts the 21-business-day clock), ``barriers`` to completion and the client's
    ``participation``. Every content field may be left out of a draft; a ``review_date`` before
    ``endorsed_on`` is refused (dates out of order, as :class:`ClientIncident` refuses them).
    """

    incident_ids: tuple[_Text, ...] = ()
    incident_summary: _Text | None = None
    management_assessment: _Text | None = None
    contributing_factors: tuple[_Text, ...] = ()
    actions: tuple[Action, ...] = ()
    administrative_information: _Text | None = None
    incident_frequency: IncidentFrequency | None = None
    reviewer_name: _Text | None = None
    reviewer_position: _Text | None = None
    review_date: date | None = None
    endorsed_on: date | None = None
    barriers: tuple[Barrier, ...] = ()
    participation: ClientParticipation | None = None

    @model_validator(mode="after")
    def _reviewed_after_endorsed(self) -> CaseReviewReport:
        review, endorsed = self.review_date, self.endorsed_on
        if review is not None and endorsed is not None and review < endorsed:
            msg = f"review_date {review} is before endorsed_on {endorsed}"
            raise ValueError(msg)
        return self
