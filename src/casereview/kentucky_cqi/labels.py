"""The labels of the Kentucky CQI rulebook: steps, timings, reasons, requesters, levels, vacancies.

Values are labels close to the seed's wording. The enums people fill in by hand accept the short
forms their ``aliases()`` list (:mod:`casereview._aliases`).

>>> ReviewLevel("regional"), VacancyReason("medical leave").name
(<ReviewLevel.SECOND: 'Second-level'>, 'EXTENDED_MEDICAL_LEAVE')
"""

from __future__ import annotations

from casereview._aliases import AliasedLabelEnum
from casereview._labels import LabelEnum

__all__ = [
    "Requester",
    "ReviewLevel",
    "Step",
    "SubstitutionReason",
    "Timing",
    "VacancyReason",
]


class Step(LabelEnum):
    """The steps of the monthly cycle for one TWS-M112 pull, in the order they happen."""

    REPORT_GENERATED = "TWS-M112 report generated"
    LOADED = "Cases loaded into CQI-CARES 2.0"
    FSOS_START = "FSOS initiate reviews"
    SUBSTITUTION_REQUEST = "FSOS requests substitutions from the CQI specialist"
    FSOS_COMPLETE = "FSOS complete all assigned case reviews"
    MONITORING_STARTS = "CQI specialists monitor completion"
    REGIONAL_ASSIGNMENTS = "CQI specialists complete assignments for regional reviewers"
    REGIONAL_COMPLETE = "Regional reviewers complete reviews"
    REGIONAL_MONITORING_STARTS = "CQI specialists monitor completion of regional reviews"


class Timing(LabelEnum):
    """Whether a step is a deadline ("by" the date) or an event ("on" the date)."""

    BY = "by"
    """A deadline: done on or before the date."""
    ON = "on"
    """An event that happens, or starts, on the date."""


class SubstitutionReason(AliasedLabelEnum):
    """The seven reasons for which the substitution clause accepts a substitution.

    Short forms are accepted too (:meth:`aliases`), e.g. ``"sealed"``, ``"controlled access"``,
    ``"transferred out of region"``, ``"previous month"``, ``"extension"``, ``"no CARES
    access"``, ``"rapid response"``.
    """

    PULLED_PREVIOUS_MONTH = "The case was pulled on the previous month's TWS-M112"
    INVESTIGATION_WITH_EXTENSION = "Incomplete investigation given a legitimate extension"
    CONTROLLED_ACCESS = "Controlled access cases"
    SEALED = "Sealed cases"
    TRANSFERRED_OUT_OF_REGION = "Cases transferred out of region"
    REVIEWER_WITHOUT_ACCESS = "Reviewer does not have access to the CARES 2.0 system"
    RAPID_RESPONSE_CASE_MANAGER = "Rapid response staff is the case manager in TWIST"

    @classmethod
    def _alias_spec(cls) -> dict[str, str]:
        return {
            "pulled previous month": "PULLED_PREVIOUS_MONTH",
            "pulled on the previous month's TWS-M112": "PULLED_PREVIOUS_MONTH",
            "pulled last month": "PULLED_PREVIOUS_MONTH",
            "previous month": "PULLED_PREVIOUS_MONTH",
            "extension": "INVESTIGATION_WITH_EXTENSION",
            "investigation with extension": "INVESTIGATION_WITH_EXTENSION",
            "incomplete investigation with extension": "INVESTIGATION_WITH_EXTENSION",
            "incomplete investigation with a legitimate extension": "INVESTIGATION_WITH_EXTENSION",
            "controlled access": "CONTROLLED_ACCESS",
            "controlled access case": "CONTROLLED_ACCESS",
            "sealed": "SEALED",
            "sealed case": "SEALED",
            "transferred out of region": "TRANSFERRED_OUT_OF_REGION",
            "case transferred out of region": "TRANSFERRED_OUT_OF_REGION",
            "transferred": "TRANSFERRED_OUT_OF_REGION",
            "reviewer without access": "REVIEWER_WITHOUT_ACCESS",
            "no CARES access": "REVIEWER_WITHOUT_ACCESS",
            "no access": "REVIEWER_WITHOUT_ACCESS",
            "rapid response": "RAPID_RESPONSE_CASE_MANAGER",
            "rapid response case manager": "RAPID_RESPONSE_CASE_MANAGER",
        }


class Requester(AliasedLabelEnum):
    """Who made a substitution request (the seed: "made by the FSOS to their CQI specialist")."""

    FSOS = "FSOS"
    CQI_SPECIALIST = "CQI specialist"
    REGIONAL_REVIEWER = "Regional reviewer"
    CASE_MANAGER = "Case manager"
    OTHER = "Other"

    @classmethod
    def _alias_spec(cls) -> dict[str, str]:
        return {
            "supervisor": "FSOS",
            "family services office supervisor": "FSOS",
            "CQI": "CQI_SPECIALIST",
            "regional": "REGIONAL_REVIEWER",
            "second level reviewer": "REGIONAL_REVIEWER",
            "caseworker": "CASE_MANAGER",
            "case worker": "CASE_MANAGER",
        }


class ReviewLevel(AliasedLabelEnum):
    """The two levels of a pull's reviews: first-level (the FSOS) and second-level (regional)."""

    FIRST = "First-level"
    SECOND = "Second-level"

    @classmethod
    def _alias_spec(cls) -> dict[str, str]:
        return {
            "first": "FIRST",
            "1": "FIRST",
            "FSOS": "FIRST",
            "second": "SECOND",
            "2": "SECOND",
            "regional": "SECOND",
            "regional review": "SECOND",
        }


class VacancyReason(AliasedLabelEnum):
    """Why an FSOS position counts as vacant.

    Short forms are accepted (:meth:`aliases`): ``"leave"``, ``"medical leave"``,
    ``"transferred out of region"``, ``"transferred"``, ``"unfilled"``, ``"vacant"``.
    """

    LEAVE = "On leave"
    EXTENDED_MEDICAL_LEAVE = "Extended medical leave"
    TRANSFERRED_OUT_OF_REGION = "Transferred to another position outside of the region"
    UNFILLED = "Position not filled"
    """Nobody holds the position (our reading of "include": see the guide)."""

    @classmethod
    def _alias_spec(cls) -> dict[str, str]:
        return {
            "leave": "LEAVE",
            "medical leave": "EXTENDED_MEDICAL_LEAVE",
            "extended leave": "EXTENDED_MEDICAL_LEAVE",
            "transferred out of region": "TRANSFERRED_OUT_OF_REGION",
            "transferred outside of the region": "TRANSFERRED_OUT_OF_REGION",
            "transferred": "TRANSFERRED_OUT_OF_REGION",
            "unfilled": "UNFILLED",
            "vacant": "UNFILLED",
            "vacant position": "UNFILLED",
        }
