"""check_consistency: one test per implausible combination, and the plausible ones stay quiet."""

from __future__ import annotations

import itertools

import pytest

from casereview.errors import MissingElementError, UnknownValueError
from casereview.findings import Provenance, Severity
from casereview.vhims import (
    HarmDuration,
    HarmLevel,
    TreatmentLevel,
    check_consistency,
)
from tests.helpers import normalise_text, seed_text

H, D, T = HarmLevel, HarmDuration, TreatmentLevel


def codes(*args: object) -> list[str]:
    return [f.code for f in check_consistency(*args)]  # type: ignore[arg-type]


@pytest.mark.parametrize("duration", list(HarmDuration))
def test_no_harm_with_a_duration(duration: HarmDuration) -> None:
    assert codes(H.NO_HARM, duration) == ["vhims.consistency.no-harm-with-duration"]
    assert codes(H.NO_HARM) == []


@pytest.mark.parametrize(
    ("treatment", "flagged"),
    [
        (T.ADVANCED, True),
        (T.INTERMEDIATE, True),
        (T.MINOR, False),
        (T.NO_ADDITIONAL_TREATMENT_AND_CARE, False),
    ],
)
def test_no_harm_with_more_than_minor_care(treatment: TreatmentLevel, flagged: bool) -> None:
    expected = ["vhims.consistency.no-harm-with-care"] if flagged else []
    assert codes(H.NO_HARM, None, treatment) == expected


def test_minor_harm_that_is_permanent() -> None:
    assert codes(H.MINOR, D.PERMANENT) == ["vhims.consistency.minor-harm-permanent"]
    assert codes(H.MINOR, D.TEMPORARY) == []


@pytest.mark.parametrize("treatment", list(TreatmentLevel))
def test_minor_harm_with_advanced_care(treatment: TreatmentLevel) -> None:
    flagged = treatment is T.ADVANCED
    assert codes(H.MINOR, D.TEMPORARY, treatment) == (
        ["vhims.consistency.minor-harm-advanced-care"] if flagged else []
    )


@pytest.mark.parametrize("harm", [H.MODERATE, H.SEVERE])
@pytest.mark.parametrize("duration", [None, *HarmDuration])
def test_moderate_or_severe_harm_without_care(
    harm: HarmLevel, duration: HarmDuration | None
) -> None:
    assert codes(harm, duration, T.NO_ADDITIONAL_TREATMENT_AND_CARE) == [
        "vhims.consistency.serious-harm-no-care"
    ]


def test_severe_temporary_harm_with_only_minor_care() -> None:
    assert codes(H.SEVERE, D.TEMPORARY, T.MINOR) == [
        "vhims.consistency.severe-temporary-minor-care"
    ]
    assert codes(H.SEVERE, D.PERMANENT, T.MINOR) == []
    assert codes(H.MODERATE, D.TEMPORARY, T.MINOR) == []


def test_the_worked_examples_are_consistent() -> None:
    assert check_consistency("Moderate", "Temporary", "Intermediate") == ()
    assert check_consistency("Severe", "Temporary", "Advanced") == ()
    assert check_consistency("Minor") == ()
    assert check_consistency("No harm") == ()


def test_exactly_these_combinations_are_flagged() -> None:
    flagged = {
        (h, d, t)
        for h, d, t in itertools.product(HarmLevel, [None, *HarmDuration], [None, *TreatmentLevel])
        if check_consistency(h, d, t)
    }
    expected = (
        {(H.NO_HARM, d, t) for d in HarmDuration for t in [None, *TreatmentLevel]}
        | {(H.NO_HARM, None, t) for t in (T.INTERMEDIATE, T.ADVANCED)}
        | {(H.MINOR, D.PERMANENT, t) for t in [None, *TreatmentLevel]}
        | {(H.MINOR, d, T.ADVANCED) for d in [None, *HarmDuration]}
        | {
            (h, d, T.NO_ADDITIONAL_TREATMENT_AND_CARE)
            for h in (H.MODERATE, H.SEVERE)
            for d in [None, *HarmDuration]
        }
        | {(H.SEVERE, D.TEMPORARY, T.MINOR)}
    )
    assert flagged == expected


def test_findings_are_warnings_with_the_field_the_reason_and_the_clause() -> None:
    (finding,) = check_consistency("minor", "PERMANENT")
    assert finding.severity is Severity.WARNING
    assert finding.field == "duration"
    assert "temporary by definition" in finding.message
    assert finding.citation is not None
    assert finding.citation.provenance is Provenance.INFERRED
    assert finding.citation.note
    assert finding.citation.quote is not None
    assert normalise_text(finding.citation.quote) in seed_text("vhims-isr-guidance")


def test_bad_input_is_refused() -> None:
    with pytest.raises(UnknownValueError) as caught:
        check_consistency("Minor", "Forever")
    assert caught.value.field == "duration"
    with pytest.raises(MissingElementError):
        check_consistency(None)  # type: ignore[arg-type]
