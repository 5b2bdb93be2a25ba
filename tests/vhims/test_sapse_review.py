"""is_sapse (the guidance's four criteria) and the minimum review level."""

from __future__ import annotations

import itertools
from typing import Any

import pytest

from casereview.errors import CaseReviewError, MissingElementError, UnknownValueError
from casereview.findings import Provenance
from casereview.vhims import (
    Isr,
    ReviewLevel,
    is_sapse,
    minimum_review,
    review_requirement,
)
from tests.helpers import ROOT


@pytest.mark.parametrize(
    ("incident_type", "isr", "clinical", "as_intended"),
    list(itertools.product(["Clinical", "Non-clinical"], list(Isr), [True, False], [True, False])),
)
def test_sapse_needs_all_four_criteria(
    incident_type: str, isr: Isr, clinical: bool, as_intended: bool
) -> None:
    expected = (
        incident_type == "Clinical" and isr in (Isr.SEVERE, Isr.MODERATE) and clinical
    ) and not as_intended
    assert (
        is_sapse(
            incident_type=incident_type,
            isr=isr,
            clinical_incident=clinical,
            went_as_intended=as_intended,
        )
        is expected
    )


def test_sapse_accepts_the_mds_spellings() -> None:
    assert is_sapse(
        incident_type=" CLINICAL ", isr="1", clinical_incident="yes", went_as_intended="No"
    )
    assert is_sapse(
        incident_type="clinical", isr="ISR 2", clinical_incident="Yes", went_as_intended="NO"
    )
    assert not is_sapse(
        incident_type="Clinical", isr=3, clinical_incident="Yes", went_as_intended="No"
    )


def test_sapse_only_for_services_under_the_duty_of_candour() -> None:
    kwargs = {
        "incident_type": "Clinical",
        "isr": 1,
        "clinical_incident": True,
        "went_as_intended": False,
    }
    assert is_sapse(**kwargs, under_duty_of_candour=True)  # type: ignore[arg-type]
    assert not is_sapse(**kwargs, under_duty_of_candour=False)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("kwargs", "field", "error"),
    [
        ({"clinical_incident": "maybe"}, "clinical_incident", CaseReviewError),
        ({"went_as_intended": 1}, "went_as_intended", CaseReviewError),
        ({"isr": 5}, "isr", UnknownValueError),
        ({"isr": True}, "isr", UnknownValueError),
        ({"incident_type": ""}, "incident_type", CaseReviewError),
        ({"incident_type": None}, "incident_type", CaseReviewError),
    ],
)
def test_sapse_refuses_bad_input_naming_the_field(
    kwargs: dict[str, object], field: str, error: type[Exception]
) -> None:
    args: dict[str, object] = {
        "incident_type": "Clinical",
        "isr": 1,
        "clinical_incident": True,
        "went_as_intended": False,
    }
    args.update(kwargs)
    with pytest.raises(error) as caught:
        is_sapse(**args)  # type: ignore[arg-type]
    assert isinstance(caught.value, CaseReviewError)
    assert caught.value.field == field


# --------------------------------------------------------------------------- minimum review


@pytest.mark.parametrize(
    ("isr", "system_issues", "expected", "rule_id"),
    [
        (Isr.SEVERE, True, ReviewLevel.ROOT_CAUSE_ANALYSIS, "vhims.review.isr1-system-issues-rca"),
        (Isr.SEVERE, False, ReviewLevel.IN_DEPTH_CASE_REVIEW, "vhims.review.isr1-in-depth"),
        (Isr.MODERATE, None, ReviewLevel.IN_DEPTH_CASE_REVIEW, "vhims.review.isr2-in-depth"),
        (Isr.MODERATE, True, ReviewLevel.IN_DEPTH_CASE_REVIEW, "vhims.review.isr2-in-depth"),
        (Isr.MINOR, None, ReviewLevel.AGGREGATE_REVIEW, "vhims.review.isr3-4-aggregate"),
        (Isr.NO_HARM, False, ReviewLevel.AGGREGATE_REVIEW, "vhims.review.isr3-4-aggregate"),
    ],
)
def test_minimum_review_by_isr(
    isr: Isr, system_issues: bool | None, expected: ReviewLevel, rule_id: str
) -> None:
    assert minimum_review(isr, system_or_process_issues=system_issues) is expected
    requirement = review_requirement(isr, system_or_process_issues=system_issues)
    assert (requirement.level, requirement.rule_id) == (expected, rule_id)
    # The complement reading of ISR 1 without system issues is ours (audit defect 5).
    ours = rule_id == "vhims.review.isr1-in-depth"
    assert requirement.citations[0].provenance is (
        Provenance.INFERRED if ours else Provenance.SECONDARY
    )
    assert requirement.citations[1].provenance is Provenance.STATED


