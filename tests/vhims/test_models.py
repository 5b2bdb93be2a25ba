"""The element enums, ClinicalIncident, and the JSON schemas of the public models."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from casereview.errors import MissingElementError, UnknownValueError
from casereview.sources import SOURCES
from casereview.vhims import (
    ClinicalIncident,
    DutyOfCandourDeadlines,
    HarmDuration,
    HarmLevel,
    Isr,
    IsrResult,
    LogicMapRow,
    ReviewRequirement,
    SentinelEventDeadlines,
    TreatmentLevel,
)
from tests.helpers import SEEDS_DIR, assert_matches_snapshot, normalise_text, seed_text


def from_labels(**fields: object) -> ClinicalIncident:
    """Build from labels, as an IMS export or JSON would give them."""
    return ClinicalIncident.model_validate(fields)


def test_labels_are_the_guidance_s_exact_wording() -> None:
    assert [h.value for h in HarmLevel] == [
        "Death",
        "Serious Sexual Safety Event",
        "Severe",
        "Moderate",
        "Minor",
        "No harm",
    ]
    assert [d.value for d in HarmDuration] == ["Permanent", "Temporary"]
    assert [t.value for t in TreatmentLevel] == [
        "Advanced",
        "Intermediate",
        "Minor",
        "No additional treatment and care",
    ]
    # Each enum is exactly the "Value" column of its table in the guidance, in order (not just
    # words that occur somewhere in the text: "Minor" and "Severe" always do).
    seed_text("vhims-isr-guidance")  # skips when the seeds are absent
    for heading, enum in (
        ("Level of harm values and descriptions", HarmLevel),
        ("Duration of harm values and descriptions", HarmDuration),
        ("Level of treatment/care values and descriptions", TreatmentLevel),
    ):
        assert value_column(heading) == [member.value for member in enum], heading


def value_column(heading: str) -> list[str]:
    """The first cells of the tab-separated table under ``heading`` in the raw seed text."""
    source = SOURCES["vhims-isr-guidance"]
    assert source.location is not None
    lines = (SEEDS_DIR / source.location.removeprefix("seed ")).read_text("utf-8").splitlines()
    start = lines.index(heading)
    header = next(i for i in range(start, len(lines)) if lines[i].startswith("Value\t"))
    values = []
    for line in lines[header + 1 :]:
        if line.strip() and "\t" not in line:
            break  # the table ends at the first line of prose
        cell = line.split("\t", 1)[0].strip()
        if "\t" in line and not set(cell) <= {"-"}:
            values.append(cell)
    return values


def test_isr_values_and_labels() -> None:
    assert [(i.name, i.value, i.label) for i in Isr] == [
        ("SEVERE", 1, "Severe"),
        ("MODERATE", 2, "Moderate"),
        ("MINOR", 3, "Minor"),
        ("NO_HARM", 4, "No Harm"),
    ]
    assert str(Isr.MINOR) == "ISR 3 \u2013 Minor"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (1, Isr.SEVERE),
        ("2", Isr.MODERATE),
        (" isr 3 ", Isr.MINOR),
        ("No Harm", Isr.NO_HARM),
        ("no_harm", Isr.NO_HARM),
        (Isr.SEVERE, Isr.SEVERE),
    ],
)
def test_isr_parse(value: object, expected: Isr) -> None:
    assert Isr.parse(value) is expected


@pytest.mark.parametrize("value", [0, 5, "ISR 5", True, 1.0, None, "bad"])
def test_isr_parse_refuses(value: object) -> None:
    with pytest.raises(UnknownValueError) as caught:
        Isr.parse(value, field="rating")
    assert caught.value.field == "rating"


def test_clinical_incident_accepts_members_and_labels() -> None:
    by_label = from_labels(
        harm=" severe ",
        duration="TEMPORARY",
        treatment="advanced",
        clinical_incident="Yes",
        went_as_intended="No",
    )
    by_member = ClinicalIncident(
        harm=HarmLevel.SEVERE,
        duration=HarmDuration.TEMPORARY,
        treatment=TreatmentLevel.ADVANCED,
        clinical_incident=True,
        went_as_intended=False,
    )
    assert by_label == by_member
    assert by_label.isr is Isr.SEVERE
    assert by_label.derive_isr().confirmed


@pytest.mark.parametrize(
    ("field", "value", "allowed"),
    [
        ("harm", "Catastrophic", "'Death'"),
        ("duration", "Forever", "'Permanent'"),
        ("treatment", "Lots", "'No additional treatment and care'"),
    ],
)
def test_clinical_incident_refuses_unknown_labels_listing_the_allowed(
    field: str, value: str, allowed: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        from_labels(**{field: value})
    message = str(caught.value)
    assert field in message
    assert allowed in message


def test_clinical_incident_refuses_unknown_fields_and_is_frozen() -> None:
    with pytest.raises(ValidationError, match="colour"):
        from_labels(colour="red")
    incident = from_labels(harm="Minor")
    with pytest.raises(ValidationError):
        incident.harm = HarmLevel.DEATH  # type: ignore[misc]


def test_a_draft_incident_is_valid_and_says_what_is_missing() -> None:
    draft = from_labels()
    with pytest.raises(MissingElementError) as caught:
        draft.derive_isr()
    assert caught.value.field == "harm"
    with pytest.raises(MissingElementError):
        draft.consistency()
    moderate = from_labels(harm="Moderate")
    with pytest.raises(MissingElementError) as caught:
        _ = moderate.isr
    assert caught.value.field == "duration"


def test_clinical_incident_consistency_and_strict() -> None:
    incident = from_labels(harm="No harm", duration="Temporary")
    assert [f.code for f in incident.consistency()] == ["vhims.consistency.no-harm-with-duration"]
    assert incident.isr is Isr.NO_HARM
    with pytest.raises(ValueError, match="implausible"):
        incident.derive_isr(strict=True)


def test_clinical_incident_sapse() -> None:
    tony = from_labels(
        harm="Severe",
        duration="Temporary",
        treatment="Advanced",
        incident_type="Clinical",
        clinical_incident=True,
        went_as_intended=False,
        under_duty_of_candour=True,
    )
    assert tony.is_sapse()
    assert not tony.model_copy(update={"under_duty_of_candour": False}).is_sapse()
    assert not tony.model_copy(update={"went_as_intended": True}).is_sapse()
    for missing in (
        "incident_type",
        "clinical_incident",
        "went_as_intended",
        "under_duty_of_candour",
    ):
        with pytest.raises(MissingElementError) as caught:
            tony.model_copy(update={missing: None}).is_sapse()
        assert caught.value.field == missing


def test_clinical_incident_round_trips_through_json() -> None:
    incident = from_labels(
        harm="Moderate",
        duration="Temporary",
        treatment="Intermediate",
        incident_type="Clinical",
        clinical_incident=True,
    )
    assert ClinicalIncident.model_validate_json(incident.model_dump_json()) == incident
    assert incident.model_dump(mode="json")["treatment"] == "Intermediate"


@pytest.mark.parametrize(
    "model",
    [
        ClinicalIncident,
        IsrResult,
        LogicMapRow,
        ReviewRequirement,
        SentinelEventDeadlines,
        DutyOfCandourDeadlines,
    ],
    ids=lambda m: m.__name__,
)
def test_json_schema_snapshot(model: type[ClinicalIncident]) -> None:
    assert_matches_snapshot(f"vhims_{model.__name__}.schema.json", model.model_json_schema())


@given(
    st.sampled_from(list(HarmLevel)),
    st.sampled_from([None, *HarmDuration]),
    st.sampled_from([None, *TreatmentLevel]),
    st.sampled_from([None, "Clinical", "Non-clinical"]),
    st.sampled_from([None, True, False]),
    st.sampled_from([None, True, False]),
    st.sampled_from([None, True, False]),
)
def test_the_apse_flag_and_the_other_flags_never_change_the_isr(
    harm: HarmLevel,
    duration: HarmDuration | None,
    treatment: TreatmentLevel | None,
    incident_type: str | None,
    clinical: bool | None,
    as_intended: bool | None,
    under_duty: bool | None,
) -> None:
    """Seed, *Relationship with APSE flag*: "Whether an incident meets the definition of an APSE
    or not should not impact the determination of ISR".

    A regression guard: ``ClinicalIncident.derive_isr`` passes no flag today, so this fails
    only if a change makes it read one. The quote itself is checked against the seed in
    ``test_the_apse_rule_is_the_guidance_s``.
    """

    def outcome(incident: ClinicalIncident) -> object:
        try:
            return incident.derive_isr()
        except MissingElementError as exc:
            return ("missing", exc.field)

    elements = ClinicalIncident(harm=harm, duration=duration, treatment=treatment)
    flagged = ClinicalIncident(
        harm=harm,
        duration=duration,
        treatment=treatment,
        incident_type=incident_type,
        clinical_incident=clinical,
        went_as_intended=as_intended,
        under_duty_of_candour=under_duty,
    )
    assert outcome(flagged) == outcome(elements)


def test_the_apse_rule_is_the_guidance_s() -> None:
    quote = "Whether an incident meets the definition of an APSE or not should not impact the"
    text = seed_text("vhims-isr-guidance")
    assert normalise_text(quote) in text
    assert text.index("Relationship with APSE flag") < text.index(normalise_text(quote))