@pytest.mark.parametrize("isr", list(Isr))
@pytest.mark.parametrize("system_issues", [None, True, False])
def test_sentinel_events_always_have_an_rca(isr: Isr, system_issues: bool | None) -> None:
    assert (
        minimum_review(isr, sentinel_event=True, system_or_process_issues=system_issues)
        is ReviewLevel.ROOT_CAUSE_ANALYSIS
    )
    assert review_requirement(isr, sentinel_event=True).rule_id == "vhims.review.sentinel-event-rca"


def test_isr_1_needs_to_know_about_system_or_process_issues() -> None:
    with pytest.raises(MissingElementError) as caught:
        minimum_review(Isr.SEVERE)
    assert caught.value.field == "system_or_process_issues"
    assert "root cause analysis" in str(caught.value)


def test_minimum_review_takes_numbers_and_labels() -> None:
    assert minimum_review(2) is minimum_review("ISR 2") is minimum_review("Moderate")
    with pytest.raises(UnknownValueError) as caught:
        minimum_review(0)
    assert caught.value.field == "isr"
    # Facts follow the input policy's flags: Yes/No labels are read, anything else refused.
    assert minimum_review(2, sentinel_event="Yes") is ReviewLevel.ROOT_CAUSE_ANALYSIS  # type: ignore[arg-type]
    assert minimum_review(1, system_or_process_issues="no") is (  # type: ignore[arg-type]
        ReviewLevel.IN_DEPTH_CASE_REVIEW
    )
    with pytest.raises(CaseReviewError, match="sentinel_event"):
        minimum_review(2, sentinel_event="y")  # type: ignore[arg-type]
    with pytest.raises(CaseReviewError, match="system_or_process_issues"):
        minimum_review(1, system_or_process_issues=1)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- visible defaults


def test_the_defaults_say_what_they_assume() -> None:
    """Audit defects 2 and 7: the contract keeps ``under_duty_of_candour=True`` and
    ``sentinel_event=False``, so the docs must say what a call that leaves them out assumes."""
    import inspect

    from casereview.vhims import ClinicalIncident, HarmDuration, HarmLevel, TreatmentLevel

    sapse_default = inspect.signature(is_sapse).parameters["under_duty_of_candour"].default
    sentinel_default = inspect.signature(minimum_review).parameters["sentinel_event"].default
    assert (sapse_default, sentinel_default) == (True, False)  # the ARCHITECTURE contract

    def plain(text: str | None) -> str:
        return " ".join((text or "").replace("*", "").split())

    guide = plain((ROOT / "docs" / "vhims.md").read_text(encoding="utf-8"))
    for said in (plain(is_sapse.__doc__), guide):
        assert "as if the service is under statutory duty of candour obligations" in said
    for said in (plain(minimum_review.__doc__), guide):
        assert "as if the incident is not a sentinel event" in said
    # The record keeps no such default: the flag is asked for when it matters.
    rebecca = ClinicalIncident(
        harm=HarmLevel.MODERATE,
        duration=HarmDuration.TEMPORARY,
        treatment=TreatmentLevel.INTERMEDIATE,
        incident_type="Clinical",
        clinical_incident=True,
        went_as_intended=False,
    )
    assert rebecca.under_duty_of_candour is None
    with pytest.raises(MissingElementError) as caught:
        rebecca.is_sapse()
    assert caught.value.field == "under_duty_of_candour"


def test_the_demo_never_says_sapse_without_the_sdc_condition() -> None:
    from casereview.vhims._demo import section

    lines = [line for line in section() if "SAPSE" in line and ": yes" in line]
    assert lines  # Rebecca and Tony
    for line in lines:
        assert "under SDC obligations" in line, line
    reviews = [line for line in section() if "minimum review" in line]
    assert reviews
    assert all("not a sentinel event" in line for line in reviews)


@pytest.mark.parametrize(
    "given",
    [
        {"incident_type": None, "isr": 3},  # ISR 3 already fails
        {"incident_type": "Non-clinical", "isr": None},  # not Clinical already fails
        {"incident_type": "Clinical", "isr": 1, "clinical_incident": "No"},
        {"incident_type": "Clinical", "isr": 2, "went_as_intended": "Yes"},
        {"incident_type": "Clinical", "isr": 2, "under_duty_of_candour": False},
    ],
)
def test_is_sapse_is_false_when_a_given_criterion_fails_whatever_is_missing(
    given: dict[str, object],
) -> None:
    # Issue 11: is_sapse asked for elements although the answer was already certainly False.
    kwargs: dict[str, Any] = {
        "incident_type": None,
        "isr": None,
        "clinical_incident": None,
        "went_as_intended": None,
    } | given
    assert is_sapse(**kwargs) is False


def test_is_sapse_asks_for_a_missing_element_only_when_the_answer_depends_on_it() -> None:
    with pytest.raises(MissingElementError, match=r"^went_as_intended is required"):
        is_sapse(
            incident_type="Clinical",
            isr=1,
            clinical_incident="Yes",
            went_as_intended=float("nan"),  # type: ignore[arg-type]
        )
    with pytest.raises(MissingElementError, match=r"^incident_type is required"):
        is_sapse(incident_type="  ", isr=1, clinical_incident=True, went_as_intended=False)
